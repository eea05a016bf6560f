"""Issue 26.8: the front desk finds a patient and reaches the handout by keyboard alone (the
access controller, the real records view and menu shortcuts; no window)."""

from __future__ import annotations

import copy
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from consultaid.ui.records.records_page import RecordsPage
from tests.ui.conftest import activate
from tests.ui.controller_parts import Controllers, settle, sign_in
from tests.ui.fake_handout import tiny_pdf


def _stored(service: RecordsService, physician: User, pack: ContentPack) -> None:
    for name in ("Ana Alba", "Beto Bravo", "Carla Cruz"):
        record = copy.deepcopy(example_consultation(pack))
        record.consultation_id = str(uuid.uuid4())
        record.patient.name = name
        service.save_draft(physician, record)
        service.record_handout(physician, record.consultation_id, tiny_pdf([name]),
                               pack.version, ClinicSettings())
    service.create_user(physician, "Fran Desk", "front_desk", "567890")


def _desk_at_the_records(qtbot: QtBot, service: RecordsService, physician: User,
                         pack: ContentPack, win: Controllers) -> RecordsPage:
    """Three handouts given; the front desk signed in, on the records view."""
    _stored(service, physician, pack)
    activate(qtbot, win.window.frame)
    sign_in(qtbot, win, "Fran Desk", "567890")
    page = win.window.records_page
    assert page is not None
    return page


def test_find_enter_and_the_handout_by_keyboard(qtbot: QtBot, service: RecordsService,
                                                 physician: User, pack: ContentPack,
                                                 controllers: Controllers) -> None:
    win = controllers
    page = _desk_at_the_records(qtbot, service, physician, pack, win)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "Beto")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, win)  # searched on the records thread, then to the results
    assert page.table.hasFocus()
    chosen = page.selected()
    assert chosen is not None and chosen.patient_name == "Beto Bravo"
    assert page.view_button.isEnabled() and page.print_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # as a double-click: the handout as given
    assert page.viewer is not None and page.viewer.isVisible()
    page.viewer.close()


def test_the_first_match_is_chosen_and_down_reaches_it(qtbot: QtBot, service: RecordsService,
                                                       physician: User, pack: ContentPack,
                                                       controllers: Controllers) -> None:
    win = controllers
    page = _desk_at_the_records(qtbot, service, physician, pack, win)
    qtbot.keyClicks(page.search, "Carla")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    chosen = page.selected()
    assert chosen is not None and chosen.patient_name == "Carla Cruz"  # View works at once
    assert page.view_button.isEnabled()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()


def test_records_again_clears_the_last_search(qtbot: QtBot, service: RecordsService,
                                              physician: User, pack: ContentPack,
                                              controllers: Controllers) -> None:
    win = controllers
    page = _desk_at_the_records(qtbot, service, physician, pack, win)
    qtbot.keyClicks(page.search, "Beto")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, win)
    assert page.model.rowCount() == 1
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, win)
    assert page.search.text() == "" and page.search.hasFocus()
    assert page.model.rowCount() == 3
