"""Small façade over the core for the CLI and GUI: load the clinic's content, screen."""

from __future__ import annotations

import copy
import threading

from consultaid.content.languages import language_name
from consultaid.content.loader import LoadResult, available_languages, load_content
from consultaid.content.pack import ContentPack
from consultaid.content.relanguage import carry_over
from consultaid.content.translation import SOURCE_LANGUAGE
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult, evaluate_screening
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.paths import config_dir, content_overlay_dir, data_dir


def load_clinic_content(language: str = "en") -> LoadResult:
    """The pack for ``language`` with the clinic's overlay folder, falling back to the bundle.

    Packs that passed every check are cached in the data folder (see content/cache.py).
    """
    return load_content(language, overlay_root=content_overlay_dir(),
                        cache_dir=data_dir() / "cache",
                        seal_file=config_dir() / "content-cache.key")


def screen(consultation: Consultation, pack: ContentPack) -> ScreeningResult:
    return evaluate_screening(consultation, pack.checklist, pack.rules)


_loaded: dict[tuple[str, str], LoadResult] = {}
_loading = threading.Lock()


def content_for(language: str) -> LoadResult:
    """:func:`load_clinic_content`, once per language and overlay folder in a process (the
    handout is built on a worker thread while the window may ask too: one lock)."""
    key = (language, str(content_overlay_dir()))
    with _loading:
        if key not in _loaded:
            _loaded[key] = load_clinic_content(language)
        return _loaded[key]


def handout_content(consultation: Consultation,
                    pack: ContentPack) -> tuple[ContentPack, Consultation, list[str]]:
    """What the handout is written with: the pack in the patient's language (the handout's
    language, chosen on the Patient step), whatever language the visit used, and a copy of
    the consultation with its template words carried over; plus what to tell the user."""
    language = consultation.handout.language or pack.language
    if language == pack.language:
        return pack, consultation, []
    if language not in available_languages():
        return pack, consultation, [
            f"There is no {language_name(language)} content on this computer, so the handout "
            f"is in {language_name(pack.language)}."]
    loaded = content_for(language)
    moved = copy.deepcopy(consultation)
    notes = carry_over(moved, pack, loaded.pack)
    return loaded.pack, moved, [*loaded.warnings, *notes]


def translation_status(language: str) -> str:
    """What the physician should know about the ``language`` handouts' translation: "" for
    the source language; who reviewed it; or that nobody qualified has reviewed it yet."""
    if language == SOURCE_LANGUAGE or language not in available_languages():
        return ""  # (the source pack is no translation: nothing loaded for it here)
    translation = content_for(language).pack.translation
    name = language_name(language)
    if translation is None:
        return ""
    if translation.reviewed:
        return QT_TRANSLATE_NOOP("Services", "{language} handouts: translation reviewed by "
                                 "{reviewer} ({qualification}) on {date}.").format(
            language=name, reviewer=translation.reviewer,
            qualification=translation.reviewer_qualification, date=str(translation.reviewed_on))
    return QT_TRANSLATE_NOOP(
        "Services", "{language} handouts come from a draft translation that no qualified medical "
        "translator has reviewed yet; each handout says so, in both languages. Go over it with "
        "the patient, or with an interpreter.").format(language=name)
