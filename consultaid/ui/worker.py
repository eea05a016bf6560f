"""The one helper for long work off the UI thread (building the handout PDF, mainly).

A job runs in :class:`QThreadPool`; its result or error comes back as a queued signal on the UI
thread. Each submission gets a number, and only the newest number's answer is delivered, so a
slow, stale build never overwrites a newer preview; a job that has become stale before it
started is not started at all (with a one-thread pool, at most one stale build runs while the
newest waits). Workers never touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui.refresh_guard import log_failure


class _Relay(QObject):
    """Lives on the UI thread; the runnable emits through it (queued across threads)."""

    finished = Signal(int, object)
    failed = Signal(int, str)
    skipped = Signal(int)


UNEXPECTED = (QT_TRANSLATE_NOOP("Worker",
        "something went wrong that consultaid did not expect; its type and place were "
        "written to the log for the clinic's IT person"))


class _Job(QRunnable):
    def __init__(self, number: int, work: Callable[[], Any], relay: _Relay,
                 latest: Callable[[], int]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._number = number
        self._work = work
        self._relay = relay
        self._latest = latest

    def run(self) -> None:
        """Runs on a pool thread: compute, then hand the answer to the UI thread."""
        if self._number != self._latest():
            self._relay.skipped.emit(self._number)  # a newer job is waiting: do not start this
            return
        try:
            result = self._work()
        except ConsultaidError as exc:
            self._relay.failed.emit(self._number, str(exc))
        except Exception:
            log_failure("background job")  # type and place only: the text may hold patient data
            self._relay.failed.emit(self._number, UNEXPECTED)
        else:
            self._relay.finished.emit(self._number, result)


class LatestOnlyRunner(QObject):
    """Run callables in the thread pool; deliver only the latest one's success or failure."""

    succeeded = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._relay.skipped.connect(lambda _n: self._done())
        self._latest = 0
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def submit(self, work: Callable[[], Any]) -> int:
        """Start ``work`` (which must not touch widgets); earlier pending answers become stale."""
        self._latest += 1
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self._latest, work, self._relay, lambda: self._latest))
        return self._latest

    def cancel_pending(self) -> None:
        """Jobs not yet started will not start, and no pending answer will be delivered."""
        self._latest += 1

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every submitted job has ended (for shutdown and the self-test)."""
        return bool(self._pool.waitForDone(msecs))

    def _done(self) -> None:
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)

    def _on_finished(self, number: int, result: object) -> None:
        self._done()
        if number == self._latest:
            self.succeeded.emit(result)

    def _on_failed(self, number: int, message: str) -> None:
        self._done()
        if number == self._latest:
            self.failed.emit(message)
