"""Every records call off the UI thread, one at a time (Anki's ``CollectionOp``/``QueryOp``).

``ops.run(lambda records: records.save_draft(user, snapshot), success, failure)`` runs the call
on one background thread with its own connection to the records, in the order calls were made,
and then calls ``success(result)`` or ``failure(error)`` on the UI thread. A busy file or a
server that answers slowly never freezes the window; a lost server connection is tried again by
the records layer while the window says "Reconnecting to the records server…" and carries on.
After a call that writes, ``records_changed`` tells every view that wants to know.

The calls never touch widgets: they get the records service and return a value. Errors that are
not consultaid's own are logged (their type and place only) and reported as one plain sentence.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui.refresh_guard import log_failure
from consultaid.ui.translation import translated

if TYPE_CHECKING:  # the records layer is loaded on the records thread, once the window is built
    from consultaid.records.service import RecordsService

T = TypeVar("T")
UNEXPECTED = QT_TRANSLATE_NOOP(
    "RecordsOps", "something went wrong that consultaid did not expect; its type and place were "
    "written to the log for the clinic's IT person")
RECONNECTING = QT_TRANSLATE_NOOP("RecordsOps", "Reconnecting to the records server…")
WAITING = QT_TRANSLATE_NOOP("RecordsOps", "Waiting for the records…")
NOTE_AFTER_MS = 400
"""A step that waits for the records says so only if it takes longer than this."""


class Unexpected(ConsultaidError):
    """A records call failed in a way consultaid did not expect (logged by type and place)."""


@dataclass
class _Done(Generic[T]):
    call: _Call[T]
    value: T | None = None
    error: ConsultaidError | None = None


@dataclass
class _Call(Generic[T]):
    op: Callable[[RecordsService], T]
    success: Callable[[T], None] | None
    failure: Callable[[ConsultaidError], None] | None
    writes: bool
    name: str


class _Relay(QObject):
    done = Signal()
    reconnecting = Signal()


class _Job(QRunnable):
    def __init__(self, ops: RecordsOps, call: _Call[Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ops, self._call = ops, call

    def run(self) -> None:
        self._ops.ui_thread_ran_a_call |= threading.current_thread() is self._ops.ui_thread
        outcome: _Done[Any] = _Done(self._call)
        try:
            outcome.value = self._call.op(self._ops.connection())
        except ConsultaidError as exc:
            outcome.error = exc
        except Exception:
            log_failure(f"records call {self._call.name or 'unnamed'}")  # never patient data
            outcome.error = Unexpected(translated(UNEXPECTED))
        self._ops.finished(outcome)


class RecordsOps(QObject):
    """One serial background thread for the records calls of one records service."""

    records_changed = Signal(str)
    """A call that writes succeeded (its name): views that show records may look again."""
    reconnecting = Signal(str)
    """A call is being tried again after the server went away (the sentence to show)."""
    busy_changed = Signal(bool)

    def __init__(self, records: RecordsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.ui_thread = threading.current_thread()
        self.ui_thread_ran_a_call = False
        """Set if a call ever ran on the UI thread (the tests check it never does)."""
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one at a time, in order
        self._pool.setExpiryTimeout(-1)  # one thread for the connection's whole life
        self._relay = _Relay(self)
        self._relay.done.connect(self.deliver)
        self._relay.reconnecting.connect(
            lambda: self.reconnecting.emit(translated(RECONNECTING)))
        self._results: queue.SimpleQueue[_Done[Any]] = queue.SimpleQueue()
        self._pending = 0
        self._twin: RecordsService | None = None

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(self, op: Callable[[RecordsService], T],
            success: Callable[[T], None] | None = None,
            failure: Callable[[ConsultaidError], None] | None = None, *,
            writes: bool = False, name: str = "") -> None:
        """Queue ``op``; its outcome comes back to ``success`` or ``failure`` on the UI thread
        (a failure nobody handles is logged by its type only)."""
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self, _Call(op, success, failure, writes, name)))

    def wait(self, op: Callable[[RecordsService], T], *, writes: bool = False,
             name: str = "") -> T:
        """Run ``op`` on the records thread and return its value here, or raise its error: for
        the steps that must know before they go on (File > Save, an amendment, a review's PIN,
        the accounts dialogs). Calls queued before it go first. Meanwhile the window keeps
        painting and its timers run, but keys and clicks wait (nothing can change under the
        call); after a moment a note says what the records are doing, "Reconnecting…" while
        the server is away."""
        outcome: list[tuple[bool, Any]] = []
        loop = QEventLoop()

        def done(ok: bool, value: Any) -> None:
            outcome.append((ok, value))
            loop.quit()

        self.run(op, lambda value: done(True, value), lambda exc: done(False, exc),
                 writes=writes, name=name)
        if not outcome:
            note = _WaitNote(self)
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            note.close()
        ok, value = outcome[0]
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def connection(self) -> RecordsService:
        """(worker thread) The runner's own connection, opened on first use."""
        if self._twin is None:
            self._twin = self.records.twin()
            self._twin.reconnecting.append(self._relay.reconnecting.emit)
        return self._twin

    def finished(self, outcome: _Done[Any]) -> None:
        """(worker thread) Leave the outcome for the UI thread and wake it."""
        self._results.put(outcome)
        self._relay.done.emit()

    def deliver(self) -> None:
        """(UI thread) Hand every finished call's outcome to its callbacks, in order."""
        while True:
            try:
                outcome = self._results.get_nowait()
            except queue.Empty:
                return
            self._pending -= 1
            call = outcome.call
            if outcome.error is None:
                if call.writes:
                    self.records_changed.emit(call.name)
                if call.success is not None:
                    call.success(outcome.value)
            elif call.failure is not None:
                call.failure(outcome.error)
            else:
                log_failure(f"records call {call.name or 'unnamed'}: "
                            f"{type(outcome.error).__name__}")
            if self._pending == 0:
                self.busy_changed.emit(False)

    def settle(self) -> None:
        """Wait for every queued call and deliver its outcome now (before a close, or where
        the window must know before it goes on)."""
        self._pool.waitForDone()
        self.deliver()

    def close(self) -> None:
        """Finish the queued calls, then close the runner's connection on its own thread."""
        self.settle()
        if self._twin is None:
            return

        def close_twin(records: RecordsService) -> None:
            with contextlib.suppress(Exception):
                records.close()

        self._pool.start(_Job(self, _Call(close_twin, None, None, False, "close")))
        self._pool.waitForDone()
        self._twin = None
        self._results = queue.SimpleQueue()


Records: TypeAlias = "RecordsService | RecordsOps"
"""What a dialog is given to reach the records: the app's runner (each call on the records
thread, see :meth:`RecordsOps.wait`), or a service called directly (a test, a tool)."""


def call(records: Records, op: Callable[[RecordsService], T], *, writes: bool = False,
         name: str = "") -> T:
    """``op`` on ``records``: through the runner where there is one."""
    if isinstance(records, RecordsOps):
        return records.wait(op, writes=writes, name=name)
    return op(records)


def submit(records: Records, op: Callable[[RecordsService], T],
           success: Callable[[T], None], failure: Callable[[ConsultaidError], None], *,
           writes: bool = False, name: str = "") -> None:
    """``op`` on ``records``, its outcome to ``success`` or ``failure``: later, on the UI
    thread, through the runner; at once with a service called directly."""
    if isinstance(records, RecordsOps):
        records.run(op, success, failure, writes=writes, name=name)
        return
    try:
        value = op(records)
    except ConsultaidError as exc:
        failure(exc)
        return
    success(value)


class _WaitNote(QObject):
    """A busy note over the active window, shown only if the wait lasts (see RecordsOps.wait)."""

    def __init__(self, ops: RecordsOps) -> None:
        super().__init__(ops)
        self._dialog: QProgressDialog | None = None
        self._text = translated(WAITING)
        ops.reconnecting.connect(self._say)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(NOTE_AFTER_MS)

    def _say(self, text: str) -> None:
        self._text = text
        if self._dialog is not None:
            self._dialog.setLabelText(text)

    def _show(self) -> None:
        dialog = QProgressDialog(self._text, "", 0, 0, QApplication.activeWindow())
        dialog.setCancelButton(None)
        dialog.setWindowTitle("consultaid")
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.show()
        self._dialog = dialog

    def close(self) -> None:
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self.deleteLater()
