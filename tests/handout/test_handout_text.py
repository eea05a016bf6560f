"""The text cleaner: the one place text is made safe for Paragraph markup."""

from __future__ import annotations

from consultaid.handout.fonts import handout_fonts
from consultaid.handout.text import REPLACEMENT, TextCleaner


def cleaner() -> TextCleaner:
    return TextCleaner(handout_fonts().covers)


def test_markup_characters_are_escaped() -> None:
    assert cleaner().markup('Ann <b>& Co "x"') == 'Ann &lt;b&gt;&amp; Co "x"'
    assert cleaner().markup("&amp;") == "&amp;amp;"


def test_control_and_format_characters_are_removed() -> None:
    assert cleaner().plain("a\x00b\x07c\u200bd\u202ee\ufefff\x7f") == "abcdef"


def test_line_breaks_become_spaces_or_br() -> None:
    assert cleaner().plain("one\r\ntwo\rthree\u2028four\tfive") == "one two three four five"
    assert cleaner().markup("one\r\ntwo <x>", keep_lines=True) == "one<br/>two &lt;x&gt;"


def test_uncovered_characters_are_replaced_and_reported() -> None:
    c = cleaner()
    assert c.plain("a\U0001f9ecb\U0001f9ecc\ue000") == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}"
    assert c.replaced == {"\U0001f9ec": 2, "\ue000": 1}
    (warning,) = c.warnings()
    assert "U+1F9EC" in warning and "U+E000" in warning


def test_covered_scripts_pass_unchanged() -> None:
    c = cleaner()
    text = "Grüße Ελληνικά Кириллица שלום مرحبا – “quotes” • ☐ € ½"
    assert c.plain(text) == text
    assert c.warnings() == []


def test_text_is_nfc_normalised() -> None:
    assert cleaner().plain("e\u0301") == "\u00e9"


def test_unusual_spaces_fall_back_to_a_plain_space() -> None:
    c = cleaner()
    assert c.plain("a\u3000b") == "a b"
    assert c.warnings() == []
