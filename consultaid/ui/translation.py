"""The app's own words in the user's language: Qt's translators, installed once at start.

``resources/i18n/consultaid_<code>.qm`` (compiled with ``pyside6-lrelease`` from the ``.ts``
that ``pyside6-lupdate`` makes; see README "Languages, and adding one") holds the app's words;
Qt's own ``qtbase_<code>.qm`` (from PySide6) translates Qt's standard buttons and dialogs.
``resources/i18n/translations.toml`` records who translated the app's words and whether a
qualified translator has reviewed them. The core's words reach the window as
:class:`~consultaid.domain.translatable.Translatable` and are translated by :func:`translated`.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from consultaid.domain.translatable import QT_TRANSLATE_NOOP, in_app_language, set_translator
from consultaid.fileio import FileRefused, read_limited
from consultaid.resources import resources_dir

SOURCE_LANGUAGE = "en"

QT_GAPS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
           QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))
"""Words of Qt's own file dialog that Qt's translations lack (Qt 6 gave them an accelerator
letter; qtbase_es.qm has only the old texts): our .qm supplies them, since Qt asks every
installed translator in turn."""


def translated(text: str) -> str:
    """A sentence from the core in the app's language (other text as it is): the same lookup
    as the core's own error messages use, set up by :func:`install_translators`."""
    return in_app_language(text)


def ui_languages() -> list[str]:
    """The languages the app's own words come in: English and every compiled translation."""
    folder = resources_dir() / "i18n"
    found = sorted(p.stem.removeprefix("consultaid_") for p in folder.glob("consultaid_*.qm"))
    return [SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE)]


def resolve_language(setting: str) -> str:
    """The language to show: the setting's, or for "system" the computer's when the app has
    it; otherwise English."""
    code = QLocale.system().name().split("_")[0] if setting in ("", "system") else setting
    return code if code in ui_languages() else SOURCE_LANGUAGE


_installed: list[QTranslator] = []
_current = [SOURCE_LANGUAGE]


def app_locale() -> QLocale:
    """How numbers are written in the app's language ("10,000" in English, "10.000" in
    Spanish)."""
    return QLocale(current_language())


def current_language() -> str:
    """The language of the app's words now (set by :func:`install_translators`)."""
    return _current[0]


def install_translators(language: str) -> list[str]:
    """Install the app's and Qt's translations for ``language`` (replacing earlier ones);
    returns what could not be loaded, in words, for the log."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication must exist first"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _loaded.clear()
    _current[0] = language
    set_translator(None)
    if language == SOURCE_LANGUAGE:
        return []
    set_translator(QCoreApplication.translate)  # the core's error messages, as they are shown
    missing = []
    ours = QTranslator(app)
    if _load_copy(ours, resources_dir() / "i18n" / f"consultaid_{language}.qm"):
        _installed.append(ours)
    else:
        missing.append(f"consultaid_{language}.qm")
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qt = QTranslator(app)
    if _load_copy(qt, qt_folder / f"qtbase_{language}.qm"):
        _installed.append(qt)
    else:
        missing.append(f"qtbase_{language}.qm (not in {qt_folder})")
    for translator in _installed:
        app.installTranslator(translator)
    return missing


_loaded: list[bytes] = []
"""The .qm files' bytes: Qt reads a translation where it lies and does not copy it."""


def _load_copy(translator: QTranslator, path: Path) -> bool:
    """Load ``path`` from a copy in memory. Loaded from the file, Qt maps it, and a file
    rewritten under the running app (an update installed while it is open) turned every word
    looked up afterwards back into English (seen under Xvfb: the lock screen)."""
    try:
        # An ordinary file only: a FIFO in its place hung every start (issue 25.6).
        data = read_limited(path, 16 * 1024 * 1024)
    except (OSError, FileRefused):
        return False
    if not translator.load(data):
        return False
    _loaded.append(data)
    return True


class UiTranslationStatus(NamedTuple):
    language: str
    status: str
    """"draft" or "reviewed"."""
    translator: str
    reviewer: str
    reviewed_on: str


def ui_translation_status(language: str) -> UiTranslationStatus | None:
    """What ``translations.toml`` records about the app's words in ``language`` (None for
    English, the source, or a language it does not list)."""
    import tomllib  # here, not at the top: the window's shell paints before it loads

    path = resources_dir() / "i18n" / "translations.toml"
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get(language)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    if not isinstance(table, dict):
        return None
    return UiTranslationStatus(language, str(table.get("status", "draft")),
                               str(table.get("translator", "")), str(table.get("reviewer", "")),
                               str(table.get("reviewed_on", "")))


def status_sentence(language: str) -> str:
    """One sentence for Help > About and Settings on the app translation's review."""
    status = ui_translation_status(language)
    if status is None:
        return ""
    if status.status == "reviewed" and status.reviewer:
        return QCoreApplication.translate(
            "Translation", "The app's words in this language were reviewed by {reviewer} on "
            "{date}.").format(reviewer=status.reviewer, date=status.reviewed_on)
    return QCoreApplication.translate(
        "Translation", "The app's words in this language are a draft translation: no qualified "
        "translator has reviewed them yet.")


def translate(context: str, source: str) -> str:
    """``QCoreApplication.translate``: the app's words outside a QObject's own ``self.tr``
    (``lupdate`` reads ``translate("Context", "Source")`` calls)."""
    return QCoreApplication.translate(context, source)
