"""Issue 26.12, the smaller things seen in the room: File-menu letters that clash (and no
letter used twice on a step, menus included), and the
sign-in name typed in full (or found already typed: the last person's, on a shared desk)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.steps import Step
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import activate, sign_in

MakeWindow = Callable[..., MainWindow]


def mnemonic(text: str) -> str:
    """The letter after a single "&" ("" when there is none)."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].casefold() if 0 <= at < len(plain) - 1 else ""


def clashes(menu: QMenu) -> list[str]:
    seen: dict[str, str] = {}
    found = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        letter = mnemonic(action.text())
        if letter and letter in seen:
            found.append(f"{letter}: {seen[letter]} / {action.text()}")
        seen[letter] = action.text()
    return found


def test_every_menu_letter_is_used_once(window: MainWindow) -> None:
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert menus
    problems = [c for m in menus if isinstance(m, QMenu) for c in clashes(m)]
    assert problems == []


def test_every_menu_letter_is_used_once_in_spanish(qtbot: QtBot, pack: ContentPack) -> None:
    """In Spanish "&Salir" and "Cerrar se&sión", "Abrir &reciente" and "Pendientes de mi
    &revisión" shared their letters."""
    from consultaid.settings import ClinicSettings
    from consultaid.ui.translation import install_translators

    assert install_translators("es") == []
    try:
        win = MainWindow(pack, ClinicSettings(), languages=["en"])
        qtbot.addWidget(win)
        menus = [a.menu() for a in win.menuBar().actions() if a.menu() is not None]
        assert "&Archivo" in [a.text() for a in win.menuBar().actions()]
        problems = [c for m in menus if isinstance(m, QMenu) for c in clashes(m)]
        assert problems == []
    finally:
        install_translators("en")


def test_alt_f_then_a_letter_reaches_accounts_not_new(
        qtbot: QtBot, service: RecordsService, physician: User, make_window: MakeWindow) -> None:
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    accounts = win.menu_actions.accounts_action
    assert mnemonic(accounts.text()) != mnemonic(win.menu_actions.new_action.text())


# The offscreen test platform cannot raise the names' popup or give it the keyboard; a desktop can.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing the keyboard)")
def test_sign_in_offers_the_names_and_forgets_the_last_one(
        qtbot: QtBot, service: RecordsService, physician: User, make_window: MakeWindow) -> None:
    service.create_user(physician, "Dr Lee Okafor", "physician", "864213")
    win = make_window(service)
    activate(qtbot, win)
    page = win.access_page
    page.name.setFocus()
    qtbot.keyClicks(page.name, "oka")
    completer = page.name.completer()
    assert completer is not None
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert completer.currentCompletion() == "Dr Lee Okafor"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.name.text() == "Dr Lee Okafor"
    qtbot.waitUntil(page.pin.hasFocus)  # Enter after the name goes on to the PIN
    assert not page.error.isVisible()
    qtbot.keyClicks(page.pin, "864213")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.user is not None)  # (the PIN is checked on the records thread)
    assert win.user is not None and win.user.name == "Dr Lee Okafor"
    # (offscreen, the names' popup keeps the activation once an answer arrives as an event;
    # a desktop gives it back to the window)
    activate(qtbot, win)
    win.menu_actions.sign_out_action.trigger()
    assert win.user is None
    assert page.name.text() == ""  # the next person does not find Dr Okafor's name there
    focused = QApplication.focusWidget()
    assert focused is page.name


def test_no_mnemonic_is_used_twice_on_a_step(window: MainWindow) -> None:
    for step in Step:
        window.go_to(int(step))
        texts = [a.text() for a in window.menuBar().actions()]
        for widget in window.findChildren(QWidget):
            if not widget.isVisible():
                continue
            labelled = isinstance(widget, QLabel) and widget.buddy() is not None
            if labelled or isinstance(widget, QAbstractButton):
                texts.append(widget.text())
        letters = [m for m in map(mnemonic, texts) if m]
        repeated = {m for m in letters if letters.count(m) > 1}
        assert not repeated, (step.title, sorted(t for t in texts if mnemonic(t) in repeated))
