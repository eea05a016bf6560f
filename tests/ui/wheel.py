"""Turning the mouse wheel over a widget, as the window system delivers it (a posted event)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QScrollBar,
    QWidget,
)

from consultaid.ui.wizard.option_buttons import OptionButtons

NOTCH = 120
"""One step of an ordinary mouse wheel (angle delta in eighths of a degree)."""


def post_wheel(widget: QWidget, notches: int = -1) -> None:
    """Post a wheel event at the centre of ``widget`` (negative: towards the user, i.e. down)."""
    local = widget.rect().center()
    event = QWheelEvent(QPointF(local), QPointF(widget.mapToGlobal(local)), QPoint(0, 0),
                        QPoint(0, NOTCH * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QCoreApplication.postEvent(widget, event)
    QApplication.processEvents()


def value_of(widget: QWidget) -> object:
    """What the control shows as its value."""
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractSlider):
        return widget.value()
    if isinstance(widget, OptionButtons):
        return widget.value()
    raise TypeError(type(widget).__name__)


def value_controls(root: QWidget) -> list[QWidget]:
    """Every visible combo box, spin/date box, slider and set of option buttons under ``root``."""
    kinds = (QComboBox, QAbstractSpinBox, QAbstractSlider, OptionButtons)
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, kinds) and not isinstance(w, QScrollBar) and w.isVisibleTo(root)
            and w.isVisible()]


def scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def sweep(root: QWidget) -> tuple[list[str], int, int]:
    """Wheel over every value control under ``root`` that does not have focus.

    Returns (problems, controls tried, controls whose page scrolled instead).
    """
    problems: list[str] = []
    tried = scrolled = 0
    for control in value_controls(root):
        area = scroll_area_of(control)
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(control)
        if QApplication.focusWidget() is control:
            root.setFocus()
        before = value_of(control)
        bar = area.verticalScrollBar() if area is not None else None
        can_scroll = bar is not None and bar.maximum() > bar.minimum()
        notches = -1 if bar is None or bar.value() < bar.maximum() else 1
        position = bar.value() if bar is not None else 0
        post_wheel(control, notches)
        tried += 1
        name = control.accessibleName() or type(control).__name__
        if value_of(control) != before:
            problems.append(f"{name}: {before} -> {value_of(control)}")
        if can_scroll and bar is not None:
            if bar.value() == position:
                problems.append(f"{name}: the page did not scroll")
            else:
                scrolled += 1
    return problems, tried, scrolled
