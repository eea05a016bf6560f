"""File > Add account…: a physician adds a physician or front-desk account (name, role, PIN)."""

from __future__ import annotations

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
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui import forms


class AddAccountDialog(QDialog):
    """Creates the account through the records service (which checks the creator's role)."""

    def __init__(self, service: RecordsService, creator: User,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an account")
        self.service = service
        self.creator = creator
        self.created: User | None = None
        layout = QVBoxLayout(self)
        existing = ", ".join(f"{u.name} ({u.role.replace('_', ' ')})" for u in service.users())
        note = QLabel(f"Accounts now: {existing}." if existing else "No accounts yet.")
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(80)
        self.role = QComboBox()
        self.role.addItem("Front desk (find, view and print handouts only)", "front_desk")
        self.role.addItem("Physician", "physician")
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for edit in (self.pin, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
        forms.add_row(form, "&Name:", self.name)
        forms.add_row(form, "&Role:", self.role)
        forms.add_row(form, "&PIN:", self.pin, "4 to 12 digits")
        forms.add_row(form, "PIN &again:", self.pin_again)
        layout.addLayout(form)
        self.error = forms.error_label("Account problem")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create_account)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def create_account(self) -> None:
        """Add the account, or say what is wrong and stay open."""
        if self.pin.text() != self.pin_again.text():
            forms.show_error(self.error, "The two PINs are not the same; type them again.")
            return
        try:
            self.created = self.service.create_user(self.creator, self.name.text(),
                                                    self.role.currentData(), self.pin.text())
        except ConsultaidError as exc:
            forms.show_error(self.error, str(exc))
            return
        self.accept()
