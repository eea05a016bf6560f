"""Helpers for tests: copies of the bundled pack that a test may break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

from consultaid.resources import content_dir


def copy_pack(tmp_path: Path, language: str = "en") -> Path:
    """A writable copy of the bundled pack for ``language``."""
    target = tmp_path / "pack" / language
    shutil.copytree(content_dir() / language, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
