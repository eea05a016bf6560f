"""Benchmark sign-in (run by hand, not by pytest).

    .venv/bin/python tests/benchmarks/bench_sign_in.py [--entries 200000]

Times a wrong PIN, an unknown name and the right PIN (medians in ms), on an empty audit log and
on one with ``--entries`` entries, and the rate limits' look-ups of recent failures. The first
two should be about the same (the same scrypt work and one audit entry each).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="consultaid-bench-"))
    os.environ["CONSULTAID_CONFIG_DIR"] = str(root / "config")
    from consultaid.records import audit, signing_in
    from consultaid.records.service import PermissionDenied, RecordsService
    from consultaid.records.store import Store

    signing_in.GLOBAL_FAILURES = signing_in.MAX_PIN_FAILURES = 10**9  # time the check, not pauses
    store = Store(root / "consultaid.sqlite3")
    service = RecordsService(store)
    service.create_user(None, "Dr Bench", "physician", "246810")

    def timed(name: str, pin: str) -> float:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            with contextlib.suppress(PermissionDenied):
                service.sign_in(name, pin)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    def report(label: str) -> None:
        print(f"{label}: wrong PIN {timed('Dr Bench', '000000'):.1f} ms, unknown name "
              f"{timed('Nobody', '000000'):.1f} ms, right PIN {timed('Dr Bench', '246810'):.1f} ms")

    report("empty audit log")
    with store.transaction() as db:
        for i in range(args.entries):
            audit.append(db, "user:1", "view", f"c{i}")
    report(f"{args.entries} audit entries")
    start = time.perf_counter()
    signing_in.global_failures(store.db)
    signing_in.recent_failures(store.db, "1")
    print(f"rate-limit look-ups: {(time.perf_counter() - start) * 1000:.2f} ms")
    store.close()


if __name__ == "__main__":
    main()
