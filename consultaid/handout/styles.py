"""Type sizes and colours of the handout, in normal and large print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from consultaid.handout.fonts import FontSet
from consultaid.handout.hyphenation import cached_pyphen

INK = colors.HexColor("#1B2631")
MUTED = colors.HexColor("#566573")
BRAND = colors.HexColor("#1F4E79")
BRAND_TINT = colors.HexColor("#EAF1F8")
RULE = colors.HexColor("#AEB6BF")
STRIPE = colors.HexColor("#F4F6F7")
NOTICE_TINT = colors.HexColor("#FEF5E7")
NOTICE_EDGE = colors.HexColor("#B9770E")
URGENT_TINT = colors.HexColor("#FDEDEC")
URGENT_EDGE = colors.HexColor("#A93226")
OUTCOME_STYLE = {
    # verdict: (tint, edge, edge width). The weight grows with the message: the heaviest
    # result (not eligible) has the darkest, widest frame and its heading on a dark band.
    "may_proceed": (colors.HexColor("#E9F7EF"), colors.HexColor("#1E8449"), 1.6),
    "needs_review": (colors.HexColor("#FEF9E7"), colors.HexColor("#B9770E"), 2.0),
    "deferred": (colors.HexColor("#FEF5E7"), colors.HexColor("#9C640C"), 3.0),
    "not_eligible": (colors.HexColor("#F9EBEA"), colors.HexColor("#78281F"), 3.5),
}
OUTCOME_COLOURS = {verdict: (tint, edge) for verdict, (tint, edge, _) in OUTCOME_STYLE.items()}


@dataclass(frozen=True)
class HandoutStyles:
    """Every paragraph style of one handout; made fresh per build (cheap, never shared)."""

    body_size: float
    title: ParagraphStyle
    intro: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    numbered: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    table_head: ParagraphStyle
    clinic_name: ParagraphStyle
    clinic_line: ParagraphStyle
    tick: ParagraphStyle
    footer_size: float
    lead: ParagraphStyle
    """The decision sentence: body size, bold."""
    strong: ParagraphStyle
    result_head: ParagraphStyle
    result_band: ParagraphStyle
    """A heavy result's heading, white on the box's dark band."""
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    notice: ParagraphStyle
    """A state notice, quoted word for word."""
    source: ParagraphStyle
    glance_title: ParagraphStyle
    draft_note: ParagraphStyle
    h2_in_cell: ParagraphStyle
    """A section heading in a table cell: no space above it, kept with the next line."""
    clinic_line_right: ParagraphStyle
    label_right: ParagraphStyle
    """A label set flush right (the visit line beside page 1's title)."""
    """A draft translation's one-line notice under the title."""
    """Page 1's title: smaller than the other sheets', so the decision aid fits one page."""


HYPHENATION = {"en": "en_US", "es": "es"}
"""The pack language -> pyphen's dictionary, which reportlab's ``hyphenationLang`` uses to
break a long word where a dictionary allows (never anywhere, as ``splitLongWords`` did)."""


@cache
def hyphenator(language: str) -> Callable[[str], list[tuple[str, str]]] | None:
    """Where ``language``'s words may be broken: pyphen's pairs (head, tail), without the
    breaks at a hyphen the word already has. pyphen gives those as ("check", "-ups"), and
    reportlab would then print "check-" and "-ups"; reportlab breaks at a word's own hyphen
    itself (``embeddedHyphenation``). None where pyphen has no dictionary."""
    code = HYPHENATION.get(language)
    if code is None:
        return None
    try:
        dictionary = cached_pyphen(code)
    except ImportError:  # pragma: no cover - a dependency; without it words are not broken
        return None

    def pairs(word: str) -> list[tuple[str, str]]:
        return [(head, tail) for head, tail in dictionary.iterate(word)
                if not head.endswith("-") and not tail.startswith("-")]

    return pairs

TABLE_TEXT_MIN = 11.0
"""Issue 28: no table text below 11 pt."""


def make_styles(fonts: FontSet, large_print: bool, language: str = "en") -> HandoutStyles:
    """Body 11 pt (large print 14 pt); everything else scales with it. Words are hyphenated
    with the dictionary of ``language`` where it has one."""
    size = 14.0 if large_print else 11.0
    hyphenation = hyphenator(language) or ""
    cell_size = max(size, TABLE_TEXT_MIN)
    lead = size * 1.38
    title_scale = 1.6 if large_print else 1.9

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": fonts.regular, "fontSize": size, "leading": lead, "textColor": INK,
            "alignment": TA_LEFT, "bulletFontName": fonts.regular, "bulletFontSize": size,
            "splitLongWords": 0, "hyphenationLang": hyphenation, "embeddedHyphenation": 1,
            "uriWasteReduce": 0.3, "allowWidows": 0, "allowOrphans": 0,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return HandoutStyles(
        body_size=size,
        # Large print's title is 22 pt, not 27: it is large already and stays on one line.
        title=style("title", fontName=fonts.bold, fontSize=size * title_scale,
                    leading=size * title_scale * 1.2, textColor=BRAND, spaceAfter=size * 0.5),
        intro=style("intro", fontSize=size * 1.05, leading=lead * 1.05, spaceAfter=size * 0.8),
        h2=style("h2", fontName=fonts.bold, fontSize=size * 1.3, leading=size * 1.65,
                 textColor=BRAND, spaceBefore=size * 0.75, spaceAfter=size * 0.3),
        h3=style("h3", fontName=fonts.bold, fontSize=size * 1.08, leading=lead * 1.05,
                 spaceAfter=size * 0.25, keepWithNext=1),
        body=style("body", spaceAfter=size * 0.4),
        bullet=style("bullet", leftIndent=size * 1.3, bulletIndent=size * 0.3,
                     spaceAfter=size * 0.2),
        numbered=style("numbered", leftIndent=size * 2.4, bulletIndent=size * 0.3,
                       spaceAfter=size * 0.3),
        small=style("small", fontSize=size * 0.85, leading=size * 0.85 * 1.35,
                    textColor=MUTED),
        label=style("label", fontSize=max(size * 0.85, TABLE_TEXT_MIN),
                    leading=max(size * 0.85, TABLE_TEXT_MIN) * 1.3, textColor=MUTED),
        table_head=style("table_head", fontName=fonts.bold, textColor=colors.white),
        clinic_name=style("clinic_name", fontName=fonts.bold, fontSize=size * 1.35,
                          leading=size * 1.7, textColor=BRAND),
        clinic_line=style("clinic_line", fontSize=size * 0.85, leading=size * 0.85 * 1.35,
                          textColor=MUTED),
        tick=style("tick", fontSize=size * 1.3, leading=lead),
        footer_size=10.0 if large_print else 8.5,
        lead=style("lead", fontName=fonts.bold, spaceAfter=size * 0.4),
        strong=style("strong", fontName=fonts.bold, spaceBefore=size * 0.2,
                     spaceAfter=size * 0.2),
        result_head=style("result_head", fontName=fonts.bold, fontSize=size * 1.2,
                          leading=size * 1.55, spaceAfter=size * 0.3),
        result_band=style("result_band", fontName=fonts.bold, fontSize=size * 1.3,
                          leading=size * 1.65, textColor=colors.white),
        cell=style("cell", fontSize=cell_size, leading=cell_size * 1.22),
        cell_bold=style("cell_bold", fontName=fonts.bold, fontSize=cell_size,
                        leading=cell_size * 1.22),
        cell_head=style("cell_head", fontName=fonts.bold, fontSize=cell_size,
                        leading=cell_size * 1.25, textColor=colors.white),
        notice=style("notice", fontName=fonts.bold, fontSize=size * 1.1,
                     leading=size * 1.1 * 1.35, spaceAfter=size * 0.3,
                     hyphenationLang=""),  # the statute's words, whole
        source=style("source", fontSize=size * 0.82, leading=size * 0.82 * 1.25,
                     leftIndent=size * 1.8, bulletIndent=size * 0.2, bulletFontSize=size * 0.82,
                     splitLongWords=1,  # a long web address, not a word
                     spaceAfter=size * 0.15),
        label_right=style("label_right", fontSize=max(size * 0.85, TABLE_TEXT_MIN),
                          leading=max(size * 0.85, TABLE_TEXT_MIN) * 1.3, textColor=MUTED,
                          alignment=TA_RIGHT),
        clinic_line_right=style("clinic_line_right", fontSize=size * 0.85,
                                leading=size * 0.85 * 1.35, textColor=MUTED, alignment=TA_RIGHT),
        h2_in_cell=style("h2_in_cell", fontName=fonts.bold, fontSize=size * 1.3,
                         leading=size * 1.65, textColor=BRAND, spaceBefore=size * 0.75,
                         spaceAfter=size * 0.3, keepWithNext=1),
        draft_note=style("draft_note", fontName=fonts.bold, fontSize=max(size * 0.85, 9.5),
                         leading=max(size * 0.85, 9.5) * 1.3, textColor=NOTICE_EDGE,
                         spaceAfter=size * 0.4),
        glance_title=style("glance_title", fontName=fonts.bold, fontSize=size * 1.45,
                           leading=size * 1.45 * 1.15, textColor=BRAND, spaceAfter=size * 0.2),
    )
