"""The follow-up plan as a table model (When / What / Who) over the consultation's rows.

The model keeps its own copy of the rows and hands every change to the state through the
``on_change`` callback, so the consultation stays a plain dataclass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from consultaid.domain.consultation import CELL_LIMIT, FollowUpRow
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui import plain_text
from consultaid.ui.translation import translated

COLUMNS = (("when", QT_TRANSLATE_NOOP("FollowUpModel", "When")), ("what", QT_TRANSLATE_NOOP(
        "FollowUpModel", "What")), ("who", QT_TRANSLATE_NOOP("FollowUpModel", "Who")))
AnyIndex = QModelIndex | QPersistentModelIndex


class FollowUpTableModel(QAbstractTableModel):
    """Editable rows; add, remove and move keep views and the consultation in step."""

    def __init__(self, rows: list[FollowUpRow] | None = None,
                 on_change: Callable[[list[FollowUpRow]], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [replace(r) for r in rows or []]
        self._on_change = on_change

    def rows(self) -> list[FollowUpRow]:
        """A copy of the rows, for the consultation."""
        return [replace(r) for r in self._rows]

    def set_rows(self, rows: list[FollowUpRow]) -> None:
        """Replace every row (a record was loaded or a template applied); no change callback."""
        self.beginResetModel()
        self._rows = [replace(r) for r in rows]
        self.endResetModel()

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change(self.rows())

    # Qt overrides -----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            value = getattr(self._rows[index.row()], COLUMNS[index.column()][0])
            if role == Qt.ItemDataRole.AccessibleTextRole and not value:
                return self.tr("{column}: empty").format(
                    column=translated(COLUMNS[index.column()][1]))
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_text.tooltip(getattr(self._rows[index.row()],
                                              COLUMNS[index.column()][0])) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return translated(COLUMNS[section][1]) if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: AnyIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._rows):
            return False
        text = ("" if value is None else str(value))[:CELL_LIMIT]  # what a record may hold
        row = self._rows[index.row()]
        name = COLUMNS[index.column()][0]
        if getattr(row, name) == text:
            return True
        setattr(row, name, text)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        self._changed()
        return True

    def insertRows(self, row: int, count: int,
                   parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count < 1 or not 0 <= row <= len(self._rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._rows[row:row] = [FollowUpRow() for _ in range(count)]
        self.endInsertRows()
        self._changed()
        return True

    def removeRows(self, row: int, count: int,
                   parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row:row + count]
        self.endRemoveRows()
        self._changed()
        return True

    def moveRows(self, source_parent: AnyIndex, source_row: int, count: int,
                 destination_parent: AnyIndex, destination_child: int) -> bool:
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if source_row < 0 or source_row + count > len(self._rows):
            return False
        if not 0 <= destination_child <= len(self._rows):
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # a no-op move; Qt refuses it too
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1,
                                  QModelIndex(), destination_child):
            return False
        moving = self._rows[source_row:source_row + count]
        del self._rows[source_row:source_row + count]
        at = destination_child - count if destination_child > source_row else destination_child
        self._rows[at:at] = moving
        self.endMoveRows()
        self._changed()
        return True

    # Convenience for the page's buttons -----------------------------------------------------
    def move_up(self, row: int) -> bool:
        return row > 0 and self.moveRows(QModelIndex(), row, 1, QModelIndex(), row - 1)

    def move_down(self, row: int) -> bool:
        return (row < len(self._rows) - 1
                and self.moveRows(QModelIndex(), row, 1, QModelIndex(), row + 2))
