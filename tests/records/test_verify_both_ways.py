"""Issue 12.1: `records verify` finds tampering with the file in both directions — a whole record
deleted, a list column changed, a kept version or handout removed, a completed record edited in
place with the audit hashes "fixed" — on SQLite and on PostgreSQL. Each test is the attack:
someone with the database and an SQL tool."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.records.conftest import drop_guard
from tests.records.test_service import example

Tamper = Callable[[Store | PgStore], None]


@pytest.fixture
def records(service: RecordsService, physician: User) -> RecordsService:
    """A draft (d1), a completed record with a handout given (c1), an amended one (a1)."""
    drafted = example("d1", "Dora Draft")
    drafted.teach_back.set_point("risks", outcome="not_yet_understood")
    service.save_draft(physician, drafted)
    service.save_draft(physician, example("c1", "Carl Given"))
    service.record_handout(physician, "c1", b"%PDF-1.4 given", "2026.12.0", ClinicSettings())
    service.save_draft(physician, example("a1", "Ana Amended"))
    service.complete(physician, "a1")
    changed = example("a1", "Ana Amended")
    changed.notes = "Amended note"
    service.amend(physician, changed, "typo")
    assert service.verify() == []
    return service


def run(store: Store | PgStore, *statements: str | tuple[str, tuple[str, ...]]) -> None:
    for statement in statements:
        if isinstance(statement, tuple):
            store.db.execute(*statement)
        else:
            store.db.execute(statement)


def delete_whole_record(store: Store | PgStore) -> None:
    run(store, "DELETE FROM handouts WHERE consultation_id = 'c1'",
        "DELETE FROM consultation_versions WHERE consultation_id = 'c1'",
        "DELETE FROM consultation_data WHERE id = 'c1'",
        "DELETE FROM consultations WHERE id = 'c1'")


def rename_in_the_list(store: Store | PgStore) -> None:
    run(store, "UPDATE consultations SET patient_name = 'Someone Else' WHERE id = 'd1'")


def change_status_in_the_list(store: Store | PgStore) -> None:
    run(store, "UPDATE consultations SET status = 'draft' WHERE id = 'c1'")


def change_physician_in_the_list(store: Store | PgStore) -> None:
    run(store, "UPDATE consultations SET physician = 'Dr Nobody' WHERE id = 'a1'")


def clear_follow_up_in_the_list(store: Store | PgStore) -> None:
    """Hide a patient who did not understand a point from the "needs follow-up" filter."""
    run(store, "UPDATE consultations SET teach_back_follow_up = 0 WHERE id = 'd1'")


def mark_acknowledged_in_the_list(store: Store | PgStore) -> None:
    """Hide a record nobody acknowledged from the "not acknowledged" filter."""
    run(store, "UPDATE consultations SET acknowledged = 1 WHERE id = 'c1'")


def delete_a_kept_version(store: Store | PgStore) -> None:
    run(store, "DELETE FROM consultation_versions WHERE consultation_id = 'a1' AND version = 2")


def delete_a_handout(store: Store | PgStore) -> None:
    run(store, "DELETE FROM handouts WHERE consultation_id = 'c1'")


def drop_the_record_text(store: Store | PgStore) -> None:
    run(store, "DELETE FROM consultation_data WHERE id = 'd1'")


ATTACKS: dict[str, tuple[Tamper, str]] = {
    "whole record deleted": (delete_whole_record, "consultation c1 is in the audit log but not "
                             "in the records"),
    "name changed in the list": (rename_in_the_list, "consultation d1: the list's name"),
    "status changed in the list": (change_status_in_the_list,
                                   "consultation c1: its status or version"),
    "physician changed in the list": (change_physician_in_the_list, "consultation a1: the list"),
    "follow-up cleared in the list": (clear_follow_up_in_the_list,
                                      "consultation d1: the list's teach-back follow-up"),
    "acknowledged set in the list": (mark_acknowledged_in_the_list,
                                     "consultation c1: the list's teach-back follow-up or "
                                     "acknowledged"),
    "kept version deleted": (delete_a_kept_version, "consultation a1 version 2 is in the audit "
                             "log but was deleted"),
    "handout deleted": (delete_a_handout, "is in the audit log but was deleted from the records"),
    "record text deleted": (drop_the_record_text, "consultation d1 has lost its record text"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_verify_finds_it(records: RecordsService, store: Store | PgStore, attack: str) -> None:
    tamper, said = ATTACKS[attack]
    tamper(store)
    problems = records.verify()
    assert any(said in p for p in problems), problems
    text = " ".join(problems)
    for name in ("Dora", "Carl", "Ana", "Someone Else", "Nobody"):
        assert name not in text  # named by ID, never by patient data


def test_a_silent_edit_of_a_completed_record_with_its_hash_swapped_is_found(
        records: RecordsService, store: Store | PgStore, physician: User) -> None:
    """The record, its kept version and the hash in the audit entry all changed together:
    the keyed audit chain no longer matches (its entries cannot be re-sealed without the key)."""
    stored = store.db.execute("SELECT json FROM consultation_data WHERE id = 'c1'").fetchone()[0]
    forged = stored.replace("Carl Given", "Carl Forged")
    old_sha = hashlib.sha256(stored.encode()).hexdigest()
    new_sha = hashlib.sha256(forged.encode()).hexdigest()
    for trigger, table in (("versions_no_update", "consultation_versions"),
                           ("audit_no_update", "audit")):
        drop_guard(store, trigger, table)
    run(store,
        ("UPDATE consultation_data SET json = ? WHERE id = 'c1'", (forged,)),
        "UPDATE consultations SET patient_name = 'Carl Forged' WHERE id = 'c1'",
        ("UPDATE consultation_versions SET json = ? WHERE consultation_id = 'c1'", (forged,)),
        ("UPDATE audit SET detail = replace(detail, ?, ?)", (old_sha, new_sha)))
    problems = records.verify()
    assert any("was changed after it was written" in p for p in problems), problems


def test_opening_a_changed_record_says_it_does_not_match(
        records: RecordsService, store: Store | PgStore, physician: User) -> None:
    """The app checks a record's hash against the audit when it opens it (the window shows a
    warning, see tests/ui); an unchanged record matches."""
    assert records.get(physician, "d1")[1].matches_audit
    stored = store.db.execute("SELECT json FROM consultation_data WHERE id = 'd1'").fetchone()[0]
    run(store, ("UPDATE consultation_data SET json = ? WHERE id = 'd1'",
                (stored.replace("Dora Draft", "Dora Changed"),)))
    assert not records.get(physician, "d1")[1].matches_audit


def make_physician(store: Store | PgStore) -> None:
    run(store, "UPDATE users SET role = 'physician' WHERE name = 'Pat Desk'")


def copy_a_pin_hash(store: Store | PgStore) -> None:
    """Give the physician's account the front desk's PIN (whose PIN the attacker knows)."""
    row = store.db.execute("SELECT pin_salt, pin_hash FROM users WHERE name = 'Pat Desk'"
                           ).fetchone()
    run(store, ("UPDATE users SET pin_salt = ?, pin_hash = ? WHERE name = 'Dr Rivera'",
                (row[0], row[1])))


def reactivate_quietly(store: Store | PgStore) -> None:
    false = "FALSE" if store.dialect == "postgresql" else "0"
    run(store, f"UPDATE users SET active = {false} WHERE name = 'Pat Desk'")


def add_an_account(store: Store | PgStore) -> None:
    row = store.db.execute("SELECT pin_salt, pin_hash, pin_scheme, created_at FROM users "
                           "WHERE name = 'Pat Desk'").fetchone()
    run(store, ("INSERT INTO users (name, role, pin_salt, pin_hash, pin_scheme, created_at) "
                "VALUES ('Mallory', 'physician', ?, ?, ?, ?)", tuple(row)))


def delete_an_account(store: Store | PgStore) -> None:
    if store.dialect == "postgresql":  # its server PIN and sessions first (they refer to it)
        for table in ("pins", "sessions"):
            run(store, f"DELETE FROM consultaid_private.{table} WHERE user_id IN "
                       "(SELECT id FROM users WHERE name = 'Pat Desk')")
    run(store, "DELETE FROM users WHERE name = 'Pat Desk'")


ACCOUNT_ATTACKS: dict[str, tuple[Tamper, str]] = {
    "front desk made a physician": (make_physician, "its name, role, PIN or active state"),
    "a PIN hash copied": (copy_a_pin_hash, "its name, role, PIN or active state"),
    "active state changed": (reactivate_quietly, "its name, role, PIN or active state"),
    "an account added": (add_an_account, "is not in the audit log (added outside"),
    "an account deleted": (delete_an_account, "was deleted outside consultaid"),
}


@pytest.mark.parametrize("attack", list(ACCOUNT_ATTACKS))
def test_verify_finds_tampered_accounts(records: RecordsService, store: Store | PgStore,
                                        front_desk: User, attack: str) -> None:
    tamper, said = ACCOUNT_ATTACKS[attack]
    assert records.verify() == []
    tamper(store)
    problems = records.verify()
    assert any(said in p and p.startswith("account ") for p in problems), problems


def test_account_changes_made_by_the_app_keep_verify_quiet(
        records: RecordsService, physician: User, front_desk: User) -> None:
    from consultaid.records.accounts import Accounts

    accounts = Accounts(records)
    accounts.reset_pin(physician, front_desk.id, "new-pin-2468")
    accounts.deactivate(physician, front_desk.id)
    accounts.reactivate(physician, front_desk.id)
    records.sign_in("Pat Desk", "new-pin-2468")
    assert records.verify() == []
