"""The handout's fonts: DejaVu Sans, shipped in ``resources/fonts`` with its licence.

Fonts are registered with reportlab once per process, under a lock, so that builds on worker
threads never race on reportlab's global font registry. Only the regular and bold faces are
loaded: handout text is always escaped and no style uses italics, and each face costs ~15 ms to
parse, which the command line pays on every run. The oblique faces ship beside them (same
licence) for any later use; ``FILES`` lists all four. DejaVu Sans covers Latin, Greek,
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

from consultaid.handout.errors import HandoutError
from consultaid.resources import fonts_dir

FAMILY = "ConsultaidSans"
FILES = {
    "": "DejaVuSans.ttf",
    "-Bold": "DejaVuSans-Bold.ttf",
    "-Italic": "DejaVuSans-Oblique.ttf",
    "-BoldItalic": "DejaVuSans-BoldOblique.ttf",
}
LOADED = ("", "-Bold")


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
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
    for suffix in LOADED:
        path = folder / FILES[suffix]
        try:
            font = TTFont(FAMILY + suffix, str(path))
        except Exception as exc:  # reportlab raises TTFError, OSError or struct errors
            raise HandoutError(
                f"The handout font {path} cannot be loaded ({exc}); reinstall consultaid."
            ) from None
        pdfmetrics.registerFont(font)
        chars = frozenset(font.face.charToGlyph)
        coverage = chars if coverage is None else coverage & chars
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, FAMILY + "-Bold")
    addMapping(FAMILY, 0, 1, FAMILY)  # no italics in the handout (see the module docstring)
    addMapping(FAMILY, 1, 1, FAMILY + "-Bold")
    return FontSet(FAMILY, FAMILY + "-Bold", coverage or frozenset())
