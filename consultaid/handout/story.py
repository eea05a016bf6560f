"""The handout's story: which parts a patient gets, in which order, for their screening result.

* **May proceed** — page 1 alone, "Your decision at a glance": the result, the decision in one
  sentence, the three choices compared (the key number for benefit and harm in one format, the
  main harm as 100 figures), the price and the clinic's interest, "you can say no", a "what
  matters most to you?" tick list and the next step. Then the details (pages 2-4): the visit,
  the condition and aim, the product we propose, the steps, the approval status in four lines,
  cost, questions, notes, signatures, who wrote the sheet, glossary and sources. With a
  treatment date on record, an "After your treatment" sheet follows on a page of its own.
* **Needs review** (at most 2 pages) — the result, what we check and why, what to do
  meanwhile, the key facts, the approval status and urgent care; nothing to decide yet, so no
  decision, procedure or advice for after a treatment.
* **Deferred / not eligible** (1 page) — what the result means, that the same reason applies at
  another clinic, what to do instead (standard care), whom to call. No comparison, procedure
  steps or "book your next visit".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from consultaid.content.citations import numbered
from consultaid.content.pack import ConditionPanel, ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult, Verdict
from consultaid.handout import styles as st
from consultaid.handout.blocks import Blocks
from consultaid.handout.fonts import FontSet
from consultaid.handout.letterhead import letterhead
from consultaid.handout.parts import (
    BreakIfOnPage,
    IconArray,
    IfItFits,
    OutlineMark,
    SplitTable,
    outline,
)
from consultaid.handout.signature import DrawnSignature
from consultaid.handout.text import TextCleaner
from consultaid.settings import ClinicSettings, jurisdiction_name

NOTE_LINES = 3
GLOSSARY_TERMS = 3
"""Issue 28: a glossary only for the few terms not explained where they are used."""


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
        self.citations = {s.id: n for n, s in enumerate(self.used_sources(), 1)}

    def used_sources(self) -> list[Any]:
        """The sources this sheet lists, numbered in this order."""
        return [s for s in self.pack.sources if s.used_by(self.condition.id)]

    # which parts, in which order ---------------------------------------------------------------
    def build(self) -> list[Flowable]:
        verdict = self.screening.verdict
        if verdict is not Verdict.MAY_PROCEED:  # no list of sources: no numbers to cite
            self.citations = {}
        if verdict in (Verdict.DEFERRED, Verdict.NOT_ELIGIBLE):
            story = self.opening(compact=True, title_style=self.s.glance_title)
            story += self.outcome(headed=False)
            means = [self.mark("means"), self.cell_heading("means"), *self.bullets(
                (*self.outcome_text.means, self.text.another_clinic, self.text.msc_definition))]
            instead = [self.mark("instead"), self.cell_heading("instead"), *self.instead_items(),
                       self.approval_line()]
            story += self.side_by_side(means, instead)
            story += self.contact()
            story += self.notes(lines=2, compact=True)
            story += self.signatures() if self.c.acknowledgement else []
            return story
        if verdict is Verdict.NEEDS_REVIEW:
            story = self.opening(compact=True, title_style=self.s.glance_title)
            story += self.outcome(headed=False)
            story += self.section("meanwhile", self.bullets(self.text.meanwhile))
            story += self.section("summary", self.bullets(self.condition.patient.key_facts))
            story += self.cost()
            story += self.regulatory()
            story += self.contact()
            # The short sheet's notes: the heading and "as it was written" on one line, the
            # line to write on where it fits (seen: Spanish large print on Letter ran to a
            # fourth page holding only the notes).
            story += self.notes(lines=2, compact=True)
            story += self.signatures() if self.c.acknowledgement else []
            return story
        story = self.glance()
        # Page 1 alone; where the decision aid itself runs onto page 2 (large print), the
        # details follow it there rather than leave most of that page empty.
        story += [BreakIfOnPage(1)]
        story += self.details()
        if self.c.treatment_date is not None:
            story += [PageBreak(), *self.after_treatment()]
        story += self.patient_copy_page()
        return story

    def glance(self) -> list[Flowable]:
        """Page 1, to be read even if nothing else is."""
        story = self.opening(compact=True, title=self.text.headings["glance"],
                             title_style=self.s.glance_title)
        story += self.outcome(brief=True)
        story += [self.p(self.condition.patient.decision, self.s.lead)]
        story += self.options()
        story += self.icons()
        story += [self.price_line(), self.p(self.text.interest)]
        if self.c.handout.large_print:
            return story + self.values(self.width) + [Spacer(1, self.pad * 0.6),
                                                      self.whole(self.next_step(self.width))]
        # What matters to you beside the next step: both on page 1 with a letterhead above.
        left, gap = self.width * 0.47, self.pad * 1.5
        right = self.width - left - gap
        side = Table([[self.values(left), "", self.next_step(right)]],
                     colWidths=[left, gap, right])
        side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0)]))
        return [*story, Spacer(1, self.pad * 0.4), side]

    def details(self) -> list[Flowable]:
        """Pages 2-4: what a patient who reads on needs, at 11 pt."""
        story = self.patient_details()
        story += self.condition_part()
        story += self.product()
        story += self.section("path", [
            self.p(step, self.s.numbered, bullet=f"{n}.")
            for n, step in enumerate(self.condition.patient.path, 1)])
        story += self.regulatory()
        story += self.cost()
        story += self.section("questions", self.bullets(self.text.questions))
        story += [Spacer(1, self.pad), self.p(self.if_go_ahead(), self.s.strong)]
        story += self.urgent_care(short=True)
        story += self.notes()
        story += self.signatures()
        story += self.about_sheet()
        story += self.glossary()
        story += self.sources()
        return story

    @property
    def outcome_text(self) -> Any:
        return self.text.outcomes[self.screening.verdict]

    # the parts ---------------------------------------------------------------------------------
    def opening(self, *, compact: bool = False, title: str | None = None,
                title_style: Any = None) -> list[Flowable]:
        """Letterhead, title and notices; ``compact``: the patient and visit in one line."""
        story: list[Flowable] = [*letterhead(self, self.settings, self.warnings)]
        heading = self.p(title or self.text.title, title_style or self.s.title)
        if title is not None:
            heading = outline(heading, ("glance", self.clean.plain(title)))
        if compact:  # the title, and the patient and visit beside it where they fit
            need = stringWidth(self.clean.plain(self.visit_line()), self.s.label.fontName,
                               self.s.label.fontSize) + 2
            title_width = stringWidth(self.clean.plain(title or self.text.title),
                                      heading.style.fontName, heading.style.fontSize) + 8
            if title_width + need <= self.width:  # each on one line
                visit = self.p(self.visit_line(), self.s.label_right)
                right = self.width - title_width
                row = Table([[heading, visit]], colWidths=[title_width, right])
                row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                         ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                         ("TOPPADDING", (0, 0), (-1, -1), 0),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
                story.append(row)
            else:
                story += [heading, self.p(self.visit_line(), self.s.label)]
            story.append(Spacer(1, self.pad * 0.5))
        else:
            story.append(heading)
            story.append(self.p(self.text.intro, self.s.intro))
        if self.pack.translation is not None and self.pack.translation_pending:
            # A draft translation says so in one line (issue 28: not a banner that takes the
            # room of the decision aid); the footer says it again in the source language.
            story += [self.p(self.pack.translation.notice, self.s.draft_note)]
        if self.pack.is_due_for_review(self.c.visit_date):
            story += [self.whole(self.box([self.p(self.text.review_due_notice)],
                                          st.NOTICE_TINT, st.NOTICE_EDGE)), Spacer(1, self.pad)]
        return story if compact else story + self.patient_details()

    def visit_line(self) -> str:
        """"Maria Example · Visit date 16 November 2026 · Doctor: Dr. Sam Rivera"."""
        c = self.c
        who = c.patient.name.strip()
        if c.patient.clinic_patient_id.strip():
            who = f"{who} ({c.patient.clinic_patient_id.strip()})" if who else \
                c.patient.clinic_patient_id.strip()
        parts = [who, self.date(c.visit_date), c.physician.strip()]
        return "  ·  ".join(p for p in parts if p)

    def patient_details(self) -> list[Flowable]:
        """Who, when, which doctor, the second doctor's review: "Label: value" cells, two a
        row (one a row in large print), so no label wraps into a tall row."""
        labels, c = self.text.labels, self.c
        values = [("patient", c.patient.name),
                  ("date_of_birth", self.date(c.patient.date_of_birth)),
                  ("patient_id", c.patient.clinic_patient_id),
                  ("visit_date", self.date(c.visit_date)),
                  ("physician", c.physician), ("phone", self.settings.phone),
                  ("second_review", self.review_line())]

        def cell(key: str, value: str) -> Paragraph:
            self.printed += [labels[key], value]
            return Paragraph(f"<font color='#{st.MUTED.hexval()[2:]}'>"
                             f"{self.clean.markup(labels[key])}:</font> "
                             f"{self.clean.markup(value)}", self.s.cell)

        cells = [cell(k, v) for k, v in values]
        w = self.width
        extra: list[tuple[Any, ...]] = [
            ("LINEABOVE", (0, 0), (-1, 0), 0.5, st.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad * 0.3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad * 0.3)]
        if self.c.handout.large_print:
            data: list[list[Any]] = [[x] for x in cells]
            widths = [w]
        else:  # two a row; the review's line runs the whole width
            data = [[cells[n], cells[n + 1]] for n in range(0, 6, 2)] + [[cells[6], ""]]
            # The dates are the longer cells (Spanish: "Fecha de la consulta: 30 de
            # septiembre de 2026"): the right column is wider, so none wraps.
            widths = [w * 0.42, w * 0.58]
            extra.append(("SPAN", (0, 3), (1, 3)))
        table = self.grid(data, widths, header=False, extra=extra)
        return self.section("patient_details", [table])

    def review_line(self) -> str:
        """Who gave the second physician's review, and when (the app fills the consultation's
        review from the signed review in the records only: see ui/review_control.py)."""
        review = self.c.review
        if review.decision == "pending" or not review.reviewer.strip():
            return str(self.text.labels["review_waiting"])
        return f"{review.reviewer}, {self.date(review.date)}" if review.date else review.reviewer

    def outcome(self, *, brief: bool = False, headed: bool = True) -> list[Flowable]:
        """The result box; ``brief`` (page 1): without its "next" line, which the next step
        says, and without a heading of its own."""
        verdict = self.screening.verdict
        outcome = self.outcome_text
        tint, edge, edge_width = st.OUTCOME_STYLE[verdict.value]
        heavy = verdict in (Verdict.DEFERRED, Verdict.NOT_ELIGIBLE)
        rows: list[Flowable] = [
            self.p(outcome.heading, self.s.result_band if heavy else self.s.result_head),
            self.p(outcome.text),
        ]
        if brief and not heavy:  # page 1: the heading and its line in one paragraph
            rows = [Paragraph(f"<b>{self.clean.markup(outcome.heading)}.</b> "
                              f"{self.clean.markup(outcome.text)}", self.s.body)]
            self.printed += [outcome.heading, outcome.text]
        reasons = self.screening.deciding if verdict is not Verdict.MAY_PROCEED else ()
        if reasons and verdict is Verdict.NEEDS_REVIEW:
            rows.append(self.p(self.text.labels["pending"], self.s.h3))
        rows += self.bullets(dict.fromkeys(r.patient for r in reasons))
        if not brief:
            rows.append(self.p(outcome.next))
        box = self.box(rows, tint, edge, edge_width=edge_width, band=heavy,
                       mark=None if headed and not brief else OutlineMark(
                           ("outcome", self.clean.plain(outcome.heading))),
                       tight=brief)
        if brief or not headed:
            return [box, Spacer(1, self.pad * 0.4)]
        # The result starts on page 1 even where it must then go on over the page.
        return self.section("outcome", [self.whole(box, most_empty=1 / 5)])

    def next_step(self, width: float) -> Table:
        """Page 1's box: you can say no, the next step if you want to go ahead, the phone,
        and points to go over again."""
        rows: list[Flowable] = [self.p(self.text.headings["next_step"], self.s.h3),
                                self.p(self.text.say_no, self.s.strong),
                                self.p(self.outcome_text.next), self.phone_line()]
        rows += self.go_over_again()
        return self.box(rows, st.BRAND_TINT, st.BRAND, edge_width=1.6,
                        mark=self.mark("next_step"), width=width)

    def values(self, width: float) -> list[Flowable]:
        """"What matters most to you?": four boxes to tick, and how to use them."""
        tick = self.s.body_size * 1.8
        rows = [[Paragraph("\u2610", self.s.tick), self.p(item)] for item in self.text.values]
        table = Table(rows, colWidths=[tick, width - tick])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        # A mark, not an outline on the heading: in normal print this sits in a table cell.
        head = [self.mark("values"), self.p(self.text.headings["values"], self.s.h3)]
        return [*head, table, self.p(self.text.values_how)]

    def icons(self) -> list[Flowable]:
        """The main harm as 100 figures beside its words and its comparator; where no source
        gives the harm's frequency, nothing (the comparison says so in words)."""
        icons = self.condition.patient.icon_array
        if icons is None:
            return []
        labels = self.text.labels
        size = self.s.body_size * (0.95 if self.c.handout.large_print else 0.8)
        array = IconArray(icons.count, size, st.URGENT_EDGE, st.RULE,
                          per_row=10 if self.c.handout.large_print else 20)
        harm = self.clean.markup(f"{icons.count} {labels['icon_key_harm']}")
        none = self.clean.markup(f"{100 - icons.count} {labels['icon_key_none']}")
        key = (f"<font color='#{st.URGENT_EDGE.hexval()[2:]}'>\u25a0</font> {harm}"
               f"&nbsp;&nbsp;&nbsp;<font color='#{st.RULE.hexval()[2:]}'>\u25a0</font> {none}")
        self.printed.append(f"{labels['icon_key_harm']} {labels['icon_key_none']}")
        words = [self.p(icons.label, self.s.strong), self.p(icons.comparator)]
        gap = self.pad * 1.5
        key_width = stringWidth(f"■ {harm}   ■ {none}", self.s.label.fontName,
                                self.s.label.fontSize) + 8
        left = min(max(array.width, key_width, self.width * 0.3), self.width * 0.45)
        table = Table([[[array, Paragraph(key, self.s.label)], words]],
                      colWidths=[left + gap, self.width - left - gap])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (0, 0), gap),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0)]))
        return [Spacer(1, self.pad * 0.5), KeepTogether([table]), Spacer(1, self.pad * 0.2)]

    def if_go_ahead(self) -> str:
        """"If you go ahead: visits at 2 weeks, 6 weeks, 3 months and 6 months"."""
        whens = [row.when for row in self.c.follow_up or self.condition.follow_up
                 if row.when.strip()]
        visits = ", ".join(whens)
        return self.text.if_go_ahead.replace("{visits}", visits) if visits else ""

    def price_line(self) -> Paragraph:
        price = self.settings.treatment_price.strip()
        if price:
            return self.p(f"{self.text.labels['price']}: {price}", self.s.strong)
        return self.p(self.text.labels["price_missing"] + " " + "_" * 24, self.s.strong)

    def phone_line(self, after: str = "") -> Paragraph:
        """The clinic's phone in bold (or a line to write it on), then ``after``."""
        phone = self.settings.phone.strip()
        if phone:
            line = f"{self.text.labels['phone']}: {phone}"
        else:
            line = self.text.labels["phone_missing"] + " " + "_" * 24
        self.printed += [line, after]
        text = f"<b>{self.clean.markup(line)}</b>"
        if after:
            text += f". {self.clean.markup(after)}" if phone else f" {self.clean.markup(after)}"
        return Paragraph(text, self.s.body)

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
        """The three choices side by side: cell treatment, usual care, a clinical trial; the
        key number for benefit and harm in one format (Option Grid style)."""
        labels = self.text.labels
        cell = self.s.cell
        head = [self.p(labels[k], self.s.cell_head) for k in
                ("option", "option_benefits", "option_risks", "option_cost")]
        data: list[list[Any]] = [head]
        rows = [*self.condition.patient.options, *self.text.common_options]
        for row in rows:
            data.append([self.p(row.name, self.s.cell_bold), self.p(row.benefits, cell),
                         self.p(row.risks, cell),
                         self.p(row.cost, cell)])
        w = self.width
        first = self.fit_words([row.name for row in rows], self.s.cell_bold, w * 0.19,
                               self.pad * 1.2)
        rest = w - first
        table = self.grid(data, [first, rest * 0.35, rest * 0.34, rest * 0.31],
                          header=True, extra=[("LEFTPADDING", (0, 0), (-1, -1), self.pad * 0.6),
                                              ("RIGHTPADDING", (0, 0), (-1, -1), self.pad * 0.6),
                                              ("TOPPADDING", (0, 0), (-1, -1), self.pad * 0.3),
                                              ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad * 0.35)])
        return [Spacer(1, self.pad * 0.3), table]

    def condition_part(self) -> list[Flowable]:
        """The condition and what the treatment aims to do, in one short paragraph."""
        patient = self.condition.patient
        return self.section("condition", [self.p(f"{patient.inflammation} {patient.aims}")],
                            f"{self.text.headings['condition']}: {self.condition.title}")

    def product(self) -> list[Flowable]:
        """The treatment we propose: lines the physician fills in by hand for this patient;
        where the jurisdiction is the US, what US law asks of donor or lab-grown cells."""
        data = [[self.p(field, self.s.label), ""] for field in self.text.product_fields]
        w = self.width
        table = SplitTable(data, colWidths=[w * 0.64, w * 0.36], splitInRow=self.split_min)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), self.s.body_size * 0.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (1, 0), (1, -1), 0.6, st.RULE),
        ]))
        body: list[Flowable] = [table]
        if self.in_us():
            body.append(self.p(self.text.us_product_line, self.s.small))
        return self.section("product", body)

    def in_us(self) -> bool:
        """Whether the approval text printed is the US one (the clinic's jurisdiction, or the
        bundled US text where the clinic has set none)."""
        code = self.settings.regulatory_jurisdiction.strip().upper()
        if self.settings.regulatory_text.strip() or code:
            return code == "US" or code.startswith("US-")
        return self.text.regulatory.jurisdiction.strip() in ("United States", "Estados Unidos")

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
        return [Spacer(1, self.pad * 1.5), self.whole(box, most_empty=1 / 20),
                *self.state_notice()]

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
        if notice.patient_copy_points:
            rows.append(self.p(self.text.patient_copy, self.s.strong))
        rows += [self.p(notice.text, self.s.notice),
                 self.p(f"{notice.citation}. {self.text.labels['checked_on']}: "
                        f"{self.date(notice.checked_on)}", self.s.small)]
        box = self.box(rows, colors.white, st.INK, edge_width=2.4, mark=self.mark("notice"))
        return [Spacer(1, self.pad), self.whole(box)]

    def follow_up(self) -> list[Flowable]:
        """The follow-up visits, each with its date counted from the treatment day where its
        "when" reads as a number of days, weeks or months; else a line to write the date."""
        labels = self.text.labels
        data: list[list[Any]] = [[self.p(labels[k], self.s.table_head)
                                  for k in ("when", "write_here", "what", "who")]]
        for row in self.c.follow_up:
            day = visit_day(self.c.treatment_date, row.when)
            data.append([self.p(row.when), self.p(self.date(day)) if day else "",
                         self.p(row.what), self.p(row.who)])
        heights: list[float | None] | None = None
        if not self.c.follow_up:  # room to write the plan by hand
            data += [["", "", "", ""] for _ in range(3)]
            heights = [None] + [self.s.body_size * 2.4] * 3
        w = self.width
        when = max(self.fit_words([labels["when"]], self.s.table_head, w * 0.14, self.pad * 2),
                   self.fit_words([row.when for row in self.c.follow_up], self.s.body, w * 0.14,
                                  self.pad * 2))
        when = min(when, w * 0.3)  # a long word in "when" must not squeeze the rest away
        date = w * 0.22
        table = self.grid(data, [when, date, w * 0.8 - when - date, w * 0.2], header=True,
                          row_heights=heights)
        return self.section("follow_up", [table])

    def when_to_call(self) -> list[Flowable]:
        phone = self.settings.phone.strip()
        title = self.text.headings["when_to_call"]
        body = self.bullets((*self.text.when_to_call, *self.condition.patient.when_to_call))
        if phone:
            return self.section("when_to_call", body, f"{title}: {phone}")
        return self.section("when_to_call", [self.phone_line(), *body])

    def urgent_care(self, *, short: bool = False) -> list[Flowable]:
        """The urgent-care box: in full after a treatment, in three lines before one."""
        head = self.p(self.text.headings["urgent_care"], self.s.h3)
        lines = self.text.urgent_short if short else self.text.urgent_care
        box = self.box([head, *self.bullets(lines)], st.URGENT_TINT,
                       st.URGENT_EDGE, edge_width=1.6, mark=self.mark("urgent_care"))
        return [Spacer(1, self.pad), self.whole(box)]

    def instead_items(self) -> list[Flowable]:
        """What to do instead: the outcome's advice, then this condition's standard care."""
        standard = next(o for o in self.condition.patient.options if o.id == "standard")
        return self.bullets([*self.outcome_text.instead,
                             f"{standard.name}: {standard.involves}"])

    def cell_heading(self, key: str) -> Flowable:
        """A section heading that may sit in a table cell (its bookmark is a mark before it);
        in large print, where there is no table, it stays with the line below it."""
        return self.p(self.text.headings[key], self.s.h2_in_cell)

    def side_by_side(self, left: list[Flowable], right: list[Flowable]) -> list[Flowable]:
        """Two parts in two columns (normal print, so a short sheet keeps to one page); one
        below the other in large print."""
        if self.c.handout.large_print:
            return [*left, *right]
        gap = self.pad * 2
        half = (self.width - gap) / 2
        table = Table([[left, "", right]], colWidths=[half, gap, half])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0)]))
        return [table]

    def contact(self) -> list[Flowable]:
        """Whom to call, in one box: the clinic's phone, and when to get urgent care."""
        rows = [self.p(self.text.headings["contact"], self.s.h3),
                self.phone_line(self.text.when_to_call[-1]),
                self.p(self.text.headings["urgent_care"], self.s.h3),
                *self.bullets(self.text.urgent_short)]
        box = self.box(rows, st.URGENT_TINT, st.URGENT_EDGE, edge_width=1.6,
                       mark=self.mark("contact", "urgent_care"))
        return [Spacer(1, self.pad), self.whole(box)]

    def approval_line(self) -> Paragraph:
        """The approval status in one line (the short sheets): the first line of the
        jurisdiction's text, after the heading's words."""
        text = self.settings.regulatory_text.strip() or self.text.regulatory.text
        first = next((line.lstrip("-• ").strip() for line in text.splitlines()
                      if line.strip()), "")
        first = re.split(r"(?<=[^\W\d_]{3}[.!?])\s+|(?<=\)[.!?])\s+", first, maxsplit=1)[0]
        head = self.clean.markup(self.text.headings["regulatory"])
        first = numbered(first, self.citations)
        self.printed.append(first)
        return Paragraph(f"<b>{head}:</b> {self.clean.markup(first)}", self.s.body)

    def after_treatment(self) -> list[Flowable]:
        """The sheet for the days after the treatment (printed once a date is on record)."""
        day = self.c.treatment_date
        head = self.heading("after")
        story: list[Flowable] = [head, self.p(self.visit_line(), self.s.label)]
        if day is not None:
            story.append(self.p(f"{self.text.labels['treatment_date']}: {self.date(day)}",
                                self.s.strong))
        story += [self.p(line) for line in self.text.after]
        story += self.follow_up()
        warning = self.bullets((*self.text.when_to_call[:-1],
                                *self.condition.patient.when_to_call))
        story += self.section("warning_signs", warning)
        story += self.section("when_to_call", [self.phone_line(),
                                               self.p(self.text.when_to_call[-1])])
        story += self.urgent_care()
        return story

    def patient_copy_page(self) -> list[Flowable]:
        """Where the law asks for the notice on paper in large type (Utah, 40 pt): the notice
        on a page of its own at that size, for the clinic to hand over."""
        notice = self.text.notice(self.settings.regulatory_jurisdiction)
        if notice is None or not notice.patient_copy_points or self.c.handout.paper != "letter":
            return []  # A4 is narrower than the 8.5 inches the law asks for
        size = notice.patient_copy_points
        style = ParagraphStyle("patient_copy", parent=self.s.body, fontSize=size,
                               leading=size * 1.08, hyphenationLang="")
        return [PageBreak(), self.p(notice.text, style)]

    def notes(self, lines: int = NOTE_LINES, *, compact: bool = False) -> list[Flowable]:
        """The physician's typed notes and lines to write on; ``compact`` (the one-page
        sheets): a small heading, and the line to write on only where it fits."""
        # One paragraph per line: a single paragraph of thousands of lines, kept together,
        # costs time that grows with the square of its length (10,000 characters: 5 s).
        body = [self.p(line) if line.strip() else Spacer(1, self.s.body_size * 0.6)
                for line in note_lines(self.c.notes)]
        as_written = self.text.labels["notes_as_written"]
        if body and not compact:  # typed in the visit, printed as typed, in its own language
            body.insert(0, self.p(as_written, self.s.label))
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
        if compact:  # the heading and "as it was written" on one line
            title = self.text.headings["notes"]
            self.printed += [title, as_written]
            head = outline(Paragraph(
                f"{self.clean.markup(title)}  <font size='{self.s.label.fontSize}' "
                f"color='#{st.MUTED.hexval()[2:]}'>{self.clean.markup(as_written)}</font>",
                self.s.h3), ("notes", self.clean.plain(title)))
            return [Spacer(1, self.pad * 0.6), KeepTogether([head, *body[:3]]), *body[3:],
                    IfItFits(rules)]
        if len(body) <= 3:
            return [KeepTogether([self.heading("notes"), *body, rules])]
        return [KeepTogether([self.heading("notes"), *body[:3]]), *body[3:-1],
                KeepTogether([body[-1], rules])]

    def signatures(self) -> list[Flowable]:
        """Signature lines on one row (patient, doctor); with an acknowledgement on record,
        who gave it, how and when (a signature drawn on screen is drawn as vector lines)."""
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
                signed = DrawnSignature(ack.strokes, w * 0.45, gap * 1.4)
                signer = f"{signer}. {labels['signed_on_screen']}"
            elif ack.method == "verbal":
                signed = self.p(labels["acknowledged_verbally"].format(witness=ack.witness),
                                self.s.label)
        row_gap = gap * 1.5 if ack is not None and ack.method == "drawn" else gap
        date = labels["date"]
        label = self.s.label
        data = [
            [signed, "", "", "", ""],
            [self.p(signer, label), self.p(f"{date}: {when}" if when else date, label), "",
             self.p(physician, label), self.p(date, label)],
        ]
        table = SplitTable(data, colWidths=[w * 0.31, w * 0.16, w * 0.04, w * 0.33, w * 0.16],
                           rowHeights=[row_gap, None], splitInRow=self.split_min)
        table.setStyle(TableStyle([
            *(("LINEABOVE", (col, 1), (col, 1), 0.8, st.INK) for col in (0, 1, 3, 4)),
            ("SPAN", (0, 0), (1, 0)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ]))
        return [KeepTogether([self.heading("signatures"), self.p(self.text.signature_statement),
                              table])]

    def about_sheet(self) -> list[Flowable]:
        """Who wrote and paid for the content, and how it is kept up to date (IPDAS)."""
        return self.section("about_sheet", [self.p(line, self.s.small)
                                            for line in self.text.about_sheet])

    def glossary(self) -> list[Flowable]:
        """Only the terms this sheet uses and does not explain where it uses them ("MSCs
        (mesenchymal stem or stromal cells)" explains itself), at most three."""
        printed = "\n".join(self.printed)
        used = [g for g in self.text.glossary
                if re.search(rf"(?<!\w){re.escape(g.term)}(?!\w)", printed, re.IGNORECASE)
                and not re.search(rf"(?<!\w){re.escape(g.term)}s?\s*\(", printed,
                                  re.IGNORECASE)]
        used = used[:GLOSSARY_TERMS]
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
        used = self.used_sources()
        style = self.s.source
        room = self.width - style.leftIndent - 2
        for n, source in enumerate(used, 1):
            text = short_source(source)
            self.printed.append(text)
            # A long web address is broken at its slashes (or hyphens) onto lines that fit,
            # never drawn past the margin.
            head, _, url = text.rpartition(source.url) if source.url else (text, "", "")
            pieces = [self.clean.markup(head)]
            if url or source.url:
                lines = url_lines(self.clean.plain(source.url), room, style.fontName,
                                  style.fontSize)
                pieces.append("<br/>".join(self.clean.markup(x) for x in lines))
                pieces.append(self.clean.markup(url))
            items.append(Paragraph("".join(pieces), style, bulletText=f"{n}."))
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


_PERIOD = re.compile(r"^\s*(\d+)\s+(\w+)")
_DAYS_PER = {
    "day": 1, "days": 1, "día": 1, "días": 1, "dia": 1, "dias": 1,
    "week": 7, "weeks": 7, "semana": 7, "semanas": 7,
}
_MONTHS = {"month", "months", "mes", "meses"}


def visit_day(start: dt.date | None, when: str) -> dt.date | None:
    """The day of a follow-up visit ("2 weeks", "3 meses") counted from ``start``; None where
    there is no start or ``when`` is not a number of days, weeks or months."""
    match = _PERIOD.match(when.lower()) if start is not None else None
    if start is None or match is None:
        return None
    number, unit = int(match.group(1)), match.group(2)
    if unit in _DAYS_PER:
        return start + dt.timedelta(days=number * _DAYS_PER[unit])
    if unit in _MONTHS and number <= 120:
        month = start.month - 1 + number
        year, month = start.year + month // 12, month % 12 + 1
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(start.day, last))
    return None


def short_source(source: Any) -> str:
    """A source in short form (issue 28): author and journal, year, DOI or address; a body's
    own page is its author ("US Food and Drug Administration"). The full titles stay in the
    pack's sources.toml."""
    year = re.search(r"\d{4}", source.date)
    parts = [source.publisher, year.group(0) if year else source.date, source.url]
    return ". ".join(p.strip().rstrip(".") for p in parts if p.strip()) + "."


def url_lines(url: str, room: float, font: str, size: float) -> list[str]:
    """``url`` cut at slashes (then hyphens, then anywhere) into lines of at most ``room``
    points; the first line is as long as fits."""
    lines: list[str] = []
    line = ""
    for piece in re.findall(r"[^/-]*[/-]|[^/-]+$", url):
        while stringWidth(piece, font, size) > room:  # one piece longer than a line
            cut = max(1, next((k for k in range(len(piece), 0, -1)
                               if stringWidth(piece[:k], font, size) <= room), 1))
            if line:
                lines.append(line)
                line = ""
            lines.append(piece[:cut])
            piece = piece[cut:]
        if line and stringWidth(line + piece, font, size) > room:
            lines.append(line)
            line = ""
        line += piece
    return [*lines, line] if line else lines
