"""``records verify`` on PostgreSQL with 50,000 records (run by hand, not by pytest).

    .venv/bin/python tests/benchmarks/bench_verify_pg.py [--records 50000] [--runs 3]

The records are generated as in bench_records.py and moved to a private PostgreSQL server with
``records migrate``'s copy. Since schema 7 (issue 25.4) the server keeps a MAC chain of its own;
a copy starts that chain after the copied entries, so here, to measure the worst case, the
whole log is chained as if every entry had gone through the server's functions. Prints the
median time of ``RecordsService.verify()`` and, apart, of the server's own check.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from consultaid.records.migrate import copy_store
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService, SystemActor
from consultaid.records.store import Store
from tests.benchmarks.bench_records import generate
from tests.servers import postgres

CHAIN_ALL = """
    ALTER TABLE audit DISABLE TRIGGER audit_no_update;
    DO $$
    DECLARE
        k bytea := (SELECT key FROM consultaid_private.server_key);
        prev text := 'start';
        r record;
    BEGIN
        FOR r IN SELECT seq, hash FROM audit ORDER BY seq LOOP
            prev := consultaid_private.server_mac(k, prev, r.seq, r.hash);
            UPDATE audit SET server_mac = prev WHERE seq = r.seq;
        END LOOP;
    END $$;
    UPDATE consultaid_private.server_key SET server_from = 1;
    ALTER TABLE audit ENABLE TRIGGER audit_no_update;
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    generate(path, args.records)
    server = postgres.start()
    try:
        url = server.url(server.create_database())
        source, target = Store(path), PgStore(url)
        copy_store(source, target, SystemActor("bench"))
        source.close()
        enforced = getattr(target.db, "server_rules", False)
        if enforced:
            target.db.execute(CHAIN_ALL)
        target.db.execute("ANALYZE")
        entries = target.db.execute("SELECT count(*) FROM audit").fetchone()[0]
        service = RecordsService(target)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            problems = service.verify()
            times.append(time.perf_counter() - start)
        print(f"{args.records} records, {entries} audit entries, server rules: {enforced}")
        print(f"records verify: median {statistics.median(times):.2f} s of {args.runs} "
              f"({'ok' if not problems else problems[0]})")
        if enforced:
            from consultaid.records import server_calls

            start = time.perf_counter()
            server_calls.problems(target.db)
            print(f"  of which the server's own chain: {time.perf_counter() - start:.2f} s")
        target.close()
    finally:
        postgres.stop(server)


if __name__ == "__main__":
    main()
