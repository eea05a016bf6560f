"""Benchmark the records store with 50,000 consultations (run by hand, not by pytest).

    .venv/bin/python tests/benchmarks/bench_records.py [--records 50000]

Times: opening the list (first page + count), a search per keystroke, a draft save (full
sync), recording a handout, and a reprint. Prints medians in milliseconds.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.acknowledgement import Acknowledgement
from consultaid.domain.consultation import consultation_to_json
from consultaid.records.service import RecordsService, SearchQuery, SystemActor
from consultaid.records.store import Store
from consultaid.settings import ClinicSettings

FIRST = ["Maria", "José", "Ann", "Li", "Fatima", "Olga", "Sam", "Noor", "Kofi", "Eva", "Tomás"]
LAST = ["Example", "Núñez", "Brown", "Wei", "Haddad", "Ivanova", "Rivera", "Okafor", "Smith"]


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def generate(path: Path, count: int) -> None:
    pack = load_content("en").pack
    base = example_consultation(pack)
    conditions = list(pack.conditions)
    rng = random.Random(1)
    store = Store(path)
    service = RecordsService(store)
    admin = SystemActor("bench")
    service.create_user(None, "Dr Bench", "physician", "123456")
    store.db.execute("PRAGMA synchronous = OFF")  # generation only; timings below use FULL
    for i in range(count):
        c = copy.deepcopy(base)
        c.consultation_id = f"bench-{i:06d}"
        c.patient.name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        c.patient.clinic_patient_id = f"CL-{i:06d}"
        c.visit_date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000))
        c.condition_id = rng.choice(conditions)
        if i % 20 == 0:  # 5%: a point not yet understood (the "needs follow-up" filter)
            c.teach_back.set_point("risks", outcome="not_yet_understood")
        if i % 3:  # two thirds acknowledged; the rest show under "not acknowledged"
            c.acknowledgement = Acknowledgement(at="2026-01-01T10:00:00Z")
        service.import_json(admin, consultation_to_json(c), "bench")
    store.close()


def open_and_first_page(path: Path) -> None:
    store = Store(path)  # includes the integrity check every start does
    service = RecordsService(store)
    service.search(SearchQuery(), limit=100)
    service.count(SearchQuery())
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    start = time.perf_counter()
    generate(path, args.records)
    print(f"generated {args.records} records in {time.perf_counter() - start:.1f} s "
          f"({path.stat().st_size / 1e6:.0f} MB)")

    open_ms = median_ms(lambda: open_and_first_page(path), 5)
    store = Store(path)
    service = RecordsService(store)
    doctor = service.sign_in("Dr Bench", "123456")

    def page_and_count(q: SearchQuery) -> None:
        service.search(q, limit=100)
        service.count(q)

    first_page = median_ms(lambda: page_and_count(SearchQuery()), 20)
    keystrokes = ["j", "jo", "jos", "josé", "josé n", "josé nú"]
    per_key = [median_ms(lambda t=t: page_and_count(SearchQuery(text=t)), 10)  # type: ignore[misc]
               for t in keystrokes]
    by_id = median_ms(lambda: page_and_count(SearchQuery(text="CL-04")), 10)
    filtered = median_ms(lambda: page_and_count(SearchQuery(
        text="ann", date_from=dt.date(2018, 1, 1), date_to=dt.date(2019, 12, 31),
        status="completed")), 10)
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
    service.record_handout(doctor, "bench-draft", bytes(60_000), pack.version, ClinicSettings())
    reprint_ms = median_ms(lambda: service.reprint(doctor, "bench-draft"), 30)
    start = time.perf_counter()
    problems = service.verify()
    verify_s = time.perf_counter() - start
    store.close()

    print(f"open store (with integrity check) + first page + count: {open_ms:.1f} ms")
    print(f"first page + count on an open store: {first_page:.1f} ms")
    for t, ms in zip(keystrokes, per_key, strict=True):
        print(f"search keystroke {t!r:>10}: {ms:.1f} ms")
    print(f"search by patient ID: {by_id:.1f} ms; name + date range + status: {filtered:.1f} ms")
    print(f"needs attention: teach-back follow-up {follow_up:.1f} ms; not acknowledged "
          f"{not_acknowledged:.1f} ms (first page + count)")
    print(f"save draft (full sync): {save_ms:.1f} ms; reprint: {reprint_ms:.1f} ms")
    print(f"records verify: {verify_s:.1f} s ({'ok' if not problems else problems[0]})")


if __name__ == "__main__":
    main()
