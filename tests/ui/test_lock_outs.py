"""Issue 26.5: after too many wrong PINs the lock screen counts the time left down, and the idle
lock keeps an open dialog (and what was typed in it) for when the physician comes back."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Review
from consultaid.records.service import MAX_PIN_FAILURES, PIN_PAUSE_MINUTES, RecordsService
from consultaid.records.users import User
from consultaid.ui.access.access_page import Mode
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import sign_in
from tests.ui.driving import click
from tests.ui.test_review_gui import open_example

MakeWindow = Callable[..., MainWindow]


def test_the_lock_screen_counts_down_the_pause(qtbot: QtBot, service: RecordsService,
                                               physician: User, make_window: MakeWindow) -> None:
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.menu_actions.lock_action.trigger()
    page = win.access_page
    for _ in range(MAX_PIN_FAILURES):
        sign_in(qtbot, win, "", "000000")
        assert not page.countdown.isVisible()
    sign_in(qtbot, win, "", "123456")  # the right PIN, refused during the pause
    assert win.locked and "Too many wrong PINs" in page.error.text()
    assert page.countdown.isVisible()
    shown = re.fullmatch(r"Try again in (\d+):(\d\d)\.", page.countdown.text())
    assert shown is not None, page.countdown.text()
    left = int(shown[1]) * 60 + int(shown[2])
    assert PIN_PAUSE_MINUTES * 60 - 30 <= left <= PIN_PAUSE_MINUTES * 60
    with qtbot.waitSignal(page._tick.timeout, timeout=3000):
        pass
    assert page.pause_left() == left - 1  # it counts down by itself
    assert page.countdown.text() != f"Try again in {shown[1]}:{shown[2]}."


def test_sign_in_page_counts_down_too(qtbot: QtBot, service: RecordsService, physician: User,
                                      make_window: MakeWindow) -> None:
    win = make_window(service)
    for _ in range(MAX_PIN_FAILURES + 1):
        sign_in(qtbot, win, "Dr Ada Test", "999999")
    page = win.access_page
    assert page.mode is Mode.SIGN_IN and "Too many wrong PINs" in page.error.text()
    assert page.countdown.text().startswith("Try again in ")
    assert page.pause_left() > 0


def test_the_idle_lock_keeps_the_review_dialog_and_its_comment(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow) -> None:
    win = open_example(qtbot, service, make_window, pack, physician)
    click(qtbot, win.screening_page.review_button)
    dialog = win.review_control.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.pin, "8642")
    dialog.comment.setFocus()
    qtbot.keyClicks(dialog.comment, "CRP to be repeated before the injection.")
    win.access_control.idle.timer.setInterval(100)  # the real default is minutes
    win.access_control.idle.start()
    qtbot.waitUntil(lambda: win.locked, timeout=3000)
    assert not dialog.isVisible()  # nothing of the patient's on the lock screen
    assert win.review_control.dialog is dialog
    sign_in(qtbot, win, "", "123456")
    assert not win.locked
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.comment.toPlainText() == "CRP to be repeated before the injection."
    assert dialog.pin.text() == ""  # a PIN is typed again
    qtbot.keyClicks(dialog.pin, "864213")
    from tests.ui.driving import choose

    choose(qtbot, dialog.decision, "Agreed")
    click(qtbot, dialog.sign_button)
    signed = service.signed_review(win.state.consultation.consultation_id)
    assert signed is not None and signed.comment == "CRP to be repeated before the injection."


def test_signing_out_from_the_lock_screen_closes_the_kept_dialog(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow) -> None:
    service.create_user(physician, "Dr Lee Okafor", "physician", "864213")
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()
    win.state.replace(example)
    win.state.edit(lambda _c: None)
    click(qtbot, win.screening_page.review_button)
    dialog = win.review_control.dialog
    assert dialog is not None
    win.access_control.lock()
    click(qtbot, win.access_page.sign_out_button)
    assert win.user is None
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert not dialog.isVisible()
    qtbot.keyClick(win.patient_page.name, Qt.Key.Key_A)  # the window answers keys again
