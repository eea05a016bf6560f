"""Autosave off the UI thread (issue 12.6): a draft is written by the records runner
(:class:`~consultaid.ui.records.records_ops.RecordsOps`, one background thread with its own
connection), so a busy file or a server that does not answer never freezes the window.

One save at a time. The job works on a snapshot of the consultation; its outcome waits in
:meth:`DraftSaver.take` when the ``ready`` signal arrives, or at once after :meth:`DraftSaver.wait`
when the window must know now (before a question, a synchronous save, a close).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.ui.records.records_ops import RecordsOps

if TYPE_CHECKING:
    from consultaid.records.users import User


@dataclass
class Outcome:
    """What one background save did."""

    snapshot: Consultation
    expected_version: int | None
    edits: int
    """The window's edit count when the snapshot was taken (later edits: still unsaved)."""
    changed: bool = False
    problem: ConsultaidError | None = None


class DraftSaver(QObject):
    ready = Signal()

    def __init__(self, parent: QObject, ops: RecordsOps) -> None:
        super().__init__(parent)
        self.ops = ops
        self.records = ops.records
        self._outcome: Outcome | None = None
        self._running = False

    @property
    def busy(self) -> bool:
        return self._running

    def start(self, user: User, snapshot: Consultation, expected_version: int | None,
              edits: int) -> None:
        self._running = True
        outcome = Outcome(snapshot, expected_version, edits)

        def saved(changed: bool) -> None:
            outcome.changed = changed
            self._finish(outcome)

        def failed(problem: ConsultaidError) -> None:
            outcome.problem = problem
            self._finish(outcome)

        self.ops.run(lambda records: records.save_draft(user, snapshot,
                                                         expected_version=expected_version),
                     saved, failed, writes=True, name="save-draft")

    def _finish(self, outcome: Outcome) -> None:
        self._outcome = outcome
        self.ready.emit()

    def wait(self) -> None:
        """Block until the running save (if any) has ended; then :meth:`take` has its outcome."""
        if self._running:
            self.ops.settle()

    def take(self) -> Outcome | None:
        """The finished save's outcome, once (None if there is none waiting)."""
        outcome, self._outcome = self._outcome, None
        if outcome is not None:
            self._running = False
        return outcome

    def close(self) -> None:
        self.wait()
