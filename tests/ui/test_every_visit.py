"""Small things a physician meets at every visit (issue 18), each driven by keys and clicks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records.service import MAX_PIN_FAILURES, RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from consultaid.ui.main_window import MainWindow
from consultaid.ui.shortcuts_help import ShortcutsDialog
from consultaid.ui.wizard.answer_fields import MeasurementAnswer
from tests.ui.conftest import sign_in
from tests.ui.driving import choose, click, type_into
from tests.ui.fake_handout import tiny_pdf
from tests.ui.wheel import post_wheel

MakeWindow = Callable[[RecordsService], MainWindow]


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.ControlModifier) -> None:
    """A menu shortcut, typed on the window."""
    qtbot.keyClick(window, key, modifier)


def test_physician_field_defaults_to_the_signed_in_physician(
        qtbot: QtBot, make_window: MakeWindow, service: RecordsService, physician: User,
        monkeypatch: pytest.MonkeyPatch) -> None:
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.patient_page.physician.text() == "Dr Ada Test"
    assert not win.state.dirty  # a default, not an edit: nothing to save yet
    # Signed in, the cursor waits in the patient's name (seen under Xvfb: it was in the list).
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClicks(QApplication.focusWidget(), "Maria")
    assert win.patient_page.name.text() == "Maria"
    type_into(qtbot, win.patient_page.name, "Maria Lopez")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    win.menu_actions.new_action.trigger()  # File > New
    assert win.patient_page.name.text() == ""
    assert win.patient_page.physician.text() == "Dr Ada Test"


def test_file_new_resets_focus_scroll_and_units(qtbot: QtBot, window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window.resize(1000, 600)
    press(qtbot, window, Qt.Key.Key_2)
    page = window.screening_page
    crp = next(f for f in page.fields.values()
               if isinstance(f, MeasurementAnswer) and len(f.unit.buttons) > 1)
    choose(qtbot, crp.unit, crp.unit.buttons[1].text())
    qtbot.keyClicks(crp.line, "12")
    scroll = page.findChild(type(window.screening_page.splitter.widget(0)))
    assert scroll is not None
    bar = scroll.verticalScrollBar()
    for _ in range(5):
        post_wheel(scroll.viewport(), -1)
    assert bar.value() > 0
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    press(qtbot, window, Qt.Key.Key_N)
    assert window.current_step() == 0
    assert window.patient_page.name.hasFocus()
    assert bar.value() == 0
    assert crp.unit.value() == crp.item.units[0].id and crp.line.text() == ""


def _add_row(qtbot: QtBot, window: MainWindow, when: str) -> None:
    click(qtbot, window.follow_up_page.add_button)
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, when)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: when in whens(window))  # the delegate commits on the next turn


def _click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    table = window.follow_up_page.table
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def whens(window: MainWindow) -> list[str]:
    return [row.when for row in window.state.consultation.follow_up]


def test_add_row_appends_and_a_removed_row_can_be_undone(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_5)
    for when in ("2 weeks", "6 weeks", "3 months"):
        _add_row(qtbot, window, when)
    _click_row(qtbot, window, 0)
    _add_row(qtbot, window, "6 months")
    assert whens(window) == ["2 weeks", "6 weeks", "3 months", "6 months"]  # appended

    page = window.follow_up_page
    _click_row(qtbot, window, 1)
    click(qtbot, page.remove_button)
    assert whens(window) == ["2 weeks", "3 months", "6 months"]
    click(qtbot, page.undo_button)
    assert whens(window) == ["2 weeks", "6 weeks", "3 months", "6 months"]
    assert not page.undo_button.isEnabled()

    _click_row(qtbot, window, 3)
    click(qtbot, page.remove_button)
    _click_row(qtbot, window, 0)  # back in the table, Ctrl+Z undoes the removal
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert whens(window) == ["2 weeks", "6 weeks", "3 months", "6 months"]


def test_template_caption_names_the_template_actually_used(
        qtbot: QtBot, window: MainWindow, pack: ContentPack,
        monkeypatch: pytest.MonkeyPatch) -> None:
    panels = sorted(pack.conditions.values(), key=lambda p: (p.order, p.title))
    first, second = panels[0], panels[1]
    press(qtbot, window, Qt.Key.Key_3)
    choose(qtbot, window.condition_page.condition, first.title)
    hint = window.follow_up_page.hint
    assert f"template for {first.title}." in hint.text()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    press(qtbot, window, Qt.Key.Key_5)
    _click_row(qtbot, window, 0)
    click(qtbot, window.follow_up_page.remove_button)  # the plan is edited now
    press(qtbot, window, Qt.Key.Key_3)
    choose(qtbot, window.condition_page.condition, second.title)  # keep the edited plan
    assert f"template for {first.title}, edited" in hint.text()
    assert f"template for {second.title}" not in hint.text()
    assert f"The condition chosen now is {second.title}" in hint.text()


def test_handout_language_shows_its_name(qtbot: QtBot, pack: ContentPack) -> None:
    win = MainWindow(pack, ClinicSettings(), languages=["en", "es"])
    qtbot.addWidget(win)
    assert win.patient_page.language.currentText() == "English"
    assert win.handout_page.language.currentText() == "English"
    assert win.patient_page.language.itemText(1) == "Español"  # as the patient looks for it
    assert win.patient_page.language.itemData(1) == "es"


def test_settings_default_language_shows_its_name_and_keeps_the_code(qtbot: QtBot) -> None:
    from consultaid.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ClinicSettings(default_language="en"), ["en", "es"], None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.default_language.currentText() == "English"
    assert dialog.current_settings().default_language == "en"
    choose(qtbot, dialog.default_language, "Español")
    assert dialog.current_settings().default_language == "es"


def test_the_lockout_message_is_fully_visible(qtbot: QtBot, service: RecordsService,
                                              physician: User, make_window: MakeWindow) -> None:
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.menu_actions.lock_action.trigger()  # File > Lock now
    assert win.locked
    for _ in range(MAX_PIN_FAILURES + 1):
        sign_in(qtbot, win, "", "000000")
    error = win.access_page.error
    assert "Too many wrong PINs" in error.text()
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()))


def test_front_desk_title_and_double_click_opens_the_handout(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow) -> None:
    example = example_consultation(pack)
    service.save_draft(physician, example)
    given = tiny_pdf(["Stored handout"])
    service.record_handout(physician, example.consultation_id, given, pack.version,
                           ClinicSettings())
    service.create_user(physician, "Fran Desk", "front_desk", "567890")
    win = make_window(service)
    sign_in(qtbot, win, "Fran Desk", "567890")
    assert win.windowTitle() == "Records — consultaid"
    page = win.records_page
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.viewer is not None and page.viewer.isVisible())
    assert page.viewer is not None and page.viewer.pdf == given


def test_help_lists_the_keyboard_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text.toPlainText()
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            assert keys in text, action.text()
    for keys in ("Ctrl+PgDown", "Ctrl+1", "Escape", "Alt+Down", "Ctrl+Z"):
        assert keys in text
    dialog.close()


def test_next_step_by_keyboard_puts_the_focus_on_its_first_field(qtbot: QtBot,
                                                                  window: MainWindow) -> None:
    qtbot.mouseClick(window.patient_page.name, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.patient_page.name, "Maria Lopez")
    qtbot.keyClick(window.patient_page.name, Qt.Key.Key_PageDown,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() == 1
    first = next(iter(window.screening_page.fields.values()))
    assert first.focus_target.hasFocus()
    qtbot.keyClick(first.focus_target, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.condition_page.condition.hasFocus()


def test_a_row_reached_by_keyboard_can_be_removed(qtbot: QtBot, window: MainWindow,
                                                  pack: ContentPack) -> None:
    press(qtbot, window, Qt.Key.Key_3)
    panel = next(p for p in pack.conditions.values() if p.follow_up)
    choose(qtbot, window.condition_page.condition, panel.title)  # its template fills the plan
    combo = window.condition_page.condition
    qtbot.keyClick(combo, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown,
                   Qt.KeyboardModifier.ControlModifier)
    page = window.follow_up_page
    assert window.current_step() == 4 and page.table.hasFocus()
    assert page.remove_button.isEnabled()  # the current row can be removed at once


def test_sidebar_jumps_to_the_first_unanswered_item(qtbot: QtBot, window: MainWindow,
                                                    pack: ContentPack) -> None:
    """Issue 18: a step picked in the sidebar puts the cursor on what it still needs."""
    from consultaid.session.steps import Step, unanswered_items

    window.show()
    qtbot.waitExposed(window)
    press(qtbot, window, Qt.Key.Key_2)
    first = unanswered_items(window.state.consultation, pack)[0]
    field = window.screening_page.fields[first]
    type_into(qtbot, field.focus_target, "Knee osteoarthritis")  # type: ignore[arg-type]
    press(qtbot, window, Qt.Key.Key_1)  # away, then back by clicking the sidebar
    missing = unanswered_items(window.state.consultation, pack)
    assert missing and missing[0] != first
    sidebar = window.wizard.sidebar
    row = sidebar.visualRect(window.wizard.steps.index(int(Step.SCREENING)))
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    assert window.current_step() == Step.SCREENING
    target = window.screening_page.fields[missing[0]].focus_target
    qtbot.waitUntil(target.hasFocus, timeout=2000)


def test_the_handout_step_says_the_clinic_phone_is_missing_until_it_is_set(
        qtbot: QtBot, make_window: MakeWindow, service: RecordsService, physician: User,
        pack: ContentPack) -> None:
    """Seen in the mouse-only walk of a fresh install: the handout printed an empty 'Clinic
    phone'. The Handout step says so (the sheet leaves a line to write it in), and the message
    goes when the phone is set."""
    import dataclasses

    from consultaid.session.steps import Step
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.state.replace(example_consultation(pack))
    win.go_to(int(Step.HANDOUT))
    assert "The clinic's phone number is not set" in win.handout_page.warning.text()
    win.handout_page.set_settings(dataclasses.replace(win.settings, phone="+1 555 0100"))
    assert "phone" not in win.handout_page.warning.text()
