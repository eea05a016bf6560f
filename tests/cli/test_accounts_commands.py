"""``consultaid accounts``: list, and reset-pin for a forgotten PIN (issue 11.2)."""

from __future__ import annotations

import io
import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from consultaid.cli import main
from consultaid.records import audit
from consultaid.records.accounts import Accounts
from consultaid.records.service import PermissionDenied, RecordsService
from consultaid.records.store import Store


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "records.sqlite3"
    monkeypatch.setenv("CONSULTAID_DB", str(path))
    service = RecordsService(Store(path))
    doctor = service.create_user(None, "Dr Only", "physician", "246810")
    desk = service.create_user(doctor, "Pat \x1b[31mDesk", "front_desk", "135791")
    service.sign_in("Dr Only", "246810")
    Accounts(service).deactivate(doctor, desk.id)
    service.store.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_every_account(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(capsys, "accounts", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2 and "(2 accounts)" in err
    assert lines[0].startswith("Dr Only") and "Physician" in lines[0] and " active" in lines[0]
    assert "never" not in lines[0]
    assert "Pat ?[31mDesk" in lines[1] and "inactive" in lines[1] and "never" in lines[1]
    assert "\x1b" not in out  # a name cannot send escape sequences to the terminal


def test_reset_pin_reads_it_twice_and_is_audited_under_the_processes_user(
        capsys: pytest.CaptureFixture[str], db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "mallory")  # spoofable: not used
    monkeypatch.setenv("LOGNAME", "mallory")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a new passphrase\na new passphrase\n"))
    code, out, err = run(capsys, "accounts", "reset-pin", "dr only")
    assert code == 0, err
    real_user = pwd.getpwuid(os.getuid()).pw_name
    assert f"cli:{real_user}" in out and "mallory" not in out
    service = RecordsService(Store(db))
    signed = service.sign_in("Dr Only", "a new passphrase")
    assert signed.pin_change_due  # they choose their own next
    with pytest.raises(PermissionDenied):
        service.sign_in("Dr Only", "246810")
    resets = [e for e in audit.entries(service.db) if e.action == "pin-reset"]
    assert [(e.actor, e.record_id) for e in resets] == [(f"cli:{real_user}", str(signed.id))]
    assert service.verify() == []
    service.store.close()


@pytest.mark.parametrize(("name", "stdin", "message"), [
    ("Dr Only", "a new passphrase\nanother one\n", "not the same"),
    ("Dr Only", "short\nshort\n", "6 to 64"),
    ("Dr Only", "", "no new PIN"),
    ("Nobody", "a new passphrase\na new passphrase\n", "no account with that name"),
    ("Pat \x1b[31mDesk", "a new passphrase\na new passphrase\n", "not active"),
])
def test_reset_pin_refusals_change_nothing(capsys: pytest.CaptureFixture[str], db: Path,
                                           monkeypatch: pytest.MonkeyPatch, name: str,
                                           stdin: str, message: str) -> None:
    before = db.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code, _, err = run(capsys, "accounts", "reset-pin", name)
    assert code == 1 and message in err and "Traceback" not in err
    service = RecordsService(Store(db))
    assert service.sign_in("Dr Only", "246810").name == "Dr Only"
    assert not [e for e in audit.entries(service.db) if e.action == "pin-reset"]
    service.store.close()
    assert before  # the database existed before and still does


def test_no_database_is_created_by_accounts_commands(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "typo" / "records.sqlite3"
    monkeypatch.setenv("CONSULTAID_DB", str(missing))
    code, _, err = run(capsys, "accounts", "list")
    assert code == 1 and "no records database" in err and not missing.exists()


def test_reset_pin_as_a_separate_process_with_piped_stdin(db: Path, tmp_path: Path) -> None:
    env = {**os.environ, "CONSULTAID_DB": str(db)}
    done = subprocess.run([sys.executable, "-m", "consultaid", "accounts", "reset-pin",
                           "Dr Only"], input="piped pass 1\npiped pass 1\n", text=True,
                          capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "piped pass 1" not in done.stdout + done.stderr  # the PIN is never echoed
    service = RecordsService(Store(db))
    assert service.sign_in("Dr Only", "piped pass 1").pin_change_due
    service.store.close()


def test_list_and_reset_pin_on_a_postgresql_server(capsys: pytest.CaptureFixture[str],
                                                   pg_url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from consultaid.records.pg_store import PgStore

    service = RecordsService(PgStore(pg_url))
    service.create_user(None, "Dr Server", "physician", "246810")
    service.store.close()
    code, out, err = run(capsys, "accounts", "list")
    assert code == 0 and out.startswith("Dr Server") and "never" in out, err
    monkeypatch.setattr(sys, "stdin", io.StringIO("server pass 9\nserver pass 9\n"))
    code, out, err = run(capsys, "accounts", "reset-pin", "Dr Server")
    assert code == 0, err
    service = RecordsService(PgStore(pg_url))
    assert service.sign_in("Dr Server", "server pass 9").pin_change_due
    real_user = pwd.getpwuid(os.getuid()).pw_name
    assert [e.actor for e in audit.entries(service.db) if e.action == "pin-reset"] == [
        f"cli:{real_user}"]
    service.store.close()
