"""Where the user's settings, records and content overlay live, per platform.

Environment variables override each (clinics choose their own locations; tests use temp dirs):
``CONSULTAID_CONFIG_DIR``, ``CONSULTAID_DATA_DIR``, ``CONSULTAID_CONTENT_OVERLAY``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "consultaid"


def _home() -> Path:
    return Path(os.path.expanduser("~"))


def config_dir() -> Path:
    override = os.environ.get("CONSULTAID_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or _home() / "AppData" / "Roaming") / APP_NAME
    if sys.platform == "darwin":
        return _home() / "Library" / "Application Support" / APP_NAME
    return Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config") / APP_NAME


def data_dir() -> Path:
    override = os.environ.get("CONSULTAID_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or _home() / "AppData" / "Local") / APP_NAME
    if sys.platform == "darwin":
        return _home() / "Library" / "Application Support" / APP_NAME
    return Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share") / APP_NAME


def content_overlay_dir() -> Path:
    """A clinic's own content: ``<overlay>/<lang>/`` mirrors ``resources/content/<lang>/``."""
    override = os.environ.get("CONSULTAID_CONTENT_OVERLAY")
    if override:
        return Path(override)
    return config_dir() / "content"
