"""The records do not answer while a physician types (issue 13.2, 12.6): a busy SQLite file,
a PostgreSQL server that went away. The draft is kept on this computer, saved to the records by
itself when they answer, and offered back at the next sign-in after a crash. The records and
access controllers do this; they are built without the window (``make_controllers``)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from consultaid.records import pending
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.records.users import User
from consultaid.ui.records import kept_here
from tests.servers.postgres import PostgresServer
from tests.ui.controller_parts import Controllers, FakeQuestions, MakeControllers, sign_in
from tests.ui.driving import type_into
from tests.ui.test_print_gui import StallMeter


@pytest.fixture(autouse=True)
def quick_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_here, "RETRY_MS", 300)  # the app tries every 10 s


def signed_in(qtbot: QtBot, service: RecordsService,
              make_controllers: MakeControllers) -> Controllers:
    win = make_controllers(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.access.user is not None
    return win


def stored_name(service: RecordsService, physician: User, cid: str) -> str:
    return service.get(physician, cid)[0].patient.name


def test_a_long_wait_for_the_records_never_freezes_the_window(
        qtbot: QtBot, records_db: Path, physician: User, make_controllers: MakeControllers) -> None:
    """The autosave waits for a busy file on its own thread: the window keeps running."""
    service = RecordsService(Store(records_db, busy_wait=3.0))  # a long wait, on purpose
    win = signed_in(qtbot, service, make_controllers)
    other = sqlite3.connect(records_db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        type_into(qtbot, win.window.patient_page.name, "Dana Waiting")
        meter = StallMeter()
        qtbot.waitUntil(lambda: "busy" in win.window.message_bar.text.text(), timeout=10000)
        longest = meter.stop()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert longest < 1.0, f"the window froze for {longest * 1000:.0f} ms"
    win.records.settle()
    service.store.close()


def test_a_busy_database_keeps_the_draft_here_and_saves_it_when_free(
        qtbot: QtBot, records_db: Path, physician: User, make_controllers: MakeControllers) -> None:
    service = RecordsService(Store(records_db, busy_wait=0.3))  # as the app opens it
    win = signed_in(qtbot, service, make_controllers)
    type_into(qtbot, win.window.patient_page.name, "Ana")
    with qtbot.waitSignal(win.records.draft_saved, timeout=4000):
        pass
    cid = win.state.consultation.consultation_id
    other = sqlite3.connect(records_db, isolation_level=None)  # another program writes
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        type_into(qtbot, win.window.patient_page.name, "Ana Lopez & <Ruiz>")
        qtbot.waitUntil(lambda: "busy" in win.window.message_bar.text.text(), timeout=5000)
        assert time.monotonic() - started < 8  # never the CLI's 10 s wait
        shown = win.window.message_bar.text.text()
        assert "kept on this computer" in shown and "Error" not in shown
        kept = pending.for_user(physician.id)
        assert [k.consultation.patient.name for k in kept] == ["Ana Lopez & <Ruiz>"]
        assert oct(kept[0].path.stat().st_mode & 0o777) == "0o600"
        assert win.records.kept.retry_timer.isActive()
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: "answer again" in win.window.message_bar.text.text(), timeout=5000)
    assert stored_name(service, physician, cid) == "Ana Lopez & <Ruiz>"
    assert pending.for_user(physician.id) == []
    assert not win.state.dirty
    service.store.close()


@pytest.fixture
def pg_service(pg_url: str) -> Iterator[RecordsService]:
    # A server that stays away: the records give up after 1 s (30 s by default, issue 30)
    svc = RecordsService(PgStore(pg_url, retry_seconds=1))
    yield svc
    svc.store.close()


def _database(pg_url: str) -> str:
    return pg_url.rsplit("/", 1)[1].split("?", 1)[0]


def test_server_away_keeps_the_draft_here_and_offers_it_after_a_crash(
        qtbot: QtBot, pg_service: RecordsService, pg_url: str, postgres_server: PostgresServer,
        make_controllers: MakeControllers, questions: FakeQuestions) -> None:
    service = pg_service
    physician = service.create_user(None, "Dr Ada Test", "physician", "123456")
    win = signed_in(qtbot, service, make_controllers)
    type_into(qtbot, win.window.patient_page.name, "Bea")
    with qtbot.waitSignal(win.records.draft_saved, timeout=4000):
        pass
    cid = win.state.consultation.consultation_id
    name = _database(pg_url)
    # The server goes away for this database: connections cut, new ones refused.
    postgres_server.psql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
    postgres_server.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
    try:
        type_into(qtbot, win.window.patient_page.name, "Bea Secretname")
        qtbot.waitUntil(lambda: "cannot be reached" in win.window.message_bar.text.text(),
                        timeout=8000)
        assert "kept on this computer" in win.window.message_bar.text.text()
        kept = pending.for_user(physician.id)
        assert [k.consultation.patient.name for k in kept] == ["Bea Secretname"]
        # The process is killed here: the window goes without a clean close.
        win.records.kept.retry_timer.stop()
        win.records.autosave_timer.stop()
    finally:
        postgres_server.psql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
    look = RecordsService(PgStore(pg_url))  # (a new connection: the window's was cut)
    assert stored_name(look, physician, cid) == "Bea"  # the server never got it
    look.store.close()

    questions.yes.append(True)
    fresh = RecordsService(PgStore(pg_url))  # the next start, when the server is back
    again = signed_in(qtbot, fresh, make_controllers)
    asked = questions.asked
    assert len(asked) == 1 and asked[0].startswith("A draft for Bea Secretname from ")
    assert again.window.patient_page.name.text() == "Bea Secretname"
    assert stored_name(fresh, physician, cid) == "Bea Secretname"
    assert pending.for_user(physician.id) == []
    fresh.store.close()


def test_a_kept_draft_never_overwrites_a_newer_version_from_another_room(
        qtbot: QtBot, service: RecordsService, physician: User, records_db: Path,
        make_controllers: MakeControllers, questions: FakeQuestions) -> None:
    win = signed_in(qtbot, service, make_controllers)
    type_into(qtbot, win.window.patient_page.name, "Cai")
    with qtbot.waitSignal(win.records.draft_saved, timeout=4000):
        pass
    consultation = win.state.consultation
    pending.keep(physician.id, consultation, win.records.record_version)
    newer = type(consultation)(**{**consultation.__dict__, "notes": "Room 2 wrote this"})
    assert service.save_draft(physician, newer, expected_version=1)  # another room, meanwhile
    questions.yes.append(True)
    again = signed_in(qtbot, RecordsService(Store(records_db)), make_controllers)
    assert "another workstation" in again.window.message_bar.text.text()
    assert service.get(physician, consultation.consultation_id)[0].notes == "Room 2 wrote this"
    assert len(pending.for_user(physician.id)) == 1  # still kept: nothing lost either way
    again.access.records.store.close()  # type: ignore[union-attr]


def test_declining_a_kept_draft_asks_before_deleting_it(
        qtbot: QtBot, service: RecordsService, physician: User, make_controllers: MakeControllers,
        questions: FakeQuestions) -> None:
    win = signed_in(qtbot, service, make_controllers)
    pending.keep(physician.id, win.state.consultation, None)
    questions.yes += [False, False]
    win.control.sign_out()
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert "offered again at the next sign-in" in win.window.message_bar.text.text()
    assert len(pending.for_user(physician.id)) == 1
    questions.yes += [False, True]
    win.control.sign_out()
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert pending.for_user(physician.id) == []


def test_an_unreadable_kept_file_is_left_alone(physician: User) -> None:
    pending.folder().mkdir(parents=True)
    odd = pending.folder() / "odd.json"
    odd.write_text("{not json")
    assert pending.for_user(physician.id) == []
    assert odd.read_text() == "{not json"
