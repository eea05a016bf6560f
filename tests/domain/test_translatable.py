"""Translatable: the core's sentences stay plain English, and the window can translate them."""

from __future__ import annotations

from consultaid.domain.translatable import QT_TRANSLATE_NOOP, Translatable, joined, translate_text

SPANISH = {
    ("Steps", "{count} point(s) not yet understood"): "{count} punto(s) aún no entendidos",
    ("Steps", "done"): "hecho",
    ("Consent", "{items} and {last}"): "{items} y {last}",
    ("Consent", "the risks"): "los riesgos",
    ("Consent", "the alternatives"): "las alternativas",
}


def spanish(context: str, source: str) -> str:
    return SPANISH.get((context, source), source)


def test_is_plain_english_for_the_cli_logs_and_tests() -> None:
    text = QT_TRANSLATE_NOOP("Steps", "{count} point(s) not yet understood").format(count=2)
    assert text == "2 point(s) not yet understood"
    assert isinstance(text, str) and isinstance(text, Translatable)


def test_translated_fills_the_translation_with_the_same_values() -> None:
    text = QT_TRANSLATE_NOOP("Steps", "{count} point(s) not yet understood").format(count=2)
    assert text.translated(spanish) == "2 punto(s) aún no entendidos"


def test_nested_values_and_joined_parts_are_translated_too() -> None:
    both = QT_TRANSLATE_NOOP("Consent", "{items} and {last}").format(
        items=QT_TRANSLATE_NOOP("Consent", "the risks"),
        last=QT_TRANSLATE_NOOP("Consent", "the alternatives"))
    assert both == "the risks and the alternatives"
    assert translate_text(both, spanish) == "los riesgos y las alternativas"
    notes = joined("; ", [QT_TRANSLATE_NOOP("Steps", "done"), "Utah Code §58-1-512"])
    assert notes == "done; Utah Code §58-1-512"
    assert translate_text(notes, spanish) == "hecho; Utah Code §58-1-512"


def test_a_translation_with_a_wrong_placeholder_falls_back_to_english() -> None:
    text = QT_TRANSLATE_NOOP("Steps", "{count} point(s) not yet understood").format(count=3)
    assert text.translated(lambda c, s: "{cuenta} puntos") == "3 point(s) not yet understood"


def test_untranslatable_text_passes_through() -> None:
    assert translate_text("Dr Ana Ruiz", spanish) == "Dr Ana Ruiz"
