"""Benchmark the records view with 50,000 consultations (run by hand, not by pytest).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_records_view.py \\
        [--records 50000] [--postgresql]

With ``--postgresql`` the records are moved (as ``records migrate`` does) to a private
PostgreSQL server started as the tests start it, and the view is timed on the server.

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

from PySide6.QtWidgets import QApplication

from consultaid.content.loader import load_content
from consultaid.records.migrate import copy_store
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService, SystemActor
from consultaid.records.store import Store
from consultaid.records.users import User
from consultaid.ui.records.records_page import RecordsPage
from tests.benchmarks.bench_records import generate
from tests.servers import postgres

Opener = Callable[[], Store | PgStore]


def open_store(opener: Opener) -> tuple[float, Store | PgStore, User]:
    """The start-up part, done once per start in a worker thread: store + check + sign-in."""
    start = time.perf_counter()
    store = opener()
    elapsed = (time.perf_counter() - start) * 1000
    doctor = RecordsService(store).sign_in("Dr Bench", "123456")
    return elapsed, store, doctor


def open_view(store: Store | PgStore, doctor: User, app: QApplication) -> tuple[float, RecordsPage]:
    """Milliseconds from File > Records… to the first page of rows painted."""
    pack = load_content("en").pack
    start = time.perf_counter()
    page = RecordsPage(RecordsService(store), pack)
    page.set_user(doctor)
    page.resize(1200, 700)
    page.show()
    page.apply_filters()
    page.table.viewport().repaint()
    app.processEvents()
    total = (time.perf_counter() - start) * 1000
    assert page.model.rowCount() == page.model.page_size
    return total, page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--db", type=Path, help="reuse a database generated before (kept)")
    parser.add_argument("--postgresql", action="store_true",
                        help="time the view on a private PostgreSQL server")
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
        measure(lambda: PgStore(url), app)
    finally:
        postgres.stop(server)


def measure(opener: Opener, app: QApplication) -> None:
    store_ms: list[float] = []
    for _ in range(5):
        ms, store, doctor = open_store(opener)
        store_ms.append(ms)
        store.close()
    store, doctor = open_store(opener)[1:]
    opens: list[float] = []
    for _ in range(7):
        ms, page = open_view(store, doctor, app)
        opens.append(ms)
        page.close()
        page.deleteLater()
        app.processEvents()
    ms, page = open_view(store, doctor, app)

    def keystroke(text: str) -> float:
        began = time.perf_counter()
        page.search.blockSignals(True)  # time the search itself, not the typing pause
        page.search.setText(text)
        page.search.blockSignals(False)
        page.apply_filters()
        page.table.viewport().repaint()
        app.processEvents()
        return (time.perf_counter() - began) * 1000

    typed = ["j", "jo", "jos", "josé", "josé n", "josé nú", "josé núñ", "cl-04", "cl-049"]
    per_key = {t: statistics.median(keystroke(t) for _ in range(7)) for t in typed}
    rows = {t: (keystroke(t), page.model.rowCount())[1] for t in typed}
    keystroke("")
    scroll = []
    for _ in range(5):
        began = time.perf_counter()
        page.model.fetchMore(page.table.rootIndex())
        app.processEvents()
        scroll.append((time.perf_counter() - began) * 1000)
    print(f"start-up, in a worker thread: open the store with its quick_check: median "
          f"{statistics.median(store_ms):.1f} ms, worst {max(store_ms):.1f} ms")
    print(f"open the records view (model + first page painted): "
          f"median {statistics.median(opens):.1f} ms, worst {max(opens):.1f} ms")
    for text, value in per_key.items():
        print(f"search keystroke {text!r:>12}: {value:.1f} ms "
              f"({rows[text]} rows in the first page)")
    print(f"fetch the next page while scrolling: median {statistics.median(scroll):.1f} ms")
    worst = max([statistics.median(opens), *per_key.values()])
    print(f"worst median: {worst:.1f} ms ({'under' if worst < 100 else 'OVER'} 100 ms)")
    store.close()


if __name__ == "__main__":
    main()
