"""The patient handout PDF (see DESIGN.md): the only package that imports reportlab.

The GUI preview, the CLI and a front-desk reprint all call :func:`build_handout` (or
:func:`build_handout_with_warnings` to show the user what was left out or replaced).
"""

from __future__ import annotations

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.handout.builder import HandoutResult, build_handout_result
from consultaid.handout.errors import HandoutError
from consultaid.settings import ClinicSettings

__all__ = [
    "HandoutError",
    "HandoutResult",
    "build_handout",
    "build_handout_result",
    "build_handout_with_warnings",
]


def build_handout_with_warnings(
    consultation: Consultation, pack: ContentPack, settings: ClinicSettings
) -> tuple[bytes, list[str]]:
    """PDF bytes plus what the user should be told (logo left out, characters replaced).

    Raises HandoutError when no honest handout can be made (unknown condition, invalid
    screening answers). Safe to call from a worker thread.
    """
    result = build_handout_result(consultation, pack, settings)
    return result.pdf, result.warnings


def build_handout(
    consultation: Consultation, pack: ContentPack, settings: ClinicSettings
) -> bytes:
    """PDF bytes of the patient handout; see :func:`build_handout_with_warnings`."""
    return build_handout_result(consultation, pack, settings).pdf
