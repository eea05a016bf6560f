"""The patient handout: a consultation + content pack + clinic settings in, PDF bytes out.

Pure and thread-safe: every build makes its own document, canvas, styles and text cleaner; the
only shared state is the font registry, filled once under a lock. Output is byte-identical for
the same inputs (reportlab invariant mode; creation date = the visit date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from consultaid import __version__
from consultaid.content.pack import ConditionPanel, ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult, Verdict, evaluate_screening
from consultaid.handout import styles as st
from consultaid.handout.errors import HandoutError
from consultaid.handout.fonts import FontSet, handout_fonts
from consultaid.handout.logo import LogoRefused, load_logo
from consultaid.handout.text import TextCleaner
from consultaid.settings import ClinicSettings

PAGE_SIZES = {"a4": A4, "letter": LETTER}
MARGIN_X = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 22 * mm
LOGO_MAX = (38 * mm, 22 * mm)
NOTE_LINES = 6


@dataclass
class HandoutResult:
    pdf: bytes
    warnings: list[str] = field(default_factory=list)
    """Things the user should know (e.g. the logo was left out); the PDF is still complete."""
    pages: int = 0


def build_handout_result(
    consultation: Consultation, pack: ContentPack, settings: ClinicSettings
) -> HandoutResult:
    """Build the handout; raise HandoutError only when no honest handout can be made."""
    condition = pack.condition(consultation.condition_id)
    if condition is None:
        raise HandoutError(pack.condition_problem(consultation.condition_id))
    paper = consultation.handout.paper
    if paper not in PAGE_SIZES:
        raise HandoutError(f"handout.paper: {paper!r} is not a4 or letter")
    result = evaluate_screening(consultation, pack.checklist, pack.rules)
    if result.problems:
        listed = "; ".join(f"screening.{p.item_id}: {p.label} {p.message}"
                           for p in result.problems)
        raise HandoutError(f"the screening answers are not valid, so no handout was made: "
                           f"{listed}")
    fonts = handout_fonts()
    cleaner = TextCleaner(fonts.covers)
    styles = st.make_styles(fonts, consultation.handout.large_print)
    warnings: list[str] = []
    page_size = PAGE_SIZES[paper]
    width = page_size[0] - 2 * MARGIN_X
    story = _StoryBuilder(consultation, pack, settings, condition, result, fonts, styles,
                          cleaner, width, warnings).build()
    decor = _PageDecor(
        fonts=fonts,
        size=styles.footer_size,
        page_label=cleaner.plain(pack.handout.labels["page"]),
        right=cleaner.plain(
            f"{pack.handout.labels['pack_version']} {pack.version}, "
            f"{pack.handout.labels['pack_reviewed']} {pack.last_reviewed.isoformat()}  ·  "
            f"{pack.handout.labels['visit_date']} {consultation.visit_date.isoformat()}"),
        header=cleaner.plain(f"{pack.handout.title}  ·  {consultation.patient.name}"),
        note=cleaner.plain(pack.clinic_changes.capitalize()),
        page_width=page_size[0],
    )
    buffer = io.BytesIO()
    doc = _HandoutDocument(
        buffer,
        pagesize=page_size,
        visit_date=consultation.visit_date,
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=cleaner.plain(pack.handout.title),
        author=cleaner.plain(settings.clinic_name or consultation.physician or "consultaid"),
        subject=cleaner.plain(condition.title),
        creator=f"consultaid {__version__}",
        keywords=[cleaner.plain(f"content {pack.version}")],
        lang=pack.language,
        invariant=1,
        displayDocTitle=1,
    )
    doc.build(story, canvasmaker=lambda *a, **kw: _DecoratedCanvas(*a, decor=decor, **kw))
    warnings.extend(cleaner.warnings())
    return HandoutResult(buffer.getvalue(), warnings, doc.page)


# --- document and canvas -----------------------------------------------------------------------

@dataclass(frozen=True)
class _PageDecor:
    """What every page carries: running header (from page 2) and the footer."""

    fonts: FontSet
    size: float
    page_label: str
    right: str
    header: str
    page_width: float
    note: str = ""
    """A line under the footer on every page: the clinic's changes to the content, if any."""

    def draw(self, canv: Canvas, page: int, pages: int) -> None:
        canv.saveState()
        left, right = MARGIN_X, self.page_width - MARGIN_X
        y = MARGIN_BOTTOM - 9 * mm
        canv.setStrokeColor(st.RULE)
        canv.setLineWidth(0.5)
        canv.line(left, y + self.size + 3, right, y + self.size + 3)
        canv.setFillColor(st.MUTED)
        canv.setFont(self.fonts.regular, self.size)
        label = self.page_label.replace("{page}", str(page)).replace("{pages}", str(pages))
        canv.drawString(left, y, label)
        room = right - left - canv.stringWidth(label, self.fonts.regular, self.size) - 12
        canv.drawRightString(right, y, _fit(canv, self.right, self.fonts.regular, self.size,
                                            room))
        if self.note:
            canv.drawString(left, y - self.size - 2, _fit(canv, self.note, self.fonts.regular,
                                                          self.size, right - left))
        if page > 1:
            top = canv._pagesize[1] - MARGIN_TOP + 4 * mm
            canv.drawString(left, top, _fit(canv, self.header, self.fonts.regular, self.size,
                                            right - left))
            canv.line(left, top - 4, right, top - 4)
        canv.restoreState()


def _fit(canv: Canvas, text: str, font: str, size: float, room: float) -> str:
    """``text`` shortened with an ellipsis so that it fits in ``room`` points."""
    if canv.stringWidth(text, font, size) <= room:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if canv.stringWidth(text[:mid] + "…", font, size) <= room:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


class _DecoratedCanvas(Canvas):
    """Holds pages back until the end so each footer can say "page N of M".

    Bookmarks are held back with their page, because a bookmark must be made while its page
    is the document's current page.
    """

    def __init__(self, *args: Any, decor: _PageDecor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decor = decor
        self._held: list[dict[str, Any]] = []
        self._page_outline: list[tuple[str, str]] = []

    def hold_outline(self, key: str, title: str) -> None:
        self._page_outline.append((key, title))

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()
        self._page_outline = []

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            for key, title in state["_page_outline"]:
                self.bookmarkPage(key, fit="XYZ", left=0, top=None, zoom=0)
                self.addOutlineEntry(title, key, level=0)
            self._decor.draw(self, self._pageNumber, total)
            super().showPage()
        super().save()


class _HandoutDocument(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, *, visit_date: dt.date, **kwargs: Any) -> None:
        super().__init__(buffer, **kwargs)
        self._visit_date = visit_date
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame])])

    def beforeDocument(self) -> None:
        stamp = f"D:{self._visit_date:%Y%m%d}000000+00'00'"
        self.canv.setDateFormatter(lambda *_: stamp)
        # reportlab seeds the file ID with a timestamp that SOURCE_DATE_EPOCH changes even in
        # invariant mode; seed it with the visit date so that only the inputs decide the bytes.
        self.canv._doc.signature = hashlib.md5(stamp.encode(), usedforsecurity=False)

    def afterFlowable(self, flowable: Flowable) -> None:
        for key, title in getattr(flowable, "_consultaid_outline", ()):
            self.canv.hold_outline(key, title)


# --- the story ---------------------------------------------------------------------------------

LETTERHEAD_MAX_HEIGHT = 60 * mm
"""Taller letterheads are laid out as plain paragraphs rather than a (non-splitting) table."""


def _outline(flowable: Flowable, *entries: tuple[str, str]) -> Flowable:
    flowable._consultaid_outline = entries
    return flowable


class _OutlineMark(Flowable):
    """An invisible mark inside a box or table that bookmarks the page it is drawn on.

    A box or table may be split across pages and its parts would not carry a bookmark, so the
    mark sits in the first cell and registers itself when drawn.
    """

    def __init__(self, *entries: tuple[str, str]) -> None:
        super().__init__()
        self.entries = entries
        self.drawn = False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.drawn:  # a repeated header row draws the mark again on the next page
            return
        self.drawn = True
        for key, title in self.entries:
            self.canv.hold_outline(key, title)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


class _StoryBuilder:
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
        width: float,
        warnings: list[str],
    ) -> None:
        self.c = consultation
        self.pack = pack
        self.text = pack.handout
        self.settings = settings
        self.condition = condition
        self.screening = screening
        self.fonts = fonts
        self.s = styles
        self.clean = cleaner
        self.width = width
        self.warnings = warnings
        self.pad = styles.body_size * 0.6
        self.split_min = int(styles.body_size * 4)
        """A table row is split across pages only if both parts keep about three lines."""

    # helpers ---------------------------------------------------------------------------------
    def p(self, text: str, style: Any = None, *, keep_lines: bool = False,
          bullet: str | None = None) -> Paragraph:
        """The ONE place text meets Paragraph markup: always cleaned and escaped."""
        return Paragraph(self.clean.markup(text, keep_lines=keep_lines), style or self.s.body,
                         bulletText=bullet)

    def heading(self, key: str, text: str | None = None) -> Paragraph:
        title = text if text is not None else self.text.headings[key]
        para = self.p(title, self.s.h2)
        return _outline(para, (key, self.clean.plain(title)))

    def mark(self, *keys: str) -> _OutlineMark:
        """Bookmarks for sections whose heading sits inside a box or table."""
        return _OutlineMark(*((k, self.clean.plain(self.text.headings[k])) for k in keys))

    def bullets(self, items: Iterable[str], style: Any = None) -> list[Flowable]:
        return [self.p(item, style or self.s.bullet, bullet="•") for item in items]

    def box(self, rows: Sequence[Flowable], tint: Any, edge: Any, *, edge_width: float = 1.2,
            mark: _OutlineMark | None = None) -> Table:
        """A tinted, framed box that can still split across pages between its rows."""
        cells: list[list[Any]] = [[row] for row in rows]
        if mark is not None:
            cells[0] = [[mark, rows[0]]]
        table = Table(cells, colWidths=[self.width], splitInRow=self.split_min)
        last = len(rows) - 1
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), tint),
            ("BOX", (0, 0), (-1, -1), edge_width, edge),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad * 1.4),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad * 1.4),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), self.pad * 1.2),
            ("BOTTOMPADDING", (0, last), (-1, last), self.pad * 1.2),
        ]))
        return table

    def whole(self, box: Table) -> Flowable:
        """A box stays on one page when it fits on one; a longer one splits between rows."""
        return KeepTogether([box])

    def grid(self, data: list[list[Any]], widths: Sequence[float], *, header: bool,
             extra: Sequence[tuple[Any, ...]] = (),
             row_heights: list[float | None] | None = None, rules: bool = True) -> Table:
        """A tidy table: header row repeated on every page, rows that split if they must."""
        table = Table(data, colWidths=list(widths), rowHeights=row_heights,
                      repeatRows=1 if header else 0, splitInRow=self.split_min)
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad * 0.6),
        ]
        if rules:
            commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE))
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), st.BRAND),
                         ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, st.STRIPE])]
        table.setStyle(TableStyle(commands + list(extra)))
        return table

    # the handout, top to bottom ----------------------------------------------------------------
    def build(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.letterhead()
        story += [self.p(self.text.title, self.s.title), self.p(self.text.intro, self.s.intro)]
        if self.pack.is_due_for_review(self.c.visit_date):
            story += [self.whole(self.box([self.p(self.text.review_due_notice)],
                                          st.NOTICE_TINT, st.NOTICE_EDGE)), Spacer(1, self.pad)]
        story += self.patient_details()
        story += self.summary()
        # The patient's own result comes first: a deferred or not-eligible patient should not
        # read about possible benefits before learning the treatment is not for them now.
        story += self.outcome()
        story += self.condition_part()
        story += self.benefits_and_limits()
        story += self.section("other_options", self.bullets(self.condition.patient.other_options))
        story += self.section("path", [
            self.p(step, self.s.numbered, bullet=f"{n}.")
            for n, step in enumerate(self.condition.patient.path, 1)])
        story += self.section("evidence", [self.p(self.condition.patient.evidence)])
        story += self.regulatory()
        story += self.follow_up()
        story += self.section("when_to_call", self.bullets(self.text.when_to_call))
        story += self.urgent_care()
        story += self.section("questions", self.bullets(self.text.questions))
        story += self.next_steps()
        story += self.notes()
        story += self.signatures()
        funding = self.settings.funding_statement.strip() or self.text.funding_placeholder
        story += self.section("funding", [self.p(funding, keep_lines=True)])
        story += self.glossary()
        story += self.sources()
        return story

    def section(self, key: str, body: list[Flowable]) -> list[Flowable]:
        return [self.heading(key), *body]

    def letterhead(self) -> list[Flowable]:
        s = self.settings
        lines: list[Flowable] = []
        if s.clinic_name.strip():
            lines.append(self.p(s.clinic_name, self.s.clinic_name))
        if s.address.strip():
            lines.append(self.p(s.address, self.s.clinic_line, keep_lines=True))
        contact = "   ·   ".join(v.strip() for v in (s.phone, s.email, s.website) if v.strip())
        if contact:
            lines.append(self.p(contact, self.s.clinic_line))
        logo = self.logo()
        if not lines and logo is None:
            return []
        if logo is not None:
            data = [[logo, lines]]
            widths = [LOGO_MAX[0] + self.pad, self.width - LOGO_MAX[0] - self.pad]
        else:
            data, widths = [[lines]], [self.width]
        table = Table(data, colWidths=widths, splitInRow=self.split_min)
        if table.wrap(self.width, LETTERHEAD_MAX_HEIGHT)[1] > LETTERHEAD_MAX_HEIGHT:
            # An unusually long name or address: plain paragraphs split across pages where a
            # table cell cannot, so the handout still builds (and shows all of it).
            rule = HRFlowable(width="100%", thickness=1.5, color=st.BRAND, spaceBefore=self.pad,
                              spaceAfter=self.pad * 2)
            return [*([logo] if logo is not None else []), *lines, rule]
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad),
            ("LINEBELOW", (0, 0), (-1, -1), 1.5, st.BRAND),
        ]))
        return [table, Spacer(1, self.pad * 2)]

    def logo(self) -> Image | None:
        """The clinic's logo, or None with a warning if it cannot be used."""
        path_text = self.settings.logo_path.strip()
        if not path_text:
            return None
        try:
            logo = load_logo(Path(path_text))
        except LogoRefused as exc:
            self.warnings.append(f"{exc} The handout was made without it.")
            return None
        width, height = logo.width, logo.height
        scale = min(LOGO_MAX[0] / width, LOGO_MAX[1] / height)
        return Image(io.BytesIO(logo.png), width=width * scale, height=height * scale,
                     hAlign="LEFT")

    def patient_details(self) -> list[Flowable]:
        labels, c = self.text.labels, self.c

        def label(key: str) -> Paragraph:
            return self.p(labels[key], self.s.label)

        data = [
            [label("patient"), self.p(c.patient.name), label("visit_date"),
             self.p(_date(c.visit_date))],
            [label("date_of_birth"), self.p(_date(c.patient.date_of_birth)), label("physician"),
             self.p(c.physician)],
            [label("patient_id"), self.p(c.patient.clinic_patient_id), "", ""],
        ]
        w = self.width
        table = self.grid(data, [w * 0.2, w * 0.32, w * 0.16, w * 0.32], header=False,
                          extra=[("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE),
                                 ("LINEABOVE", (0, 0), (-1, 0), 0.5, st.RULE)])
        return [self.heading("patient_details"), table, Spacer(1, self.pad)]

    def summary(self) -> list[Flowable]:
        head = self.p(self.text.headings["summary"], self.s.h3)
        rows = [head, *self.bullets(self.text.summary), *self.go_over_again()]
        box = self.box(rows, st.BRAND_TINT, st.BRAND, edge_width=1.6, mark=self.mark("summary"))
        return [Spacer(1, self.pad), self.whole(box)]

    def go_over_again(self) -> list[Flowable]:
        """Points the patient did not yet understand, in their takeaway words (teach-back)."""
        missed = [p.takeaway for p in self.pack.script.points
                  if self.c.teach_back.outcome(p.id) == "not_yet_understood"]
        if not missed:
            return []
        lead = self.text.labels.get(
            "go_over_again", "At your next visit, we will go over these points with you again:")
        return [self.p(lead), *self.bullets(missed)]

    def condition_part(self) -> list[Flowable]:
        patient = self.condition.patient
        return [
            self.heading("condition"),
            self.p(self.condition.title, self.s.h3),
            self.p(patient.inflammation),
            self.heading("aims"),
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
        return [Spacer(1, self.pad), table]

    def regulatory(self) -> list[Flowable]:
        s = self.settings
        if s.regulatory_text.strip():
            where, text, checked = (s.regulatory_jurisdiction, s.regulatory_text,
                                    s.regulatory_checked_on)
        else:
            default = self.text.regulatory
            where, text, checked = default.jurisdiction, default.text, default.checked_on
        rows: list[Flowable] = [self.p(self.text.headings["regulatory"], self.s.h3)]
        if where.strip():
            rows.append(self.p(where, self.s.label))
        rows.append(self.p(text, keep_lines=True))
        if checked is not None:
            rows.append(self.p(f"{self.text.labels['checked_on']}: {checked.isoformat()}",
                               self.s.small))
        box = self.box(rows, st.STRIPE, st.RULE, mark=self.mark("regulatory"))
        return [Spacer(1, self.pad * 1.5), self.whole(box)]

    def outcome(self) -> list[Flowable]:
        verdict = self.screening.verdict
        outcome = self.text.outcomes[verdict]
        tint, edge = st.OUTCOME_COLOURS[verdict.value]
        rows: list[Flowable] = [
            self.p(outcome.heading, self.s.h3),
            self.p(outcome.text),
        ]
        reasons = self.screening.deciding if verdict is not Verdict.MAY_PROCEED else ()
        rows += self.bullets(dict.fromkeys(r.patient for r in reasons))
        rows.append(self.p(outcome.next))
        return [self.heading("outcome"), self.whole(self.box(rows, tint, edge, edge_width=1.6))]

    def follow_up(self) -> list[Flowable]:
        labels = self.text.labels
        data: list[list[Any]] = [[self.p(labels[k], self.s.table_head)
                                  for k in ("when", "what", "who")]]
        for row in self.c.follow_up:
            data.append([self.p(row.when), self.p(row.what), self.p(row.who)])
        heights: list[float | None] | None = None
        if not self.c.follow_up:  # room to write the plan by hand
            data += [["", "", ""] for _ in range(3)]
            heights = [None] + [self.s.body_size * 2.4] * 3
        w = self.width
        table = self.grid(data, [w * 0.22, w * 0.5, w * 0.28], header=True,
                          row_heights=heights)
        return [self.heading("follow_up"), table]

    def urgent_care(self) -> list[Flowable]:
        head = self.p(self.text.headings["urgent_care"], self.s.h3)
        box = self.box([head, *self.bullets(self.text.urgent_care)], st.URGENT_TINT,
                       st.URGENT_EDGE, edge_width=1.6, mark=self.mark("urgent_care"))
        return [Spacer(1, self.pad * 1.5), self.whole(box)]

    def next_steps(self) -> list[Flowable]:
        data = [[Paragraph("\u2610", self.s.tick), self.p(step)] for step in self.text.next_steps]
        table = Table(data, colWidths=[self.s.body_size * 2.2, self.width - self.s.body_size * 2.2],
                      splitInRow=self.split_min)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        return [self.heading("next_steps"), table]

    def notes(self) -> list[Flowable]:
        # One paragraph per line: a single paragraph of thousands of lines, kept together,
        # costs time that grows with the square of its length (10,000 characters: 5 s).
        body = [self.p(line) if line.strip() else Spacer(1, self.s.body_size * 0.6)
                for line in _note_lines(self.c.notes)]
        line_height = self.s.body_size * 2.1
        lines = Table([[""] for _ in range(NOTE_LINES)], colWidths=[self.width],
                      rowHeights=[line_height] * NOTE_LINES)
        lines.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, st.RULE)]))
        return [KeepTogether([self.heading("notes"), *body[:3]]), *body[3:], lines]

    def signatures(self) -> list[Flowable]:
        labels = self.text.labels
        gap = self.s.body_size * 2.8
        w = self.width
        physician = labels["signature_physician"]
        if self.c.physician.strip():
            physician = f"{physician}: {self.c.physician}"
        data = [
            ["", "", ""],
            [self.p(labels["signature_patient"], self.s.label), "",
             self.p(labels["date"], self.s.label)],
            ["", "", ""],
            [self.p(physician, self.s.label), "", self.p(labels["date"], self.s.label)],
        ]
        table = Table(data, colWidths=[w * 0.58, w * 0.07, w * 0.35],
                      rowHeights=[gap, None, gap, None], splitInRow=self.split_min)
        table.setStyle(TableStyle([
            ("LINEABOVE", (0, 1), (0, 1), 0.8, st.INK),
            ("LINEABOVE", (2, 1), (2, 1), 0.8, st.INK),
            ("LINEABOVE", (0, 3), (0, 3), 0.8, st.INK),
            ("LINEABOVE", (2, 3), (2, 3), 0.8, st.INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        return [KeepTogether([self.heading("signatures"), self.p(self.text.signature_statement),
                              table])]

    def glossary(self) -> list[Flowable]:
        data = [[self.p(g.term, self.s.h3), self.p(g.definition)] for g in self.text.glossary]
        if not data:
            return []
        table = self.grid(data, [self.width * 0.28, self.width * 0.72], header=False,
                          extra=[("ROWBACKGROUNDS", (0, 0), (-1, -1), [None, st.STRIPE])])
        return [self.heading("glossary"), table]

    def sources(self) -> list[Flowable]:
        items: list[Flowable] = []
        for n, source in enumerate(self.pack.sources, 1):
            lines = [f"{source.title}. {source.publisher}, {source.date}.", source.url,
                     source.note]
            items.append(self.p("\n".join(x for x in lines if x.strip()), self.s.numbered,
                                bullet=f"{n}.", keep_lines=True))
        if not items:
            return []
        return [self.heading("sources"), *items]


def _note_lines(notes: str) -> list[str]:
    """The notes' lines, with runs of empty lines (and the ends) folded to one gap."""
    out: list[str] = []
    for line in notes.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out

