"""Issue 25.4 and 25.5 on the real server: what a workstation's own login can do there, backups
with that login, and the transport a remote server is reached over."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from consultaid.records.location import open_store, plaintext_hosts
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService, SearchQuery
from consultaid.records.store import StoreError
from tests.records.test_postgres import _password_file, _settings, pg_only
from tests.records.test_service import example
from tests.servers.postgres import PostgresServer


def _workstation(store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch, *, front_desk: bool,
                 password: str) -> tuple[str, PgStore]:
    role = postgres_server.create_login_role(password)
    store.grant_app_role(role, front_desk=front_desk)
    database = pg_url.rsplit("/", 1)[1]
    monkeypatch.delenv("CONSULTAID_RECORDS_URL")
    secret = _password_file(tmp_path, password)
    _settings(f'[records]\nurl = "postgresql://{role}@127.0.0.1:{postgres_server.port}/'
              f'{database}"\npassword_file = "{secret}"\n')
    ws = open_store()
    assert isinstance(ws, PgStore) and not ws.read_only, ws.problem
    return role, ws


@pg_only
def test_a_front_desk_login_cannot_change_clinical_data_even_by_hand(
        store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    owner = RecordsService(store)
    doctor = owner.create_user(None, "Dr Rivera", "physician", "246810")
    desk = owner.create_user(doctor, "Pat Desk", "front_desk", "135791")
    owner.save_draft(doctor, example("c1"))
    _role, ws = _workstation(store, pg_url, postgres_server, tmp_path, monkeypatch,
                             front_desk=True, password="Desk-pass-31")
    front = RecordsService(ws)
    assert front.sign_in("Pat Desk", "135791") == desk  # its work: sign-in, list, reprint
    assert [r.id for r in front.search(SearchQuery())] == ["c1"]
    for attempt in (f"UPDATE users SET role = 'physician' WHERE id = {desk.id}",
                    "UPDATE users SET pin_hash = '\\x00'::bytea",
                    "INSERT INTO reviews (consultation_id, reviewer_id, decision, comment, "
                    "answers_sha256, signed_at) VALUES ('c1', 1, 'agreed', '', '', '')",
                    "UPDATE consultation_data SET json = '{}'",
                    "UPDATE consultations SET status = 'completed'",
                    "INSERT INTO handouts (consultation_id, consultation_version, created_at, "
                    "created_by, sha256, pack_version, settings_json, pdf) VALUES "
                    "('c1', 1, '', '', '', '', '', '\\x00'::bytea)",
                    "DELETE FROM audit_seal"):
        with pytest.raises(StoreError, match="42501"):
            ws.db.execute(attempt)
    # Even through the app's own service, with a physician's User object in hand:
    with pytest.raises(StoreError, match="42501"):
        front.save_draft(doctor, example("c2"))
    assert owner.verify() == []
    ws.close()


@pg_only
def test_the_workstation_login_backs_up_without_its_password_on_a_command_line(
        store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    owner = RecordsService(store)
    doctor = owner.create_user(None, "Dr Rivera", "physician", "246810")
    owner.save_draft(doctor, example("c1"))
    role, ws = _workstation(store, pg_url, postgres_server, tmp_path, monkeypatch,
                            front_desk=False, password="Ws-pass-77")
    ws.close()
    database = pg_url.rsplit("/", 1)[1]
    monkeypatch.setenv("CONSULTAID_RECORDS_URL", f"postgresql://{role}:Ws-pass-77@127.0.0.1:"
                       f"{postgres_server.port}/{database}")  # a URL carrying its password
    seen: list[list[str]] = []
    real = subprocess.run

    def watched(args: list[str], **kwargs: object) -> object:
        seen.append([str(a) for a in args])
        return real(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", watched)
    with_url = open_store()
    target = tmp_path / "clinic.dump"
    with_url.backup_to(target)  # the workstation role: read on the sequences too (pg_dump)
    with_url.close()
    assert target.read_bytes()[:5] == b"PGDMP"
    dumps = [a for a in seen if a and a[0].endswith("pg_dump")]
    assert dumps and not any("Ws-pass-77" in part for part in dumps[0])


def test_a_remote_server_needs_a_checked_certificate(pg_url: str,
                                                     postgres_server: PostgresServer,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert plaintext_hosts("postgresql://ws@db.clinic.lan/c") == ["db.clinic.lan"]
    assert plaintext_hosts("postgresql://ws@db.clinic.lan/c?sslmode=disable") == ["db.clinic.lan"]
    assert plaintext_hosts("postgresql://ws@db.clinic.lan/c?sslmode=verify-full") == []
    assert plaintext_hosts("postgresql://ws@localhost/c") == []
    database = pg_url.rsplit("/", 1)[1]
    # The first host answers (this machine); the second is another machine, in plain text.
    url = (f"postgresql://postgres@127.0.0.1:{postgres_server.port},db.clinic.lan:5432/"
           f"{database}?sslmode=prefer")
    monkeypatch.setenv("CONSULTAID_RECORDS_URL", url)
    with pytest.raises(StoreError, match="sslmode=verify-full"):
        open_store()
    _settings("[records]\nallow_plaintext = true\n")
    store = open_store()
    assert "db.clinic.lan" in getattr(store, "transport_warning", "")
    store.close()
    from consultaid.cli import main

    assert main(["records", "verify"]) == 0
    assert "without a checked TLS certificate" in capsys.readouterr().err


@pg_only
def test_grant_sets_the_roles_server_side_timeouts(
        store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 30: a stuck statement, a lock wait or a transaction left open ends on the server."""
    from consultaid.cli import main

    role, ws = _workstation(store, pg_url, postgres_server, tmp_path, monkeypatch,
                            front_desk=False, password="Timeout-pass-5")
    ws.close()
    monkeypatch.setenv("CONSULTAID_RECORDS_URL", pg_url)  # IT, as the owner
    assert main(["records", "grant", role, "--lock-timeout", "5s"]) == 0
    monkeypatch.delenv("CONSULTAID_RECORDS_URL")
    ws = open_store()  # the workstation's next connection
    assert isinstance(ws, PgStore)
    shown = {name: ws.db.execute(f"SHOW {name}").fetchone()[0] for name in (
        "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout")}
    assert shown == {"statement_timeout": "30s", "lock_timeout": "5s",
                     "idle_in_transaction_session_timeout": "1min"}
    ws.close()
