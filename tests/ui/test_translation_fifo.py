"""Issue 25.6: a .qm that is a FIFO hung every start (reading it waited for a writer)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTranslator

from consultaid.ui.translation import _load_copy


def test_a_fifo_in_a_translations_place_is_passed_over_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "consultaid_es.qm"
    os.mkfifo(fifo)
    assert _load_copy(QTranslator(), fifo) is False  # returns: no reader waits for a writer
    real = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "consultaid_es.qm"
    assert _load_copy(QTranslator(), real) is True
