"""``consultaid records``: import, list, search, show, export, backup, verify."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from consultaid.cli import main


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "records.sqlite3"
    monkeypatch.setenv("CONSULTAID_DB", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def example_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, cid: str,
                 name: str) -> Path:
    _, out, _ = run(capsys, "example")
    data = json.loads(out)
    data["consultation_id"] = cid
    data["patient"]["name"] = name
    path = tmp_path / f"{cid}.json"
    path.write_text(json.dumps(data))
    return path


def test_import_list_search_show_export_verify(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path, db: Path) -> None:
    a = example_file(capsys, tmp_path, "a", "Ann <b>& Co")
    b = example_file(capsys, tmp_path, "b", "Zoë Brown")
    code, out, err = run(capsys, "records", "import", str(a), str(b))
    assert code == 0, err
    assert "imported" in out and out.count("\n") == 2
    code, out, _ = run(capsys, "records", "list")
    assert code == 0 and "Ann <b>& Co" in out and "Zoë Brown" in out
    code, out, _ = run(capsys, "records", "search", "zoe")
    assert code == 0 and "Zoë Brown" in out and "Ann" not in out
    code, out, _ = run(capsys, "records", "show", "a")
    assert code == 0 and '"name": "Ann <b>& Co"' in out and "# version 1" in out
    target = tmp_path / "export.json"
    code, _, _ = run(capsys, "records", "export", "b", "-o", str(target))
    assert code == 0 and json.loads(target.read_text()) == json.loads(b.read_text())
    code, out, _ = run(capsys, "records", "verify")
    assert code == 0 and out.startswith("OK")
    code, out, _ = run(capsys, "records", "backup", str(tmp_path / "backup.sqlite3"))
    assert code == 0 and (tmp_path / "backup.sqlite3").exists()


def test_malformed_file_is_refused_by_name_and_field_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path
) -> None:
    good = example_file(capsys, tmp_path, "good", "Ann")
    bad = tmp_path / "bad.json"
    data = json.loads(good.read_text())
    data["consultation_id"] = "bad"
    data["visit_date"] = "2026-02-30"
    bad.write_text(json.dumps(data))
    code, out, err = run(capsys, "records", "import", str(bad), str(good))
    assert code == 1
    assert f"{bad}: visit_date: is not a date" in err
    assert "2026-02-30" not in err  # values (possibly patient data) never go to stderr
    assert "imported" in out and "good" in out
    rows = sqlite3.connect(db).execute("SELECT id FROM consultations").fetchall()
    assert rows == [("good",)]


def test_verify_reports_tampering(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                  db: Path) -> None:
    run(capsys, "records", "import", str(example_file(capsys, tmp_path, "a", "Ann")))
    con = sqlite3.connect(db)
    con.execute("UPDATE consultation_data SET json = replace(json, 'Ann', 'Bob')")
    con.commit()
    con.close()
    code, out, _ = run(capsys, "records", "verify")
    assert code == 1
    assert "FAIL consultation a does not match the audit log" in out


def test_unknown_record_is_one_line(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(capsys, "records", "show", "nope")
    assert code == 1 and out == ""
    assert err.strip() == "consultaid: No consultation with ID 'nope'."


def test_control_sequences_in_a_name_never_reach_the_terminal(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path) -> None:
    """Issue 12.12: a name holding an escape sequence reached `records list` raw."""
    hostile = "Ann \x1b]0;owned\x07\x1b[2J Doe"
    path = example_file(capsys, tmp_path, "c", hostile)
    code, _, err = run(capsys, "records", "import", str(path))
    assert code == 0, err
    code, out, _ = run(capsys, "records", "list")
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "Ann ?]0;owned??[2J Doe" in out


def test_verify_never_creates_a_database(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12.4: verify on a mistyped path or an empty file created a database, printed OK."""
    missing = tmp_path / "typo.sqlite3"
    monkeypatch.setenv("CONSULTAID_DB", str(missing))
    code, out, _ = run(capsys, "records", "verify")
    assert code == 1 and out.startswith("FAIL") and not missing.exists()
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    monkeypatch.setenv("CONSULTAID_DB", str(empty))
    code, out, _ = run(capsys, "records", "verify")
    assert code == 1 and out.startswith("FAIL") and empty.stat().st_size == 0


def test_backup_is_private_complete_and_audited(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path, db: Path) -> None:
    a = example_file(capsys, tmp_path, "a", "Ann Example")
    assert run(capsys, "records", "import", str(a))[0] == 0
    target = tmp_path / "new-folder" / "backup.sqlite3"
    code, _, err = run(capsys, "records", "backup", str(target))
    assert code == 0, err
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.parent.stat().st_mode & 0o777 == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["backup.sqlite3"]  # no partial file
    code, _, err = run(capsys, "records", "backup", str(target))
    assert code == 1 and "already exists" in err
    with sqlite3.connect(db) as con:
        actions = [r[0] for r in con.execute("SELECT action FROM audit")]
    assert "backup" in actions


def test_a_damaged_record_is_named_and_never_quoted(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path, db: Path) -> None:
    """Issue 12.2: one flipped byte made verify crash and print the patient's name and DOB."""
    a = example_file(capsys, tmp_path, "a", "Ann Secretname")
    assert run(capsys, "records", "import", str(a))[0] == 0
    with sqlite3.connect(db) as con:
        (text,) = con.execute("SELECT json FROM consultation_data WHERE id = 'a'").fetchone()
        damaged = text.encode().replace(b"Ann", b"A\xffn", 1)
        con.execute("UPDATE consultation_data SET json = CAST(? AS TEXT) WHERE id = 'a'",
                    (damaged,))
    code, out, err = run(capsys, "records", "verify")
    assert code == 1 and "FAIL consultation a does not match" in out
    assert "Secretname" not in out + err and "1961" not in out + err and "Traceback" not in err


@pytest.mark.parametrize(("change", "says"), [
    (lambda d: d["screening"].update(no_such_item=True), "screening.no_such_item"),
    (lambda d: d["screening"].update(infection="maybe"), "screening.infection"),
    (lambda d: d.update(condition_id="gout"), "condition_id"),
])
def test_import_refuses_what_the_screen_or_handout_would(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path, change: object,
        says: str) -> None:
    """Issue 12.11: import stored records the app could not screen or make a handout from."""
    path = example_file(capsys, tmp_path, "x", "Ann Example")
    data = json.loads(path.read_text())
    assert callable(change)
    change(data)
    path.write_text(json.dumps(data))
    code, out, err = run(capsys, "records", "import", str(path))
    assert code == 1 and says in err and "nothing was imported" in err
    assert "maybe" not in err  # the typed value is not repeated
    code, out, _ = run(capsys, "records", "list")
    assert "Ann Example" not in out


def test_a_busy_database_is_said_in_words(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12.6: another writer holding the lock gave "internal error" after 10 s."""
    from consultaid.records import store as store_module

    monkeypatch.setattr(store_module, "BUSY_WAIT", 0.5)  # the CLI waits 10 s
    a = example_file(capsys, tmp_path, "a", "Ann Busy")
    assert run(capsys, "records", "import", str(a))[0] == 0
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        b = example_file(capsys, tmp_path, "b", "Bo Waiting")
        code, out, err = run(capsys, "records", "import", str(b))
        assert code == 1
        assert "The records are busy" in err and "nothing was imported" in err
        assert "internal error" not in err and "Bo Waiting" not in err
        # A list is audited (who saw the patients' names), so it waits for the lock too.
        code, out, err = run(capsys, "records", "list")
        assert code == 1 and "The records are busy" in err and "Ann Busy" not in out + err
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert run(capsys, "records", "import", str(b))[0] == 0
    code, out, _ = run(capsys, "records", "list")
    assert code == 0 and "Ann Busy" in out and "Bo Waiting" in out


def _audit(db: Path) -> list[tuple[str, str, str]]:
    from consultaid.records import audit
    from consultaid.records.store import Store

    store = Store(db)
    try:
        return [(e.actor, e.action, e.record_id) for e in audit.entries(store.db)]
    finally:
        store.close()


def _accounts(db: Path) -> None:
    from consultaid.records.service import RecordsService
    from consultaid.records.store import Store

    store = Store(db)
    service = RecordsService(store)
    ada = service.create_user(None, "Dr Ada", "physician", "123456")
    service.create_user(ada, "Fran Desk", "front_desk", "567890")
    store.close()


def test_records_commands_act_as_a_signed_in_account(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12.8: ``--as NAME`` signs in with the account's PIN; its role decides."""
    import io

    a = example_file(capsys, tmp_path, "a", "Ann Audited")
    _accounts(db)
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n"))
    code, out, err = run(capsys, "records", "--as", "Dr Ada", "import", str(a))
    assert code == 0, err
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n"))
    code, out, _ = run(capsys, "records", "--as", "dr ada", "show", "a")
    assert code == 0 and "Ann Audited" in out
    # A wrong PIN: refused in words, counted like a wrong PIN in the app.
    monkeypatch.setattr("sys.stdin", io.StringIO("999999\n"))
    code, out, err = run(capsys, "records", "--as", "Dr Ada", "list")
    assert code == 1 and "do not match" in err and out == ""
    # Front desk sees the list, never the clinical record, and copies nothing.
    monkeypatch.setattr("sys.stdin", io.StringIO("567890\n"))
    code, out, _ = run(capsys, "records", "--as", "Fran Desk", "list")
    assert code == 0 and "Ann Audited" in out
    for command in (["show", "a"], ["export", "a", "-o", str(tmp_path / "x.json")],
                    ["backup", str(tmp_path / "copy.sqlite3")]):
        monkeypatch.setattr("sys.stdin", io.StringIO("567890\n"))
        code, out, err = run(capsys, "records", "--as", "Fran Desk", *command)
        assert code == 1 and "Ann Audited" not in out + err, command
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "copy.sqlite3").exists()
    entries = _audit(db)
    assert ("user:1", "import", "a") in entries and ("user:1", "view", "a") in entries
    assert ("user:1", "sign-in-failed", "1") in entries
    assert ("user:2", "list", "") in entries


def test_the_administrator_path_is_named_by_the_process_user_not_by_user(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    a = example_file(capsys, tmp_path, "a", "Ann Admin")
    monkeypatch.setenv("USER", "mallory")
    monkeypatch.setenv("LOGNAME", "mallory")
    assert run(capsys, "records", "import", str(a))[0] == 0
    assert run(capsys, "records", "search", "ann")[0] == 0
    assert run(capsys, "records", "export", "a", "-o", str(tmp_path / "a-out.json"))[0] == 0
    assert run(capsys, "records", "backup", str(tmp_path / "b.sqlite3"))[0] == 0
    me = f"cli:{pwd.getpwuid(os.geteuid()).pw_name}"
    actions = [(actor, action) for actor, action, _ in _audit(db)]
    assert [(me, "import"), (me, "search"), (me, "export"), (me, "backup")] == [
        x for x in actions if x[1] in ("import", "search", "export", "backup")]
    assert not any("mallory" in actor for actor, _ in actions)
    assert not any("ann" in str(e).lower() for e in _audit(db))  # what was searched: not kept
