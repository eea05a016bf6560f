"""The window fits the screen on first start, comes back as it was left, and the screening page
stacks its verdict under the checklist when it is narrow (see also test_real_display.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from consultaid.ui.main_window import MainWindow
from consultaid.ui.window_geometry import first_start_geometry
from tests.ui.conftest import show_records, sign_in
from tests.ui.fake_handout import fake_build_handout


def new_window(qtbot: QtBot, pack: ContentPack) -> MainWindow:
    win = MainWindow(pack, ClinicSettings(), build_pdf=fake_build_handout, languages=["en"])
    qtbot.addWidget(win, before_close_func=lambda w: w.state.mark_clean())
    return win


def test_first_start_fits_small_screens_and_centres_on_large_ones() -> None:
    rect, maximise = first_start_geometry(QRect(0, 0, 1366, 740))
    assert maximise and rect == QRect(0, 0, 1366, 740)
    rect, maximise = first_start_geometry(QRect(0, 0, 1920, 1050))
    assert not maximise and rect.size().width() == 1280
    assert QRect(0, 0, 1920, 1050).contains(rect)


def test_size_position_and_maximised_state_are_remembered(qtbot: QtBot,
                                                          pack: ContentPack) -> None:
    first = new_window(qtbot, pack)
    first.show()
    qtbot.waitExposed(first)
    first.setGeometry(10, 10, 700, 520)  # as if the user had dragged it there (offscreen: 800×600)
    qtbot.waitUntil(lambda: first.size().width() == 700)
    first.close()

    second = new_window(qtbot, pack)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (700, 520)
    second.showMaximized()
    qtbot.waitUntil(second.isMaximized)
    second.close()

    third = new_window(qtbot, pack)
    third.show()
    qtbot.waitExposed(third)
    assert third.windowState() & Qt.WindowState.WindowMaximized


def test_verdict_stacks_under_the_checklist_when_narrow(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    window.showNormal()
    window.go_to(1)
    page = window.screening_page
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Horizontal)
    window.resize(760, 700)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Vertical)
    title = page.banner.title
    assert title.wordWrap() and title.heightForWidth(title.width()) <= title.height()
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Horizontal)


def test_records_search_keeps_its_room_at_1024_pixels(
        qtbot: QtBot, make_window: Callable[[RecordsService], MainWindow],
        service: RecordsService, physician: User) -> None:
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    show_records(qtbot, win)
    win.showNormal()
    win.resize(1024, 700)
    page = win.records_page
    assert page is not None
    search = page.search
    qtbot.waitUntil(lambda: win.width() == 1024)
    needed = search.fontMetrics().horizontalAdvance(search.placeholderText())
    qtbot.waitUntil(lambda: search.width() >= needed)
