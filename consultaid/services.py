"""Small façade over the core for the CLI and GUI: load the clinic's content, screen."""

from __future__ import annotations

from consultaid.content.loader import LoadResult, load_content
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult, evaluate_screening
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
