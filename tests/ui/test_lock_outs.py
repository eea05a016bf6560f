"""Issue 26.5: after too many wrong PINs the lock screen counts the time left down, and the idle
lock keeps an open dialog (and what was typed in it) for when the physician comes back.

Built from the access controller, the records and review controls and a real temporary
database, as the window builds them (no window)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.records.service import MAX_PIN_FAILURES, PIN_PAUSE_MINUTES, RecordsService
from consultaid.records.users import User
from consultaid.ui.access.access_page import Mode
from consultaid.ui.records.review_control import ReviewControl
from tests.ui.conftest import needing_review
from tests.ui.controller_parts import Controllers, sign_in
from tests.ui.driving import choose, click
from tests.ui.test_review_control import review_control


def with_the_review_dialog(qtbot: QtBot, parts: Controllers, service: RecordsService,
                           physician: User, pack: ContentPack) -> ReviewControl:
    """Dr Ada signed in on a consultation that needs a second physician's review, and
    Review… asked: the dialog is open."""
    service.create_user(physician, "Dr Lee Okafor", "physician", "864213")
    sign_in(qtbot, parts, "Dr Ada Test", "123456")
    parts.state.replace(needing_review(pack))
    parts.state.edit(lambda _c: None)
    control, _line, _said = review_control(parts)
    control.ask()  # Screening > Review…
    return control


def test_the_lock_screen_counts_down_the_pause(qtbot: QtBot, controllers: Controllers) -> None:
    parts = controllers
    sign_in(qtbot, parts, "Dr Ada Test", "123456")
    parts.control.lock()
    page = parts.page
    for _ in range(MAX_PIN_FAILURES):
        sign_in(qtbot, parts, "", "000000")
        assert not page.countdown.isVisible()
    sign_in(qtbot, parts, "", "123456")  # the right PIN, refused during the pause
    assert parts.access.locked and "Too many wrong PINs" in page.error.text()
    assert page.countdown.isVisible()
    shown = re.fullmatch(r"Try again in (\d+):(\d\d)\.", page.countdown.text())
    assert shown is not None, page.countdown.text()
    left = int(shown[1]) * 60 + int(shown[2])
    assert PIN_PAUSE_MINUTES * 60 - 30 <= left <= PIN_PAUSE_MINUTES * 60
    with qtbot.waitSignal(page._tick.timeout, timeout=3000):
        pass
    assert page.pause_left() == left - 1  # it counts down by itself
    assert page.countdown.text() != f"Try again in {shown[1]}:{shown[2]}."


def test_sign_in_page_counts_down_too(qtbot: QtBot, controllers: Controllers) -> None:
    parts = controllers
    for _ in range(MAX_PIN_FAILURES + 1):
        sign_in(qtbot, parts, "Dr Ada Test", "999999")
    page = parts.page
    assert page.mode is Mode.SIGN_IN and "Too many wrong PINs" in page.error.text()
    assert page.countdown.text().startswith("Try again in ")
    assert page.pause_left() > 0


def test_the_idle_lock_keeps_the_review_dialog_and_its_comment(
        qtbot: QtBot, controllers: Controllers, service: RecordsService, physician: User,
        pack: ContentPack) -> None:
    parts = controllers
    control = with_the_review_dialog(qtbot, parts, service, physician, pack)
    dialog = control.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.pin, "8642")
    dialog.comment.setFocus()
    qtbot.keyClicks(dialog.comment, "CRP to be repeated before the injection.")
    parts.control.idle.timer.setInterval(100)  # the real default is minutes
    parts.control.idle.start()
    qtbot.waitUntil(lambda: parts.access.locked, timeout=3000)
    assert not dialog.isVisible()  # nothing of the patient's on the lock screen
    assert control.dialog is dialog
    sign_in(qtbot, parts, "", "123456")
    assert not parts.access.locked
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.comment.toPlainText() == "CRP to be repeated before the injection."
    assert dialog.pin.text() == ""  # a PIN is typed again
    qtbot.keyClicks(dialog.pin, "864213")
    choose(qtbot, dialog.decision, "Agreed")
    click(qtbot, dialog.sign_button)
    signed = service.signed_review(parts.state.consultation.consultation_id)
    assert signed is not None and signed.comment == "CRP to be repeated before the injection."


def test_signing_out_from_the_lock_screen_closes_the_kept_dialog(
        qtbot: QtBot, controllers: Controllers, service: RecordsService, physician: User,
        pack: ContentPack) -> None:
    parts = controllers
    control = with_the_review_dialog(qtbot, parts, service, physician, pack)
    dialog = control.dialog
    assert dialog is not None
    parts.control.lock()
    click(qtbot, parts.page.sign_out_button)
    assert parts.access.user is None
    sign_in(qtbot, parts, "Dr Ada Test", "123456")
    assert not dialog.isVisible()
    qtbot.keyClick(parts.window.patient_page.name, Qt.Key.Key_A)  # the window answers keys again
