"""Step 5: the follow-up plan, started from the condition's template and edited for the patient,
and the treatment date once the treatment is booked (the handout then adds its "After your
treatment" sheet, with the visits' dates counted from that day)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import FollowUpRow
from consultaid.ui import forms, plain_text
from consultaid.ui.date_field import DateField
from consultaid.ui.refresh_guard import guarded
from consultaid.ui.state import ConsultationState
from consultaid.ui.wizard.follow_up_model import FollowUpTableModel


class FollowUpPage(QWidget):
    """A table of When / What / Who with buttons to add, remove and reorder rows."""

    def __init__(self, state: ConsultationState, pack: ContentPack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pack = pack
        self._applied_template: list[FollowUpRow] = []
        self._template_title = ""
        """The condition whose template the plan was started from ("" if none)."""
        self._template_rows: list[FollowUpRow] = []
        """The template rows last filled in; rows still equal to it count as untouched."""
        layout = QVBoxLayout(self)
        layout.addWidget(plain_text.heading(self.tr("Follow-up plan")))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint_row = QHBoxLayout()  # the template button sits beside the caption about it
        self.hint_row.addWidget(self.hint, 1)
        layout.addLayout(self.hint_row)

        self.model = FollowUpTableModel(state.consultation.follow_up, self._on_model_change, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Follow-up plan"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setCornerButtonEnabled(False)
        for corner in self.table.findChildren(QAbstractButton):
            corner.setAccessibleName(self.tr("Table corner (not used)"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table_label = QLabel(self.tr("&Plan (double-click or press F2 to edit a cell):"))
        table_label.setBuddy(self.table)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add row"))
        self.remove_button = QPushButton(self.tr("&Remove row"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.undo_button = QPushButton(self.tr("Und&o remove"))
        self.undo_button.setEnabled(False)
        self.removed: tuple[int, FollowUpRow] | None = None
        """The row removed last and where it was (Undo puts it back)."""
        self.template_button = QPushButton(self.tr("Use the condition's &template"))
        for button in (self.add_button, self.remove_button, self.undo_button, self.up_button,
                       self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.hint_row.addWidget(self.template_button)
        layout.addLayout(buttons)

        # Below the plan (the step opens on the plan): the treatment day, once booked. The
        # handout prints the after-treatment sheet only with a date on record (issue 28), and
        # counts each visit's date from it.
        self.treatment_date = DateField(self.tr("Treatment date"),
                                        blank_text=self.tr("not booked yet"))
        treatment_label = QLabel(self.tr("Treatment &date:"))
        treatment_label.setBuddy(self.treatment_date.line)  # its input is labelled
        self.treatment_note = QLabel(self.tr(
            "Leave empty until the treatment is booked. With a date, the handout adds the "
            "\"After your treatment\" sheet with the dates of the visits."))
        self.treatment_note.setWordWrap(True)
        treatment_row = QHBoxLayout()
        treatment_row.addWidget(treatment_label)
        treatment_row.addWidget(self.treatment_date)
        treatment_row.addWidget(self.treatment_note, 1)
        layout.addLayout(treatment_row)

        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.undo_button.clicked.connect(self.undo_remove)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self.table, self.undo_remove)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.template_button.clicked.connect(self._use_template_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # Tabbing into the table makes a row current without selecting it: Remove works too.
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.treatment_date.dateChanged.connect(lambda day: self.state.edit(
            lambda c: setattr(c, "treatment_date", day)))
        state.replaced.connect(self.treatment_date.forget_typing)
        state.replaced.connect(self._reload)
        state.changed.connect(self._update_hint)
        state.changed.connect(self._show_treatment_date)
        self._reload()

    def _on_model_change(self, rows: list[FollowUpRow]) -> None:
        self.state.edit(lambda c: setattr(c, "follow_up", rows))

    @guarded
    def _show_treatment_date(self) -> None:
        forms.set_date(self.treatment_date, self.state.consultation.treatment_date)

    @guarded
    def _reload(self) -> None:
        forms.set_date(self.treatment_date, self.state.consultation.treatment_date)
        self.model.set_rows(self.state.consultation.follow_up)
        self.removed = None
        self.undo_button.setEnabled(False)
        rows = self.state.consultation.follow_up
        self._note_template(rows)
        panel = self.pack.condition(self.state.consultation.condition_id)
        template = list(panel.follow_up) if panel else []
        self._applied_template = template if self.state.consultation.follow_up == template else []
        self._update_hint()

    def _current_row(self) -> int:
        index = self.table.currentIndex()
        selected = self.table.selectionModel().selectedRows()
        if selected:
            return selected[0].row()
        return index.row() if index.isValid() else -1

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def add_row(self) -> None:
        """A new row goes at the end (the plan reads in time order), ready to type in."""
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        self._select(row)
        self.table.setFocus()
        self.table.edit(self.model.index(row, 0))

    def remove_row(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.removed = (row, self.model.rows()[row])
            self.model.removeRows(row, 1)
            if self.model.rowCount():
                self._select(min(row, self.model.rowCount() - 1))
            self.undo_button.setEnabled(True)

    def undo_remove(self) -> None:
        """Put back the row removed last, where it was."""
        if self.removed is None:
            return
        row, removed = self.removed
        self.removed = None
        rows = self.model.rows()
        rows.insert(min(row, len(rows)), removed)
        self.model.set_rows(rows)
        self.state.edit(lambda c: setattr(c, "follow_up", self.model.rows()))
        self._select(min(row, self.model.rowCount() - 1))
        self.undo_button.setEnabled(False)

    def _move(self, step: int) -> None:
        row = self._current_row()
        moved = self.model.move_up(row) if step < 0 else self.model.move_down(row)
        if moved:
            self._select(row + step)

    def _update_buttons(self) -> None:
        row = self._current_row()
        has = row >= 0
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.model.rowCount() - 1)
        panel = self.pack.condition(self.state.consultation.condition_id)
        self.template_button.setEnabled(panel is not None)

    def _note_template(self, rows: list[FollowUpRow]) -> None:
        """Remember which condition's template ``rows`` are (if any) for the caption."""
        self._template_title = next((panel.title for panel in self.pack.conditions.values()
                                     if rows and list(panel.follow_up) == rows), "")
        self._template_rows = list(rows) if self._template_title else []

    @guarded
    def _update_hint(self) -> None:
        """Name the template the plan really came from (not merely the condition chosen)."""
        panel = self.pack.condition(self.state.consultation.condition_id)
        rows = self.state.consultation.follow_up
        if not rows:
            text = (self.tr("Choose a condition (step 3) to start from its follow-up template.")
                    if panel is None else
                    self.tr("No plan yet: use the template for {title}, or add rows.").format(
                            title=panel.title))
        elif self._template_title and self._template_rows == rows:
            text = (self.tr("Started from the template for {template_title}. Edit it for this "
                    "patient.").format(template_title=self._template_title))
        elif self._template_title:
            text = (self.tr("Started from the template for {template_title}, edited for this "
                    "patient.").format(template_title=self._template_title))
        else:
            text = self.tr("Written for this patient (not from a condition's template).")
        if panel is not None and self._template_title and panel.title != self._template_title:
            text += self.tr(" The condition chosen now is {title}.").format(title=panel.title)
        self.hint.setText(text)
        self._update_buttons()

    def is_untouched(self) -> bool:
        """True when the plan is empty or still exactly the template last filled in."""
        rows = self.state.consultation.follow_up
        return not rows or (bool(self._applied_template) and rows == self._applied_template)

    def offer_template(self, condition_id: str) -> None:
        """Fill the plan from the condition's template; ask before replacing edited rows."""
        panel = self.pack.condition(condition_id)
        if panel is None:
            return
        template = list(panel.follow_up)
        if self.state.consultation.follow_up == template:
            self._applied_template = template
            return
        if not self.is_untouched():
            answer = QMessageBox.question(
                self, self.tr("Replace the follow-up plan?"),
                self.tr("The follow-up plan has been edited. Replace it with the template "
                        "for {title}?\n\nChoose No to keep the current plan.").format(
                        title=panel.title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.apply_template(template)

    def apply_template(self, template: list[FollowUpRow]) -> None:
        self._applied_template = list(template)
        self._note_template(self._applied_template)
        self.model.set_rows(template)
        self.state.edit(lambda c: setattr(c, "follow_up", self.model.rows()))

    def _use_template_clicked(self) -> None:
        condition_id = self.state.consultation.condition_id
        panel = self.pack.condition(condition_id)
        if panel is None:
            return
        if self.state.consultation.follow_up and not self.is_untouched():
            answer = QMessageBox.question(
                self, self.tr("Replace the follow-up plan?"),
                self.tr("Replace the current plan with the template for {title}?").format(
                        title=panel.title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.apply_template(list(panel.follow_up))



