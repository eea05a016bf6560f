"""The full-window page shown when no one may see patient data: opening, first account,
sign-in and the lock screen.

While it is shown, the window holds nothing else on screen: the wizard and the records view are
swapped out, so a locked or signed-out screen shows no patient.
"""

from __future__ import annotations

import html
from enum import Enum

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultaid.records.users import MAX_PIN, MIN_PIN
from consultaid.ui import forms
from consultaid.ui.access.accounts_dialog import PIN_RULE
from consultaid.ui.translation import translated


class Mode(Enum):
    OPENING = "opening"
    FIRST_ACCOUNT = "first_account"
    SIGN_IN = "sign_in"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"


class AccessPage(QWidget):
    """Asks who is there; emits what was typed, the window checks it with the records service."""

    create_requested = Signal(str, str)
    """(name, PIN) for the first physician account (both PINs matched)."""
    sign_in_requested = Signal(str, str)
    unlock_requested = Signal(str)
    sign_out_requested = Signal()
    continue_requested = Signal()
    """Work without records (the database cannot be used)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = Mode.OPENING
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QFrame()
        box.setObjectName("accessBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.box_width = self.fontMetrics().horizontalAdvance("M") * 34
        box.setFixedWidth(self.box_width)
        layout = QVBoxLayout(box)
        self.box_layout = layout
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)  # a heading; its words are escaped
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setAccessibleName(self.tr("Explanation"))
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(80)
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for edit in (self.pin, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(MAX_PIN)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.name_label = forms.add_row(form, self.tr("&Name:"), self.name)
        self.pin_label = forms.add_row(form, self.tr("&PIN:"), self.pin, translated(PIN_RULE))
        self.again_label = forms.add_row(form, self.tr("PIN &again:"), self.pin_again)
        layout.addLayout(form)
        self.error = forms.error_label(self.tr("Sign-in problem"))
        layout.addWidget(self.error)
        # After too many wrong PINs: how long is left before trying again (issue 26.5).
        self.countdown = QLabel()
        self.countdown.setObjectName("pauseCountdown")
        self.countdown.setAccessibleName(self.tr("Time left before trying again"))
        self.countdown.setVisible(False)
        layout.addWidget(self.countdown)
        self._pause_left = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self.go_button = QPushButton()
        self.go_button.setDefault(True)
        self.sign_out_button = QPushButton(self.tr("Sign &out"))
        self.continue_button = QPushButton(self.tr("&Continue without records"))
        for button in (self.go_button, self.sign_out_button, self.continue_button):
            button.setAutoDefault(True)
            layout.addWidget(button)
        row = QVBoxLayout()
        row.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addLayout(row)
        outer.addStretch(2)

        self.go_button.clicked.connect(self.submit)
        for edit in (self.name, self.pin, self.pin_again):
            edit.returnPressed.connect(self.submit)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.continue_button.clicked.connect(self.continue_requested)
        self.show_opening()

    # Modes -------------------------------------------------------------------------------
    def _set(self, mode: Mode, title: str, explain: str, go: str = "", name: bool = False,
             pin: bool = False, again: bool = False) -> None:
        self.mode = mode
        self.title.setText(f"<h2>{html.escape(title)}</h2>")
        self.explain.setText(explain)
        self._fit(self.explain)
        for widget, shown in ((self.name, name), (self.name_label, name), (self.pin, pin),
                              (self.pin_label, pin), (self.pin_again, again),
                              (self.again_label, again)):
            widget.setVisible(shown)
        self.go_button.setText(go)
        self.go_button.setVisible(bool(go))
        self.sign_out_button.setVisible(mode is Mode.LOCKED)
        self.continue_button.setVisible(mode is Mode.UNAVAILABLE)
        self.pin.clear()
        self.pin_again.clear()
        self._say("")
        self._stop_countdown()
        self.focus_first()

    def _fit(self, label: QLabel) -> None:
        """A wrapped label does not grow its box by itself: give it the height its text needs."""
        margins = self.box_layout.contentsMargins()
        inner = self.box_width - margins.left() - margins.right()
        label.setMinimumHeight(label.heightForWidth(inner) if label.text() else 0)

    def _say(self, text: str) -> None:
        forms.show_error(self.error, text)
        self._fit(self.error)  # e.g. the whole "paused for five minutes" message

    def focus_first(self) -> None:
        for widget in (self.name, self.pin, self.go_button, self.continue_button):
            if not widget.isHidden():
                widget.setFocus()
                return

    def show_opening(self) -> None:
        self._set(Mode.OPENING, self.tr("Opening the records…"),
                  self.tr("consultaid is checking its records database. This takes a moment."))

    def show_first_account(self) -> None:
        self.name.clear()
        self._set(Mode.FIRST_ACCOUNT, self.tr("Welcome to consultaid"),
                  self.tr("No one has an account yet. Create the first physician account: "
                          "your name and a PIN of {MIN_PIN} to {MAX_PIN} characters "
                          "(digits, words or a short sentence). You will sign in with them "
                          "every time.").format(MIN_PIN=MIN_PIN, MAX_PIN=MAX_PIN),
                  self.tr("&Create account"), name=True, pin=True, again=True)

    def set_names(self, names: list[str]) -> None:
        """The active accounts' names, offered as the name is typed (issue 26.12)."""
        model = QStringListModel(sorted(names, key=str.casefold), self)
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "ada" finds "Dr Ada Test"
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.name.setCompleter(completer)

    def show_sign_in(self) -> None:
        self.name.setReadOnly(False)
        self.name.clear()  # a shared desk: never the last person's name
        self._set(Mode.SIGN_IN, self.tr("Sign in"), self.tr("Enter your name and PIN."), self.tr(
                "&Sign in"), name=True,
                  pin=True)

    def show_locked(self, name: str) -> None:
        self.name.setText(name)
        self._set(Mode.LOCKED, self.tr("consultaid is locked"),
                  self.tr("Locked to keep patient data private. {name}, enter your PIN to "
                          "carry on, or sign out so someone else can sign in.").format(
                                  name=name), self.tr("&Unlock"), pin=True)

    def show_unavailable(self, problem: str) -> None:
        self._set(Mode.UNAVAILABLE, self.tr("The records cannot be used"), problem)

    def show_error(self, text: str) -> None:
        self._say(text)
        self._stop_countdown()
        self.pin.clear()
        self.pin_again.clear()
        self.pin.setFocus()

    def show_paused(self, text: str, seconds: int) -> None:
        """Too many wrong PINs: say so, and count down the time left (issue 26.5)."""
        self.show_error(text)
        self._pause_left = max(1, seconds)
        self.countdown.setVisible(True)
        self._show_left()
        self._tick.start()

    def _count_down(self) -> None:
        self._pause_left -= 1
        self._show_left()
        if self._pause_left <= 0:
            self._tick.stop()
            self.pin.setFocus()

    def _show_left(self) -> None:
        left = self._pause_left
        if left > 0:
            text = self.tr("Try again in {minutes}:{seconds:02d}.").format(
                minutes=left // 60, seconds=left % 60)
        else:
            text = self.tr("You can try again now.")
        self.countdown.setText(text)
        self.countdown.setAccessibleDescription(text)

    def _stop_countdown(self) -> None:
        self._tick.stop()
        self._pause_left = 0
        self.countdown.setVisible(False)
        self.countdown.clear()

    def pause_left(self) -> int:
        """Seconds left on the countdown shown (0: none)."""
        return self._pause_left if self.countdown.isVisible() else 0

    # Input -------------------------------------------------------------------------------
    def submit(self) -> None:
        name, pin = self.name.text().strip(), self.pin.text()
        if self.mode is Mode.LOCKED:
            if pin:
                self.unlock_requested.emit(pin)
            return
        if self.mode not in (Mode.FIRST_ACCOUNT, Mode.SIGN_IN):
            return
        if not name:
            self._say(self.tr("Enter your name."))
            self.name.setFocus()
            return
        if not pin:
            if self.name.hasFocus():  # Enter after the name: on to the PIN, nothing wrong
                self._say("")
                self.pin.setFocus()
                return
            self.show_error(self.tr("Enter your PIN."))
            return
        if self.mode is Mode.FIRST_ACCOUNT:
            if pin != self.pin_again.text():
                self.show_error(self.tr("The two PINs are not the same; type them again."))
                return
            self.create_requested.emit(name, pin)
        else:
            self.sign_in_requested.emit(name, pin)
