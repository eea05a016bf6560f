"""Issue 12.1: a record changed outside consultaid says so when it is opened (the records
controller opening it from the real records view; no window)."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from tests.ui.controller_parts import Controllers, settle, sign_in


def open_first_record(qtbot: QtBot, win: Controllers) -> str:
    win.window.show_records()
    settle(qtbot, win)
    page = win.window.records_page
    assert page is not None
    page.select_row(0)
    QTest.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)  # (read on the records thread)
    return win.window.message_bar.text.text()


def test_a_record_changed_outside_consultaid_is_flagged_when_opened(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        controllers: Controllers) -> None:
    example = copy.deepcopy(example_consultation(pack))
    service.save_draft(physician, example)
    win = controllers
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert "does not match its audit log" not in open_first_record(qtbot, win)
    stored = service.db.execute("SELECT json FROM consultation_data").fetchone()[0]
    assert "Maria Example" in stored
    service.db.execute("UPDATE consultation_data SET json = ?",
                       (stored.replace("Maria Example", "Maria Changed"),))
    shown = open_first_record(qtbot, win)
    assert "does not match its audit log: it was changed outside consultaid" in shown
