"""Language codes as people read them: "English", "Spanish", never "en"."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def language_name(code: str) -> str:
    """The language's name in English (the code itself when Qt does not know it)."""
    language = QLocale(code).language()
    if language in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return QLocale.languageToString(language)
