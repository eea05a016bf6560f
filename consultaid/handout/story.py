"""The handout's story: which parts a patient gets, in which order, for their screening result.

* **May proceed** — the full sheet: page 1 holds the result, the decision, the key facts with
  numbers, the price and the clinic's phone; then the options side by side, the treatment in
  detail, cost and the clinic's interest (before any signature), safety and contact.
* **Needs review** — what is still being checked and what happens next, with the decision and
  the options so the patient can think while waiting; no procedure, no follow-up plan after an
  injection, no signature.
* **Deferred / not eligible** — a short sheet (1–2 pages): what the result means, what to do
  instead (standard care), when we check again, whom to call. No benefits table, procedure
  steps, post-injection plan or "book your next visit".
"""

from __future__ import annotations

import re
from itertools import zip_longest
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from consultaid.content.pack import ConditionPanel, ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult, Verdict
from consultaid.handout import styles as st
from consultaid.handout.blocks import Blocks
from consultaid.handout.fonts import FontSet
from consultaid.handout.parts import (
    IfItFits,
    SplitTable,
    outline,
)
from consultaid.handout.signature import DrawnSignature
from consultaid.handout.text import TextCleaner
from consultaid.settings import ClinicSettings, jurisdiction_name

NOTE_LINES = 3


class StoryBuilder(Blocks):
    """Turns the inputs into a list of flowables, one method per part of the handout."""

    def __init__(
        self,
        consultation: Consultation,
        pack: ContentPack,
        settings: ClinicSettings,
        condition: ConditionPanel,
        screening: ScreeningResult,
        fonts: FontSet,
        styles: st.HandoutStyles,
        cleaner: TextCleaner,
        frame: tuple[float, float],
        warnings: list[str],
    ) -> None:
        self.c = consultation
        self.pack = pack
        self.settings = settings
        self.condition = condition
        self.screening = screening
        self.fonts = fonts
        self.warnings = warnings
        super().__init__(styles, cleaner, pack.handout, frame)

    # which parts, in which order ---------------------------------------------------------------
    def build(self) -> list[Flowable]:
        verdict = self.screening.verdict
        story = self.opening()
        if verdict in (Verdict.DEFERRED, Verdict.NOT_ELIGIBLE):
            story += self.outcome()
            story += self.section("means", self.bullets(self.outcome_text.means))
            story += self.instead()
            story += self.contact()
            story += self.notes(lines=2)
            story += self.signatures() if self.c.acknowledgement else []
            return story
        if verdict is Verdict.NEEDS_REVIEW:
            story += self.outcome()
            story += self.decision()
            story += self.options()
            story += self.cost()
            story += self.regulatory()
            story += self.when_to_call()
            story += self.urgent_care()
            story += self.section("questions", self.bullets(self.text.questions))
            story += self.notes()
            story += self.signatures() if self.c.acknowledgement else []
            story += self.glossary()
            story += self.sources()
            return story
        story += self.outcome()
        story += self.decision()
        story += self.options()
        story += self.condition_part()
        story += self.benefits_and_limits()
        story += self.product()
        story += self.cost()
        story += self.section("path", [
            self.p(step, self.s.numbered, bullet=f"{n}.")
            for n, step in enumerate(self.condition.patient.path, 1)])
        story += self.regulatory()
        story += self.follow_up()
        story += self.when_to_call()
        story += self.urgent_care()
        story += self.section("questions", self.bullets(self.text.questions))
        story += self.next_steps()
        story += self.notes()
        story += self.signatures()
        story += self.glossary()
        story += self.sources()
        return story

    @property
    def outcome_text(self) -> Any:
        return self.text.outcomes[self.screening.verdict]

    # the parts ---------------------------------------------------------------------------------
    def opening(self) -> list[Flowable]:
        from consultaid.handout.letterhead import letterhead

        story: list[Flowable] = [*letterhead(self), self.p(self.text.title, self.s.title),
                                 self.p(self.text.intro, self.s.intro)]
        if self.pack.translation is not None and self.pack.translation_pending:
            story += [self.whole(self.box([self.p(self.pack.translation.notice)],
                                          st.NOTICE_TINT, st.NOTICE_EDGE)), Spacer(1, self.pad)]
        if self.pack.is_due_for_review(self.c.visit_date):
            story += [self.whole(self.box([self.p(self.text.review_due_notice)],
                                          st.NOTICE_TINT, st.NOTICE_EDGE)), Spacer(1, self.pad)]
        return story + self.patient_details()

    def patient_details(self) -> list[Flowable]:
        labels, c = self.text.labels, self.c

        def label(key: str) -> Paragraph:
            return self.p(labels[key], self.s.label)

        pairs = [
            (label("patient"), self.p(c.patient.name)),
            (label("date_of_birth"), self.p(self.date(c.patient.date_of_birth))),
            (label("patient_id"), self.p(c.patient.clinic_patient_id)),
            (label("visit_date"), self.p(self.date(c.visit_date))),
            (label("physician"), self.p(c.physician)),
            (label("phone"), self.p(self.settings.phone)),
        ]
        review = (label("second_review"), self.p(self.review_line()))
        w = self.width
        extra: list[tuple[Any, ...]] = [
            ("LINEABOVE", (0, 0), (-1, 0), 0.5, st.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad * 0.3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad * 0.3)]
        if self.c.handout.large_print:  # one pair a row, labels on one or two lines
            data: list[list[Any]] = [[*pair] for pair in (*pairs, review)]
            widths = [w * 0.3, w * 0.7]
        else:  # two pairs a row; the review's line runs the whole width
            data = [[*pairs[n], *pairs[n + 3]] for n in range(3)] + [[*review, "", ""]]
            widths = [w * 0.17, w * 0.35, w * 0.14, w * 0.34]
            extra.append(("SPAN", (1, 3), (3, 3)))
        table = self.grid(data, widths, header=False, extra=extra)
        return self.section("patient_details", [table])

    def review_line(self) -> str:
        """Who gave the second physician's review, and when (the app fills the consultation's
        review from the signed review in the records only: see ui/review_control.py)."""
        review = self.c.review
        if review.decision == "pending" or not review.reviewer.strip():
            return str(self.text.labels["review_waiting"])
        return f"{review.reviewer}, {self.date(review.date)}" if review.date else review.reviewer

    def outcome(self) -> list[Flowable]:
        verdict = self.screening.verdict
        outcome = self.outcome_text
        tint, edge, edge_width = st.OUTCOME_STYLE[verdict.value]
        heavy = verdict in (Verdict.DEFERRED, Verdict.NOT_ELIGIBLE)
        rows: list[Flowable] = [
            self.p(outcome.heading, self.s.result_band if heavy else self.s.result_head),
            self.p(outcome.text),
        ]
        reasons = self.screening.deciding if verdict is not Verdict.MAY_PROCEED else ()
        if reasons and verdict is Verdict.NEEDS_REVIEW:
            rows.append(self.p(self.text.labels["pending"], self.s.h3))
        rows += self.bullets(dict.fromkeys(r.patient for r in reasons))
        rows.append(self.p(outcome.next))
        box = self.box(rows, tint, edge, edge_width=edge_width, band=heavy)
        # The result starts on page 1 even where it must then go on over the page.
        return self.section("outcome", [self.whole(box, most_empty=1 / 5)])

    def decision(self) -> list[Flowable]:
        """Page 1: the decision in one sentence, the key facts, the price and the phone."""
        h = self.text.headings
        rows: list[Flowable] = [
            self.p(h["decision"], self.s.h3),
            self.p(self.condition.patient.decision, self.s.lead),
            # Price and phone before the key facts: on page 1 even where the box goes on over
            # the page (large print, Spanish with its translation notice).
            self.price_line(),
            self.phone_line(),
            self.p(h["summary"], self.s.h3),
            *self.bullets(self.condition.patient.key_facts),
            *self.bullets(self.text.summary),
        ]
        rows += self.go_over_again()
        # Not kept whole: where the box does not fit below the result (large print), the
        # decision and the first key facts still start on page 1 and the rest follows.
        box = self.box(rows, st.BRAND_TINT, st.BRAND, edge_width=1.6,
                       mark=self.mark("decision", "summary"))
        return [Spacer(1, self.pad), box]

    def price_line(self) -> Paragraph:
        price = self.settings.treatment_price.strip()
        if price:
            return self.p(f"{self.text.labels['price']}: {price}", self.s.strong)
        return self.p(self.text.labels["price_missing"] + " " + "_" * 24, self.s.strong)

    def phone_line(self) -> Paragraph:
        phone = self.settings.phone.strip()
        if phone:
            return self.p(f"{self.text.labels['phone']}: {phone}", self.s.strong)
        return self.p(self.text.labels["phone_missing"] + " " + "_" * 24, self.s.strong)

    def go_over_again(self) -> list[Flowable]:
        """Points the patient did not yet understand, in their takeaway words (teach-back)."""
        missed = [p.takeaway for p in self.pack.script.points
                  if self.c.teach_back.outcome(p.id) == "not_yet_understood"]
        if not missed:
            return []
        lead = self.text.labels.get(
            "go_over_again", "At your next visit, we will go over these points with you again:")
        return [self.p(lead), *self.bullets(missed)]

    def options(self) -> list[Flowable]:
        """The options side by side (Option Grid style): involves, benefits, risks, cost."""
        labels = self.text.labels
        cell = self.s.cell
        head = [self.p(labels[k], self.s.cell_head) for k in
                ("option", "involves", "option_benefits", "option_risks", "option_cost")]
        data: list[list[Any]] = [head]
        for row in (*self.condition.patient.options, *self.text.common_options):
            data.append([self.p(row.name, self.s.cell_bold), self.p(row.involves, cell),
                         self.p(row.benefits, cell), self.p(row.risks, cell),
                         self.p(row.cost, cell)])
        w = self.width
        names = [row.name for row in (*self.condition.patient.options, *self.text.common_options)]
        first = self.fit_words(names, self.s.cell_bold, w * 0.15, self.pad * 1.2)
        rest = (w - first) / 0.85
        table = self.grid(data, [first, rest * 0.25, rest * 0.22, rest * 0.23, rest * 0.15],
                          header=True, extra=[("LEFTPADDING", (0, 0), (-1, -1), self.pad * 0.6),
                                              ("RIGHTPADDING", (0, 0), (-1, -1), self.pad * 0.6)])
        return self.section("options", [table])

    def condition_part(self) -> list[Flowable]:
        patient = self.condition.patient
        aims = self.text.headings["aims"]
        return [
            *self.section("condition", [self.p(patient.inflammation)],
                          f"{self.text.headings['condition']}: {self.condition.title}"),
            outline(self.p(aims, self.s.h3), ("aims", self.clean.plain(aims))),
            self.p(patient.aims),
        ]

    def benefits_and_limits(self) -> list[Flowable]:
        """Possible benefits beside limitations and risks: same width, same type, same weight."""
        h = self.text.headings
        patient = self.condition.patient
        data: list[list[Any]] = [[[self.mark("benefits", "limitations"),
                                   self.p(h["benefits"], self.s.table_head)],
                                  self.p(h["limitations"], self.s.table_head)]]
        # One row per pair of points, so the table can break between rows on a page end.
        for good, bad in zip_longest(patient.benefits, patient.limitations):
            data.append([self.p(good, self.s.bullet, bullet="•") if good else "",
                         self.p(bad, self.s.bullet, bullet="•") if bad else ""])
        table = self.grid(data, [self.width / 2, self.width / 2], header=True, rules=False, extra=[
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white]),
            ("LINEAFTER", (0, 0), (0, -1), 0.8, st.RULE),
            ("BOX", (0, 0), (-1, -1), 0.8, st.RULE),
            ("TOPPADDING", (0, 1), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
            ("TOPPADDING", (0, 1), (-1, 1), self.pad),
            ("BOTTOMPADDING", (0, -1), (-1, -1), self.pad),
        ])
        return [Spacer(1, self.pad * 1.5), table]

    def product(self) -> list[Flowable]:
        """The treatment we propose: lines the physician fills in by hand for this patient."""
        data = [[self.p(field, self.s.label), ""] for field in self.text.product_fields]
        w = self.width
        table = Table(data, colWidths=[w * 0.42, w * 0.58])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), self.s.body_size * 0.9),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (1, 0), (1, -1), 0.6, st.RULE),
        ]))
        return self.section("product", [table])

    def cost(self) -> list[Flowable]:
        """Price, insurance and the clinic's interest: beside the risks, before any signature."""
        funding = self.settings.funding_statement.strip() or self.text.funding_placeholder
        head = self.p(self.text.headings["funding"], self.s.h3)
        return [*self.section("cost", [self.price_line(), *self.bullets(self.text.cost)]),
                KeepTogether([outline(head, ("funding", self.clean.plain(
                    self.text.headings["funding"]))), self.p(funding, keep_lines=True)])]

    def regulatory(self) -> list[Flowable]:
        s = self.settings
        if s.regulatory_text.strip():
            where = jurisdiction_name(s.regulatory_jurisdiction)
            text, checked = s.regulatory_text, s.regulatory_checked_on
        else:
            default = self.text.regulatory
            where, text, checked = default.jurisdiction, default.text, default.checked_on
        rows: list[Flowable] = [self.p(self.text.headings["regulatory"], self.s.h3)]
        if where.strip():
            rows.append(self.p(where, self.s.label))
        rows += [self.p(line.lstrip("-• ").strip(), self.s.bullet, bullet="•")
                 if line.lstrip().startswith(("-", "•")) else self.p(line)
                 for line in text.splitlines() if line.strip()]
        if checked is not None:
            rows.append(self.p(f"{self.text.labels['checked_on']}: {self.date(checked)}",
                               self.s.small))
        box = self.box(rows, st.STRIPE, st.RULE, mark=self.mark("regulatory"))
        return [Spacer(1, self.pad * 1.5), box, *self.state_notice()]

    def state_notice(self) -> list[Flowable]:
        """The notice the clinic's state requires, word for word, next to the approval box."""
        notice = self.text.notice(self.settings.regulatory_jurisdiction)
        if notice is None:
            return []
        rows = [self.p(self.text.headings["notice"], self.s.h3)]
        if notice.translation:
            # The patient's language first; then the law's own words, quoted as published.
            rows += [self.p(notice.translation, self.s.notice),
                     self.p(notice.official_label, self.s.label)]
        rows += [self.p(notice.text, self.s.notice),
                 self.p(f"{notice.citation}. {self.text.labels['checked_on']}: "
                        f"{self.date(notice.checked_on)}", self.s.small)]
        box = self.box(rows, colors.white, st.INK, edge_width=2.4, mark=self.mark("notice"))
        return [Spacer(1, self.pad), self.whole(box)]

    def follow_up(self) -> list[Flowable]:
        labels = self.text.labels
        data: list[list[Any]] = [[self.p(labels[k], self.s.table_head)
                                  for k in ("when", "what", "who", "write_here")]]
        for row in self.c.follow_up:
            data.append([self.p(row.when), self.p(row.what), self.p(row.who), ""])
        heights: list[float | None] | None = None
        if not self.c.follow_up:  # room to write the plan by hand
            data += [["", "", "", ""] for _ in range(3)]
            heights = [None] + [self.s.body_size * 2.4] * 3
        w = self.width
        when = max(self.fit_words([labels["when"]], self.s.table_head, w * 0.15, self.pad * 2),
                   self.fit_words([row.when for row in self.c.follow_up], self.s.body, w * 0.15,
                                  self.pad * 2))
        what = w * 0.58 - when
        table = self.grid(data, [when, what, w * 0.2, w * 0.22], header=True,
                          row_heights=heights)
        return self.section("follow_up", [table])

    def when_to_call(self) -> list[Flowable]:
        phone = self.settings.phone.strip()
        title = self.text.headings["when_to_call"]
        body = self.bullets((*self.text.when_to_call, *self.condition.patient.when_to_call))
        if phone:
            return self.section("when_to_call", body, f"{title}: {phone}")
        return self.section("when_to_call", [self.phone_line(), *body])

    def urgent_care(self) -> list[Flowable]:
        head = self.p(self.text.headings["urgent_care"], self.s.h3)
        box = self.box([head, *self.bullets(self.text.urgent_care)], st.URGENT_TINT,
                       st.URGENT_EDGE, edge_width=1.6, mark=self.mark("urgent_care"))
        return [Spacer(1, self.pad * 1.5), self.whole(box)]

    def instead(self) -> list[Flowable]:
        """What to do instead: the outcome's advice, then this condition's standard care."""
        standard = next(o for o in self.condition.patient.options if o.id == "standard")
        items = [*self.outcome_text.instead, f"{standard.name}: {standard.involves}"]
        return self.section("instead", self.bullets(items))

    def contact(self) -> list[Flowable]:
        """Whom to call: the clinic's phone, and when to get urgent care."""
        return [*self.section("contact", [self.phone_line(), self.p(self.text.when_to_call[-1])]),
                *self.urgent_care()]

    def next_steps(self) -> list[Flowable]:
        data = [[Paragraph("\u2610", self.s.tick), self.p(step)] for step in self.text.next_steps]
        table = SplitTable(data, colWidths=[self.s.body_size * 2.2,
                                            self.width - self.s.body_size * 2.2],
                           splitInRow=self.split_min)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        return self.section("next_steps", [table])

    def notes(self, lines: int = NOTE_LINES) -> list[Flowable]:
        # One paragraph per line: a single paragraph of thousands of lines, kept together,
        # costs time that grows with the square of its length (10,000 characters: 5 s).
        body = [self.p(line) if line.strip() else Spacer(1, self.s.body_size * 0.6)
                for line in note_lines(self.c.notes)]
        if body:  # typed notes: one line left to add to them by hand
            lines = 1
        line_height = self.s.body_size * 2.1
        rules = Table([[""] for _ in range(lines)], colWidths=[self.width],
                      rowHeights=[line_height] * lines)
        rules.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, st.RULE)]))
        # The ruled lines stay with the last line above them (seen: a Spanish large-print
        # sheet whose last page held nothing but the ruled line).
        if not body:  # only blank lines to write on: where they fit, never a page of their own
            return [IfItFits(self.heading("notes"), rules)]
        if len(body) <= 3:
            return [KeepTogether([self.heading("notes"), *body, rules])]
        return [KeepTogether([self.heading("notes"), *body[:3]]), *body[3:-1],
                KeepTogether([body[-1], rules])]

    def signatures(self) -> list[Flowable]:
        """Signature lines; with an acknowledgement on record, who gave it, how and when (a
        signature drawn on screen is drawn here as vector lines)."""
        labels = self.text.labels
        gap = self.s.body_size * 2.8
        w = self.width
        physician = labels["signature_physician"]
        if self.c.physician.strip():
            physician = f"{physician}: {self.c.physician}"
        ack = self.c.acknowledgement
        signer, when = labels["signature_patient"], ""
        signed: Any = ""
        if ack is not None:
            if ack.signer == "representative":
                signer = (f"{labels['signature_representative']}: {ack.representative} "
                          f"({ack.relationship})")
            when = self.date(ack.when().date())
            if ack.method == "drawn":
                signed = DrawnSignature(ack.strokes, w * 0.5, gap * 1.4)
                signer = f"{signer}. {labels['signed_on_screen']}"
            elif ack.method == "verbal":
                signed = self.p(labels["acknowledged_verbally"].format(witness=ack.witness),
                                self.s.label)
        row_gap = gap * 1.5 if ack is not None and ack.method == "drawn" else gap
        data = [
            [signed, "", self.p(when, self.s.label) if when else ""],
            [self.p(signer, self.s.label), "",
             self.p(labels["date"], self.s.label)],
            ["", "", ""],
            [self.p(physician, self.s.label), "", self.p(labels["date"], self.s.label)],
        ]
        table = SplitTable(data, colWidths=[w * 0.58, w * 0.07, w * 0.35],
                           rowHeights=[row_gap, None, gap, None], splitInRow=self.split_min)
        table.setStyle(TableStyle([
            ("LINEABOVE", (0, 1), (0, 1), 0.8, st.INK),
            ("LINEABOVE", (2, 1), (2, 1), 0.8, st.INK),
            ("LINEABOVE", (0, 3), (0, 3), 0.8, st.INK),
            ("LINEABOVE", (2, 3), (2, 3), 0.8, st.INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ]))
        return [KeepTogether([self.heading("signatures"), self.p(self.text.signature_statement),
                              table])]

    def glossary(self) -> list[Flowable]:
        """Only the terms this sheet uses (a glossary of unused words is noise)."""
        printed = "\n".join(self.printed)
        used = [g for g in self.text.glossary
                if re.search(rf"(?<!\w){re.escape(g.term)}(?!\w)", printed, re.IGNORECASE)]
        data = [[self.p(g.term, self.s.cell_bold), self.p(g.definition, self.s.cell)]
                for g in used]
        if not data:
            return []
        term = self.fit_words([g.term for g in used], self.s.cell_bold, self.width * 0.22,
                              self.pad * 2)
        table = self.grid(data, [term, self.width - term], header=False,
                          extra=[("ROWBACKGROUNDS", (0, 0), (-1, -1), [None, st.STRIPE]),
                                 ("TOPPADDING", (0, 0), (-1, -1), self.pad * 0.3),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad * 0.3)])
        return self.section("glossary", [table])

    def sources(self) -> list[Flowable]:
        """The sources this sheet's text relies on: its condition's and the common ones."""
        items: list[Flowable] = []
        used = [s for s in self.pack.sources if s.used_by(self.condition.id)]
        for n, source in enumerate(used, 1):
            lines = [f"{source.title}. {source.publisher}, {source.date}.", source.url]
            items.append(self.p(" ".join(x for x in lines if x.strip()), self.s.source,
                                bullet=f"{n}."))
        if not items:
            return []
        return self.section("sources", items)


def note_lines(notes: str) -> list[str]:
    """The notes' lines, with runs of empty lines (and the ends) folded to one gap."""
    out: list[str] = []
    for line in notes.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out
