"""The records view: find a stored consultation, open it, view or (re)print its handout.

Physicians and front desk both use it; front desk gets no Open button (and the records service
refuses them any change anyway). Searching runs as you type, a page of rows at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultaid.content.pack import ContentPack
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.vocabulary import Role
from consultaid.records.service import RecordsService, RecordSummary, SearchQuery
from consultaid.records.users import User
from consultaid.ui import forms, plain_text
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.print_job import PrintJob
from consultaid.ui.records.records_model import STATUS_LABELS, RecordsTableModel
from consultaid.ui.records.records_ops import Records, RecordsOps, call, submit
from consultaid.ui.translation import translated

if TYPE_CHECKING:  # (the PDF viewer and printing load when first used)
    from PySide6.QtPrintSupport import QPrinter

    from consultaid.ui.records.handout_viewer import HandoutViewer

SEARCH_DELAY_MS = 150
POLL_MS = 3000
"""How often the shown list checks for records changed on other workstations."""
"""Typing pauses shorter than this are one search (each search itself takes a few ms)."""


class RecordsPage(QWidget):
    """Search, filters, the table, and what can be done with the chosen record."""

    open_requested = Signal(str)
    """A physician wants to open this consultation ID in the wizard."""
    back_requested = Signal()
    message = Signal(str, bool)

    def __init__(self, service: Records, pack: ContentPack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.user: User | None = None
        self.viewer: HandoutViewer | None = None
        titles = {cid: panel.title for cid, panel in pack.conditions.items()}
        self.model = RecordsTableModel(service, titles, parent=self)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(plain_text.heading(self.tr("Records")), 1)
        self.back_button = QPushButton(self.tr("&Back to the consultation"))
        top.addWidget(self.back_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        search_label = QLabel(self.tr("&Find:"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Patient name or ID"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find a patient by name or ID"))
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        self.date_from = forms.optional_date_edit(self.tr("Visits from"), blank_text=self.tr("any"))
        self.date_to = forms.optional_date_edit(self.tr("Visits up to"), blank_text=self.tr("any"))
        for text, edit in ((self.tr("F&rom:"), self.date_from), (self.tr("&To:"), self.date_to)):
            label = QLabel(text)
            label.setBuddy(edit)
            filters.addWidget(label)
            filters.addWidget(edit)
        self.condition = QComboBox()
        self.condition.addItem(self.tr("All conditions"), "")
        for cid, title in titles.items():
            self.condition.addItem(title, cid)
        self.condition.setAccessibleName(self.tr("Condition"))
        # Sized for a short title, not the longest one: the search box keeps its room at 1024 px.
        self.condition.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.condition.setMinimumContentsLength(16)
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), "")
        for value, text in ((v, translated(t)) for v, t in STATUS_LABELS.items()):
            self.status.addItem(text, value)
        self.status.setAccessibleName(self.tr("Status"))
        self.attention = QComboBox()  # (issue 17.4)
        for text, value in ((self.tr("Any follow-up"), ""),
                            (self.tr("Teach-back needs follow-up"), "follow_up"),
                            (self.tr("Not acknowledged"), "not_acknowledged")):
            self.attention.addItem(text, value)
        self.attention.setAccessibleName(self.tr("Needs attention"))
        self.attention.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.attention.setMinimumContentsLength(10)
        filters.addWidget(self.condition, 1)
        filters.addWidget(self.status)
        filters.addWidget(self.attention)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Stored consultations"))
        width = self.fontMetrics().horizontalAdvance("M")
        for column, chars in enumerate((8, 22, 10, 26)):
            self.table.setColumnWidth(column, width * chars)
        layout.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.shown = LiveLabel(self.tr("Records shown"), announce_changes=False)
        actions.addWidget(self.shown, 1)
        self.open_button = QPushButton(self.tr("&Open"))
        self.view_button = QPushButton(self.tr("&View handout"))
        self.print_button = QPushButton(self.tr("&Print handout…"))
        for button in (self.open_button, self.view_button, self.print_button):
            actions.addWidget(button)
        layout.addLayout(actions)

        self._printing: RecordSummary | None = None
        self.printer = PrintJob(self, ask=lambda _parent, _title: self._ask_for_printing())
        self.printer.delivered.connect(self._delivered)
        self.printer.finished.connect(self._printed)
        self._was_delivered = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.apply_filters)
        self._seen: tuple[int, str] | None = None
        self._asked = 0
        """Counts the searches asked for: only the latest one's answer is shown."""
        self.poll = QTimer(self)
        """While the view is shown: records stored on other workstations appear (issue 13)."""
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.refresh_if_changed)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.apply_filters())
        self.condition.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.attention.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsInserted.connect(lambda *_a: self._update_shown())
        self.table.doubleClicked.connect(lambda _i: self._double_clicked())
        self.open_button.clicked.connect(self.open_selected)
        self.view_button.clicked.connect(self.view_handout)
        self.print_button.clicked.connect(self.print_handout)
        self.back_button.clicked.connect(self.back_requested)
        # By keyboard (issue 26.8): Down or Enter in Find goes to the results, Enter there opens
        # (a physician) or shows the handout (front desk), as a double-click does.
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self.search and plain and key in (Qt.Key.Key_Down, Qt.Key.Key_Return,
                                                          Qt.Key.Key_Enter):
            if key != Qt.Key.Key_Down or self.timer.isActive():
                # What was typed is searched now, not after the pause; then to its results.
                self.apply_filters(then=self.go_to_results)
            else:
                self.go_to_results()
            return True
        if watched is self.table and plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected() is not None:
                self._double_clicked()
            return True
        return False

    def go_to_results(self) -> None:
        """The focus goes to the list, on the chosen record (the first one if none is)."""
        if self.model.rowCount() == 0:
            return
        if self.selected() is None:
            self.select_row(0)
        self.table.setFocus(Qt.FocusReason.TabFocusReason)

    def start_new_search(self) -> None:
        """Records (Ctrl+R) again: the last search is cleared for the next patient."""
        with QSignalBlocker(self.search):
            self.search.clear()
        self.apply_filters()

    # Who is using it ---------------------------------------------------------------------
    def set_user(self, user: User | None) -> None:
        """Front desk sees no Open (and no way back to the wizard)."""
        self.user = user
        physician = user is not None and user.role == Role.PHYSICIAN
        self.open_button.setVisible(physician)
        self.back_button.setVisible(physician)
        self._update_buttons()

    # Searching ---------------------------------------------------------------------------
    def current_query(self) -> SearchQuery:
        return SearchQuery(text=self.search.text(), date_from=forms.date_value(self.date_from),
                           date_to=forms.date_value(self.date_to),
                           condition_id=self.condition.currentData() or "",
                           status=self.status.currentData() or "",
                           teach_back_follow_up=self.attention.currentData() == "follow_up",
                           not_acknowledged=self.attention.currentData() == "not_acknowledged")

    def apply_filters(self, then: Callable[[], None] | None = None) -> None:
        """Run the search now (typing starts it after a short pause), and ``then`` once its
        rows are shown. In the app it runs on the records thread; the answer to a search
        replaced meanwhile is dropped."""
        self.timer.stop()
        query, size = self.current_query(), self.model.page_size
        self._asked += 1
        asked = self._asked

        def found(result: tuple[tuple[int, str], list[RecordSummary]]) -> None:
            if asked != self._asked:
                return  # a newer search was asked meanwhile
            self._seen, rows = result
            self.model.show(query, rows)
            if rows:
                self.select_row(0)  # the first match is chosen: View and Print work at once
            if then is not None:
                then()

        def failed(exc: ConsultaidError) -> None:
            if asked == self._asked:
                self.message.emit(self.tr("The records could not be searched: {exc}").format(
                        exc=exc), True)

        submit(self.service, lambda records: (records.change_token(), records.search(
            query, limit=size, offset=0)), found, failed, name="search")

    def refresh_if_changed(self) -> None:
        """Read the list again if any workstation changed a record; the selection stays."""
        if not self.isVisible() or self.user is None or self.timer.isActive():
            return
        if isinstance(self.service, RecordsOps) and self.service.busy:
            return  # the records are answering something else: the next poll looks
        query, size, seen = self.model.query, self.model.page_size, self._seen
        asked = self._asked

        def look(records: RecordsService) -> tuple[tuple[int, str], list[RecordSummary] | None]:
            token = records.change_token()
            return token, (None if token == seen else
                           records.search(query, limit=size, offset=0))

        def looked(result: tuple[tuple[int, str], list[RecordSummary] | None]) -> None:
            token, rows = result
            if rows is None or asked != self._asked or not self.isVisible():
                return
            chosen = self.selected()
            self._seen = token
            self.model.show(query, rows)
            for row in range(self.model.rowCount()):
                if chosen is not None and self.model.summary(row).id == chosen.id:
                    self.select_row(row)
                    break

        # The server away for a moment: the next poll tries again.
        submit(self.service, look, looked, lambda _exc: None, name="records-changed")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.poll.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.poll.stop()
        super().hideEvent(event)

    def clear(self) -> None:
        """Hide every row and the filters' text (the app is locking or signing out)."""
        self.timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        if self.viewer is not None:
            self.viewer.close()
            self.viewer = None

    def _update_shown(self) -> None:
        rows = self.model.rowCount()
        more = self.tr(" (scroll for more)") if self.model.canFetchMore(QModelIndex()) else ""
        self.shown.setText(self.tr("{rows} record(s) shown{more}").format(rows=rows, more=more))

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.view_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)
        self._update_shown()

    def selected(self) -> RecordSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.summary(rows[0].row())

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    # Actions -----------------------------------------------------------------------------
    def _double_clicked(self) -> None:
        """A physician opens the consultation; front desk sees the handout as given."""
        if self.user is not None and self.user.role == Role.PHYSICIAN:
            self.open_selected()
        else:
            self.view_handout()

    def open_selected(self) -> None:
        record = self.selected()
        if record is None or self.user is None or self.user.role != Role.PHYSICIAN:
            return
        self.open_requested.emit(record.id)

    def _stored_pdf(self, record: RecordSummary) -> bytes | None:
        handout = call(self.service, lambda records: records.latest_handout(record.id),
                       name="latest-handout")
        if handout is None:
            self.message.emit(self.tr(
                    "No handout has been given for {patient_name}'s consultation of "
                    "{visit_date} yet.").format(
                    patient_name=record.patient_name,
                    visit_date=record.visit_date), True)
            return None
        return handout.pdf

    def view_handout(self) -> None:
        record = self.selected()
        if record is None or self.user is None:
            return
        pdf = self._stored_pdf(record)
        if pdf is None:
            return
        user = self.user
        try:
            call(self.service, lambda records: records.log(user, "view-handout", record.id),
                 writes=True, name="view-handout")
        except ConsultaidError as exc:
            self.message.emit(self.tr("The handout cannot be shown: {exc}").format(exc=exc), True)
            return
        if self.viewer is not None:
            self.viewer.close()
        from consultaid.ui.records.handout_viewer import HandoutViewer

        self.viewer = HandoutViewer(
            pdf, self.tr("Handout as given — {patient_name}, {visit_date}").format(
                    patient_name=record.patient_name,
                    visit_date=record.visit_date), self)
        self.viewer.show()

    def ask_printer(self, record: RecordSummary) -> QPrinter | None:
        """The print dialog (tests replace this). The job's name never names the patient."""
        from consultaid import printing
        from consultaid.ui import pdf_print

        return pdf_print.ask_printer(self, printing.JOB_TITLE)

    def print_handout(self) -> None:
        """Reprint the stored handout byte for byte (the app's one print path); audited."""
        record = self.selected()
        if record is None or self.user is None or self.printer.busy:
            if self.printer.busy:
                self.message.emit(self.tr(
                        "A handout is still being sent to the printer; wait a moment "
                        "before printing again."), True)
            return
        if self._stored_pdf(record) is None:
            return
        user = self.user
        self._printing = record
        # Read (and audited) on the records thread, once a printer was chosen.
        self.printer.start(lambda: call(
            self.service, lambda records: records.reprint(user, record.id).pdf,
            writes=True, name="reprint"))

    def _ask_for_printing(self) -> QPrinter | None:
        return self.ask_printer(self._printing) if self._printing is not None else None

    def _delivered(self, _pdf: bytes) -> None:
        self._was_delivered = True

    def _printed(self, text: str, problem: bool) -> None:
        """Says "exactly as given" only when the stored bytes really went out (not on Cancel)."""
        if self._was_delivered and self._printing is not None:
            text = self.tr("{text} The handout was printed exactly as given.").format(text=text)
        self._was_delivered = False
        self.message.emit(text, problem)
