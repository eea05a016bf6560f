"""The wall poster of a state's stem cell notice: US Letter, the notice in 40-point type or more.

California (B&P Code §684) and Utah (Code §58-1-512) require the notice at the entrance and where
patients see it, on at least 8.5 × 11 inches, in no less than 40-point type. Only the notice is
printed, word for word; its citation goes into the PDF's metadata.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

from consultaid import __version__
from consultaid.content.pack import StateNotice
from consultaid.handout.errors import HandoutError
from consultaid.handout.fonts import handout_fonts
from consultaid.handout.text import TextCleaner

MIN_POINTS = 40.0
MARGIN = 0.4 * inch


def build_poster(notice: StateNotice) -> bytes:
    """One Letter page (landscape, 11 × 8.5 in): the notice, as large as fits, never under 40
    points. At 40 points the longest notice needs the page's long side for its lines."""
    fonts = handout_fonts()
    clean = TextCleaner(fonts.covers)
    page = landscape(LETTER)
    width, height = page
    room_w, room_h = width - 2 * MARGIN, height - 2 * MARGIN
    first, _, rest = notice.text.partition(". ")
    for size in (48.0, 46.0, 44.0, 42.0, MIN_POINTS):
        head = ParagraphStyle("head", fontName=fonts.bold, fontSize=size, leading=size * 1.1,
                              spaceAfter=size * 0.3)
        body = ParagraphStyle("body", fontName=fonts.regular, fontSize=size,
                              leading=size * 1.1)
        parts = [Paragraph(clean.markup(first + "."), head), Paragraph(clean.markup(rest), body)]
        used = sum(p.wrap(room_w, room_h)[1] + p.getSpaceAfter() for p in parts)
        if used <= room_h:
            break
    else:
        raise HandoutError(f"the notice for {notice.jurisdiction} does not fit on one Letter "
                           f"page in {MIN_POINTS:.0f}-point type")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, invariant=1)
    canvas.setTitle(f"Stem cell notice ({notice.jurisdiction})")
    canvas.setSubject(f"{notice.citation}; checked {notice.checked_on.isoformat()}; "
                      f"{notice.source}")
    canvas.setCreator(f"consultaid {__version__}")
    frame = Frame(MARGIN, MARGIN, room_w, room_h, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    frame.addFromList(list[Flowable](parts), canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
