"""The mouse wheel never changes an answer it passes over; it scrolls the page instead."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from consultaid.ui.access.accounts_dialog import AddAccountDialog
from consultaid.ui.main_window import MainWindow
from consultaid.ui.settings_dialog import SettingsDialog
from consultaid.ui.wheel_guard import WheelGuard
from consultaid.ui.wizard.answer_fields import ChoiceAnswer
from tests.ui.conftest import show_records, sign_in
from tests.ui.driving import click
from tests.ui.wheel import post_wheel, sweep, value_of


@pytest.fixture(autouse=True)
def guarded(qtbot: QtBot, window: MainWindow) -> None:
    """The main window guards the whole application once it has painted."""
    qtbot.waitUntil(lambda: isinstance(QApplication.instance().findChild(WheelGuard,
                                                                         "wheelGuard"),
                                       WheelGuard))


def test_the_main_window_installs_the_guard_after_its_first_paint(
        qtbot: QtBot, pack: ContentPack) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.findChild(WheelGuard, "wheelGuard")
    assert isinstance(old, WheelGuard)
    app.removeEventFilter(old)
    old.setParent(None)  # gone, as before any window was shown
    old.deleteLater()
    assert app.findChild(WheelGuard, "wheelGuard") is None
    win = MainWindow(pack, ClinicSettings(), languages=["en"])
    qtbot.addWidget(win)
    assert app.findChild(WheelGuard, "wheelGuard") is None  # not before it is on screen
    win.show()
    qtbot.waitUntil(lambda: isinstance(app.findChild(WheelGuard, "wheelGuard"), WheelGuard))


def test_wheel_over_every_page_scrolls_and_changes_no_answer(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    window.resize(1000, 640)
    tried_all = scrolled_all = 0
    problems: list[str] = []
    for index, page in enumerate(window.pages):
        window.go_to(index)
        qtbot.waitUntil(page.isVisible)
        found, tried, scrolled = sweep(page)
        problems += [f"{type(page).__name__}: {p}" for p in found]
        tried_all += tried
        scrolled_all += scrolled
    assert problems == []
    assert tried_all >= 15  # the screening answers, the handout's options
    assert scrolled_all >= 10  # the checklist scrolled instead


def test_the_infection_answer_survives_a_scroll_past_it(qtbot: QtBot, window: MainWindow) -> None:
    """The case that was seen: "Active now" became "not answered" under a passing wheel."""
    window.go_to(1)
    combos = [f.options for f in window.screening_page.fields.values()
              if isinstance(f, ChoiceAnswer) and f.options is not None and f.isVisible()]
    combo = combos[len(combos) // 2]
    combo.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # the first option
    click(qtbot, combo.buttons[1])  # changed to the second
    chosen = value_of(combo)
    assert chosen is not None
    answers = dict(window.state.consultation.screening)
    window.wizard.sidebar.setFocus()  # the physician moves on; the pointer rests over the combo
    for _ in range(3):
        post_wheel(combo, -1)
    assert value_of(combo) == chosen
    assert window.state.consultation.screening == answers


def test_a_focused_control_still_takes_the_wheel(qtbot: QtBot, window: MainWindow) -> None:
    """Focused first (here with its label's Alt+R), a combo box answers the wheel as usual."""
    window.go_to(5)
    paper = window.handout_page.paper
    qtbot.keyClick(window.handout_page.language, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert paper.hasFocus()
    before = paper.currentIndex()
    post_wheel(paper, -1)
    assert paper.currentIndex() != before


def test_controls_take_focus_by_click_or_tab_not_by_wheel(window: MainWindow) -> None:
    controls = [w for w in window.findChildren(QComboBox)]
    assert controls
    assert all(c.focusPolicy() == Qt.FocusPolicy.StrongFocus for c in controls)


def test_settings_dialog_controls_ignore_a_passing_wheel(qtbot: QtBot, window: MainWindow) -> None:
    dialog = SettingsDialog(ClinicSettings(), ["en", "es"], None, window)
    qtbot.addWidget(dialog)
    dialog.resize(dialog.width(), 420)  # short, so that the form scrolls
    dialog.show()
    qtbot.waitExposed(dialog)
    problems, tried, scrolled = sweep(dialog)
    assert problems == []
    assert tried >= 3  # paper, language, lock minutes (and any chooser added later)
    assert scrolled >= 1


def test_accounts_dialog_and_records_filters_ignore_a_passing_wheel(
        qtbot: QtBot, make_window: Callable[[RecordsService], MainWindow],
        service: RecordsService, physician: User) -> None:
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    show_records(qtbot, win)
    assert win.records_page is not None
    problems, tried, _ = sweep(win.records_page)
    assert problems == [] and tried >= 2  # condition and status

    dialog = AddAccountDialog(service, physician, win)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    problems, tried, _ = sweep(dialog)
    assert problems == [] and tried >= 1  # the role


def test_new_widgets_are_guarded_too(qtbot: QtBot) -> None:
    """A control built after the guard was installed (a dialog opened later) is covered."""
    holder = QWidget()
    qtbot.addWidget(holder)
    combo = QComboBox(holder)
    combo.addItems(["one", "two", "three"])
    holder.show()
    qtbot.waitExposed(holder)
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    post_wheel(combo, -1)
    assert combo.currentIndex() == 0
