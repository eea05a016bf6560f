"""The handout's fonts: DejaVu Sans, shipped in ``resources/fonts`` with its licence.

Fonts are registered with reportlab once per process, under a lock, so that builds on worker
threads never race on reportlab's global font registry. DejaVu Sans covers Latin, Greek,
Cyrillic, Hebrew, Arabic letters and many symbols; anything else is replaced visibly by
:mod:`consultaid.handout.text`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from consultaid.domain.errors import ConsultaidError
from consultaid.resources import fonts_dir

FAMILY = "ConsultaidSans"
FILES = {
    "": "DejaVuSans.ttf",
    "-Bold": "DejaVuSans-Bold.ttf",
    "-Italic": "DejaVuSans-Oblique.ttf",
    "-BoldItalic": "DejaVuSans-BoldOblique.ttf",
}


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    codepoints: frozenset[int]
    """Characters both the regular and the bold face can draw (user text uses only those)."""

    def covers(self, codepoint: int) -> bool:
        # Beyond U+FFFF reportlab writes ToUnicode entries that readers cannot decode, so such
        # characters (mostly emoji) could not be copied or read aloud: replace them visibly.
        return codepoint <= 0xFFFF and codepoint in self.codepoints


_lock = threading.Lock()
_fonts: FontSet | None = None


def handout_fonts() -> FontSet:
    """The registered font family (registering it on first use)."""
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            _fonts = _register(fonts_dir())
        return _fonts


def _register(folder: Path) -> FontSet:
    coverage: frozenset[int] | None = None
    for suffix, file in FILES.items():
        path = folder / file
        try:
            font = TTFont(FAMILY + suffix, str(path))
        except Exception as exc:  # reportlab raises TTFError, OSError or struct errors
            raise ConsultaidError(
                f"The handout font {path} cannot be loaded ({exc}); reinstall consultaid."
            ) from None
        pdfmetrics.registerFont(font)
        if suffix in ("", "-Bold"):  # user text is set in these two faces only
            chars = frozenset(font.face.charToGlyph)
            coverage = chars if coverage is None else coverage & chars
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, FAMILY + "-Bold")
    addMapping(FAMILY, 0, 1, FAMILY + "-Italic")
    addMapping(FAMILY, 1, 1, FAMILY + "-BoldItalic")
    return FontSet(FAMILY, FAMILY + "-Bold", FAMILY + "-Italic", FAMILY + "-BoldItalic",
                   coverage or frozenset())
