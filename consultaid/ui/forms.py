"""Small helpers every page uses so that each field has a visible label, a buddy and a name.

Screen readers read the accessible name; the label's mnemonic (``&``) moves the focus to the
field. Widgets are filled from the consultation with their signals blocked, and only when the
value differs, so that refreshing never echoes back as an edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from consultaid.ui import plain_text
from consultaid.ui.date_field import DateField, today
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.style import named


def plain_name(text: str) -> str:
    """A label's text without its mnemonic marker and trailing colon, for accessible names."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":").strip()


def add_row(form: QFormLayout, text: str, field: QWidget, description: str = "") -> QLabel:
    """Add ``field`` to ``form`` under a label that is its buddy; name it for screen readers."""
    label = QLabel(text)
    label.setBuddy(field.focusProxy() or field)  # a composite field: its input is labelled
    field.setAccessibleName(plain_name(text))
    if description:
        field.setAccessibleDescription(description)
        field.setToolTip(plain_text.tooltip(description))
    form.addRow(label, field)
    return label


def optional_date_edit(name: str, blank_text: str = "",
                       calendar_start: Callable[[], dt.date] = today) -> DateField:
    """A date field that may be left empty (typed, or picked from a calendar)."""
    return DateField(name, blank_text=blank_text, calendar_start=calendar_start)


def date_value(edit: DateField) -> dt.date | None:
    return edit.value()


def _quietly(widget: QWidget, differs: bool, apply: Callable[[], object]) -> None:
    """Set a value without emitting change signals (the value came from the model)."""
    if differs:
        with QSignalBlocker(widget):
            apply()


def set_date(edit: DateField, value: dt.date | None) -> None:
    edit.set_value(value)  # quiet, and keeps text typed that is not yet a date


def set_text(edit: QLineEdit, value: str) -> None:
    _quietly(edit, edit.text() != value, lambda: edit.setText(value))


def set_plain(edit: QPlainTextEdit, value: str) -> None:
    _quietly(edit, edit.toPlainText() != value, lambda: edit.setPlainText(value))


def set_checked(box: QCheckBox, value: bool) -> None:
    _quietly(box, box.isChecked() != value, lambda: box.setChecked(value))


def set_combo_data(combo: QComboBox, value: object) -> None:
    """Select the item whose data is ``value`` (same type: True is not 1).

    Items must not hold None as data: PySide6 6.12 drops a reference to None each time
    ``itemData`` returns it, which eventually crashes the interpreter.
    """
    index = -1
    for i in range(combo.count()):
        data = combo.itemData(i)
        if type(data) is type(value) and data == value:
            index = i
            break
    if index >= 0 and combo.currentIndex() != index:
        combo.blockSignals(True)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)


def set_combo_index(combo: QComboBox, index: int) -> None:
    _quietly(combo, combo.currentIndex() != index, lambda: combo.setCurrentIndex(index))


def select_or_add(combo: QComboBox, value: str) -> None:
    """Select ``value``, adding it first if the combo lacks it (e.g. a record's language that
    this installation has no pack for), so the record's value is shown rather than lost."""
    if combo.findData(value) < 0:
        with QSignalBlocker(combo):
            combo.addItem(value, value)
    set_combo_data(combo, value)


def scrolling(body: QWidget) -> QScrollArea:
    """``body`` in a scroll area that resizes it: long pages stay usable on small screens."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(body)
    return scroll


def error_label(name: str) -> QLabel:
    """An inline message beside a field; hidden while there is nothing to say."""
    label = LiveLabel(name)  # a screen reader hears the problem when it appears
    named(label, "inlineError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show a problem as words with a warning sign (never colour alone)."""
    label.setText(f"⚠ {message}" if message else "")
    label.setVisible(bool(message))
