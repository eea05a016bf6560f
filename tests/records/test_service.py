"""The records service: lifecycle, amendments, handouts as given, roles, search, audit."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.consultation import Consultation, consultation_to_json
from consultaid.domain.errors import ConsultaidError, RecordError
from consultaid.records import audit
from consultaid.records.service import (
    PermissionDenied,
    RecordsService,
    SearchQuery,
    SystemActor,
)
from consultaid.records.store import Store, StoreCorrupted, StoreError
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.records.conftest import GUARD_ERRORS, drop_guard, only

PACK = load_content("en").pack


def example(cid: str = "c1", name: str = "Maria Example") -> Consultation:
    c = copy.deepcopy(example_consultation(PACK))
    c.consultation_id = cid
    c.patient.name = name
    return c


@only("sqlite")
def test_database_is_wal_full_sync_and_owner_only(store: Store, db_path: Path) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    if os.name == "posix":
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_draft_completed_handout_given(service: RecordsService, physician: User) -> None:
    c = example()
    assert service.save_draft(physician, c)
    assert not service.save_draft(physician, c)  # unchanged: nothing written
    c.notes = "changed"
    assert service.save_draft(physician, c)
    service.complete(physician, c.consultation_id)
    c.notes = "changed again"
    with pytest.raises(StoreError, match="amendment"):
        service.save_draft(physician, c)
    version = service.amend(physician, c, "Corrected the note")
    assert version == 3
    versions = service.versions(c.consultation_id)
    assert [(v[0], v[3]) for v in versions] == [(2, "completed"), (3, "Corrected the note")]
    stored, summary = service.get(physician, c.consultation_id)
    assert stored.notes == "changed again" and summary.status == "completed"
    pdf = b"%PDF-1.4 example handout"
    given = service.record_handout(physician, c.consultation_id, pdf, PACK.version,
                                   ClinicSettings(clinic_name="Riverside"))
    assert given.sha256 == hashlib.sha256(pdf).hexdigest()
    assert service.search(SearchQuery())[0].status == "handout_given"
    assert service.verify() == []


def test_reprint_is_byte_identical_and_audited(service: RecordsService, physician: User,
                                               front_desk: User) -> None:
    c = example()
    service.save_draft(physician, c)
    pdf = bytes(range(256)) * 50
    service.record_handout(physician, c.consultation_id, pdf, "2026.11.0", ClinicSettings())
    again = service.reprint(front_desk, c.consultation_id)
    assert again.pdf == pdf and again.pack_version == "2026.11.0"
    actions = [e.action for e in audit.entries(service.db, c.consultation_id)]
    assert actions == ["create", "complete", "print", "reprint"]


def test_front_desk_cannot_change_clinical_data(service: RecordsService, physician: User,
                                                front_desk: User) -> None:
    c = example()
    service.save_draft(physician, c)
    c.screening["infection"] = "none"
    for attempt in (
        lambda: service.save_draft(front_desk, c),
        lambda: service.complete(front_desk, c.consultation_id),
        lambda: service.amend(front_desk, c, "x"),
        lambda: service.record_handout(front_desk, c.consultation_id, b"x", "v",
                                       ClinicSettings()),
        lambda: service.import_json(front_desk, "{}", "f"),
        lambda: service.create_user(front_desk, "New", "physician", "123456"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    # Front desk finds records and their handouts, but never reads the clinical record.
    with pytest.raises(PermissionDenied):
        service.get(front_desk, c.consultation_id)
    summary = service.summary(c.consultation_id)
    assert summary is not None and summary.id == c.consultation_id


def test_sign_in_and_pins(service: RecordsService, physician: User) -> None:
    assert service.sign_in("dr rivera", "246810") == physician
    with pytest.raises(PermissionDenied, match="do not match"):
        service.sign_in("Dr Rivera", "000000")
    row = service.db.execute("SELECT pin_hash, pin_salt FROM users").fetchone()
    assert b"246810" not in bytes(row[0]) + bytes(row[1])
    with pytest.raises(PermissionDenied):
        service.create_user(None, "Second first", "physician", "123456")
    for pin in ("12345", "bell\x07bell", " " * 8, "x" * 65):
        with pytest.raises(ConsultaidError, match="PIN"):
            service.create_user(physician, "Other", "front_desk", pin)
    actions = [e.action for e in audit.entries(service.db)]
    assert actions.count("sign-in") == 1 and actions.count("sign-in-failed") == 1


def test_first_account_must_be_a_physician(service: RecordsService) -> None:
    with pytest.raises(ConsultaidError, match="first account must be a physician"):
        service.create_user(None, "Desk", "front_desk", "123456")


def test_search_by_name_id_date_condition_status(service: RecordsService,
                                                 physician: User) -> None:
    for i, name in enumerate(["José Núñez", "Ann <b>& Co", "Li Wei", "100%_sure"]):
        c = example(f"c{i}", name)
        c.patient.clinic_patient_id = f"P-{i:03d}"
        c.visit_date = dt.date(2026, 1, 1) + dt.timedelta(days=30 * i)
        service.save_draft(physician, c)
    service.complete(physician, "c2")

    def names(**kw: object) -> list[str]:
        return [r.patient_name for r in service.search(SearchQuery(**kw))]  # type: ignore[arg-type]

    assert names(text="jose") == ["José Núñez"]
    assert names(text="NUÑ") == ["José Núñez"]
    assert names(text="<b>&") == ["Ann <b>& Co"]
    assert names(text="p-002") == ["Li Wei"]
    assert names(text="%") == ["100%_sure"]
    assert names(text="_") == ["100%_sure"]
    assert names(date_from=dt.date(2026, 1, 15), date_to=dt.date(2026, 3, 31)) == [
        "Li Wei", "Ann <b>& Co"]
    assert names(status="completed") == ["Li Wei"]
    assert names(condition_id="osteoarthritis", text="li") == ["Li Wei"]
    assert service.count(SearchQuery(status="draft")) == 3
    assert len(service.search(SearchQuery(), limit=2, offset=3)) == 1


def test_import_malformed_writes_nothing(service: RecordsService) -> None:
    admin = SystemActor("it")
    before = service.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    text = consultation_to_json(example()).replace("1961-04-12", "1961-13-40")
    with pytest.raises(RecordError, match=r"patient\.date_of_birth"):
        service.import_json(admin, text, "bad.json")
    assert service.count(SearchQuery()) == 0
    assert service.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before


def test_duplicate_import_is_refused(service: RecordsService) -> None:
    admin = SystemActor("it")
    text = consultation_to_json(example())
    service.import_json(admin, text, "a.json")
    with pytest.raises(StoreError, match="already stored"):
        service.import_json(admin, text, "a.json")


def test_tampered_record_and_audit_are_found(service: RecordsService, physician: User,
                                             store: Store) -> None:
    service.save_draft(physician, example("c1"))
    service.save_draft(physician, example("c2"))
    assert service.verify() == []
    store.db.execute("UPDATE consultation_data SET json = replace(json, 'Maria', 'Mario') "
                     "WHERE id = 'c2'")
    assert service.verify() == [
        "consultation c2 does not match the audit log (changed outside consultaid)"]
    with pytest.raises(GUARD_ERRORS, match="append-only"):
        store.db.execute("UPDATE audit SET actor = 'someone' WHERE seq = 2")
    # Someone with the file and a SQLite tool can drop the guard; the chain still shows it.
    drop_guard(store, "audit_no_update", "audit")
    store.db.execute("UPDATE audit SET actor = 'someone' WHERE seq = 2")
    problems = service.verify()
    assert problems[0] == "audit entry 2 (create) was changed after it was written"


def test_deleted_audit_entry_is_found(service: RecordsService, physician: User,
                                      store: Store) -> None:
    service.save_draft(physician, example("c1"))
    service.save_draft(physician, example("c2"))
    drop_guard(store, "audit_no_delete", "audit")
    store.db.execute("DELETE FROM audit WHERE seq = 2")
    assert "audit entry 2 is missing" in service.verify()[0]


def test_corrupted_database_is_detected_and_not_written(db_path: Path) -> None:
    store = Store(db_path)
    service = RecordsService(store)
    doctor = service.create_user(None, "Dr A", "physician", "123456")
    for i in range(40):
        service.save_draft(doctor, example(f"c{i}", "x" * 500))
    store.backup_to(db_path.parent / "backups" / "2026-11-20.sqlite3")
    store.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096):
        data[offset + 100: offset + 400] = b"\x5a" * 300
    db_path.write_bytes(bytes(data))
    damaged = db_path.read_bytes()
    store = Store(db_path)
    assert store.read_only and store.problem
    with pytest.raises(StoreCorrupted) as info:
        RecordsService(store).save_draft(doctor, example("new"))
    assert "2026-11-20.sqlite3" in str(info.value)
    store.close()
    assert db_path.read_bytes() == damaged


def test_newer_database_is_opened_read_only(db_path: Path) -> None:
    Store(db_path).close()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    store = Store(db_path)
    assert store.read_only and "newer consultaid" in store.problem
    store.close()


def test_migrations_upgrade_in_place(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consultaid.records import store as store_module

    first = Store(db_path)
    doctor = RecordsService(first).create_user(None, "Dr A", "physician", "123456")
    RecordsService(first).save_draft(doctor, example())
    first.close()
    before = store_module.SCHEMA_VERSION
    monkeypatch.setattr(store_module, "MIGRATIONS", [
        *store_module.MIGRATIONS, "ALTER TABLE consultations ADD COLUMN archived INTEGER "
        "NOT NULL DEFAULT 0;"])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(store_module.MIGRATIONS))
    upgraded = Store(db_path)
    assert upgraded.schema_version() == before + 1
    row = upgraded.db.execute("SELECT patient_name, archived FROM consultations").fetchone()
    assert tuple(row) == ("Maria Example", 0)
    assert RecordsService(upgraded).verify() == []
    upgraded.close()


@only("sqlite")  # PostgreSQL: pg_dump, in test_postgres.py
def test_backup_is_consistent_and_refuses_to_overwrite(service: RecordsService,
                                                        physician: User, store: Store,
                                                        tmp_path: Path) -> None:
    service.save_draft(physician, example())
    target = tmp_path / "b.sqlite3"
    store.backup_to(target)
    copy_store = Store(target)
    assert RecordsService(copy_store).count(SearchQuery()) == 1
    assert RecordsService(copy_store).verify() == []
    copy_store.close()
    with pytest.raises(StoreError, match="already exists"):
        store.backup_to(target)


def test_wrong_pins_pause_the_account(service: RecordsService, physician: User,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from consultaid.records import signing_in as service_module

    for _ in range(service_module.MAX_PIN_FAILURES):
        with pytest.raises(PermissionDenied, match="do not match"):
            service.sign_in("Dr Rivera", "000000")
    with pytest.raises(PermissionDenied, match="Too many wrong PINs"):
        service.sign_in("Dr Rivera", "246810")  # even the right PIN waits
    monkeypatch.setattr(service_module, "PIN_PAUSE_MINUTES", 0)
    assert service.sign_in("Dr Rivera", "246810") == physician  # after the pause


def test_a_good_sign_in_resets_the_count(service: RecordsService, physician: User) -> None:
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            service.sign_in("Dr Rivera", "000000")
    service.sign_in("Dr Rivera", "246810")
    for _ in range(4):
        with pytest.raises(PermissionDenied, match="do not match"):
            service.sign_in("Dr Rivera", "000000")
    assert service.sign_in("Dr Rivera", "246810") == physician


def test_a_forged_or_stale_user_is_not_believed(service: RecordsService, physician: User,
                                               front_desk: User) -> None:
    """Issue 12.10: a forged User with role physician was believed, and log() wrote anything."""
    from consultaid.content.example import example_consultation
    from consultaid.content.loader import load_content
    from consultaid.records.service import PermissionDenied

    consultation = example_consultation(load_content("en").pack)
    forged = User(front_desk.id, front_desk.name, "physician")  # front desk, claiming more
    with pytest.raises(PermissionDenied):
        service.save_draft(forged, consultation)
    nobody = User(999, "Ghost", "physician")
    with pytest.raises(PermissionDenied):
        service.save_draft(nobody, consultation)
    with pytest.raises(PermissionDenied):
        service.log(physician, "sign-in")  # would reset another account's failure count
    service.log(physician, "lock")  # an event the app does record
    assert service.save_draft(physician, consultation)
