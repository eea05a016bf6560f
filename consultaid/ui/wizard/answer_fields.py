"""One field per checklist item kind: it shows an answer and collects the physician's.

A field never decides anything: it parses what was typed into the record's shape, shows the
problem ``normalize_answer`` finds, and emits the raw answer. :func:`answer_field` picks the
class for an item's kind (``ANSWER_FIELDS``).

Short answer sets (yes/no, and choices of up to :data:`MAX_OPTION_BUTTONS`) are option buttons,
all in sight; only a longer list is a drop-down. Neither changes under the mouse wheel, nor under
Alt+letter (issue 26.1 and 26.2; see :mod:`consultaid.ui.wheel_guard`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain.checklist import AnswerInvalid, ChecklistItem, normalize_answer
from consultaid.domain.consultation import COMMENT_LIMIT
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui import forms, plain_text, wheel_guard
from consultaid.ui.translation import translated
from consultaid.ui.wizard.option_buttons import OptionButtons

NOT_ANSWERED = QT_TRANSLATE_NOOP("ScreeningPage", "— not answered —")
UNANSWERED = ""
"""Item data of the drop-down's "not answered" entry (no choice has an empty id)."""
MAX_OPTION_BUTTONS = 5
"""A choice with more options than this is a drop-down."""


def parse_number(text: str) -> float | None:
    """A typed number, accepting a decimal comma; ``None`` when the text is not a number."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


class AnswerField(QWidget):
    """The control for one checklist item, plus its inline problem message."""

    edited = Signal(str, object)
    """(item id, raw answer or None to clear it)"""

    def __init__(self, item: ChecklistItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.row)
        self.error = forms.error_label(self.tr("{label}: problem").format(label=item.label))
        self._typed_invalid = ""
        self.focus_target: QWidget = self._build()
        outer.addWidget(self.error)
        if item.help:
            self.focus_target.setToolTip(plain_text.tooltip(item.help))
            self.focus_target.setAccessibleDescription(item.help)
        self.setFocusProxy(self.focus_target)

    # Each kind says how it is built, read and shown ------------------------------------------
    def _build(self) -> QWidget:
        raise NotImplementedError

    def raw(self) -> Any:
        """The answer as stored in the record, or None when unanswered."""
        raise NotImplementedError

    def _show(self, raw: Any) -> None:
        raise NotImplementedError

    def label_buddy(self) -> QWidget:
        """What the item's label moves the focus to (Alt+its letter)."""
        return self.focus_target

    def name_for_readers(self, name: str) -> None:
        self.focus_target.setAccessibleName(name)

    # Shared -----------------------------------------------------------------------------------
    def _emit(self) -> None:
        raw = self.raw()
        self.check(raw)
        self.edited.emit(self.item.id, raw)

    def check(self, raw: Any) -> None:
        """Show the problem with this answer beside the field (or hide the message)."""
        message = self._typed_invalid
        if not message:
            try:
                normalize_answer(self.item, raw)
            except AnswerInvalid as exc:
                message = str(exc)
        forms.show_error(self.error, message)

    def forget_typing(self) -> None:
        """Another consultation was loaded: drop what was only typed here."""
        self._typed_invalid = ""

    def show_answer(self, raw: Any) -> None:
        """Fill the control from a stored answer without echoing an edit."""
        self._show(raw)
        if raw is not None or self.item.kind != "text":
            self.check(raw)


class TextAnswer(AnswerField):
    def _build(self) -> QWidget:
        self.line = QLineEdit()
        self.line.setMaxLength(COMMENT_LIMIT)
        self.line.textEdited.connect(lambda _t: self._emit())
        self.row.addWidget(self.line)
        return self.line

    def raw(self) -> Any:
        return self.line.text() or None

    def _show(self, raw: Any) -> None:
        forms.set_text(self.line, raw if isinstance(raw, str) else "")


class ChoiceAnswer(AnswerField):
    """Yes/no or one of the item's options: option buttons, or a drop-down for a long list."""

    def _choices(self) -> list[tuple[object, str]]:
        if self.item.kind == "yes_no":
            return [(True, self.tr("Yes")), (False, self.tr("No"))]
        return [(o.id, self.tr("{label}  ⚑ check").format(label=o.label) if o.flag else o.label)
                for o in self.item.options]

    def _build(self) -> QWidget:
        choices = self._choices()
        self.options: OptionButtons | None = None
        self.combo: QComboBox | None = None
        if len(choices) <= MAX_OPTION_BUTTONS:
            self.options = OptionButtons(choices, self.item.label)
            self.options.changed.connect(self._emit)
            self.row.addWidget(self.options, 1)
            return self.options
        self.combo = QComboBox()
        wheel_guard.never_by_wheel(self.combo)
        # Not None: PySide6 6.12 loses a reference to None when itemData() returns it.
        self.combo.addItem(translated(NOT_ANSWERED), UNANSWERED)
        for value, text in choices:
            self.combo.addItem(text, value)
        self.combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.row.addWidget(self.combo)
        self.row.addStretch(1)
        return self.combo

    def name_for_readers(self, name: str) -> None:
        if self.combo is not None:
            self.combo.setAccessibleName(name)
        elif self.options is not None:
            self.options.setAccessibleName(name)

    def raw(self) -> Any:
        if self.options is not None:
            return self.options.value()
        assert self.combo is not None
        data = self.combo.currentData()
        return None if data == UNANSWERED else data

    def _show(self, raw: Any) -> None:
        if self.options is not None:
            self.options.set_value(raw)
        else:
            assert self.combo is not None
            forms.set_combo_data(self.combo, UNANSWERED if raw is None else raw)


class MultiAnswer(AnswerField):
    """Tick every option that applies; nothing ticked is "not answered", and "None of these"
    answers with an empty list."""

    def _build(self) -> QWidget:
        self._boxes: dict[str, QCheckBox] = {}
        grid = QVBoxLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        item = self.item
        for option in item.options:
            box = QCheckBox((f"{option.label} ⚑" if option.flag else option.label)
                            .replace("&", "&&"))
            box.setAccessibleName(f"{item.label}: {option.label}")
            box.toggled.connect(lambda on: self._multi_toggled(on, none_box=False))
            self._boxes[option.id] = box
            grid.addWidget(box)
        self.none_box = QCheckBox(self.tr("None of these"))
        self.none_box.setAccessibleName(self.tr("{label}: none of these").format(
                label=item.label))
        self.none_box.toggled.connect(lambda on: self._multi_toggled(on, none_box=True))
        grid.addWidget(self.none_box)
        self.row.addLayout(grid)
        self.row.addStretch(1)
        return next(iter(self._boxes.values()))

    def name_for_readers(self, name: str) -> None:
        pass  # each box has its own name

    def raw(self) -> Any:
        chosen = [oid for oid, box in self._boxes.items() if box.isChecked()]
        return chosen if chosen or self.none_box.isChecked() else None

    def _multi_toggled(self, on: bool, none_box: bool) -> None:
        """"None of these" and the options exclude each other."""
        if on and none_box:
            for box in self._boxes.values():
                forms.set_checked(box, False)
        elif on:
            forms.set_checked(self.none_box, False)
        self._emit()

    def _show(self, raw: Any) -> None:
        chosen = raw if isinstance(raw, list) else []
        for oid, box in self._boxes.items():
            forms.set_checked(box, oid in chosen)
        forms.set_checked(self.none_box, raw == [])


class NumberAnswer(AnswerField):
    """A typed number (decimal comma accepted), with the item's unit beside it."""

    def _build(self) -> QWidget:
        self.line = QLineEdit()
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0") * 14)
        self.line.textEdited.connect(lambda _t: self._emit())
        self.row.addWidget(self.line)
        self._add_unit()
        self.row.addStretch(1)
        return self.line

    def _add_unit(self) -> None:
        if self.item.unit_label:
            self.row.addWidget(QLabel(self.item.unit_label))

    def _number(self) -> float | int | None:
        self._typed_invalid = ""
        text = self.line.text().strip()
        if not text:
            return None
        value = parse_number(text)
        if value is None:
            self._typed_invalid = self.tr("{text!r} is not a number").format(text=text)
            return None
        if value.is_integer() and abs(value) < 1e15:
            return int(value)
        return value

    def raw(self) -> Any:
        return self._number()

    def _show(self, raw: Any) -> None:
        if self._typed_invalid and raw is None:
            return  # keep what the physician typed, with its message
        value = raw.get("value") if isinstance(raw, dict) else raw
        shown = "" if value is None else (
            f"{value:g}" if isinstance(value, float) else str(value))
        current = parse_number(self.line.text())
        if current is None or value is None or current != value:
            forms.set_text(self.line, shown)


class MeasurementAnswer(NumberAnswer):
    """A number and its unit; a unit list of more than one is shown as option buttons."""

    def _add_unit(self) -> None:
        units = self.item.units
        self.unit = OptionButtons([(u.id, u.label) for u in units],
                                  self.tr("{label}: unit").format(label=self.item.label),
                                  clearable=False, vertical=False)
        self.unit.setAccessibleName(self.tr("{label}: unit").format(label=self.item.label))
        self.unit.set_value(units[0].id if units else None)
        self.unit.changed.connect(self._emit)
        self.row.addWidget(self.unit)  # (first: shown before it has a parent, it is a window)
        self.unit.setVisible(len(units) > 1)
        if len(units) == 1:
            self.row.addWidget(QLabel(units[0].label))

    def reset_unit(self) -> None:
        """The pack's usual unit, not the one used last (another consultation was loaded)."""
        if self.item.units:
            self.unit.set_value(self.item.units[0].id)

    def raw(self) -> Any:
        value = self._number()
        if value is None:
            return None
        return {"value": value, "unit": self.unit.value()}

    def _show(self, raw: Any) -> None:
        if isinstance(raw, dict):
            self.unit.set_value(raw.get("unit"))
        super()._show(raw)


ANSWER_FIELDS: dict[str, type[AnswerField]] = {
    "text": TextAnswer,
    "yes_no": ChoiceAnswer,
    "choice": ChoiceAnswer,
    "multi": MultiAnswer,
    "number": NumberAnswer,
    "measurement": MeasurementAnswer,
}


def answer_field(item: ChecklistItem, parent: QWidget | None = None) -> AnswerField:
    """The field for ``item``'s kind."""
    return ANSWER_FIELDS[item.kind](item, parent)
