"""The mouse wheel and Alt+letter never change an answer: the wheel scrolls the page, Alt+letter
only moves the focus.

A wheel turned while the pointer passes over a combo box, spin box, date field or slider would
otherwise change its value (an "Active now" infection became "not answered" that way, and a
focused "No history of cancer" became "Uncontrolled cancer"), and Alt+C on a focused drop-down
picked "Chronic wounds" (issue 26.1, 26.2). One application-wide guard fixes it for every page
and dialog, present and future:

* such controls take focus only by click or Tab (``StrongFocus``), never by the wheel;
* a wheel event over such a control is handed to the nearest scroll area around it, so the page
  scrolls as the user meant — focused or not. Only a control marked with
  :func:`wheel_when_focused` (a handout option such as the paper size, never an answer) still
  takes the wheel once the user has clicked into it;
* Alt+letter that no shortcut takes does nothing where the focus is (a drop-down would search
  its list for the letter, a text field would type it — as happened when the window was not the
  active one); a label's Alt+letter moves the focus to its field and never ticks or picks it,
  nor does a check box's own Alt+letter.

The guard is an application event filter, which costs a little on every event, so the main window
installs it late: when it first shows the steps or the records (after sign-in: nothing before
holds an answer, and the menus are off), or after its first paint when no sign-in is asked
(:func:`install_after_first_paint`). Start-up stays fast; controls built before that are swept
once on installation, later ones when Qt polishes them.
Building a page sends Qt thousands of events (child added, layout, polish…), each of which the
filter would turn into Python objects: a page is built with the filter set aside
(:func:`set_aside_while`) and its controls swept once at the end, as on installation. No input
can arrive meanwhile: the event loop does not run while a page is built. (Issue 29: the filter
cost about a third of the time from the window's first paint to every page built.)
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from consultaid.ui import plain_text

_GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)
_WHEEL_WHEN_FOCUSED = "consultaidWheelWhenFocused"
ANSWER_SET = "consultaidAnswerSet"
"""Property of a widget holding option buttons (see ui/option_buttons.py)."""


def wheel_when_focused(control: QWidget) -> None:
    """Let ``control`` (a setting, never an answer) take the wheel once it has the focus."""
    control.setProperty(_WHEEL_WHEN_FOCUSED, True)


def never_by_wheel(control: QWidget) -> None:
    """``control`` never takes the wheel, focused or not (the default; said where it matters)."""
    control.setProperty(_WHEEL_WHEN_FOCUSED, False)


def _takes_wheel(control: QWidget) -> bool:
    return bool(control.property(_WHEEL_WHEN_FOCUSED)) and _has_focus(control)


def _alt_letter(event: QKeyEvent) -> bool:
    """Alt (without Ctrl: AltGr types characters) with a key that types something."""
    modifiers = event.modifiers()
    return (bool(modifiers & Qt.KeyboardModifier.AltModifier)
            and not modifiers & Qt.KeyboardModifier.ControlModifier
            and bool(event.text().strip()) and event.key() not in _ALT_KEYS_KEPT)


_ALT_KEYS_KEPT = (Qt.Key.Key_Up, Qt.Key.Key_Down)  # Alt+Down opens a drop-down's list


def _focus_only(target: QWidget, reason: Qt.FocusReason = Qt.FocusReason.ShortcutFocusReason
                ) -> None:
    target.setFocus(reason)
    target.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # ring shown


def guarded_control(widget: QWidget | None) -> QWidget | None:
    """The value-changing control ``widget`` is (or is part of, e.g. a spin box's line edit)."""
    while widget is not None and not widget.isWindow():
        if isinstance(widget, _GUARDED) and not isinstance(widget, QScrollBar):
            return widget
        if _checkable(widget) or widget.property(ANSWER_SET):
            return widget  # an option button or a set of them: the wheel scrolls past
        if isinstance(widget, QAbstractScrollArea):
            return None  # a list or table inside which the wheel scrolls as usual
        widget = widget.parentWidget()
    return None


def _protect(widget: QObject) -> None:
    if (isinstance(widget, _GUARDED) and not isinstance(widget, QScrollBar)
            and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus):
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _has_focus(control: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is control or control.isAncestorOf(focused))


def scroll_instead(control: QWidget, event: QWheelEvent) -> bool:
    """Give the wheel to the nearest scroll area around ``control``; True when one took it."""
    area = control.parentWidget()
    while area is not None:
        if isinstance(area, QAbstractScrollArea):
            viewport = area.viewport()
            global_pos = event.globalPosition()
            local = QPointF(viewport.mapFromGlobal(global_pos.toPoint()))
            forwarded = QWheelEvent(local, global_pos, event.pixelDelta(), event.angleDelta(),
                                    event.buttons(), event.modifiers(), event.phase(),
                                    event.inverted(), event.source())
            forwarded.setAccepted(False)
            QApplication.sendEvent(viewport, forwarded)
            if forwarded.isAccepted():
                return True
        area = area.parentWidget()
    return False


class WheelGuard(QObject):
    """The application event filter; see the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish:
            _protect(watched)
            plain_text.make_plain(watched)  # data never runs as HTML (see plain_text)
        elif kind == QEvent.Type.Wheel and isinstance(watched, QWidget):
            control = guarded_control(watched)
            if control is not None and not _takes_wheel(control):
                assert isinstance(event, QWheelEvent)
                scroll_instead(control, event)
                event.accept()  # handled: it must not reach the control itself
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            assert isinstance(event, QKeyEvent)
            if _alt_letter(event) and (not _TYPES_WITH_OPTION or not _text_input(watched)):
                # No shortcut had the letter (or the window is not the active one): it is not
                # typed into a field either — a drop-down would pick by it, a text field would
                # take it as text.
                event.ignore()
                return True
        elif kind == QEvent.Type.Shortcut:
            return _shortcut_moves_focus_only(watched)
        return False


_TYPES_WITH_OPTION = sys.platform == "darwin"
"""On a Mac, Option (Qt's Alt) types characters (é, ß) into text fields: those keep it there."""


def _text_input(widget: QObject) -> bool:
    return isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit))


def _checkable(widget: QObject) -> bool:
    return isinstance(widget, QAbstractButton) and widget.isCheckable()


def _shortcut_moves_focus_only(watched: QObject) -> bool:
    """A label's mnemonic (or a check box's own) focuses its field; it never ticks or picks."""
    if isinstance(watched, QLabel):
        buddy = watched.buddy()
        if buddy is not None and buddy.isEnabled():
            _focus_only(buddy)
            return True
    elif _checkable(watched):
        assert isinstance(watched, QWidget)
        _focus_only(watched)
        return True
    return False


def _sweep(widgets: list[QWidget]) -> None:
    """What the guard does when Qt polishes each of ``widgets``."""
    for widget in widgets:
        _protect(widget)
        plain_text.make_plain(widget)


BuiltT = TypeVar("BuiltT", bound=QWidget)


def set_aside_while(build: Callable[[], BuiltT]) -> BuiltT:
    """``build()`` (a page, a view: it must not run the event loop) with the guard's filter
    set aside, then the widget it returns, and everything in it, swept as on installation.
    Without the guard installed, just ``build()``."""
    with _set_aside() as guarded:
        built = build()
        if guarded:
            _sweep([built, *built.findChildren(QWidget)])
    return built


@contextlib.contextmanager
def _set_aside() -> Iterator[bool]:
    app = QApplication.instance()
    guard = app.findChild(WheelGuard, "wheelGuard") if app is not None else None
    if not isinstance(guard, WheelGuard) or app is None:
        yield False
        return
    app.removeEventFilter(guard)
    try:
        yield True
    finally:
        app.installEventFilter(guard)


def install(app: QApplication | None = None) -> WheelGuard:
    """Guard every control of ``app`` (idempotent); returns the guard."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert isinstance(app, QApplication), "a QApplication must exist"
    existing = app.findChild(WheelGuard, "wheelGuard")
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    guard.setObjectName("wheelGuard")
    _sweep(app.allWidgets())
    app.installEventFilter(guard)
    return guard



class _FirstPaint(QObject):
    """Installs the guard once its window has painted (events of that one widget only)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, install)
            self.deleteLater()
        return False


def install_after_first_paint(window: QWidget) -> None:
    """Guard the application once ``window`` is on screen (see the module docstring)."""
    window.installEventFilter(_FirstPaint(window))
