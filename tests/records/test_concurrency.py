"""Several workstations at once, on both backends: nothing is lost, nothing silently overwritten,
and the audit log stays one chain (issue 13.2)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from consultaid.domain.consultation import consultation_to_json
from consultaid.records import audit
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService, SearchQuery, SystemActor
from consultaid.records.store import StaleRecord, Store
from consultaid.records.users import User
from tests.records.conftest import open_backend
from tests.records.test_service import example


def _workstation(backend: str, db_path: Path,
                 request: pytest.FixtureRequest) -> Callable[[], Store | PgStore]:
    return lambda: open_backend(backend, db_path, request)


def _in_threads(count: int, work: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(n: int) -> None:
        try:
            start.wait()
            work(n)
        except BaseException as exc:  # collected and reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return errors


def _chain_is_whole(service: RecordsService) -> None:
    seqs = [e.seq for e in audit.entries(service.db)]
    assert seqs == list(range(1, len(seqs) + 1))
    assert service.verify() == []


@pytest.mark.parametrize("writers", [2, 8])
def test_parallel_importers_store_every_record_in_one_chain(
        writers: int, service: RecordsService, backend: str, db_path: Path,
        request: pytest.FixtureRequest) -> None:
    per_writer = 12
    open_store = _workstation(backend, db_path, request)

    def work(n: int) -> None:
        store = open_store()
        mine = RecordsService(store)
        for i in range(per_writer):
            text = consultation_to_json(example(f"w{n}-{i}", f"Writer {n} patient {i}"))
            mine.import_json(SystemActor(f"ws{n}"), text, f"w{n}-{i}.json")
        store.close()

    assert _in_threads(writers, work) == []
    assert service.count(SearchQuery()) == writers * per_writer
    _chain_is_whole(service)
    imports = [e for e in audit.entries(service.db) if e.action == "import"]
    assert len(imports) == writers * per_writer


@pytest.mark.parametrize("writers", [2, 8])
def test_parallel_edits_of_one_record_never_overwrite_silently(
        writers: int, service: RecordsService, physician: User, backend: str, db_path: Path,
        request: pytest.FixtureRequest) -> None:
    service.save_draft(physician, example("shared"))
    open_store = _workstation(backend, db_path, request)
    saved: list[str] = []
    refused: list[str] = []

    def work(n: int) -> None:
        store = open_store()
        mine = RecordsService(store)
        for i in range(6):
            c = example("shared")
            c.notes = f"workstation {n} edit {i}"
            try:
                if mine.save_draft(physician, c):
                    saved.append(c.notes)
            except StaleRecord as exc:
                assert "another workstation" in str(exc)
                refused.append(c.notes)
        store.close()

    assert _in_threads(writers, work) == []
    assert len(saved) + len(refused) == writers * 6
    summary = service.summary("shared")
    assert summary is not None and summary.version == 1 + len(saved)  # every save counted
    stored, _ = service.get(physician, "shared")
    assert stored.notes == saved[-1] or stored.notes in saved
    edits = [e for e in audit.entries(service.db, "shared") if e.action == "edit"]
    assert len(edits) == len(saved)
    _chain_is_whole(service)


def test_a_stale_edit_is_refused_with_a_plain_message(
        service: RecordsService, physician: User, backend: str, db_path: Path,
        request: pytest.FixtureRequest) -> None:
    service.save_draft(physician, example("c1"))
    other = RecordsService(open_backend(backend, db_path, request))  # a second workstation
    _, mine = service.get(physician, "c1")
    _, theirs = other.get(physician, "c1")
    first = example("c1")
    first.notes = "saved at the front room"
    assert other.save_draft(physician, first, expected_version=theirs.version)
    late = example("c1")
    late.notes = "saved later from an old screen"
    with pytest.raises(StaleRecord) as info:
        service.save_draft(physician, late, expected_version=mine.version)
    message = str(info.value)
    assert "changed on another workstation" in message and "Maria" not in message
    assert service.get(physician, "c1")[0].notes == "saved at the front room"
    # The same for an amendment of a completed record.
    service.complete(physician, "c1")
    _, now = service.get(physician, "c1")
    assert other.amend(physician, first, "first correction", expected_version=now.version)
    with pytest.raises(StaleRecord):
        service.amend(physician, late, "second correction", expected_version=now.version)
    assert [v[3] for v in service.versions("c1")] == ["completed", "first correction"]
    other.store.close()


OPENER = textwrap.dedent("""
    import sys, time
    from consultaid.records.location import open_store
    from consultaid.records.service import RecordsService, SystemActor
    from consultaid.domain.consultation import consultation_to_json
    from tests.records.test_service import example
    time.sleep(max(0.0, float(sys.argv[1]) - time.time()))  # all start together
    store = open_store()
    assert not store.read_only, store.problem
    RecordsService(store).import_json(SystemActor("p"), consultation_to_json(
        example(f"p{sys.argv[2]}")), "x.json")
    print("ok")
""")


def test_many_processes_opening_a_new_database_at_once_all_succeed(
        backend: str, db_path: Path, request: pytest.FixtureRequest) -> None:
    """Issue 13.4: 4 of 10 processes opening a new SQLite database at once failed ("table
    users already exists"), reported as a damaged database."""
    import time

    if backend != "sqlite":  # sets CONSULTAID_RECORDS_URL to a new database
        request.getfixturevalue("pgbouncer_url" if backend == "pgbouncer" else "pg_url")
    root = Path(__file__).resolve().parents[2]
    at = str(time.time() + 1.5)
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, at, str(n)], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(10)]
    results = [p.communicate(timeout=120) for p in procs]
    failures = [err for (out, err) in results if out.strip() != "ok"]
    assert failures == []
    store = open_backend(backend, db_path, request)
    service = RecordsService(store)
    assert service.count(SearchQuery()) == 10
    assert service.verify() == []
    store.close()
