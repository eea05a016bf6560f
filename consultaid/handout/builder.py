"""The patient handout: a consultation + content pack + clinic settings in, PDF bytes out.

Pure and thread-safe: every build makes its own document, canvas, styles and text cleaner; the
only shared state is the font registry, filled once under a lock. Output is byte-identical for
the same inputs (reportlab invariant mode; creation date = the visit date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from consultaid import __version__
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import evaluate_screening
from consultaid.handout import styles as st
from consultaid.handout.errors import HandoutError
from consultaid.handout.fonts import FontSet, handout_fonts
from consultaid.handout.parts import OUTLINE_ATTRIBUTE, hold_outline
from consultaid.handout.story import StoryBuilder
from consultaid.handout.text import TextCleaner
from consultaid.settings import ClinicSettings

PAGE_SIZES = {"a4": A4, "letter": LETTER}
MARGIN_X = 17 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 21 * mm


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
    styles = st.make_styles(fonts, consultation.handout.large_print, pack.language)
    warnings: list[str] = []
    page_size = PAGE_SIZES[paper]
    width = page_size[0] - 2 * MARGIN_X
    frame = (width, page_size[1] - MARGIN_TOP - MARGIN_BOTTOM)
    story = StoryBuilder(consultation, pack, settings, condition, result, fonts, styles,
                         cleaner, frame, warnings).build()
    text = pack.handout
    phone = settings.phone.strip()
    version = f"{text.labels['pack_version']} {pack.version}"
    due = f"{text.labels['review_by']} {text.date(pack.review_by)}"
    decor = _PageDecor(
        fonts=fonts,
        size=styles.footer_size,
        page_label=cleaner.plain(text.labels["page"]),
        # Each line's shorter forms, used where the full one does not fit (large print,
        # Spanish): the phone and the next review date are the last to go.
        right=tuple(cleaner.plain(line) for line in (
            f"{text.labels['visit_date']} {text.date(consultation.visit_date)}"
            + (f"  ·  {text.labels['phone']}: {phone}" if phone else ""),
            f"{text.labels['phone']}: {phone}" if phone else "")),
        version=tuple(cleaner.plain(line) for line in (
            f"{version}, {text.labels['pack_reviewed']} {text.date(pack.last_reviewed)}, {due}"
            f"  ·  consultaid {__version__}",
            f"{version}, {due}  ·  consultaid {__version__}",
            f"{version}, {due}")),
        header=cleaner.plain(f"{text.title}  ·  {consultation.patient.name}"),
        note=cleaner.plain(pack.clinic_changes.capitalize()),
        translation=cleaner.plain(pack.translation.notice_source)
        if pack.translation is not None and pack.translation_pending else "",
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
    right: tuple[str, ...]
    """The visit date and the clinic's phone; then the phone alone, where both do not fit."""
    header: str
    page_width: float
    version: tuple[str, ...] = ()
    """The content's version, review date and next review date, under the page number, with
    the app's version; shorter forms where the whole line does not fit (the app's version
    goes after the review date, and last of all)."""
    note: str = ""
    """A line under the footer on every page: the clinic's changes to the content, if any."""
    translation: str = ""
    """A translation not yet reviewed: the notice in the source language, a small line at the
    foot of every page (page 1 says it in the patient's language)."""

    def draw(self, canv: Canvas, page: int, pages: int) -> None:
        canv.saveState()
        left, right = MARGIN_X, self.page_width - MARGIN_X
        y = MARGIN_BOTTOM - 8 * mm
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
        below = y
        for line in (self.version, (self.note,), (self.translation,)):
            if any(line):
                below -= self.size + 2
                canv.drawString(left, below, _fit(canv, line, self.fonts.regular, self.size,
                                                  right - left))
        if page > 1:
            top = float(cast(_CanvasInternals, canv)._pagesize[1]) - MARGIN_TOP + 4 * mm
            canv.drawString(left, top, _fit(canv, self.header, self.fonts.regular, self.size,
                                            right - left))
            canv.line(left, top - 4, right, top - 4)
        canv.restoreState()


def _fit(canv: Canvas, forms: str | tuple[str, ...], font: str, size: float,
         room: float) -> str:
    """The first of ``forms`` (a text and its shorter forms) that fits in ``room`` points; if
    none does, the last one shortened with an ellipsis."""
    forms = (forms,) if isinstance(forms, str) else tuple(f for f in forms if f) or ("",)
    for text in forms:
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


class _CanvasInternals(Protocol):
    """The parts of reportlab's Canvas its type stubs leave out (private, but stable since
    reportlab 3): the page size, a new page's set-up, the document it writes."""

    _pagesize: tuple[float, float]
    _doc: Any

    def _startPage(self) -> None: ...


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
        cast(_CanvasInternals, self)._startPage()
        self._page_outline = []

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            for key, title in state["_page_outline"]:
                self.bookmarkPage(key, fit="XYZ", left=0, top=None, zoom=0)
                self.addOutlineEntry(title, key, level=0)
            self._decor.draw(self, self.getPageNumber(), total)
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
        cast(_CanvasInternals, self.canv)._doc.signature = hashlib.md5(
            stamp.encode(), usedforsecurity=False)

    def afterFlowable(self, flowable: Flowable) -> None:
        for key, title in getattr(flowable, OUTLINE_ATTRIBUTE, ()):
            hold_outline(self.canv, key, title)
