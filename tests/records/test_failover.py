"""Issue 30: work rides out a failover. A primary with a synchronous standby; the primary is
killed (kill -9) while saves and an import run, the standby is promoted, and the calls in flight
finish on the new primary: every acknowledged save is there once, the chain verifies."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from consultaid.domain.consultation import consultation_to_json
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService, SearchQuery
from tests.records.test_service import example
from tests.servers import replica


def test_saves_and_an_import_in_flight_finish_on_the_promoted_standby(
        pair: replica.Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pair.primary.psql("CREATE DATABASE clinic")
    url = pair.url("clinic")
    monkeypatch.setenv("CONSULTAID_RECORDS_URL", url)
    store = PgStore(url)
    service = RecordsService(store)
    doctor = service.create_user(None, "Dr Rivera", "physician", "246810")
    notices: list[float] = []
    service.reconnecting.append(lambda: notices.append(time.monotonic()))

    saved: list[tuple[str, float]] = []
    failed: list[BaseException] = []
    running = threading.Event()
    running.set()

    def keep_saving() -> None:
        n = 0
        while running.is_set() and n < 400:
            c = example(f"f{n:03d}")
            try:
                service.save_draft(doctor, c)
            except BaseException as exc:
                failed.append(exc)
                return
            saved.append((c.consultation_id, time.monotonic()))
            n += 1

    files = []
    for i in range(10):
        path = tmp_path / f"import-{i}.json"
        path.write_text(consultation_to_json(example(f"imp{i}")), encoding="utf-8")
        files.append(str(path))
    root = Path(__file__).resolve().parents[2]
    worker = threading.Thread(target=keep_saving)
    worker.start()
    while len(saved) < 20:
        time.sleep(0.01)
    importer = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from consultaid.cli import main\n"
         "codes = []\n"
         "for f in sys.argv[1:]:\n"
         "    codes.append(main(['records', 'import', f]))\n"
         "    time.sleep(0.3)\n"
         "sys.exit(max(codes))\n", *files],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.8)  # the import is under way
    killed = time.monotonic()
    pair.kill_primary()
    time.sleep(1.0)
    pair.promote()
    promoted = time.monotonic()
    out, err = importer.communicate(timeout=120)
    while len([s for s in saved if s[1] > killed]) < 20 and not failed:
        time.sleep(0.05)
    running.clear()
    worker.join(timeout=120)
    assert not failed, failed
    assert importer.returncode == 0, err
    assert out.count("imported") == 10
    assert notices, "the app was never told it was reconnecting"
    resumed = next(at for _, at in saved if at > promoted) - killed
    print(f"\nfirst save on the new primary: {resumed:.2f} s after the old one's death "
          f"(promoted {promoted - killed:.2f} s after it); {len(saved)} saves in all")
    again = PgStore(url)
    check = RecordsService(again)
    ids = [cid for cid, _ in saved]
    assert len(ids) == len(set(ids))
    stored = {r.id for r in check.search(SearchQuery(), limit=1000)}
    assert set(ids) <= stored
    assert {f"imp{i}" for i in range(10)} <= stored
    counts = again.db.execute("SELECT action, count(*) FROM audit WHERE action IN "
                              "('create', 'import') GROUP BY action").fetchall()
    assert dict((a, int(n)) for a, n in counts) == {"create": len(ids), "import": 10}
    assert check.verify() == []
    again.close()
    store.close()
