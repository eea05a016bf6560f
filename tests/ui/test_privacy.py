"""No patient's name in suggested file names or print job names (issue 12.12)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from consultaid import printing
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import choose_condition


def test_suggested_file_names_do_not_name_the_patient(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.state.edit(lambda c: setattr(c.patient, "name", "Maria Privata"))
    choose_condition(window)
    offered: list[str] = []

    def dialog(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    window.documents.save_as()
    window.handout_page.ask_save_pdf()
    assert len(offered) == 2
    assert all("Maria" not in name and "Privata" not in name for name in offered)
    assert offered[1].endswith(".pdf") and offered[0].endswith(".json")
    assert printing.JOB_TITLE == "consultaid handout"  # every print job's name
