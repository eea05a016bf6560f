"""Issue 25.4 on the real server: the rules hold against a workstation's own login.

Each attack is made with a real PostgreSQL workstation role (``records grant``), the way a
dishonest insider at a consultation room would: with its password *and* ``installation.key``
(which every workstation holds, and which the tests' config folder has). Each is refused by
the server, or reported by ``records verify``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from consultaid.domain.signed_review import answers_digest
from consultaid.records import audit, server_calls
from consultaid.records import pg_store as pg_module
from consultaid.records.accounts import Accounts
from consultaid.records.pg_store import PgStore, find_client_program
from consultaid.records.service import RecordsService
from consultaid.records.store import StoreError
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.records.test_insider_pg import _workstation
from tests.records.test_postgres import pg_only
from tests.records.test_service import example
from tests.servers.postgres import PostgresServer

DENIED = "42501"
ENDED = "sign-in on the records server has ended"


def _clinic(owner: RecordsService) -> tuple[User, User, User]:
    """IT's set-up, as the owner: two physicians and a front desk."""
    rivera = owner.create_user(None, "Dr Rivera", "physician", "246810")
    second = owner.create_user(rivera, "Dr Second", "physician", "864213")
    desk = owner.create_user(rivera, "Pat Desk", "front_desk", "135791")
    return rivera, second, desk


def _room(store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch, *, front_desk: bool = False) -> PgStore:
    _role, ws = _workstation(store, pg_url, postgres_server, tmp_path, monkeypatch,
                             front_desk=front_desk,
                             password="Desk-pass-31" if front_desk else "Room-pass-42")
    assert server_calls.enforced(ws.db)
    return ws


def _forged_entry(db: object, actor: str, action: str, record_id: str,
                  **detail: object) -> tuple[tuple[object, ...], str]:
    """An audit entry and the seal after it, with correct MACs under installation.key."""
    key = audit._key()
    seal = audit.head(db)
    assert seal is not None
    keyed_from = int(db.execute(  # type: ignore[attr-defined]
        "SELECT keyed_from FROM audit_seal").fetchone()[0])
    seq, prev = seal[0] + 1, seal[1]
    at = audit.now_utc()
    text = json.dumps(detail, sort_keys=True, separators=(",", ":"))
    digest = audit.entry_hash(seq, at, actor, action, record_id, text, prev, key)
    return ((seq, at, actor, action, record_id, text, prev, digest),
            audit._seal_mac(key, keyed_from, seq, digest))


@pg_only
def test_a_consultation_room_runs_the_whole_visit_through_the_server(
        store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    owner = RecordsService(store)
    _rivera, second, desk = _clinic(owner)
    ws = _room(store, pg_url, postgres_server, tmp_path, monkeypatch)
    room = RecordsService(ws)
    rivera = room.sign_in("Dr Rivera", "246810")
    c = example("v1", "Vera Visit")
    c.physician = "Dr Rivera"
    room.save_draft(rivera, c)
    review = room.sign_review("Dr Second", "864213", "v1", "agreed", "fine")
    assert room.signed_review("v1") == review and review.reviewer_id == second.id
    room.complete(rivera, "v1")
    room.record_handout(rivera, "v1", b"%PDF-1.4 given", "v1", ClinicSettings())
    # Accounts, through the functions, with Dr Rivera's session:
    nurse = room.create_user(rivera, "Nora Desk", "front_desk", "975312")
    accounts = Accounts(room)
    accounts.deactivate(rivera, nurse.id)
    accounts.reactivate(rivera, nurse.id)
    accounts.reset_pin(rivera, desk.id, "112233")
    accounts.change_pin(rivera, "246810", "new-pin-77")
    assert room.sign_in("Dr Rivera", "new-pin-77").id == rivera.id
    # The twin (background autosave) acts for the same signed-in account:
    twin = room.twin()
    twin.save_draft(rivera, example("v2", "Tina Twin"))
    twin.store.close()
    missing = ws.db.execute("SELECT count(*) FROM audit WHERE server_mac IS NULL").fetchone()[0]
    assert missing == 0  # every entry of this database went through the server
    assert room.verify() == [] and owner.verify() == []
    # Signing out ends the session on the server: the token is worth nothing after.
    token = server_calls.session_of(ws.db, rivera.actor)
    room.log(rivera, "sign-out")
    with ws.transaction() as db:
        entry, seal_mac = _forged_entry(db, rivera.actor, "view", "v1")
        with pytest.raises(StoreError, match=ENDED):
            server_calls.append(db, token, entry, seal_mac)
    ws.close()


@pg_only
def test_a_room_login_with_the_key_cannot_forge_a_review_an_account_or_an_entry(
        store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    owner = RecordsService(store)
    rivera, second, desk = _clinic(owner)
    c = example("r1", "Rita Review")
    c.physician = "Dr Rivera"
    owner.save_draft(rivera, c)
    ws = _room(store, pg_url, postgres_server, tmp_path, monkeypatch)
    room = RecordsService(ws)
    me = room.sign_in("Dr Rivera", "246810")
    token = server_calls.session_of(ws.db, me.actor)
    # 1. The forged signed review, the desk made a physician, a PIN hash swapped:
    for attempt in ("INSERT INTO reviews (consultation_id, reviewer_id, decision, comment, "
                    f"answers_sha256, signed_at) VALUES ('r1', {second.id}, 'agreed', '', "
                    f"'{answers_digest(c)}', '2026-01-01')",
                    f"UPDATE users SET role = 'physician' WHERE id = {desk.id}",
                    f"UPDATE users SET pin_hash = '\\x00'::bytea WHERE id = {second.id}",
                    "UPDATE users SET last_sign_in = 'never'",
                    "UPDATE audit_seal SET head_seq = 0",
                    "SELECT key FROM consultaid_private.server_key",
                    "SELECT verifier FROM consultaid_private.pins"):
        with pytest.raises(StoreError, match=DENIED):
            ws.db.execute(attempt)
    # 2. An audit entry with a correct app MAC (made with installation.key), inserted:
    entry, _seal = _forged_entry(ws.db, second.actor, "review", "r1", review=99)
    with pytest.raises(StoreError, match=DENIED):
        ws.db.execute("INSERT INTO audit (seq, at, actor, action, record_id, detail, "
                      "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entry)
    # ... and through the server's function, naming another account (with my own session),
    # or no one:
    for actor, session, refusal in ((second.actor, token, DENIED),
                                    ("cli:mallory", None, DENIED),
                                    (second.actor, None, ENDED)):
        with ws.transaction() as db:
            entry, seal_mac = _forged_entry(db, actor, "review", "r1", review=99)
            with pytest.raises(StoreError, match=refusal):
                server_calls.append(db, session, entry, seal_mac)
    # 3. The review function called by hand: my own consultation, or a colleague's wrong PIN.
    for reviewer, pin in ((rivera.id, "246810"), (second.id, "000000"), (desk.id, "135791")):
        with pytest.raises(StoreError, match=DENIED), ws.transaction() as db:
            server_calls.sign_review(db, reviewer, pin, "r1", "agreed", "", answers_digest(c),
                                     audit.now_utc())
    # 4. The account functions without a physician's session (a made-up token, none):
    for session in ("0" * 64, None):
        ws.db.sessions[me.actor] = session or ""
        for call in (lambda db: server_calls.set_active(db, me.actor, second.id, False),
                     lambda db: server_calls.reset_pin(db, me.actor, second.id, "999999",
                                                       b"s", b"h"),
                     lambda db: server_calls.create_account(db, me.actor, "Eve", "physician",
                                                            "999999", b"s", b"h", "now")):
            with pytest.raises(StoreError, match=ENDED), ws.transaction() as db:
                call(db)
    ws.db.sessions[me.actor] = str(token)
    front_desk = room.sign_in("Pat Desk", "135791")  # a live session, of the wrong role
    for call in (lambda db: server_calls.set_active(db, front_desk.actor, second.id, False),
                 lambda db: server_calls.reset_pin(db, front_desk.actor, second.id, "999999",
                                                   b"s", b"h")):
        with pytest.raises(StoreError, match=DENIED), ws.transaction() as db:
            call(db)
    assert room.signed_review("r1") is None
    assert [u.role for u in owner.users() if u.id == desk.id] == ["front_desk"]
    assert owner.verify() == []
    ws.close()


@pg_only
def test_a_front_desk_login_cannot_call_the_physicians_functions(
        store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    owner = RecordsService(store)
    rivera, second, desk = _clinic(owner)
    c = example("r1", "Rita Review")
    owner.save_draft(rivera, c)
    ws = _room(store, pg_url, postgres_server, tmp_path, monkeypatch, front_desk=True)
    front = RecordsService(ws)
    assert front.sign_in("Pat Desk", "135791") == desk
    front.log(desk, "lock")  # its own entries: through the function, with its session
    # Even holding a physician's PIN, the front desk's login cannot sign a review or manage
    # accounts: it has no EXECUTE on those functions.
    for call in (lambda db: server_calls.sign_review(db, second.id, "864213", "r1", "agreed",
                                                     "", answers_digest(c), "now"),
                 lambda db: server_calls.create_account(db, None, "Eve", "physician",
                                                        "999999", b"s", b"h", "now"),
                 lambda db: server_calls.set_active(db, "x", rivera.id, False)):
        with pytest.raises(StoreError, match=DENIED), ws.transaction() as db:
            call(db)
    with pytest.raises(StoreError, match=DENIED):
        front.sign_review("Dr Second", "864213", "r1", "agreed", "")
    # Nor state a change to a record in the audit log, under its own session or none:
    for actor, action in ((desk.actor, "edit"), ("cli:desk", "amend"), (desk.actor, "print")):
        with ws.transaction() as db:
            entry, seal_mac = _forged_entry(db, actor, action, "r1", sha256="0" * 64,
                                            version=9)
            with pytest.raises(StoreError, match=DENIED):
                server_calls.append(db, server_calls.session_of(db, desk.actor), entry,
                                    seal_mac)
    assert owner.verify() == []
    ws.close()


@pg_only
def test_an_entry_written_around_the_server_functions_is_reported(
        store: PgStore, service: RecordsService, physician: User) -> None:
    """Someone with the owner's password (or a superuser) writes an entry and its seal with
    correct app MACs straight into the tables: the app's chain checks, the server's does
    not."""
    service.save_draft(physician, example("c1"))
    with store.transaction() as db:
        entry, seal_mac = _forged_entry(db, physician.actor, "view", "c1")
        db.execute("INSERT INTO audit (seq, at, actor, action, record_id, detail, prev_hash, "
                   "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entry)
        db.execute("UPDATE audit_seal SET head_seq = ?, head_hash = ?, mac = ?",
                   (entry[0], entry[7], seal_mac))
    assert audit.first_broken_entry(store.db) is None  # installation.key vouches for it
    problems = service.verify(with_anchor=False)
    assert problems == [f"audit entry {entry[0]} was not written through the records server's "
                        "functions (its server seal does not match)"]


def test_an_existing_database_is_enrolled_at_upgrade_and_accounts_at_their_sign_in(
        postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres_server.url(postgres_server.create_database())
    with monkeypatch.context() as older:  # a database of the release before
        older.setattr(pg_module, "MIGRATIONS", pg_module.MIGRATIONS[:6])
        older.setattr(pg_module, "SCHEMA_VERSION", 6)
        old = PgStore(url)
        before = RecordsService(old)
        doctor = before.create_user(None, "Dr Old", "physician", "246810")
        before.save_draft(doctor, example("c1"))
        old.close()
    upgraded = PgStore(url)
    service = RecordsService(upgraded)
    last = audit.entries(upgraded.db)[-1]
    assert (last.actor, last.action) == ("system", "server-enforced")
    assert server_calls.unenrolled(upgraded.db) == [doctor.id]
    assert service.verify() == []
    from consultaid.cli import main

    monkeypatch.setenv("CONSULTAID_RECORDS_URL", url)
    assert main(["records", "verify"]) == 0  # named, not failed
    assert f"holds no PIN of account {doctor.id} yet" in capsys.readouterr().out
    service.sign_in("Dr Old", "246810")  # enrolled now, with the PIN the app checked
    assert server_calls.unenrolled(upgraded.db) == []
    assert service.verify() == []
    upgraded.close()


@pg_only
def test_a_workstation_backup_leaves_the_server_key_out_and_grant_makes_a_new_one(
        store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    owner = RecordsService(store)
    rivera, _second, _desk = _clinic(owner)
    owner.save_draft(rivera, example("c1"))
    role, ws = _workstation(store, pg_url, postgres_server, tmp_path, monkeypatch,
                            front_desk=False, password="Room-pass-42")
    target = tmp_path / "clinic.dump"
    ws.backup_to(target)  # it cannot read consultaid_private, so it leaves it out
    ws.close()
    restored = postgres_server.create_database()
    subprocess.run([find_client_program("pg_restore"), "--no-owner", "--exit-on-error",
                    "-d", postgres_server.url(restored), str(target)], check=True,
                   capture_output=True, timeout=120)
    copy = PgStore(postgres_server.url(restored))
    service = RecordsService(copy)
    assert [p for p in service.verify() if "records grant" in p]
    copy.grant_app_role(role)  # IT, as the owner: a new server key, audited
    assert audit.entries(copy.db)[-1].action == "server-enforced"
    assert service.verify() == []
    assert server_calls.unenrolled(copy.db) == [rivera.id, _second.id, _desk.id]
    copy.close()
    postgres_server.drop_database(restored)
