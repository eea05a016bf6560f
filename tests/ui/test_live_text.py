"""A screen reader hears what the message bar, the preview status, the handout warning, the
signed-in label and inline problems show, and errors are announced at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import choose_condition, sign_in
from tests.ui.driving import choose, click


def heard(widget: QWidget) -> str:
    """What assistive technology reads for ``widget``: its name and its description."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None
    return (f"{iface.text(QAccessible.Text.Name)} | "
            f"{iface.text(QAccessible.Text.Description)}")


def test_preview_status_and_handout_warning_are_heard(qtbot: QtBot, window: MainWindow) -> None:
    choose_condition(window)
    page = window.handout_page
    with qtbot.waitSignal(page.status.announced, timeout=10000) as said:
        qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert "Preview up to date" in said.args[0]
    assert "Preview up to date" in heard(page.status)
    assert heard(page.status).startswith("Preview status | ")
    assert "expectations points are not covered" in heard(page.warning)


def test_errors_in_the_message_bar_and_sign_in_label_are_heard(
        qtbot: QtBot, make_window: Callable[[RecordsService], MainWindow],
        service: RecordsService, physician: User, pack: ContentPack) -> None:
    service.save_draft(physician, example_consultation(pack))
    win = make_window(service)
    with qtbot.waitSignal(win.access_page.error.announced) as said:
        sign_in(qtbot, win, "Dr Ada Test", "9999")  # a wrong PIN
    assert "not right" in said.args[0] or "PIN" in said.args[0]
    assert said.args[0] in heard(win.access_page.error)

    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert "Signed in: Dr Ada Test" in heard(win.user_label)
    win.show_records()
    page = win.records_page
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(page.model.index(0, 1)).center())
    with qtbot.waitSignal(win.message_bar.text.announced) as said:
        click(qtbot, page.view_button)  # no handout given yet: a problem
    assert "No handout has been given" in said.args[0]
    assert "No handout has been given" in heard(win.message_bar.text)
    with qtbot.waitSignal(win.message_bar.text.announced) as again:
        click(qtbot, page.view_button)  # the same problem twice is said twice
    assert again.args[0] == said.args[0]


def test_an_inline_date_problem_is_heard(qtbot: QtBot, window: MainWindow) -> None:
    field = window.patient_page.date_of_birth
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field.line, "1961-02-30")
    with qtbot.waitSignal(field.error.announced) as said:
        qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert "not a date" in said.args[0]
    assert "not a date" in heard(field.error)
    assert "not a date" in heard(field.line)  # the field itself describes its problem


def test_a_new_verdict_is_announced(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    infection = next(f for f in window.screening_page.fields.values()
                     if hasattr(f, "combo") and f.item.id == "infection")
    with qtbot.waitSignal(window.screening_page.banner.title.announced) as said:
        choose(qtbot, infection.options, "Active now")
    assert "Verdict: Deferred" in said.args[0]
    assert "Deferred" in heard(window.screening_page.banner.title)
