"""Who is at the screen, and through what: the records service, its runner, the user, the lock.

One small QObject owns these (issue 27); the access controller changes them, and everyone else
reads them here or hears ``changed``. (Before, they were public fields of the window that four
classes wrote.) The records runner belongs to the records service it was made for: attaching
other records closes the old one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from consultaid.domain.vocabulary import Role

if TYPE_CHECKING:  # the window's shell makes this model before it paints: nothing heavy here
    from consultaid.records.service import RecordsService
    from consultaid.records.users import User
    from consultaid.ui.records.records_ops import RecordsOps


class AccessModel(QObject):
    changed = Signal()
    """The records, the user or the lock changed."""
    ops_changed = Signal(object)
    """A new records runner (:class:`RecordsOps`) took over (the records were attached)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: RecordsService | None = None
        self._ops: RecordsOps | None = None
        self._user: User | None = None
        self._locked = False

    @property
    def records(self) -> RecordsService | None:
        return self._records

    @records.setter
    def records(self, records: RecordsService | None) -> None:
        if records is not self._records:
            self.close()
            self._records = records
            self.changed.emit()

    @property
    def ops(self) -> RecordsOps | None:
        """The runner every records call goes through (made on first use)."""
        if self._records is None:
            return None
        if self._ops is None:
            from consultaid.ui.records.records_ops import RecordsOps

            self._ops = RecordsOps(self._records, self)
            self.ops_changed.emit(self._ops)
        return self._ops

    @property
    def user(self) -> User | None:
        return self._user

    @user.setter
    def user(self, user: User | None) -> None:
        if user is not self._user:
            self._user = user
            self.changed.emit()

    @property
    def locked(self) -> bool:
        return self._locked

    @locked.setter
    def locked(self, locked: bool) -> None:
        if locked != self._locked:
            self._locked = locked
            self.changed.emit()

    @property
    def physician(self) -> bool:
        return self._user is not None and self._user.role == Role.PHYSICIAN

    def close(self) -> None:
        """Finish the records calls queued and close the runner's connection."""
        if self._ops is not None:
            ops, self._ops = self._ops, None
            ops.close()
