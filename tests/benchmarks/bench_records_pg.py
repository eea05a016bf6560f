"""Benchmark the records on both backends with 50,000 consultations (run by hand, not by pytest).

    .venv/bin/python tests/benchmarks/bench_records_pg.py [--records 50000] [--seconds 60]
                                                          [--latency-ms 20]

The SQLite file is generated as in bench_records.py, then moved to a private PostgreSQL server
(started here as the tests start it) with ``records migrate``'s copy. On each backend: opening
the records (connect/integrity check + first page + count), a search per keystroke, a draft
save, and 8 simulated workstations saving and searching at once for ``--seconds`` (errors
counted, the audit chain verified afterwards). Prints medians in milliseconds. With
``--latency-ms``, PostgreSQL is measured a second time through a local proxy that delays every
packet so that a round trip takes that long (issue 29: a clinic's server across a slow link).
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.records.migrate import copy_store
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService, SearchQuery, SystemActor
from consultaid.records.store import StaleRecord, Store
from tests.benchmarks.bench_records import generate, median_ms
from tests.servers import postgres
from tests.servers.latency_proxy import LatencyProxy

KEYSTROKES = ["j", "jo", "jos", "josé", "josé n", "josé nú"]


def measure(name: str, opener: Callable[[], Store | PgStore], seconds: float) -> None:
    def open_and_first_page() -> None:
        store = opener()
        service = RecordsService(store)
        service.search(SearchQuery(), limit=100)
        service.count(SearchQuery())
        store.close()

    open_ms = median_ms(open_and_first_page, 5)
    store = opener()
    service = RecordsService(store)
    doctor = service.sign_in("Dr Bench", "123456")

    def page_and_count(q: SearchQuery) -> None:
        service.search(q, limit=100)
        service.count(q)

    per_key = [median_ms(lambda t=t: page_and_count(SearchQuery(text=t)), 10)  # type: ignore[misc]
               for t in KEYSTROKES]
    follow_up = median_ms(lambda: page_and_count(SearchQuery(teach_back_follow_up=True)), 10)
    not_acknowledged = median_ms(lambda: page_and_count(SearchQuery(not_acknowledged=True)), 10)
    pack = load_content("en").pack
    draft = copy.deepcopy(example_consultation(pack))
    draft.consultation_id = "bench-draft"
    counter = iter(range(10**9))

    def save() -> None:
        draft.notes = f"edit {next(counter)}"
        service.save_draft(doctor, draft)

    save_ms = median_ms(save, 30)

    # 8 workstations: each saves its own draft and searches, as fast as it can.
    errors: list[str] = []
    done = {"saves": 0, "searches": 0, "stale": 0}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def workstation(n: int) -> None:
        mine = opener()
        svc = RecordsService(mine)
        c = copy.deepcopy(draft)
        c.consultation_id = f"ws-{n}"
        i = 0
        try:
            while time.monotonic() < stop_at:
                c.notes = f"ws {n} edit {i}"
                try:
                    svc.save_draft(doctor, c)
                    with lock:
                        done["saves"] += 1
                except StaleRecord:
                    with lock:
                        done["stale"] += 1
                svc.search(SearchQuery(text=KEYSTROKES[i % len(KEYSTROKES)]), limit=100)
                with lock:
                    done["searches"] += 1
                i += 1
        except Exception as exc:  # counted: the figure is "0 errors"
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            mine.close()

    threads = [threading.Thread(target=workstation, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    start = time.perf_counter()
    problems = service.verify()
    verify_s = time.perf_counter() - start
    store.close()
    print(f"[{name}] open + first page + count: {open_ms:.1f} ms")
    for key, ms in zip(KEYSTROKES, per_key, strict=True):
        print(f"[{name}] search keystroke {key!r:>10}: {ms:.1f} ms")
    print(f"[{name}] needs attention: teach-back follow-up {follow_up:.1f} ms; not acknowledged "
          f"{not_acknowledged:.1f} ms")
    print(f"[{name}] save draft: {save_ms:.1f} ms")
    print(f"[{name}] 8 workstations for {seconds:.0f} s: {done['saves']} saves, "
          f"{done['searches']} searches, {done['stale']} stale, {len(errors)} errors"
          + (f" (first: {errors[0]})" if errors else ""))
    print(f"[{name}] verify: {verify_s:.1f} s ({'ok' if not problems else problems[0]})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--latency-ms", type=float, default=0,
                        help="also measure through a proxy adding this round-trip time")
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    start = time.perf_counter()
    generate(path, args.records)
    print(f"generated {args.records} records in {time.perf_counter() - start:.1f} s")
    server = postgres.start()
    try:
        url = server.url(server.create_database())
        start = time.perf_counter()
        source, target = Store(path), PgStore(url)
        copy_store(source, target, SystemActor("bench"))
        source.close()
        target.db.execute("ANALYZE")
        target.close()
        print(f"records migrate to PostgreSQL: {time.perf_counter() - start:.1f} s")
        measure("sqlite", lambda: Store(path), args.seconds)
        measure("postgresql", lambda: PgStore(url), args.seconds)
        if args.latency_ms:
            proxy = LatencyProxy(server.port, args.latency_ms / 2).start()
            slow = url.replace(f":{server.port}/", f":{proxy.port}/")
            try:
                measure(f"postgresql, {args.latency_ms:.0f} ms round trips",
                        lambda: PgStore(slow), args.seconds)
            finally:
                proxy.close()
    finally:
        postgres.stop(server)


if __name__ == "__main__":
    main()
