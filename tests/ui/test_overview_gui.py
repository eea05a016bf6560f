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
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session import overview as overview_module
from consultaid.session.steps import Step, StepState
from consultaid.settings import ClinicSettings
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import sign_in
from tests.ui.fake_handout import fake_build_handout
from tests.ui.test_handout_as_given import MakeWindow


def test_one_keystroke_evaluates_the_screening_once(
        qtbot: QtBot, window: MainWindow, pack: ContentPack,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.state.replace(copy.deepcopy(example_consultation(pack)))
    window.go_to(int(Step.SCREENING))
    calls: list[object] = []
    real = overview_module.evaluate_screening

    def counted(*args: object) -> object:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(overview_module, "evaluate_screening", counted)
    field = window.screening_page.fields["esr"].line
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClick(field, Qt.Key.Key_5)
    assert len(calls) == 1
    seen = window.state.overview
    assert window.screening_page.banner.verdict is seen.screening.verdict
    sidebar = window.wizard.sidebar.item(int(Step.SCREENING)).text()
    assert seen.steps[Step.SCREENING].state.label in sidebar
    label = pack.verdicts[seen.screening.verdict].label
    assert f"Screening outcome on this handout: {label}" in window.handout_page.warning.text()


def test_a_record_whose_handout_was_given_shows_the_step_done_when_opened(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow) -> None:
    """UI_DESIGN P3's probe: the Handout step said "not started" on such a record."""
    example = copy.deepcopy(example_consultation(pack))
    service.save_draft(physician, example)
    service.record_handout(physician, example.consultation_id,
                           fake_build_handout(example, pack, ClinicSettings()),
                           pack.provenance, ClinicSettings())
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.show_records()
    assert win.records_page is not None
    win.records_page.select_row(0)
    QTest.mouseClick(win.records_page.open_button, Qt.MouseButton.LeftButton)
    assert win.state.overview.handout_given
    assert win.state.overview.steps[Step.HANDOUT].state is StepState.DONE
    assert "done" in win.wizard.sidebar.item(int(Step.HANDOUT)).text()
