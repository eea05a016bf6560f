"""Benchmark the records view with 50,000 consultations (run by hand, not by pytest).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_records_view.py \\
        [--records 50000] [--postgresql [--latency-ms 20]]

With ``--postgresql`` the records are moved (as ``records migrate`` does) to a private
PostgreSQL server started as the tests start it, and the view is timed on the server; with
``--latency-ms`` too, through a local proxy that delays every packet (a link with that round
trip).

Each figure is taken twice: calling the records directly on the UI thread (as before issue 27),
and as the app does now, through the records runner (``RecordsOps``: the search runs on the
records thread; timed from the keystroke to the rows shown, with the UI thread's longest pause
meanwhile).

Times, through the real widgets and table model: opening the view (store with its start-up
check, model, first page shown and painted) and a search per keystroke (the model's query and
the table repainted). The records are generated as ``bench_records.py`` does. Target: < 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from consultaid.content.loader import load_content
from consultaid.records.migrate import copy_store
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService, SystemActor
from consultaid.records.store import Store
from consultaid.records.users import User
from consultaid.ui.records.records_ops import RecordsOps
from consultaid.ui.records.records_page import RecordsPage
from tests.benchmarks.bench_records import generate
from tests.servers import postgres
from tests.servers.latency_proxy import LatencyProxy

Opener = Callable[[], Store | PgStore]


def open_store(opener: Opener) -> tuple[float, Store | PgStore, User]:
    """The start-up part, done once per start in a worker thread: store + check + sign-in."""
    start = time.perf_counter()
    store = opener()
    elapsed = (time.perf_counter() - start) * 1000
    doctor = RecordsService(store).sign_in("Dr Bench", "123456")
    return elapsed, store, doctor


class Pauses:
    """The UI thread's longest pause between 5 ms timer ticks while something runs."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)
        self._timer.start(5)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000)
        self._last = now

    def stop(self) -> float:
        self._tick()
        self._timer.stop()
        return self.longest


def shown(page: RecordsPage, app: QApplication) -> None:
    """Wait (serving events) until the search asked last is shown."""
    if isinstance(page.service, RecordsOps) and page.service.busy:
        loop = QEventLoop()
        page.service.busy_changed.connect(lambda busy: None if busy else loop.quit())
        loop.exec()
    page.table.viewport().repaint()
    app.processEvents()


def open_view(store: Store | PgStore, doctor: User, app: QApplication,
              ops: RecordsOps | None = None) -> tuple[float, RecordsPage]:
    """Milliseconds from File > Records… to the first page of rows painted."""
    pack = load_content("en").pack
    start = time.perf_counter()
    page = RecordsPage(ops if ops is not None else RecordsService(store), pack)
    page.set_user(doctor)
    page.resize(1200, 700)
    page.show()
    page.apply_filters()
    shown(page, app)
    total = (time.perf_counter() - start) * 1000
    assert page.model.rowCount() == page.model.page_size
    return total, page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--db", type=Path, help="reuse a database generated before (kept)")
    parser.add_argument("--postgresql", action="store_true",
                        help="time the view on a private PostgreSQL server")
    parser.add_argument("--latency-ms", type=float, default=0,
                        help="with --postgresql: reach it through a proxy adding this round trip")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite3"
    if not path.exists():
        start = time.perf_counter()
        generate(path, args.records)
        print(f"generated {args.records} records in {time.perf_counter() - start:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB) in {path}")
    if not args.postgresql:
        measure(lambda: Store(path), app)
        return
    server = postgres.start()
    try:
        url = server.url(server.create_database())
        source, target = Store(path), PgStore(url)
        copy_store(source, target, SystemActor("bench"))
        source.close()
        target.db.execute("ANALYZE")
        target.close()
        print(f"on PostgreSQL ({target.location})")
        if not args.latency_ms:
            measure(lambda: PgStore(url), app)
            return
        proxy = LatencyProxy(server.port, args.latency_ms / 2).start()
        slow = url.replace(f":{server.port}/", f":{proxy.port}/")
        print(f"through a proxy adding {args.latency_ms:.0f} ms per round trip")
        try:
            measure(lambda: PgStore(slow), app)
        finally:
            proxy.close()
    finally:
        postgres.stop(server)


def measure(opener: Opener, app: QApplication) -> None:
    store_ms: list[float] = []
    for _ in range(5):
        ms, store, doctor = open_store(opener)
        store_ms.append(ms)
        store.close()
    print(f"start-up, in a worker thread: open the store with its quick_check: median "
          f"{statistics.median(store_ms):.1f} ms, worst {max(store_ms):.1f} ms")
    store, doctor = open_store(opener)[1:]
    direct = view_figures(store, doctor, app, None)
    ops = RecordsOps(RecordsService(store))
    through = view_figures(store, doctor, app, ops)
    ops.close()
    for name, (worst, pause) in (("direct, on the UI thread", direct),
                                 ("through the records runner (the app)", through)):
        print(f"{name}: worst median {worst:.1f} ms "
              f"({'under' if worst < 100 else 'OVER'} 100 ms); longest UI pause {pause:.0f} ms")
    store.close()


def view_figures(store: Store | PgStore, doctor: User, app: QApplication,
                 ops: RecordsOps | None) -> tuple[float, float]:
    """Open the view and type; print the figures; return the worst median and the longest
    pause of the UI thread meanwhile."""
    print(f"-- {'through the records runner' if ops else 'calling the records directly'}")
    pauses = Pauses()
    opens: list[float] = []
    for _ in range(7):
        ms, page = open_view(store, doctor, app, ops)
        opens.append(ms)
        page.close()
        page.deleteLater()
        app.processEvents()
    ms, page = open_view(store, doctor, app, ops)

    def keystroke(text: str) -> float:
        began = time.perf_counter()
        page.search.blockSignals(True)  # time the search itself, not the typing pause
        page.search.setText(text)
        page.search.blockSignals(False)
        page.apply_filters()
        shown(page, app)
        return (time.perf_counter() - began) * 1000

    typed = ["j", "jo", "jos", "josé", "josé n", "josé nú", "josé núñ", "cl-04", "cl-049"]
    per_key = {t: statistics.median(keystroke(t) for _ in range(7)) for t in typed}
    rows = {t: (keystroke(t), page.model.rowCount())[1] for t in typed}
    keystroke("")
    scroll = []
    for _ in range(5):
        began = time.perf_counter()
        before = page.model.rowCount()
        page.model.fetchMore(page.table.rootIndex())
        while page.model.rowCount() == before and page.model.canFetchMore(page.table.rootIndex()):
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        scroll.append((time.perf_counter() - began) * 1000)
    pause = pauses.stop()
    print(f"open the records view (model + first page painted): "
          f"median {statistics.median(opens):.1f} ms, worst {max(opens):.1f} ms")
    for text, value in per_key.items():
        print(f"search keystroke {text!r:>12}: {value:.1f} ms "
              f"({rows[text]} rows in the first page)")
    print(f"fetch the next page while scrolling: median {statistics.median(scroll):.1f} ms")
    page.close()
    return max([statistics.median(opens), *per_key.values()]), pause


if __name__ == "__main__":
    main()
