"""Account dialogs: a physician adds an account (name, role, PIN); anyone changes their own PIN;
a physician resets another account's PIN. The records service checks every rule again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records.users import MAX_PIN, MIN_PIN
from consultaid.session.access import role_label
from consultaid.ui import forms
from consultaid.ui.records.records_ops import Records, call
from consultaid.ui.translation import translated

if TYPE_CHECKING:  # (the records layer loads on the records thread once the window is built)
    from consultaid.records.service import RecordsService
    from consultaid.records.users import User

PIN_RULE = (QT_TRANSLATE_NOOP("AccountsDialog",
        "{MIN_PIN} to {MAX_PIN} characters: digits, words or a short sentence. Longer is "
        "safer.").format(MIN_PIN=MIN_PIN, MAX_PIN=MAX_PIN))


class AddAccountDialog(QDialog):
    """Creates the account through the records service (which checks the creator's role)."""

    def __init__(self, service: Records, creator: User,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an account"))
        self.service = service
        self.creator = creator
        self.created: User | None = None
        layout = QVBoxLayout(self)
        existing = ", ".join(f"{u.name} ({translated(role_label(u.role)).lower()})"
                             for u in call(service, lambda records: records.users(),
                                           name="users"))
        note = QLabel(self.tr("Accounts now: {existing}.").format(
                existing=existing) if existing else self.tr("No accounts yet."))
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(80)
        self.role = QComboBox()
        self.role.addItem(self.tr("Front desk (find, view and print handouts only)"), "front_desk")
        self.role.addItem(self.tr("Physician"), "physician")
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for edit in (self.pin, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(MAX_PIN)
        forms.add_row(form, self.tr("&Name:"), self.name)
        forms.add_row(form, self.tr("&Role:"), self.role)
        forms.add_row(form, self.tr("&PIN:"), self.pin, translated(PIN_RULE))
        forms.add_row(form, self.tr("PIN &again:"), self.pin_again)
        layout.addLayout(form)
        self.error = forms.error_label(self.tr("Account problem"))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create_account)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def create_account(self) -> None:
        """Add the account, or say what is wrong and stay open."""
        if self.pin.text() != self.pin_again.text():
            forms.show_error(self.error, self.tr("The two PINs are not the same; type them again."))
            return
        try:
            creator, name = self.creator, self.name.text()
            role, pin = self.role.currentData(), self.pin.text()
            self.created = call(self.service, lambda records: records.create_user(
                creator, name, role, pin), writes=True, name="create-user")
        except ConsultaidError as exc:
            forms.show_error(self.error, str(exc))
            return
        self.accept()


class PinDialog(QDialog):
    """Change my PIN (asks the current one) or reset another account's PIN (``target``)."""

    def __init__(self, service: Records, user: User, target: tuple[int, str] | None = None,
                 reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.user = user
        self.target = target
        self.done_ok = False
        self.setWindowTitle(self.tr("Reset the PIN of {target}").format(
                target=target[1]) if target else self.tr("Change my PIN"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        if target:
            text = (self.tr("Give {target} a new PIN and tell it to them in person. They sign in "
                    "with it once and are then asked to choose their own. This is recorded "
                    "in the audit log.").format(target=target[1]))
        else:
            text = reason or self.tr("Type your current PIN, then the new one twice.")
        note = QLabel(text)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.current = QLineEdit(self)
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for edit in (self.current, self.pin, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(MAX_PIN)
        if target is None:
            forms.add_row(form, self.tr("&Current PIN:"), self.current)
        else:
            self.current.hide()
        forms.add_row(form, self.tr("&New PIN:"), self.pin, translated(PIN_RULE))
        forms.add_row(form, self.tr("New PIN &again:"), self.pin_again)
        layout.addLayout(form)
        self.error = forms.error_label(self.tr("PIN problem"))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save_pin)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.pin if target else self.current).setFocus()

    def save_pin(self) -> None:
        """Change or reset the PIN, or say what is wrong and stay open."""
        if self.pin.text() != self.pin_again.text():
            forms.show_error(self.error, self.tr(
                    "The two new PINs are not the same; type them again."))
            self.pin_again.clear()
            return
        user, target, current, pin = self.user, self.target, self.current.text(), self.pin.text()

        def save(records: RecordsService) -> None:
            if target is not None:
                records.reset_pin(user, target[0], pin)
            else:
                records.change_pin(user, current, pin)

        try:
            call(self.service, save, writes=True, name="pin")
        except ConsultaidError as exc:
            forms.show_error(self.error, str(exc))
            self.current.clear()
            return
        self.done_ok = True
        self.accept()
