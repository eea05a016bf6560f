"""File > Accounts… and Change my PIN…, driven with real clicks and keys (issue 11.2): the
access controller with the real menu actions and records, no window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from consultaid.records import audit, signing_in
from consultaid.records.accounts import Accounts
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.access.accounts_dialog import PinDialog
from consultaid.ui.access.accounts_list import AccountsDialog
from tests.ui.controller_parts import Controllers, sign_in
from tests.ui.driving import click


def ok_button(dialog: QWidget) -> QWidget:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def click_row(qtbot: QtBot, dialog: AccountsDialog, name: str) -> None:
    row = next(i for i, a in enumerate(dialog.accounts) if a.name == name)
    item = dialog.table.item(row, 0)
    assert item is not None and item.text().startswith(name)
    rect = dialog.table.visualItemRect(item)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.selected() is not None and dialog.selected().name == name  # type: ignore[union-attr]


def open_accounts(qtbot: QtBot, parts: Controllers) -> AccountsDialog:
    assert parts.window.menu_actions is not None
    parts.window.menu_actions.accounts_action.trigger()  # File > Accounts…
    dialog = parts.window.frame.findChild(AccountsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_physician_deactivates_reactivates_and_resets_a_pin(
        qtbot: QtBot, service: RecordsService, physician: User,
        controllers: Controllers) -> None:
    desk = service.create_user(physician, "Fran Desk", "front_desk", "567890")
    win = controllers
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    dialog = open_accounts(qtbot, win)
    cells = [[dialog.table.item(r, c).text() for c in range(4)]  # type: ignore[union-attr]
             for r in range(dialog.table.rowCount())]
    assert cells[0][:3] == ["Dr Ada Test (you)", "Physician", "yes"] and "UTC" in cells[0][3]
    assert cells[1] == ["Fran Desk", "Front desk", "yes", "never"]

    click_row(qtbot, dialog, "Dr Ada Test")  # oneself: no reset, and never the last physician
    assert not dialog.reset_button.isEnabled()
    click(qtbot, dialog.active_button)
    assert "last active physician" in dialog.error.text()
    assert all(a.active for a in Accounts(service).list())

    click_row(qtbot, dialog, "Fran Desk")
    click(qtbot, dialog.active_button)
    assert dialog.table.item(1, 2).text() == "no (deactivated)"  # type: ignore[union-attr]
    assert dialog.active_button.text() == "Re&activate"
    header = dialog.table.horizontalHeader()  # the table is refilled, and still fills its width
    assert header.length() >= dialog.table.viewport().width()
    assert not next(a for a in Accounts(service).list() if a.name == "Fran Desk").active
    click(qtbot, dialog.active_button)
    assert dialog.table.item(1, 2).text() == "yes"  # type: ignore[union-attr]

    click(qtbot, dialog.reset_button)
    pin_dialog = dialog.findChild(PinDialog)
    assert pin_dialog is not None
    qtbot.waitUntil(pin_dialog.isVisible)
    assert pin_dialog.current.isHidden()  # a reset does not know the old PIN
    qtbot.keyClicks(pin_dialog.pin, "fresh start 1")
    qtbot.keyClicks(pin_dialog.pin_again, "fresh start 1")
    click(qtbot, ok_button(pin_dialog))
    qtbot.waitUntil(lambda: not pin_dialog.isVisible())
    assert "was reset" in dialog.done_text.text()
    signed = service.sign_in("Fran Desk", "fresh start 1")
    assert signed == desk and signed.pin_change_due
    actions = [(e.actor, e.action) for e in audit.entries(service.db)]
    for action in ("user-deactivate", "user-reactivate", "pin-reset"):
        assert (physician.actor, action) in actions


def test_after_a_reset_the_account_is_asked_for_its_own_pin_at_sign_in(
        qtbot: QtBot, service: RecordsService, physician: User,
        controllers: Controllers) -> None:
    desk = service.create_user(physician, "Fran Desk", "front_desk", "567890")
    Accounts(service).reset_pin(physician, desk.id, "given by dr")
    win = controllers
    sign_in(qtbot, win, "Fran Desk", "given by dr")
    actions = win.window.menu_actions
    assert actions is not None
    assert not actions.accounts_action.isEnabled()  # front desk
    assert actions.change_pin_action.isEnabled()
    dialog = win.window.frame.findChild(PinDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.current, "given by dr")
    qtbot.keyClicks(dialog.pin, "my own words")
    qtbot.keyClicks(dialog.pin_again, "my own wordz")
    click(qtbot, ok_button(dialog))
    assert "not the same" in dialog.error.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.pin_again, "my own words")
    click(qtbot, ok_button(dialog))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "PIN was changed" in win.window.message_bar.text.text()
    assert not service.sign_in("Fran Desk", "my own words").pin_change_due


def test_change_my_pin_refuses_a_wrong_current_pin(qtbot: QtBot, service: RecordsService,
                                                   physician: User,
                                                   controllers: Controllers) -> None:
    win = controllers
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.window.frame.findChild(PinDialog) is None  # a 6-digit PIN of its own: not asked
    assert win.window.menu_actions is not None
    win.window.menu_actions.change_pin_action.trigger()  # File > Change my PIN…
    dialog = win.window.frame.findChild(PinDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.current, "654321")
    qtbot.keyClicks(dialog.pin, "new and long")
    qtbot.keyClicks(dialog.pin_again, "new and long")
    click(qtbot, ok_button(dialog))
    assert "current PIN is not right" in dialog.error.text()
    assert service.sign_in("Dr Ada Test", "123456") == physician


def test_sign_in_says_the_same_for_an_unknown_name_and_what_to_do_when_paused(
        qtbot: QtBot, service: RecordsService, physician: User,
        controllers: Controllers) -> None:
    win = controllers
    page = win.page
    sign_in(qtbot, win, "Nobody At All", "123456")
    unknown = page.error.text()
    sign_in(qtbot, win, "Dr Ada Test", "000000")
    assert page.error.text() == unknown and "do not match" in unknown
    for _ in range(signing_in.MAX_PIN_FAILURES - 1):
        sign_in(qtbot, win, "Dr Ada Test", "000000")
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert "ask another physician to reset it" in page.error.text()
    assert win.access.user is None
