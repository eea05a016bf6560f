"""``--measure-startup``: how long until the window first paints, and until it is complete.

Kept apart from the self-test so that measuring imports nothing the window does not need.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from consultaid.ui.main_window import MainWindow


class FirstPaint(QObject):
    """Notices the window's first paint event."""

    def __init__(self, on_paint: Callable[[], None]) -> None:
        super().__init__()
        self._on_paint = on_paint
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            self._on_paint()
        return False


def measure_startup(app: QApplication, window: MainWindow, started: float) -> int:
    """Show the window; print ``startup_ms=<n>`` (its first paint), ``ready_ms=<n>`` (the
    window finished: the sign-in page, menus, first and last steps; the records about to open),
    ``records_ms=<n>`` (the records attached: the sign-in page asks who is there) and
    ``pages_ms=<n>`` (every step's page built, in idle moments after the records answered)."""
    painted_at: list[float] = []
    ready_at: list[float] = []
    pages_at: list[float] = []
    records_at: list[float] = []

    def records_attached() -> None:
        if not records_at and window.access_model.records is not None:
            records_at.append((time.perf_counter() - started) * 1000)

    window.access_model.changed.connect(records_attached)

    def painted() -> None:
        painted_at.append((time.perf_counter() - started) * 1000)
        if window.is_finished:
            ready()

    def ready() -> None:
        if not ready_at:
            ready_at.append((time.perf_counter() - started) * 1000)
        if window.wizard.all_built():
            pages_built()

    def pages_built() -> None:
        if not pages_at:
            pages_at.append((time.perf_counter() - started) * 1000)
        QTimer.singleShot(0, app.quit)

    window.finished.connect(ready)
    window.pages_built.connect(pages_built)
    watcher = FirstPaint(painted)
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(20000, app.quit)
    app.exec()
    window.removeEventFilter(watcher)
    if window.is_finished:
        window.state.mark_saved(Path("unused"))  # nothing to ask about on close
    window.close()
    if not painted_at:
        print("startup_ms=unknown (the window was never painted)")
        return 1
    print(f"startup_ms={round(painted_at[0])}")
    if ready_at:
        print(f"ready_ms={round(ready_at[0])}")
    if records_at:
        print(f"records_ms={round(records_at[0])}")
    if pages_at:
        print(f"pages_ms={round(pages_at[0])}")
    if sys.platform != "win32":
        import resource

        # Peak resident memory so far (KiB on Linux): the benchmark compares it with a bare
        # window's (issue 29).
        print(f"peak_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
    return 0


