"""Issue 25 (left over): a consultation room's own workstation login, through a real PgBouncer
in transaction pooling mode, runs the visit on the server's functions.

The records tests' PgBouncer backend connects as the superuser; a clinic's rooms connect as
their workstation roles (``records grant``), whose writes go through the server's functions
with the account's session token as an argument. Nothing of that may live in the server
connection's session: here two rooms' logins and a background twin share one server connection
per role (``default_pool_size = 1``), and sign-in, a save, a second physician's review from
another room, the handout as given and ``records verify`` all hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from consultaid.records import server_calls
from consultaid.records.location import open_store
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService
from consultaid.settings import ClinicSettings
from tests.records.test_postgres import _password_file, _settings, pg_only
from tests.records.test_service import example
from tests.servers import pgbouncer
from tests.servers.postgres import PostgresServer, ServerUnavailable

ROOM_PASSWORDS = ("Room-pass-42", "Room-pass-43")


@pytest.fixture
def rooms(store: PgStore, postgres_server: PostgresServer) -> Iterator[
        tuple[pgbouncer.Bouncer, dict[str, str]]]:
    """Two workstation roles (role -> password) and a PgBouncer that knows only them."""
    logins = {}
    for password in ROOM_PASSWORDS:
        role = postgres_server.create_login_role(password)
        store.grant_app_role(role)
        logins[role] = password
    try:
        bouncer = pgbouncer.start(postgres_server, logins, pool_size=1)
    except ServerUnavailable as exc:
        pytest.fail(f"This test needs a real PgBouncer: {exc}", pytrace=False)
    yield bouncer, logins
    pgbouncer.stop(bouncer)


def _room(bouncer: pgbouncer.Bouncer, role: str, password: str, database: str,
          tmp_path: Path) -> PgStore:
    """The store a room opens from its settings: the PgBouncer's address, its own login."""
    (tmp_path / role).mkdir()
    secret = _password_file(tmp_path / role, password)
    _settings(f'[records]\nurl = "postgresql://{role}@127.0.0.1:{bouncer.port}/{database}"\n'
              f'password_file = "{secret}"\n')
    ws = open_store()
    assert isinstance(ws, PgStore) and not ws.read_only, ws.problem
    assert server_calls.enforced(ws.db)
    assert ws.db.execute("SELECT current_user").fetchone()[0] == role
    return ws


@pg_only
def test_a_room_login_through_pgbouncer_signs_in_saves_is_reviewed_and_verifies(
        store: PgStore, pg_url: str, postgres_server: PostgresServer,
        rooms: tuple[pgbouncer.Bouncer, dict[str, str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    bouncer, logins = rooms
    owner = RecordsService(store)
    rivera = owner.create_user(None, "Dr Rivera", "physician", "246810")
    second = owner.create_user(rivera, "Dr Second", "physician", "864213")
    database = pg_url.rsplit("/", 1)[1]
    monkeypatch.delenv("CONSULTAID_RECORDS_URL")
    (role_one, pass_one), (role_two, pass_two) = logins.items()
    one = _room(bouncer, role_one, pass_one, database, tmp_path)
    two = _room(bouncer, role_two, pass_two, database, tmp_path)
    room, other_room = RecordsService(one), RecordsService(two)
    twin = room.twin()  # the background autosave: a second client of the same login

    me = room.sign_in("Dr Rivera", "246810")
    assert me.id == rivera.id
    c = example("b1", "Bea Bouncer")
    c.physician = "Dr Rivera"
    assert room.save_draft(me, c)
    c.patient.name = "Bea Bouncer-Lee"
    assert twin.save_draft(me, c, expected_version=1)
    # The second physician signs in at another room and reviews it there.
    reviewer = other_room.sign_in("Dr Second", "864213")
    assert [r.id for r in other_room.waiting_for_review(reviewer)] == ["b1"]
    review = other_room.sign_review("Dr Second", "864213", "b1", "agreed", "through the pool")
    assert review.reviewer_id == second.id
    assert room.signed_review("b1") == review
    given = room.record_handout(me, "b1", b"%PDF-1.4 given", "v1", ClinicSettings())
    assert room.reprint(me, "b1").sha256 == given.sha256

    # One server connection per role served both of this room's clients (transaction pooling).
    pooled = owner.db.execute("SELECT usename, count(*) FROM pg_stat_activity WHERE usename IN "
                              "(?, ?) GROUP BY usename", (role_one, role_two)).fetchall()
    assert {str(r[0]): int(r[1]) for r in pooled} == {role_one: 1, role_two: 1}
    missing = owner.db.execute("SELECT count(*) FROM audit "
                               "WHERE server_mac IS NULL").fetchone()[0]
    assert missing == 0  # every entry went through the server's functions
    assert room.verify() == [] and other_room.verify() == [] and owner.verify() == []
    room.log(me, "sign-out")
    other_room.log(reviewer, "sign-out")
    for service in (twin, room, other_room):
        service.close()
