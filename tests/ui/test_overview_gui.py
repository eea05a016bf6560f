"""Issue 27: the consultation's Overview is worked out once per edit, and every view (verdict
banner, steps list, handout notes) shows that one value; "given" is the record's. On the steps
with every controller the window wires to them (``make_wizard_controllers``)."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.steps import Step
from tests.session.test_overview import counted_evaluations
from tests.ui.conftest import settle, sign_in
from tests.ui.controller_parts import MakeWizardControllers


def test_one_keystroke_evaluates_the_screening_once(
        qtbot: QtBot, make_wizard_controllers: MakeWizardControllers, service: RecordsService,
        physician: User, pack: ContentPack, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_wizard_controllers(service)
    sign_in(qtbot, window, "Dr Ada Test", "123456")
    window.state.replace(copy.deepcopy(example_consultation(pack)))
    settle(qtbot, window)  # (the record's status, asked of the records, has come back)
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
