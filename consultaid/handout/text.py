"""Making any string safe and printable before it meets reportlab's Paragraph markup.

Every piece of patient, clinic and pack text passes through :class:`TextCleaner` exactly once,
at the point where a Paragraph is made. Markup characters are escaped (``<img src=...>`` prints
literally and never opens a file), control characters are removed, and characters the shipped
fonts cannot draw are replaced *visibly* with ``REPLACEMENT`` and reported, never turned into
empty boxes in silence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from html import escape as _html_escape

from consultaid.domain.translatable import QT_TRANSLATE_NOOP


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, as xml.sax.saxutils.escape does (that module pulls in
    urllib, http and email: ~28 ms of every handout run; issue 29)."""
    return _html_escape(text, quote=False)


REPLACEMENT = "\ufffd"
"""Printed instead of a character the fonts cannot draw (a diamond with a question mark)."""

_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
_MAX_LISTED = 5


class TextCleaner:
    """Cleans text for one handout build and remembers what it had to replace.

    One instance per build: it is not shared between threads.
    """

    def __init__(self, covered: Callable[[int], bool]) -> None:
        self._covered = covered
        self.replaced: dict[str, int] = {}
        """Each character that was replaced -> how many times."""

    def plain(self, text: str, *, keep_lines: bool = False) -> str:
        """Printable text without markup meaning: controls removed, unknown glyphs replaced."""
        text = str(text)
        if text.isascii() and text.isprintable():
            return text  # the common case: nothing to remove or replace (DejaVu has all ASCII)
        text = unicodedata.normalize("NFC", text)
        for old, new in _LINE_BREAKS.items():
            text = text.replace(old, new)
        out: list[str] = []
        for ch in text:
            if ch == "\n":
                out.append("\n" if keep_lines else " ")
                continue
            category = unicodedata.category(ch)
            if ch == "\t" or category in ("Zs", "Zl", "Zp"):
                out.append(ch if ch == " " or self._covered(ord(ch)) else " ")
            elif category in ("Cc", "Cf"):
                continue  # invisible controls and bidi/format marks: nothing to print
            elif category in ("Cs", "Co", "Cn") or not self._covered(ord(ch)):
                self.replaced[ch] = self.replaced.get(ch, 0) + 1
                out.append(REPLACEMENT)
            else:
                out.append(ch)
        return "".join(out)

    def markup(self, text: str, *, keep_lines: bool = False) -> str:
        """:meth:`plain`, escaped for Paragraph markup; line breaks become ``<br/>``."""
        cleaned = escape(self.plain(text, keep_lines=keep_lines))
        return cleaned.replace("\n", "<br/>") if keep_lines else cleaned

    def warnings(self) -> list[str]:
        """One plain sentence for the user if anything had to be replaced."""
        if not self.replaced:
            return []
        shown = [f"{_visible(ch)} (U+{ord(ch):04X})" for ch in list(self.replaced)[:_MAX_LISTED]]
        more = len(self.replaced) - len(shown)
        listed = ", ".join(shown)
        if more > 0:
            listed = QT_TRANSLATE_NOOP("Handout", "{listed} and {more} more").format(
                listed=listed, more=more)
        return [QT_TRANSLATE_NOOP(
            "Handout", "Some characters cannot be printed with the handout's fonts and were "
            "replaced with {mark}: {listed}.").format(mark=REPLACEMENT, listed=listed)]


def _visible(ch: str) -> str:
    return ch if unicodedata.category(ch) not in ("Cs", "Co", "Cn") else "?"
