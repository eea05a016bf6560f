"""Type sizes and colours of the handout, in normal and large print."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from consultaid.handout.fonts import FontSet

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
OUTCOME_COLOURS = {
    "may_proceed": (colors.HexColor("#E9F7EF"), colors.HexColor("#1E8449")),
    "needs_review": (colors.HexColor("#FEF5E7"), colors.HexColor("#B9770E")),
    "deferred": (colors.HexColor("#FEF5E7"), colors.HexColor("#B9770E")),
    "not_eligible": (colors.HexColor("#F2F3F4"), colors.HexColor("#566573")),
}


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


def make_styles(fonts: FontSet, large_print: bool) -> HandoutStyles:
    """Body 11 pt (large print 14 pt); everything else scales with it."""
    size = 14.0 if large_print else 11.0
    lead = size * 1.38

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": fonts.regular, "fontSize": size, "leading": lead, "textColor": INK,
            "alignment": TA_LEFT, "bulletFontName": fonts.regular, "bulletFontSize": size,
            "splitLongWords": 1, "allowWidows": 0, "allowOrphans": 0,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return HandoutStyles(
        body_size=size,
        title=style("title", fontName=fonts.bold, fontSize=size * 1.9, leading=size * 2.3,
                    textColor=BRAND, spaceAfter=size * 0.5),
        intro=style("intro", fontSize=size * 1.05, leading=lead * 1.05, spaceAfter=size * 0.8),
        h2=style("h2", fontName=fonts.bold, fontSize=size * 1.3, leading=size * 1.65,
                 textColor=BRAND, spaceBefore=size * 1.3, spaceAfter=size * 0.45,
                 keepWithNext=1),
        h3=style("h3", fontName=fonts.bold, fontSize=size * 1.08, leading=lead * 1.05,
                 spaceAfter=size * 0.25, keepWithNext=1),
        body=style("body", spaceAfter=size * 0.45),
        bullet=style("bullet", leftIndent=size * 1.3, bulletIndent=size * 0.3,
                     spaceAfter=size * 0.3),
        numbered=style("numbered", leftIndent=size * 2.4, bulletIndent=size * 0.3,
                       spaceAfter=size * 0.3),
        small=style("small", fontSize=size * 0.85, leading=size * 0.85 * 1.35,
                    textColor=MUTED),
        label=style("label", fontSize=size * 0.85, leading=size * 0.85 * 1.3, textColor=MUTED),
        table_head=style("table_head", fontName=fonts.bold, textColor=colors.white),
        clinic_name=style("clinic_name", fontName=fonts.bold, fontSize=size * 1.35,
                          leading=size * 1.7, textColor=BRAND),
        clinic_line=style("clinic_line", fontSize=size * 0.85, leading=size * 0.85 * 1.35,
                          textColor=MUTED),
        tick=style("tick", fontSize=size * 1.3, leading=lead),
        footer_size=10.0 if large_print else 8.5,
    )
