"""The access controller on its own (issue 27): sign-in, a wrong PIN, the lock and unlocking,
signing out, with the real access page, a real temporary database and a stand-in for the
window's chrome (``AccessWindow``); no window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from consultaid.records import audit
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.access.access_page import Mode
from tests.ui.conftest import enter_pin
from tests.ui.controller_parts import Controllers, FakeQuestions, settle, sign_in
from tests.ui.driving import click


def actions(service: RecordsService) -> list[str]:
    return [e.action for e in audit.entries(service.db)]


def test_the_records_ask_who_is_there(controllers: Controllers, physician: User) -> None:
    parts = controllers
    assert parts.page.mode is Mode.SIGN_IN
    assert parts.window.root.currentWidget() is parts.page
    assert parts.access.user is None


def test_sign_in_shows_the_wizard_to_a_physician(
        qtbot: QtBot, controllers: Controllers, service: RecordsService,
        physician: User) -> None:
    parts = controllers
    sign_in(qtbot, parts)
    assert parts.access.user is not None and parts.access.user.id == physician.id
    assert not parts.access.locked
    assert parts.window.root.currentWidget() is parts.window.wizard
    assert parts.window.user_label.text() == "Signed in: Dr Ada Test (Physician)"
    assert parts.window.records_page is not None
    assert parts.window.records_page.user is parts.access.user
    assert parts.state.consultation.physician == "Dr Ada Test"  # a default, not an edit
    assert not parts.state.dirty
    assert parts.window.opened_pending == 1
    assert parts.control.idle.timer.isActive()
    assert "sign-in" in actions(service)


def test_front_desk_gets_the_records_view(
        qtbot: QtBot, controllers: Controllers, service: RecordsService,
        physician: User) -> None:
    parts = controllers
    service.create_user(physician, "Sam Front", "front_desk", "246810")
    enter_pin(qtbot, parts.page, parts.control, "Sam Front", "246810")
    settle(qtbot, parts)
    assert parts.window.root.currentWidget() is parts.window.records_page
    assert parts.state.consultation.physician == ""


def test_a_wrong_pin_is_refused_and_said(
        qtbot: QtBot, controllers: Controllers, physician: User) -> None:
    parts = controllers
    enter_pin(qtbot, parts.page, parts.control, "Dr Ada Test", "654321")
    assert parts.access.user is None
    assert parts.window.root.currentWidget() is parts.page
    assert parts.page.mode is Mode.SIGN_IN
    assert parts.page.error.isVisible() and parts.page.error.text()
    assert parts.page.pin.text() == ""  # typed again
    enter_pin(qtbot, parts.page, parts.control, "Dr Ada Test", "123456")
    assert parts.access.user is not None


def test_lock_hides_everything_until_the_pin(
        qtbot: QtBot, controllers: Controllers, service: RecordsService,
        physician: User) -> None:
    parts = controllers
    sign_in(qtbot, parts)
    field = parts.window.wizard
    assert parts.window.root.currentWidget() is field
    parts.window.show_message("Maria Nunez's draft is saved.")
    parts.control.lock()
    assert parts.access.locked and parts.page.mode is Mode.LOCKED
    assert parts.window.root.currentWidget() is parts.page
    assert not parts.window.message_bar.isVisible()
    records_page = parts.window.records_page
    assert records_page is not None and records_page.model.rowCount() == 0  # cleared
    assert not parts.control.idle.timer.isActive()
    assert not parts.page.name.isVisible() or parts.page.name.isReadOnly()

    enter_pin(qtbot, parts.page, parts.control, "", "000000")  # wrong: still locked
    assert parts.access.locked
    assert "That PIN is not right. Try again, or sign out." in parts.page.error.text()
    assert parts.window.root.currentWidget() is parts.page

    enter_pin(qtbot, parts.page, parts.control, "", "123456")
    settle(qtbot, parts)
    assert not parts.access.locked
    assert parts.window.root.currentWidget() is field  # back where the physician was
    assert parts.control.idle.timer.isActive()
    logged = actions(service)
    assert logged.index("lock") < logged.index("unlock")


def test_the_lock_saves_what_was_typed_in_the_background(
        qtbot: QtBot, controllers: Controllers, service: RecordsService,
        physician: User) -> None:
    parts = controllers
    sign_in(qtbot, parts)
    parts.state.edit(lambda c: setattr(c.patient, "name", "Li Wei"))
    assert parts.records.autosave_timer.isActive()
    with qtbot.waitSignal(parts.records.draft_saved, timeout=4000):
        parts.control.lock()
    summary = service.summary(parts.state.consultation.consultation_id)
    assert summary is not None and summary.patient_name == "Li Wei"


def test_sign_out_asks_about_unsaved_work_first(
        qtbot: QtBot, controllers: Controllers, questions: FakeQuestions,
        service: RecordsService) -> None:
    parts = controllers
    sign_in(qtbot, parts)
    parts.control.sign_out()  # nothing unsaved: nothing asked
    assert parts.access.user is None and questions.asked == []
    sign_in(qtbot, parts)
    parts.state.edit(lambda c: setattr(c.patient, "name", "Li Wei"))
    questions.save_changes.append(False)  # "Cancel": nobody is signed out
    parts.control.sign_out()
    assert parts.access.user is not None
    assert parts.window.root.currentWidget() is parts.window.wizard
    questions.save_changes.append(True)
    parts.control.sign_out()
    settle(qtbot, parts)
    assert questions.asked == ["Save changes?", "Save changes?"]
    assert parts.access.user is None
    assert parts.page.mode is Mode.SIGN_IN
    assert parts.window.user_label.text() == "Not signed in"
    assert parts.state.consultation.physician == ""  # a new, empty consultation
    assert parts.state.consultation.patient.name == ""
    assert "sign-out" in actions(service)


def test_signing_out_from_the_lock_screen(
        qtbot: QtBot, controllers: Controllers, physician: User) -> None:
    parts = controllers
    sign_in(qtbot, parts)
    parts.control.lock()
    click(qtbot, parts.page.sign_out_button)
    settle(qtbot, parts)
    assert parts.access.user is None and not parts.access.locked
    assert parts.page.mode is Mode.SIGN_IN
    assert parts.page.name.isVisible() and not parts.page.name.isReadOnly()  # asked again
    enter_pin(qtbot, parts.page, parts.control, "Dr Ada Test", "123456")
    assert parts.access.user is not None and not parts.access.locked
