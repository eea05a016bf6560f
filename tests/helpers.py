"""Helpers for tests: copies of the bundled pack that a test may break on purpose, and the text
of a PDF read back with pypdf."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from pypdf import PdfReader

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


def text_of(pdf: bytes, joiner: str = "\n") -> str:
    """The text of every page of ``pdf``, pages joined by ``joiner`` (callers that do not care
    where lines wrap squeeze the white space themselves)."""
    return joiner.join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
