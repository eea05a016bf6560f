"""The one place that finds ``resources/`` (content packs, fonts, icons).

Works from a source checkout (``<repo>/resources``), an installed wheel
(``consultaid/resources`` inside the package) and a PyInstaller bundle (``sys._MEIPASS``).
``CONSULTAID_RESOURCES`` overrides all three, for tests and unusual installs.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates() -> list[Path]:
    found: list[Path] = []
    override = os.environ.get("CONSULTAID_RESOURCES")
    if override:
        found.append(Path(override))
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "resources")
    found.append(_PACKAGE_DIR / "resources")  # installed wheel
    found.append(_PACKAGE_DIR.parent / "resources")  # source checkout
    return found


@cache
def resources_dir() -> Path:
    for candidate in _candidates():
        if (candidate / "content").is_dir():
            return candidate
    tried = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(f"consultaid's resources folder was not found (looked in: {tried})")


def content_dir() -> Path:
    return resources_dir() / "content"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    return resources_dir() / "icons"
