"""What only the PostgreSQL backend has: server schema upgrades, pg_dump backups, the server
going away, the workstations' least-privilege role, and credentials kept out of settings."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from consultaid.records import pg_store as pg_module
from consultaid.records.location import open_store, records_location
from consultaid.records.pg_store import PgStore, find_client_program, translate
from consultaid.records.service import RecordsService, SearchQuery
from consultaid.records.store import StoreError, StoreUnavailable
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.records.conftest import only
from tests.records.test_service import example
from tests.servers.postgres import PostgresServer

pg_only = only("postgresql")
AUDIT_WRITE = ("INSERT INTO audit", "SELECT consultaid_api.audit_append")
"""The statement that writes an audit entry (through the server's function since schema 7)."""


def test_placeholders_are_translated_outside_literals() -> None:
    assert translate("SELECT ? WHERE a LIKE ? ESCAPE '\\' AND b = '?' AND c = :name") == (
        "SELECT %s WHERE a LIKE %s ESCAPE '\\' AND b = '?' AND c = %(name)s")
    assert translate("SELECT x::text, 5 % 2 FROM t WHERE y = 'it''s ?'") == (
        "SELECT x::text, 5 %% 2 FROM t WHERE y = 'it''s ?'")


@pg_only
def test_newer_schema_is_opened_read_only(store: PgStore, pg_url: str) -> None:
    store.db.execute("UPDATE consultaid_schema SET version = 99")
    newer = PgStore(pg_url)
    assert newer.read_only and "newer consultaid" in newer.problem
    with pytest.raises(StoreError, match="cannot be written"):
        newer.ensure_writable()
    newer.close()


@pg_only
def test_migrations_upgrade_in_place(store: PgStore, pg_url: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    service = RecordsService(store)
    doctor = service.create_user(None, "Dr A", "physician", "123456")
    service.save_draft(doctor, example())
    before = pg_module.SCHEMA_VERSION
    monkeypatch.setattr(pg_module, "MIGRATIONS", [
        *pg_module.MIGRATIONS, "ALTER TABLE consultations ADD COLUMN archived INTEGER "
        "NOT NULL DEFAULT 0;"])
    monkeypatch.setattr(pg_module, "SCHEMA_VERSION", len(pg_module.MIGRATIONS))
    upgraded = PgStore(pg_url)
    assert upgraded.schema_version() == before + 1
    row = upgraded.db.execute("SELECT patient_name, archived FROM consultations").fetchone()
    assert tuple(row) == ("Maria Example", 0)
    assert RecordsService(upgraded).verify() == []
    upgraded.close()


@pg_only
def test_backup_with_pg_dump_restores_completely(
        service: RecordsService, physician: User, store: PgStore, tmp_path: Path,
        postgres_server: PostgresServer) -> None:
    service.save_draft(physician, example())
    service.record_handout(physician, "c1", b"%PDF-1.4 given", "v1", ClinicSettings())
    target = tmp_path / "backups" / "clinic.dump"
    store.backup_to(target)
    with pytest.raises(StoreError, match="already exists"):
        store.backup_to(target)
    assert [p.name for p in target.parent.iterdir()] == ["clinic.dump"]  # no partial file
    restored = postgres_server.create_database()
    subprocess.run([find_client_program("pg_restore"), "--no-owner", "--exit-on-error",
                    "-d", postgres_server.url(restored), str(target)], check=True,
                   capture_output=True, timeout=120)
    copy = PgStore(postgres_server.url(restored))
    copy_service = RecordsService(copy)
    assert copy_service.count(SearchQuery()) == 1
    assert copy_service.verify() == []
    assert copy_service.reprint(physician, "c1").pdf == b"%PDF-1.4 given"
    copy.close()
    postgres_server.drop_database(restored)


@pg_only
def test_server_going_away_mid_save_gives_a_plain_message_and_saves_nothing(
        service: RecordsService, physician: User, store: PgStore,
        postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no time to retry left (``retry_seconds`` 0), the plain message; nothing half
    written. (With time left the whole save is tried again: the next test.)"""
    store.retry_seconds = 0
    before = service.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    real = store.db.execute
    pid = store.db.raw.info.backend_pid

    def cut_off(sql: str, params: object = None) -> object:
        if sql.startswith(AUDIT_WRITE):  # the record is written, not yet committed
            postgres_server.psql(f"SELECT pg_terminate_backend({pid})")
        return real(sql, params)

    monkeypatch.setattr(store.db, "execute", cut_off)
    c = example("gone", "Secretname Patient")
    with pytest.raises(StoreUnavailable) as info:
        service.save_draft(physician, c)
    message = str(info.value)
    assert "cannot be reached" in message and "still on this screen" in message
    assert "Secretname" not in message and "terminat" not in message.lower()
    monkeypatch.setattr(store.db, "execute", real)
    # The next save reconnects; the interrupted one left nothing behind.
    assert service.summary("gone") is None
    assert service.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    assert service.save_draft(physician, c)
    assert service.verify() == []


@pg_only
def test_a_save_cut_off_mid_way_is_tried_again_whole_and_written_once(
        service: RecordsService, physician: User, store: PgStore,
        postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 30: the connection is lost inside the save's transaction; the save is run again
    on a new connection and written once, and the window is told it is reconnecting."""
    before = service.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    real = store.db.execute
    cut: list[int] = []

    def cut_off_once(sql: str, params: object = None) -> object:
        if sql.startswith(AUDIT_WRITE) and not cut:
            cut.append(store.db.raw.info.backend_pid)
            postgres_server.psql(f"SELECT pg_terminate_backend({cut[0]})")
        return real(sql, params)

    monkeypatch.setattr(store.db, "execute", cut_off_once)
    told: list[int] = []
    service.reconnecting.append(lambda: told.append(1))
    assert service.save_draft(physician, example("again"))
    assert cut and told == [1]
    assert service.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before + 1
    assert service.verify() == []


def _password_file(tmp_path: Path, password: str, mode: int = 0o600) -> Path:
    path = tmp_path / "db-password"
    path.write_text(password + "\n")
    path.chmod(mode)
    return path


def _settings(text: str) -> None:
    path = Path(os.environ["CONSULTAID_SETTINGS"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pg_only
def test_workstation_role_cannot_change_or_delete_audit_entries(
        store: PgStore, pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    role = postgres_server.create_login_role("Ws-secret-42")
    store.grant_app_role(role)
    database = pg_url.rsplit("/", 1)[1]
    monkeypatch.delenv("CONSULTAID_RECORDS_URL")
    secret = _password_file(tmp_path, "Ws-secret-42")
    _settings(f'[records]\nurl = "postgresql://{role}@127.0.0.1:{postgres_server.port}/'
              f'{database}"\npassword_file = "{secret}"\n')
    ws = open_store()
    assert isinstance(ws, PgStore) and not ws.read_only, ws.problem
    service = RecordsService(ws)
    doctor = service.create_user(None, "Dr Rivera", "physician", "246810")
    service.save_draft(doctor, example("c1"))
    assert service.sign_in("Dr Rivera", "246810") == doctor
    assert service.verify() == []
    for attempt in ("UPDATE audit SET actor = 'someone' WHERE seq = 1",
                    "DELETE FROM audit WHERE seq = 1", "TRUNCATE audit",
                    "UPDATE consultation_versions SET reason = 'x'",
                    "DELETE FROM handouts", "DROP TRIGGER audit_no_update ON audit",
                    "ALTER TABLE audit DISABLE TRIGGER ALL"):
        with pytest.raises(StoreError) as info:
            ws.db.execute(attempt)
        assert "42501" in str(info.value) or "owner" in str(info.value), attempt
    assert service.verify() == []
    ws.close()


def test_credentials_are_never_taken_from_the_settings_file(
        pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    role = postgres_server.create_login_role("Right-pass-7")
    monkeypatch.delenv("CONSULTAID_RECORDS_URL")
    base = f"127.0.0.1:{postgres_server.port}/{pg_url.rsplit('/', 1)[1]}"
    _settings(f'[records]\nurl = "postgresql://{role}:Right-pass-7@{base}"\n')
    with pytest.raises(StoreError, match="holds a password"):
        records_location()
    loose = _password_file(tmp_path, "Right-pass-7", 0o644)
    _settings(f'[records]\nurl = "postgresql://{role}@{base}"\npassword_file = "{loose}"\n')
    with pytest.raises(StoreError, match="can be read by other accounts"):
        open_store()
    wrong = _password_file(tmp_path, "Wrong-pass-8")
    _settings(f'[records]\nurl = "postgresql://{role}@{base}"\npassword_file = "{wrong}"\n')
    with pytest.raises(StoreError) as info:  # issue 25.6: not "cannot be reached"
        open_store()
    assert "refused this workstation's login" in str(info.value)
    assert "Wrong-pass-8" not in str(info.value)


def test_settings_dialog_keeps_the_records_table(pg_url: str) -> None:
    from consultaid.settings import ClinicSettings, load_settings, save_settings

    _settings('[clinic]\nname = "Old"\n\n[records]\nurl = "postgresql://ws@db.clinic.lan/c"\n')
    assert load_settings().clinic_name == "Old"
    save_settings(ClinicSettings(clinic_name="New"))
    assert load_settings().clinic_name == "New"
    os.environ.pop("CONSULTAID_RECORDS_URL")
    assert records_location().url == "postgresql://ws@db.clinic.lan/c"


def test_tls_with_verify_full(pg_url: str, postgres_server: PostgresServer, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's setting: TLS, and the server's certificate checked against the clinic's CA
    and the host name; a role the server allows only over TLS is refused without it."""
    role = postgres_server.create_login_role("Tls-pass-9", tls=True)
    owner = PgStore(pg_url)  # IT makes the tables and grants the workstations' role
    owner.grant_app_role(role)
    owner.close()
    database = pg_url.rsplit("/", 1)[1]
    secret = _password_file(tmp_path, "Tls-pass-9")
    monkeypatch.delenv("CONSULTAID_RECORDS_URL")

    def url(host: str, mode: str) -> str:
        return (f"postgresql://{role}@{host}:{postgres_server.port}/{database}?sslmode={mode}"
                f"&sslrootcert={postgres_server.ca_file}")

    _settings(f'[records]\nurl = "{url("127.0.0.1", "verify-full")}"\n'
              f'password_file = "{secret}"\n')
    store = open_store()
    assert not store.read_only, store.problem
    assert store.db.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
                            ).fetchone()[0] is True
    store.close()
    for refused in (url("127.0.0.1", "disable"),  # no TLS: the server says no
                    url("localhost", "verify-full")):  # the certificate does not name the host
        _settings(f'[records]\nurl = "{refused}"\npassword_file = "{secret}"\n')
        with pytest.raises(StoreUnavailable):
            open_store()
