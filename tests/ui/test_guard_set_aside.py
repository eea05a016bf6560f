"""The wheel guard costs the start little (issue 29: its filter turned the thousands of events of
building the steps into Python objects): a page is built with the filter set aside, and with
sign-in the guard comes as the steps are offered; every answer is guarded all the same."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui import wheel_guard
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import activate, sign_in
from tests.ui.test_pages_later import window_later
from tests.ui.wheel import post_wheel


class CountingGuard(wheel_guard.WheelGuard):
    """The guard, counting the events its filter is given."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.seen: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen.append(event.type())
        return super().eventFilter(watched, event)


def _remove_guards(app: QApplication) -> None:
    for guard in app.findChildren(wheel_guard.WheelGuard):
        app.removeEventFilter(guard)
        guard.setObjectName("")
        guard.setParent(None)  # type: ignore[call-overload]
        guard.deleteLater()


@pytest.fixture
def guard(qtbot: QtBot) -> Iterator[CountingGuard]:
    """The guard, installed as :func:`wheel_guard.install` installs it, counting."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _remove_guards(app)
    counting = CountingGuard(app)
    counting.setObjectName("wheelGuard")
    app.installEventFilter(counting)
    assert wheel_guard.install() is counting
    yield counting
    _remove_guards(app)


def _filtering(qtbot: QtBot, guard: CountingGuard) -> bool:
    """The guard's filter is installed: a widget built and shown now passes it events."""
    before = len(guard.seen)
    probe = QWidget()
    qtbot.addWidget(probe)
    probe.show()
    return len(guard.seen) > before


def _form(rows: int) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    for row in range(rows):
        combo = QComboBox()
        combo.addItems(["one", "two", "three"])
        combo.setFocusPolicy(Qt.FocusPolicy.WheelFocus)  # (what a guarded combo never keeps)
        layout.addWidget(QLabel(f"<b>row {row}</b>"))
        layout.addWidget(combo)
        layout.addWidget(QSpinBox())
    return page


def test_a_page_built_aside_is_swept_and_the_guard_is_back(
        qtbot: QtBot, guard: CountingGuard) -> None:
    before = len(guard.seen)  # (pytest-qt runs the event loop between set-up and the test)
    page = wheel_guard.set_aside_while(lambda: _form(30))
    assert guard.seen[before:] == []
    qtbot.addWidget(page)
    combos = page.findChildren(QComboBox)
    assert len(combos) == 30
    assert all(c.focusPolicy() == Qt.FocusPolicy.StrongFocus for c in combos)
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in page.findChildren(QLabel))
    before = len(guard.seen)
    built_directly = _form(30)  # what the filter was given for the same page before
    assert len(guard.seen) - before > 200
    qtbot.addWidget(built_directly)
    assert _filtering(qtbot, guard)


def test_the_guard_is_back_when_a_build_fails(qtbot: QtBot, guard: CountingGuard) -> None:
    def broken() -> QWidget:
        raise RuntimeError("a page that cannot be built")

    with pytest.raises(RuntimeError):
        wheel_guard.set_aside_while(broken)
    assert _filtering(qtbot, guard)


def test_without_the_guard_a_build_is_just_a_build(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    assert isinstance(app, QApplication)
    _remove_guards(app)  # (installed by an earlier test)
    page = wheel_guard.set_aside_while(lambda: _form(2))
    qtbot.addWidget(page)
    assert app.findChild(wheel_guard.WheelGuard, "wheelGuard") is None
    assert all(c.focusPolicy() == Qt.FocusPolicy.WheelFocus
               for c in page.findChildren(QComboBox))


def _condition_keeps_its_answer(qtbot: QtBot, win: MainWindow) -> None:
    """On the Condition step: a condition picked by keys stays under wheel notches over the
    drop-down and under Alt+C."""
    win.go_to(2)
    combo = win.condition_page.condition
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # (swept: never by the wheel)
    qtbot.waitExposed(combo)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    chosen = win.state.consultation.condition_id
    assert chosen
    for notches in (-1, -1, 2, -1):
        post_wheel(combo, notches)
    qtbot.keyClick(combo, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert win.state.consultation.condition_id == chosen


def test_a_step_built_after_the_guard_keeps_its_answer_under_the_wheel(
        qtbot: QtBot, pack: ContentPack) -> None:
    """As the app builds it without sign-in: the shell, the first and last steps, the guard
    after the paint, then the Condition step when first shown."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _remove_guards(app)
    win = window_later(qtbot, pack)
    activate(qtbot, win)
    qtbot.waitUntil(lambda: _guard_installed(app))  # (after the first paint)
    assert not win.wizard.is_built(2)
    _condition_keeps_its_answer(qtbot, win)
    fresh = QComboBox()  # a control made now is still guarded when Qt polishes it
    qtbot.addWidget(fresh)
    fresh.setFocusPolicy(Qt.FocusPolicy.WheelFocus)
    fresh.show()
    qtbot.waitUntil(lambda: fresh.focusPolicy() == Qt.FocusPolicy.StrongFocus)


def _guard_installed(app: QApplication) -> bool:
    return app.findChild(wheel_guard.WheelGuard, "wheelGuard") is not None


def test_with_sign_in_the_guard_comes_as_the_steps_are_offered(
        qtbot: QtBot, service: RecordsService, physician: User,
        make_window: Callable[..., MainWindow]) -> None:
    """Nothing before sign-in holds an answer (the menus are off): the guard is installed as
    the sign-in page gives way, and the steps built meanwhile are guarded."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _remove_guards(app)
    win = make_window(service)
    qtbot.waitUntil(win.wizard.all_built)  # (idle moments while nobody has signed in)
    assert not _guard_installed(app) and not win.menuBar().isEnabled()
    activate(qtbot, win)
    sign_in(qtbot, win, physician.name, "123456")
    assert win.user is not None and win.menuBar().isEnabled()
    assert _guard_installed(app)
    _condition_keeps_its_answer(qtbot, win)


def test_the_menus_are_never_offered_without_the_guard(qtbot: QtBot, pack: ContentPack) -> None:
    """The records cannot be opened: the sign-in page offers to continue without them (the
    menus come with it, and so does the guard); then the steps."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _remove_guards(app)
    win = window_later(qtbot, pack, sign_in_required=True)
    assert not _guard_installed(app) and not win.menuBar().isEnabled()
    win.records_unavailable("The records database could not be opened.")
    assert win.menuBar().isEnabled() == _guard_installed(app)
    qtbot.mouseClick(win.access_page.continue_button, Qt.MouseButton.LeftButton)
    assert win.root.currentWidget() is win.wizard
    assert win.menuBar().isEnabled() and _guard_installed(app)
