"""File > Accounts…: every account (name, role, active, last sign-in), and what a physician may
do with them: add, deactivate or reactivate, reset another account's PIN, change their own.

The dialog only shows and collects; the records service (:mod:`consultaid.records.accounts`)
decides (re-reading the acting account from the store) and audits.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records.service import Account
from consultaid.records.users import User
from consultaid.session.access import role_label
from consultaid.ui import forms
from consultaid.ui.records.records_ops import Records, call
from consultaid.ui.translation import translate, translated

COLUMNS = (QT_TRANSLATE_NOOP("AccountsList", "Name"), QT_TRANSLATE_NOOP("AccountsList", "Role"),
           QT_TRANSLATE_NOOP("AccountsList", "Active"),
           QT_TRANSLATE_NOOP("AccountsList", "Last sign-in"))


def when(stamp: str | None) -> str:
    """'2026-12-05 11:42' (UTC, as stored) or 'never'."""
    if not stamp:
        return translate("AccountsList", "never")
    return stamp[:16].replace("T", " ") + translate("AccountsList", " UTC")


class AccountsDialog(QDialog):
    def __init__(self, service: Records, user: User,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Accounts"))
        self.service = service
        self.user = user
        self.accounts: list[Account] = []
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
                "Accounts are never deleted: the audit log keeps naming who did what. A "
                "deactivated account cannot sign in or act until it is reactivated."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translated(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Accounts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add account…"))
        self.active_button = QPushButton(self.tr("&Deactivate"))
        self.reset_button = QPushButton(self.tr("&Reset PIN…"))
        self.change_button = QPushButton(self.tr("Change &my PIN…"))
        for button in (self.add_button, self.active_button, self.reset_button,
                       self.change_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_account)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_pin)
        self.change_button.clicked.connect(self.change_my_pin)
        self.error = forms.error_label(self.tr("Accounts problem"))
        layout.addWidget(self.error)
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        layout.addWidget(self.done_text)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.reload()
        self.resize(640, 420)

    # Showing -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.accounts = call(self.service, lambda records: records.all_accounts(),
                             name="accounts")
        self.table.setRowCount(len(self.accounts))
        for i, account in enumerate(self.accounts):
            you = self.tr(" (you)") if account.id == self.user.id else ""
            cells = (account.name + you, translated(role_label(account.role)),
                     self.tr("yes") if account.active else self.tr("no (deactivated)"),
                     when(account.last_sign_in))
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        for column in range(len(COLUMNS) - 1):  # (the last keeps stretching to the edge)
            self.table.resizeColumnToContents(column)
        self._update_buttons()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for i, account in enumerate(self.accounts):
            if account.name == name:
                self.table.selectRow(i)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.active_button.setEnabled(chosen is not None)
        self.active_button.setText(self.tr(
                "Re&activate") if chosen is not None and not chosen.active
                                   else self.tr("&Deactivate"))
        self.reset_button.setEnabled(chosen is not None and chosen.active
                                     and chosen.id != self.user.id)

    def _done(self, text: str) -> None:
        forms.show_error(self.error, "")
        self.done_text.setText(text)

    # Acting ------------------------------------------------------------------------------
    def add_account(self) -> None:
        from consultaid.ui.access.accounts_dialog import AddAccountDialog

        dialog = AddAccountDialog(self.service, self.user, self)

        def added() -> None:
            if dialog.created is not None:
                self.reload()
                self.select(dialog.created.name)
                self._done(translate("AccountsDialog", "Account added: {name} ({role}).").format(
                        name=dialog.created.name,
                        role=translated(role_label(dialog.created.role)).lower()))

        dialog.accepted.connect(added)
        dialog.open()

    def toggle_active(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        user = self.user

        try:
            call(self.service, lambda records: records.set_account_active(
                    user, chosen.id, not chosen.active), writes=True, name="account-active")
        except ConsultaidError as exc:
            forms.show_error(self.error, str(exc))
            return
        self.reload()
        self.select(chosen.name)
        self._done((self.tr("{name} is deactivated.") if chosen.active
                    else self.tr("{name} is active again.")).format(name=chosen.name))

    def reset_pin(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self._pin_dialog((chosen.id, chosen.name), self.tr(
                "The PIN of {name} was reset; they choose their own at their next sign-in.").format(
                name=chosen.name))

    def change_my_pin(self) -> None:
        self._pin_dialog(None, self.tr("Your PIN was changed."))

    def _pin_dialog(self, target: tuple[int, str] | None, success: str) -> None:
        from consultaid.ui.access.accounts_dialog import PinDialog

        dialog = PinDialog(self.service, self.user, target, parent=self)
        dialog.accepted.connect(lambda: self._done(success))
        dialog.open()
