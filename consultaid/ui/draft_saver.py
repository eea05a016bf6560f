"""Autosave off the UI thread (issue 12.6): a draft is written by one background thread with
its own connection to the records, so a busy file or a server that does not answer never
freezes the window.

One save at a time. The job works on a snapshot of the consultation and leaves its outcome in
:attr:`DraftSaver.outcome`; the UI thread takes it (:meth:`DraftSaver.take`) when the
``ready`` signal arrives, or at once after :meth:`DraftSaver.wait` when it must know now
(before a question, a synchronous save, a close). Workers never touch widgets.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.refresh_guard import log_failure
from consultaid.ui.translation import translated

UNEXPECTED = (QT_TRANSLATE_NOOP("DraftSaver",
        "something went wrong that consultaid did not expect; its type and place were "
        "written to the log for the clinic's IT person"))


@dataclass
class Outcome:
    """What one background save did."""

    snapshot: Consultation
    expected_version: int | None
    edits: int
    """The window's edit count when the snapshot was taken (later edits: still unsaved)."""
    changed: bool = False
    problem: ConsultaidError | None = None


class _Relay(QObject):
    ready = Signal()


class _Save(QRunnable):
    def __init__(self, saver: DraftSaver, user: User, outcome: Outcome) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._saver, self._user, self._outcome = saver, user, outcome

    def run(self) -> None:
        outcome = self._outcome
        try:
            service = self._saver.connection()
            outcome.changed = service.save_draft(self._user, outcome.snapshot,
                                                 expected_version=outcome.expected_version)
        except ConsultaidError as exc:
            outcome.problem = exc
        except Exception:
            log_failure("background autosave")  # type and place only: never patient data
            outcome.problem = ConsultaidError(translated(UNEXPECTED))
        self._saver.finish(outcome)


class DraftSaver(QObject):
    def __init__(self, parent: QObject, records: RecordsService) -> None:
        super().__init__(parent)
        self.records = records
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self.ready = self._relay.ready
        self._lock = threading.Lock()
        self._outcome: Outcome | None = None
        self._twin: RecordsService | None = None
        self._running = False

    @property
    def busy(self) -> bool:
        return self._running

    def connection(self) -> RecordsService:
        """The saver's own connection (opened on first use, on the worker thread)."""
        if self._twin is None:
            self._twin = self.records.twin()
        return self._twin

    def start(self, user: User, snapshot: Consultation, expected_version: int | None,
              edits: int) -> None:
        self._running = True
        self._pool.start(_Save(self, user, Outcome(snapshot, expected_version, edits)))

    def finish(self, outcome: Outcome) -> None:
        """(worker thread) Leave the outcome for the UI thread and wake it."""
        with self._lock:
            self._outcome = outcome
        self._relay.ready.emit()

    def wait(self) -> None:
        """Block until the running save (if any) has ended; then :meth:`take` has its outcome."""
        self._pool.waitForDone()

    def take(self) -> Outcome | None:
        """The finished save's outcome, once (None if there is none waiting)."""
        with self._lock:
            outcome, self._outcome = self._outcome, None
        if outcome is not None:
            self._running = False
        return outcome

    def close(self) -> None:
        self.wait()
        if self._twin is not None:
            with contextlib.suppress(Exception):
                self._twin.store.close()
            self._twin = None
