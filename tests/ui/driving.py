"""Helpers that operate widgets the way a person does: clicks and keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from consultaid.ui.wizard.option_buttons import OptionButtons


def type_into(qtbot: QtBot, widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Focus ``widget``, select what is there and type ``text`` over it."""
    qtbot.mouseClick(widget.viewport() if isinstance(widget, QPlainTextEdit) else widget,
                     Qt.MouseButton.LeftButton)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def choose(qtbot: QtBot, combo: QComboBox | OptionButtons, text: str) -> None:
    """Pick the item whose text starts with ``text``: a drop-down's with Home and the Down
    arrow, an option button by clicking it."""
    if isinstance(combo, OptionButtons):
        button = combo.button_for(text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton,
                         pos=QPoint(button.height() // 2, button.height() // 2))
        assert combo.text().startswith(text), f"{text!r} not picked in {combo.accessibleName()}"
        return
    assert any(combo.itemText(i).startswith(text) for i in range(combo.count())), text
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith(text), f"{text!r} not reached in {combo.accessibleName()}"


def click(qtbot: QtBot, button: QAbstractButton | QWidget) -> None:
    """Click a button; a check box is clicked on its box, as a person would."""
    assert button.isEnabled(), f"{button.accessibleName() or button} is disabled"
    if isinstance(button, QCheckBox):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton,
                         pos=QPoint(button.height() // 2, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
