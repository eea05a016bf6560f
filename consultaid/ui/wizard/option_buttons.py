"""A short set of answers shown as option buttons: every choice in sight, one click to answer.

Used instead of a drop-down for the short answer sets (up to about five choices: yes/no, the
screening choices, units, the review's decision) — issue 26.1. Nothing is hidden in a list, the
wheel passes over them to the page (a radio button ignores it), and Alt+letter never picks one
(their texts carry no mnemonic). "Not answered" is no button checked; the small Clear button
(mouse) or Delete/Backspace on a focused option (keyboard) goes back to it.

Keyboard: the set is one Tab stop; the arrow keys move between the options (whether they stand
in a row or a column) without picking one, and Space picks the focused one: an answer changes
only when the physician means it, never by an arrow pressed to look further.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consultaid.ui import wheel_guard

ROW_CHARACTERS = 44
"""Options whose texts together are longer than this stand one under the other."""


_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


class _Option(QRadioButton):
    """One option; Delete or Backspace on it clears the answer."""

    def __init__(self, text: str, owner: OptionButtons) -> None:
        super().__init__(text.replace("&", "&&"))  # no mnemonic: Alt+letter never picks it
        self._owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._owner.clearable:
            self._owner.clear_by_user()
            return
        if key in _STEPS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._owner.step_focus(self, _STEPS[key])
            return
        super().keyPressEvent(event)


class OptionButtons(QWidget):
    """Option buttons for ``options`` (value, text); :meth:`value` is None until one is picked."""

    changed = Signal()
    """The user picked an option or cleared the answer (never sent by :meth:`set_value`)."""

    def __init__(self, options: Sequence[tuple[object, str]], name: str,
                 clearable: bool = True, vertical: bool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clearable = clearable
        self.setProperty(wheel_guard.ANSWER_SET, True)  # the wheel scrolls the page past it
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        self._values: list[object] = []
        if vertical is None:
            vertical = sum(len(text) + 4 for _v, text in options) > ROW_CHARACTERS
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        layout: QBoxLayout = QVBoxLayout() if vertical else row
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 if vertical else 12)
        if vertical:
            row.addLayout(layout)
        for value, text in options:
            button = _Option(text, self)
            button.setAccessibleName(f"{name}: {text}")
            self.group.addButton(button)
            self.buttons.append(button)
            self._values.append(value)
            layout.addWidget(button)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(self.tr("Clear the answer (Delete)"))
        self.clear_button.setAccessibleName(self.tr("{name}: clear the answer").format(name=name))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard: Delete
        self.clear_button.clicked.connect(self.clear_by_user)
        # Its room is kept while it is hidden: choosing an answer never moves what is below
        # or beside it (the next click lands where the physician aimed).
        policy = self.clear_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.clear_button.setSizePolicy(policy)
        self.clear_button.setVisible(False)
        if clearable:  # beside the options (the first of a column), never under them
            row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        self.group.buttonClicked.connect(self._clicked)
        self._after_change()

    # What is chosen ---------------------------------------------------------------------------
    def value(self) -> object | None:
        checked = self.group.checkedButton()
        if checked is None:
            return None
        return self._values[self.buttons.index(checked)]  # type: ignore[arg-type]

    def text(self) -> str:
        checked = self.group.checkedButton()
        return checked.text().replace("&&", "&") if checked is not None else ""

    def set_value(self, value: object | None) -> None:
        """Show ``value`` (None or an unknown value: nothing checked) without sending
        :attr:`changed`. The same type is needed: True is not 1."""
        index = next((i for i, v in enumerate(self._values)
                      if type(v) is type(value) and v == value), -1)
        with QSignalBlocker(self.group):
            if index < 0:
                self._uncheck_all()
            else:
                self.buttons[index].setChecked(True)
        self._after_change()

    def button_for(self, text: str) -> QRadioButton:
        """The option whose text starts with ``text`` (tests and keyboard jumps)."""
        for button in self.buttons:
            if button.text().replace("&&", "&").startswith(text):
                return button
        raise KeyError(text)

    # The user's doing -------------------------------------------------------------------------
    def step_focus(self, button: QRadioButton, step: int) -> None:
        """An arrow key moves the focus to the next or previous option, whichever way they are
        laid out; it never picks one (Space does: an answer changes only when meant)."""
        index = self.buttons.index(button) + step
        if 0 <= index < len(self.buttons):
            self.buttons[index].setFocus(Qt.FocusReason.TabFocusReason)

    def clear_by_user(self) -> None:
        if self.group.checkedButton() is None:
            return
        focused = any(b.hasFocus() for b in self.buttons)
        self._uncheck_all()
        self._after_change()
        if focused:
            self.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def _clicked(self, _button: QAbstractButton) -> None:
        self._after_change()
        self.changed.emit()

    def _uncheck_all(self) -> None:
        self.group.setExclusive(False)  # an exclusive group will not let its last one go
        for button in self.buttons:
            with QSignalBlocker(button):
                button.setChecked(False)
        self.group.setExclusive(True)

    def _after_change(self) -> None:
        checked = self.group.checkedButton()
        if self.clearable:
            self.clear_button.setVisible(checked is not None)
        # Tab and a label's letter come back to the chosen option (or the first one).
        proxy = checked or (self.buttons[0] if self.buttons else None)
        if proxy is not None:
            self.setFocusProxy(proxy)
