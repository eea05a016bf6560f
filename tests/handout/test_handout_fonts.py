"""The shipped fonts: four DejaVu Sans faces with their licence, found via resources."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from consultaid.handout import HandoutError
from consultaid.handout.fonts import FILES, _register, handout_fonts
from consultaid.resources import fonts_dir


def test_four_faces_and_the_licence_ship_in_resources() -> None:
    folder = fonts_dir()
    for file in FILES.values():
        font = TTFont("check-" + file, str(folder / file))
        cmap = font.face.charToGlyph
        for ch in "AZaz\u00e9\u03a9\u03c9\u0416\u0436":  # Latin, Greek, Cyrillic
            assert ord(ch) in cmap, (file, ch)
    licence = (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence


def test_coverage_excludes_characters_the_fonts_lack() -> None:
    fonts = handout_fonts()
    assert fonts.covers(ord("Ж")) and fonts.covers(ord("λ")) and fonts.covers(ord("☐"))
    assert not fonts.covers(0x1F9EC)  # an emoji DejaVu Sans lacks
    assert not fonts.covers(0x1F600)  # beyond U+FFFF: replaced, see fonts.covers
    assert not fonts.covers(0x4E2D)  # CJK


def test_a_missing_font_file_is_a_handout_error(tmp_path: Path) -> None:
    with pytest.raises(HandoutError, match=r"DejaVuSans\.ttf"):
        _register(tmp_path)
