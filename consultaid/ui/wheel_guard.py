"""The mouse wheel never changes an answer: it scrolls the page unless the control has focus.

A wheel turned while the pointer passes over a combo box, spin box, date field or slider would
otherwise change its value (an "Active now" infection became "not answered" that way). One
application-wide guard fixes it for every page and dialog, present and future:

* such controls take focus only by click or Tab (``StrongFocus``), never by the wheel;
* a wheel event over such a control that does not have focus is handed to the nearest scroll
  area around it, so the page scrolls as the user meant; once the user has clicked into the
  control (it has focus), the wheel works on it as usual.

The guard is an application event filter, which costs a little on every event, so the main window
installs it after its first paint (:func:`install_after_first_paint`; start-up stays fast);
controls built before that are swept once on installation, later ones when Qt polishes them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

from consultaid.ui import plain_text

_GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def guarded_control(widget: QWidget | None) -> QWidget | None:
    """The value-changing control ``widget`` is (or is part of, e.g. a spin box's line edit)."""
    while widget is not None and not widget.isWindow():
        if isinstance(widget, _GUARDED) and not isinstance(widget, QScrollBar):
            return widget
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
            if control is not None and not _has_focus(control):
                assert isinstance(event, QWheelEvent)
                scroll_instead(control, event)
                event.accept()  # handled: it must not reach the control itself
                return True
        return False


def install(app: QApplication | None = None) -> WheelGuard:
    """Guard every control of ``app`` (idempotent); returns the guard."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert isinstance(app, QApplication), "a QApplication must exist"
    existing = app.findChild(WheelGuard, "wheelGuard")
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    guard.setObjectName("wheelGuard")
    for widget in app.allWidgets():
        _protect(widget)
        plain_text.make_plain(widget)
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
