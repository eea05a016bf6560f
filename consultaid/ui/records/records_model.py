"""The records list as a Qt table model, fetched from the records service one page at a time.

With tens of thousands of records only the first page is read when the view opens or the search
changes; the view asks for more (``canFetchMore``/``fetchMore``) as the user scrolls. In the app
each page is read on the records thread (``records`` is the runner) and shown when it arrives;
an answer to a search that was replaced meanwhile is dropped.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records.service import RecordSummary, SearchQuery
from consultaid.ui.records.records_ops import Records, submit
from consultaid.ui.translation import translated

PAGE_SIZE = 100
COLUMNS = (QT_TRANSLATE_NOOP("RecordsModel", "Visit date"), QT_TRANSLATE_NOOP("RecordsModel",
        "Patient"), QT_TRANSLATE_NOOP("RecordsModel", "Patient ID"), QT_TRANSLATE_NOOP(
                "RecordsModel", "Condition"), QT_TRANSLATE_NOOP("RecordsModel",
        "Status"))
STATUS_LABELS = {"draft": QT_TRANSLATE_NOOP("RecordsModel", "Draft"),
        "completed": QT_TRANSLATE_NOOP("RecordsModel",
                "Completed"), "handout_given": QT_TRANSLATE_NOOP("RecordsModel",
        "Handout given")}
AnyIndex = QModelIndex | QPersistentModelIndex


class RecordsTableModel(QAbstractTableModel):
    """Read-only rows of :class:`RecordSummary`, newest visit first."""

    def __init__(self, service: Records, condition_titles: dict[str, str] | None = None,
                 page_size: int = PAGE_SIZE, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.service = service
        self.condition_titles = dict(condition_titles or {})
        self.page_size = page_size
        self.query = SearchQuery()
        self._rows: list[RecordSummary] = []
        self._more = False
        self._shown = 0
        """Counts the searches shown: more rows for an older one are dropped."""
        self._fetching = False

    # The query ---------------------------------------------------------------------------
    def set_query(self, query: SearchQuery) -> None:
        """Show the first page of records matching ``query`` (replaces what is shown); an error
        is raised to the caller only when the records are called directly (tests, tools)."""
        size = self.page_size
        problems: list[ConsultaidError] = []
        submit(self.service, lambda records: records.search(query, limit=size, offset=0),
               lambda rows: self.show(query, rows), problems.append, name="search")
        if problems:
            raise problems[0]

    def show(self, query: SearchQuery, rows: list[RecordSummary]) -> None:
        """Show ``rows``, the first page of ``query``'s records (replaces what is shown)."""
        self.beginResetModel()
        self.query = query
        self._rows = list(rows)
        self._more = len(self._rows) == self.page_size
        self._shown += 1
        self._fetching = False
        self.endResetModel()

    def refresh(self) -> None:
        """Read the current query again (after a record changed)."""
        self.set_query(self.query)

    def summary(self, row: int) -> RecordSummary:
        return self._rows[row]

    def clear(self) -> None:
        """Forget every row (e.g. when the app locks)."""
        self.beginResetModel()
        self._rows = []
        self._more = False
        self._shown += 1  # rows still on their way are dropped
        self._fetching = False
        self.endResetModel()

    # Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or not self._more or self._fetching:
            return
        query, size, offset, shown = self.query, self.page_size, len(self._rows), self._shown
        self._fetching = True

        def more(batch: list[RecordSummary]) -> None:
            if shown != self._shown:
                return  # the list shows another search now
            self._fetching = False
            self._more = len(batch) == size
            if not batch:
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()

        def failed(_exc: ConsultaidError) -> None:
            if shown == self._shown:
                self._fetching = False  # scrolling asks again

        submit(self.service, lambda records: records.search(query, limit=size, offset=offset),
               more, failed, name="search-more")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return translated(COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return self.tr("Last changed {updated_at}").format(
                    updated_at=record.updated_at)  # not the save counter: autosaves bump it
        if role == Qt.ItemDataRole.UserRole:
            return record.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _text(self, record: RecordSummary, column: int) -> str | None:
        if column == 0:
            try:
                return dt.date.fromisoformat(record.visit_date).isoformat()
            except ValueError:
                return record.visit_date
        if column == 1:
            return record.patient_name
        if column == 2:
            return record.patient_id
        if column == 3:
            return self.condition_titles.get(record.condition_id, record.condition_id)
        if column == 4:
            return translated(STATUS_LABELS.get(record.status, record.status))
        return None
