"""Issue 27: the window works out the consultation's Overview once per edit, and every view
(verdict banner, steps list, handout notes) shows that one value; "given" is the record's."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.session.steps import Step
from consultaid.ui.main_window import MainWindow
from tests.session.test_overview import counted_evaluations


def test_one_keystroke_evaluates_the_screening_once(
        qtbot: QtBot, window: MainWindow, pack: ContentPack,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.state.replace(copy.deepcopy(example_consultation(pack)))
    window.go_to(int(Step.SCREENING))
    calls = counted_evaluations(monkeypatch)
    field = window.screening_page.fields["esr"].line
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClick(field, Qt.Key.Key_5)
    assert len(calls) == 1
    seen = window.state.overview
    assert window.screening_page.banner.verdict is seen.screening.verdict
    sidebar = window.wizard.steps.index(int(Step.SCREENING)).data()
    assert seen.steps[Step.SCREENING].state.label in sidebar
    label = pack.verdicts[seen.screening.verdict].label
    assert f"Screening outcome on this handout: {label}" in window.handout_page.warning.text()
