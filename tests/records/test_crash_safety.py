"""Kill a process while it saves (SIGKILL at random moments): every acknowledged save is there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from consultaid.records.service import RecordsService
from tests.records.conftest import open_backend

WRITER = textwrap.dedent("""
    import copy, sys
    from consultaid.content.example import example_consultation
    from consultaid.content.loader import load_content
    from consultaid.records.location import open_store
    from consultaid.records.service import RecordsService
    from consultaid.records.users import User

    store = open_store()  # CONSULTAID_DB or CONSULTAID_RECORDS_URL
    service = RecordsService(store)
    doctor = User(1, "Dr A", "physician")
    base = example_consultation(load_content("en").pack)
    start = int(sys.argv[2])
    i = start
    while True:
        c = copy.deepcopy(base)
        c.consultation_id = f"c{i % 7}"
        c.notes = f"save {i}"
        service.save_draft(doctor, c)
        print(i, flush=True)  # acknowledged: the commit has returned
        i += 1
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_while_saving_loses_no_acknowledged_save(
        backend: str, db_path: Path, request: pytest.FixtureRequest) -> None:
    store = open_backend(backend, db_path, request)
    # The writer acts as this account (the service re-reads every caller from the store).
    assert RecordsService(store).create_user(None, "Dr A", "physician", "246810").id == 1
    store.close()
    rng = random.Random(20261123)
    acknowledged: dict[str, int] = {}
    next_start = 0
    kills = 12
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(next_start)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is saving
        assert first.strip(), "writer did not start"
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        lines = [first, *out.splitlines()]
        numbers = [int(x) for x in lines if x.strip()]
        for n in numbers:
            acknowledged[f"c{n % 7}"] = max(acknowledged.get(f"c{n % 7}", -1), n)
        next_start = max(numbers) + 1

        store = open_backend(backend, db_path, request)
        assert not store.read_only, store.problem
        assert store.integrity_ok() == (True, "ok")
        service = RecordsService(store)
        for cid, last in acknowledged.items():
            row = store.db.execute("SELECT json FROM consultation_data WHERE id = ?",
                                   (cid,)).fetchone()
            saved = int(row[0].split('"notes": "save ')[1].split('"')[0])
            # The last acknowledged save is there (one more may have committed unacknowledged).
            assert saved >= last
        assert service.verify() == []
        store.close()
    assert next_start > kills  # the writer really saved between kills
