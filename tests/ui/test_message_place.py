"""Issue 26.4 (and the repeated sentence of 26.12): a message never moves the page under the
pointer, goes when its cause goes or another consultation is shown, and is said once."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.screening import Verdict
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.main_window import MainWindow
from consultaid.ui.wizard.answer_fields import ChoiceAnswer
from tests.ui.conftest import settle, sign_in, sign_review
from tests.ui.driving import choose
from tests.ui.test_review_gui import open_example

MakeWindow = Callable[..., MainWindow]


def _patients(service: RecordsService, physician: User, pack: ContentPack,
              names: list[str]) -> None:
    for name in names:
        record = copy.deepcopy(example_consultation(pack))
        record.consultation_id = str(uuid.uuid4())
        record.patient.name = name
        service.save_draft(physician, record)


def test_a_message_does_not_move_the_row_about_to_be_double_clicked(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow) -> None:
    _patients(service, physician, pack, ["Ana Alba", "Beto Bravo", "Carla Cruz"])
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.show_records()
    page = win.records_page
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    row = 1
    aimed = page.model.summary(row)
    rect = page.table.visualRect(page.model.index(row, 1))
    where = page.table.viewport().mapTo(win, rect.center())
    # Something is said just before the double-click (a search, a save, another workstation).
    win.show_message("The records were searched again.")
    assert win.message_bar.isVisible()
    assert page.table.viewport().mapTo(win, rect.center()) == where
    assert page.table.visualRect(page.model.index(row, 1)) == rect
    target = page.table.viewport()
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(target, Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, win)  # (read on the records thread)
    assert win.state.consultation.patient.name == aimed.patient_name


def test_the_page_heading_stays_put_when_a_message_appears(window: MainWindow) -> None:
    heading = window.patient_page.findChildren(type(window.patient_page.name))[0]
    before = heading.mapTo(window, QPoint(0, 0))
    window.show_message("A problem somewhere.", error=True)
    assert window.message_bar.isVisible()
    assert heading.mapTo(window, QPoint(0, 0)) == before


def test_a_message_about_the_last_patient_goes_with_them(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    window.show_message("Sent to the printer.")
    assert window.message_bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File > New
    assert not window.message_bar.isVisible()


def test_a_lasting_message_stays_for_the_next_patient(qtbot: QtBot, window: MainWindow) -> None:
    window.show_message("The content pack is due for review.", error=True, lasting=True)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.message_bar.isVisible()


def test_said_once_not_also_in_the_status_bar(window: MainWindow) -> None:
    window.show_message("Saved as a draft in the records.")
    assert window.message_bar.isVisible()
    assert window.statusBar().currentMessage() == ""


def test_review_out_of_date_goes_when_the_answers_match_again(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow) -> None:
    win = open_example(qtbot, service, make_window, pack, physician)
    sign_review(qtbot, win, "Dr Lee Okafor", "864213")
    page = win.screening_page
    assert page.banner.verdict is Verdict.MAY_PROCEED
    infection = page.fields["infection"]
    assert isinstance(infection, ChoiceAnswer) and infection.options is not None
    was = infection.options.text()
    choose(qtbot, infection.options, "Active now")
    assert "out of date" in win.message_bar.text.text() and win.message_bar.isVisible()
    choose(qtbot, infection.options, was)  # back as reviewed
    assert page.banner.verdict is Verdict.MAY_PROCEED
    assert not win.message_bar.isVisible()
