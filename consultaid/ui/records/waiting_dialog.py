"""File > Waiting for my review…: the consultations another physician made whose screening no
signed review covers yet — the ones the signed-in physician could review now. On a shared
records server this is every consultation room's list. Open shows one in the wizard, where
Review… signs it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultaid.records.service import RecordSummary


class WaitingDialog(QDialog):
    def __init__(self, waiting: list[RecordSummary], open_record: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Waiting for my review"))
        self.open_record = open_record
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
                "Consultations another physician made whose screening answers no signed "
                "review covers yet. Open one, check it, then use Review… on its Screening "
                "step.") if waiting else
                       self.tr("Nothing is waiting for your review."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Consultations waiting for review"))
        for summary in waiting:
            name = summary.patient_name.strip() or self.tr("(no name yet)")
            item = QListWidgetItem(f"{summary.visit_date}  {name}  —  {summary.condition_id}"
                                   f"  ({summary.physician or self.tr('physician not named')})")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.list.addItem(item)
        if waiting:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(self.tr("&Open"),
                QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(bool(waiting))
        buttons.accepted.connect(self._open)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._open())
        layout.addWidget(buttons)

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.accept()
        self.open_record(str(item.data(Qt.ItemDataRole.UserRole)))
