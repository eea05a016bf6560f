"""Language codes as people read them: "English", "Español", never "en" or "es"."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from consultaid.content import languages


def language_name(code: str) -> str:
    """The language's name in itself, as a patient looks for it ("Español"); for a language
    the content checks do not know, Qt's native name ("Deutsch"), else the code itself."""
    known = languages.language_name(code)
    if known != code:
        return known
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    native = locale.nativeLanguageName()
    return native[:1].upper() + native[1:] if native else code
