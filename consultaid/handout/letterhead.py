"""The clinic's letterhead: name, address, contact line and logo, at the top of page 1."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Image, Spacer, Table, TableStyle

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.handout import styles as st
from consultaid.handout.logo import LogoRefused, load_logo

if TYPE_CHECKING:
    from consultaid.handout.blocks import Blocks
    from consultaid.settings import ClinicSettings

LOGO_MAX = (38 * mm, 22 * mm)
LETTERHEAD_MAX_HEIGHT = 60 * mm
"""Taller letterheads are laid out as plain paragraphs rather than a (non-splitting) table."""


def letterhead(b: Blocks, s: ClinicSettings, warnings: list[str]) -> list[Flowable]:
    lines: list[Flowable] = []
    if s.clinic_name.strip():
        lines.append(b.p(s.clinic_name, b.s.clinic_name))
    if s.address.strip():
        lines.append(b.p(s.address, b.s.clinic_line, keep_lines=True))
    contact = "   ·   ".join(v.strip() for v in (s.phone, s.email, s.website) if v.strip())
    if contact:
        lines.append(b.p(contact, b.s.clinic_line))
    image = logo(s, warnings)
    if not lines and image is None:
        return []
    if image is not None:
        data = [[image, lines]]
        widths = [LOGO_MAX[0] + b.pad, b.width - LOGO_MAX[0] - b.pad]
    elif len(lines) > 1 and s.clinic_name.strip():
        # The name on the left, the address and contact lines set right beside it: the
        # letterhead takes the height of three small lines, and page 1 keeps room for the
        # decision aid (issue 28).
        right = [b.p(s.address, b.s.clinic_line_right, keep_lines=True)] if s.address.strip() \
            else []
        if contact:
            right.append(b.p(contact, b.s.clinic_line_right))
        data, widths = [[lines[0], right]], [b.width * 0.35, b.width * 0.65]
    else:
        data, widths = [[lines]], [b.width]
    table = Table(data, colWidths=widths, splitInRow=b.split_min)
    if table.wrap(b.width, LETTERHEAD_MAX_HEIGHT)[1] > LETTERHEAD_MAX_HEIGHT:
        # An unusually long name or address: plain paragraphs split across pages where a
        # table cell cannot, so the handout still builds (and shows all of it).
        rule = HRFlowable(width="100%", thickness=1.5, color=st.BRAND, spaceBefore=b.pad,
                          spaceAfter=b.pad * 2)
        return [*([image] if image is not None else []), *lines, rule]
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), b.pad),
        ("LINEBELOW", (0, 0), (-1, -1), 1.5, st.BRAND),
    ]))
    return [table, Spacer(1, b.pad)]


def logo(settings: ClinicSettings, warnings: list[str]) -> Image | None:
    """The clinic's logo, or None with a warning if it cannot be used."""
    path_text = settings.logo_path.strip()
    if not path_text:
        return None
    try:
        loaded = load_logo(Path(path_text))
    except LogoRefused as exc:
        warnings.append(QT_TRANSLATE_NOOP("Handout", "{problem} The handout was made without "
                                            "it.").format(problem=str(exc)))
        return None
    width, height = loaded.width, loaded.height
    scale = min(LOGO_MAX[0] / width, LOGO_MAX[1] / height)
    return Image(io.BytesIO(loaded.png), width=width * scale, height=height * scale,
                 hAlign="LEFT")
