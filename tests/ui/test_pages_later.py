"""The steps between the first and the last are built when first needed (issue 29): the window
behaves as if they had been built at once — the same tab order whatever order they are built
in, Next shows a built page, a record opened shows on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.session.steps import Step
from consultaid.settings import ClinicSettings
from consultaid.ui.main_window import MainWindow
from consultaid.ui.wizard.screening_page import ScreeningPage
from tests.ui.conftest import activate, window_at_once
from tests.ui.fake_handout import fake_build_handout

BETWEEN = (Step.SCREENING, Step.CONDITION, Step.EXPECTATIONS, Step.FOLLOW_UP)


def window_later(qtbot: QtBot, pack: ContentPack, sign_in_required: bool = False) -> MainWindow:
    """A window built as the app builds it: shell first, then the rest, the steps between
    the first and the last not yet."""
    win = MainWindow(None, sign_in_required=sign_in_required)

    def forget_changes(w: MainWindow) -> None:
        w.handout_page.runner.wait(10000)
        w.state.mark_saved(w.state.path or Path("unused.json"))

    qtbot.addWidget(win, before_close_func=forget_changes)
    win.finish(pack, ClinicSettings(clinic_name="Riverside Joint Clinic"),
               build_pdf=fake_build_handout, languages=["en"], pages_later=True)
    win.show()
    qtbot.waitExposed(win)
    return win


def tab_order(win: MainWindow) -> list[str]:
    """Every widget that takes the focus, in the window's tab order, by kind, name and place."""
    found = []
    widget = win.nextInFocusChain()
    while widget is not None and widget is not win:
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            place, parent = [], widget.parentWidget()
            while parent is not None and parent is not win:
                place.append(type(parent).__name__)
                parent = parent.parentWidget()
            text = widget.text() if isinstance(widget, QPushButton) else ""
            found.append(f"{type(widget).__name__} {widget.accessibleName()!r} {text!r} "
                         f"in {'/'.join(reversed(place))}")
        widget = widget.nextInFocusChain()
    return found


def test_only_the_first_and_last_steps_are_built_first(qtbot: QtBot, pack: ContentPack) -> None:
    win = window_later(qtbot, pack)
    assert win.wizard.is_built(Step.PATIENT) and win.wizard.is_built(Step.HANDOUT)
    assert not any(win.wizard.is_built(step) for step in BETWEEN)
    assert win.wizard.current_step() is Step.PATIENT and win.patient_page.isVisible()


@pytest.mark.parametrize("order", [
    (Step.SCREENING, Step.CONDITION, Step.EXPECTATIONS, Step.FOLLOW_UP),
    (Step.FOLLOW_UP, Step.EXPECTATIONS, Step.CONDITION, Step.SCREENING),
    (Step.EXPECTATIONS, Step.SCREENING, Step.FOLLOW_UP, Step.CONDITION),
])
def test_the_tab_order_is_the_same_whatever_order_the_steps_are_built_in(
        qtbot: QtBot, pack: ContentPack, order: tuple[Step, ...]) -> None:
    expected = tab_order(window_at_once(qtbot, pack))
    win = window_later(qtbot, pack)
    for step in order:
        win.wizard.page(step)
    assert win.wizard.all_built()
    assert tab_order(win) == expected
    assert len(expected) > 100  # (every page's fields are in it)


def test_next_shows_the_next_step_built_and_focused(qtbot: QtBot, pack: ContentPack) -> None:
    win = window_later(qtbot, pack)
    activate(qtbot, win)
    win.patient_page.name.setFocus()
    qtbot.keyClick(win.patient_page.name, Qt.Key.Key_PageDown,
                   Qt.KeyboardModifier.ControlModifier)
    assert win.wizard.current_step() is Step.SCREENING
    page = win.wizard.page(Step.SCREENING)
    assert isinstance(page, ScreeningPage) and page.isVisible()
    focused = win.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)  # its first field, as before
    for button in page.findChildren(QPushButton):
        assert button.autoDefault()  # Enter presses the focused button, as on other pages


def test_the_review_line_is_filled_before_the_screening_page_is_built(
        qtbot: QtBot, pack: ContentPack) -> None:
    win = window_later(qtbot, pack)
    said = win.review_status.text()
    assert said
    assert win.screening_page.review_status is win.review_status
    assert win.screening_page.review_status.text() == said


def test_a_record_opened_is_shown_on_every_step(qtbot: QtBot, pack: ContentPack) -> None:
    win = window_later(qtbot, pack)
    example = example_consultation(pack)
    win.state.replace(example)
    assert win.wizard.all_built()
    expected = window_at_once(qtbot, pack)
    expected.state.replace(example_consultation(pack))
    for step in BETWEEN:
        shown = win.wizard.page(step)
        assert shown.isEnabled()
        frame = win.wizard.frames[step]
        assert frame is not None and not frame.failed
    assert win.screening_page.banner.verdict is expected.screening_page.banner.verdict
    assert (win.condition_page.condition.currentData()
            == expected.condition_page.condition.currentData())
    assert win.follow_up_page.model.rows() == expected.follow_up_page.model.rows()


def test_idle_moments_build_every_step(qtbot: QtBot, pack: ContentPack) -> None:
    win = window_later(qtbot, pack, sign_in_required=True)
    with qtbot.waitSignal(win.pages_built, timeout=10000):
        win.build_pages()
    assert win.wizard.all_built()
    assert all(isinstance(page, QWidget) for page in win.pages)


def test_a_page_built_late_opens_no_window_and_keeps_the_keyboard(
        qtbot: QtBot, pack: ContentPack) -> None:
    """Seen with every window's pages built late: the unit buttons of CRP and ESR were shown
    before they had a parent, each for a moment a window of its own, and the main window
    lost the keyboard (nothing had the focus after signing in)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    win = window_later(qtbot, pack)
    activate(qtbot, win)
    shown: list[str] = []

    class Windows(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                    and watched.isWindow()):
                shown.append(type(watched).__name__)
            return False

    spy = Windows()
    QApplication.instance().installEventFilter(spy)  # type: ignore[union-attr]
    try:
        while win.wizard.build_next():
            pass
    finally:
        QApplication.instance().removeEventFilter(spy)  # type: ignore[union-attr]
    assert shown == []
    assert win.isActiveWindow()
