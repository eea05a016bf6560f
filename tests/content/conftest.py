"""Fixtures for content tests: a writable copy of the bundled English pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consultaid.resources import content_dir


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A copy of the bundled English pack that a test may change freely."""
    target = tmp_path / "en"
    shutil.copytree(content_dir() / "en", target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a pack file; fail loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
