"""Accounts and PINs (issues 11.2 and 12.9), on both backends: deactivating, resetting and
changing PINs, the pepper, the rate limits, failures on a read-only database."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.records import account_seal, accounts, audit, installation_key, signing_in, users
from consultaid.records.accounts import Accounts
from consultaid.records.errors import StoreUnavailable
from consultaid.records.pg_store import PgStore
from consultaid.records.schema import POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS
from consultaid.records.service import PermissionDenied, RecordsService, SignInPaused
from consultaid.records.store import Store
from consultaid.records.users import User

PACK = load_content("en").pack


def _example(cid: str) -> Consultation:
    c = copy.deepcopy(example_consultation(PACK))
    c.consultation_id = cid
    return c


def _actions(service: RecordsService) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.record_id) for e in audit.entries(service.db)]


def test_accounts_are_listed_with_role_active_and_last_sign_in(
        service: RecordsService, physician: User, front_desk: User) -> None:
    listed = {a.name: a for a in Accounts(service).list()}
    assert set(listed) == {"Dr Rivera", "Pat Desk"}
    assert listed["Pat Desk"].role == "front_desk" and listed["Pat Desk"].active
    assert listed["Pat Desk"].last_sign_in is None
    service.sign_in("pat desk", "135791")
    seen = next(a for a in Accounts(service).list() if a.name == "Pat Desk").last_sign_in
    assert seen is not None and seen.startswith("20")


def test_a_deactivated_account_cannot_sign_in_or_act_and_keeps_its_audit_entries(
        service: RecordsService, physician: User) -> None:
    second = service.create_user(physician, "Dr Second", "physician", "975310")
    service.save_draft(second, _example("by-second"))
    Accounts(service).deactivate(physician, second.id)
    with pytest.raises(PermissionDenied, match="do not match"):  # as for an unknown name
        service.sign_in("Dr Second", "975310")
    with pytest.raises(PermissionDenied, match="not active"):
        service.save_draft(second, _example("after"))  # the old User object is not believed
    listed = {a.name: a.active for a in Accounts(service).list()}
    assert listed == {"Dr Rivera": True, "Dr Second": False}  # never deleted
    assert (second.actor, "create", "by-second") in _actions(service)
    assert (physician.actor, "user-deactivate", str(second.id)) in _actions(service)
    assert "Dr Second" not in [u.name for u in service.users()]
    assert service.verify() == []


def test_the_last_active_physician_is_never_deactivated(service: RecordsService,
                                                        physician: User,
                                                        front_desk: User) -> None:
    with pytest.raises(ConsultaidError, match="last active physician"):
        Accounts(service).deactivate(physician, physician.id)
    Accounts(service).deactivate(physician, front_desk.id)  # front desk: fine
    other = service.create_user(physician, "Dr Other", "physician", "864209")
    Accounts(service).deactivate(other, physician.id)  # another physician remains
    with pytest.raises(ConsultaidError, match="last active physician"):
        Accounts(service).deactivate(other, other.id)
    assert [a.name for a in Accounts(service).list() if a.active] == ["Dr Other"]


def test_front_desk_cannot_reset_a_pin_or_deactivate_even_with_a_forged_user(
        service: RecordsService, physician: User, front_desk: User) -> None:
    forged = User(front_desk.id, front_desk.name, "physician")
    for actor in (front_desk, forged):
        with pytest.raises(PermissionDenied):
            Accounts(service).reset_pin(actor, physician.id, "111111")
        with pytest.raises(PermissionDenied):
            Accounts(service).deactivate(actor, physician.id)
    assert service.sign_in("Dr Rivera", "246810") == physician  # PIN unchanged
    assert not any(a in ("pin-reset", "user-deactivate") for _, a, _ in _actions(service))


def test_a_physician_resets_another_accounts_pin_audited_and_must_change_it(
        service: RecordsService, physician: User, front_desk: User) -> None:
    for _ in range(signing_in.MAX_PIN_FAILURES):
        with pytest.raises(PermissionDenied):
            service.sign_in("Pat Desk", "999999")
    with pytest.raises(SignInPaused, match="ask another physician to reset") as paused:
        service.sign_in("Pat Desk", "135791")
    # what the sign-in screen counts down from: the whole pause, started by that many failures
    assert (paused.value.seconds, paused.value.failures) == (
            signing_in.PIN_PAUSE_MINUTES * 60, signing_in.MAX_PIN_FAILURES)
    Accounts(service).reset_pin(physician, front_desk.id, "new pin 42")
    assert (physician.actor, "pin-reset", str(front_desk.id)) in _actions(service)
    with pytest.raises(PermissionDenied, match="do not match"):
        service.sign_in("Pat Desk", "135791")  # the old PIN is gone
    signed = service.sign_in("Pat Desk", "new pin 42")  # and the pause ended with the reset
    assert signed == front_desk and signed.pin_change_due
    Accounts(service).change_pin(signed, "new pin 42", "my own passphrase")
    assert not service.sign_in("Pat Desk", "my own passphrase").pin_change_due
    with pytest.raises(ConsultaidError, match="Change my PIN"):
        Accounts(service).reset_pin(physician, physician.id, "222222")
    with pytest.raises(ConsultaidError, match="6 to 64"):
        Accounts(service).reset_pin(physician, front_desk.id, "12345")


def test_changing_your_own_pin_asks_the_current_one_and_counts_wrong_ones(
        service: RecordsService, physician: User) -> None:
    with pytest.raises(PermissionDenied, match="current PIN is not right"):
        Accounts(service).change_pin(physician, "000000", "a new passphrase")
    assert ("user:1", "sign-in-failed", str(physician.id)) in _actions(service)
    with pytest.raises(ConsultaidError, match="same as the current"):
        Accounts(service).change_pin(physician, "246810", "246810")
    Accounts(service).change_pin(physician, "246810", "Ünïcode passphrase ☂")
    assert service.sign_in("Dr Rivera", "Ünïcode passphrase ☂") == physician
    assert (physician.actor, "pin-change", str(physician.id)) in _actions(service)


def test_a_hash_copied_to_another_installation_does_not_verify(
        service: RecordsService, physician: User, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12.9: the stored hash is not scrypt(PIN) (guessable offline from the file); it
    needs the installation key, which is not in the database."""
    row = service.db.execute("SELECT pin_salt, pin_hash FROM users WHERE id = ?",
                             (physician.id,)).fetchone()
    salt, stored = bytes(row[0]), bytes(row[1])
    plain = hashlib.scrypt(b"246810", salt=salt, n=2**14, r=8, p=1, dklen=32)
    assert plain != stored  # the old offline attack: every 6-digit guess would be this
    assert users.pin_matches("246810", salt, stored, users.SCHEME_PEPPERED)
    monkeypatch.setenv("CONSULTAID_CONFIG_DIR", str(tmp_path / "another-installation"))
    installation_key.installation_key(tmp_path / "another-installation", create=True)
    assert not users.pin_matches("246810", salt, stored, users.SCHEME_PEPPERED)
    # Issue 25.5: the other installation's key is named as such before any PIN is compared.
    with pytest.raises(ConsultaidError, match="sealed by another installation key"):
        service.sign_in("Dr Rivera", "246810")


def test_an_old_hash_upgrades_at_the_next_good_sign_in_and_asks_for_a_longer_pin(
        service: RecordsService, physician: User) -> None:
    salt, digest = users.hash_pin("2468", scheme=users.SCHEME_PLAIN)  # release 0.1.0
    with service.store.transaction() as db:
        db.execute("UPDATE users SET pin_salt = ?, pin_hash = ?, pin_scheme = 1 WHERE id = ?",
                   (salt, digest, physician.id))
        if service.store.dialect == "postgresql":  # a 0.1.0 account has no server verifier
            db.execute("DELETE FROM consultaid_private.pins WHERE user_id = ?", (physician.id,))
        # as the accounts upgrade (schema 3) sealed such a row: one "user-sealed" entry
        audit.append(db, "system", "user-sealed", str(physician.id),
                     user_sha256=account_seal.digest(db, physician.id))
    signed = service.sign_in("Dr Rivera", "2468")
    assert signed == physician and signed.pin_change_due  # 4 digits: asked for a longer one
    row = service.db.execute("SELECT pin_salt, pin_hash, pin_scheme FROM users WHERE id = ?",
                             (physician.id,)).fetchone()
    assert row[2] == users.SCHEME_PEPPERED and bytes(row[1]) != digest
    assert users.pin_matches("2468", bytes(row[0]), bytes(row[1]), users.SCHEME_PEPPERED)
    assert service.sign_in("Dr Rivera", "2468") == physician
    upgraded = [e for e in audit.entries(service.db) if e.detail.get("pin_upgraded")]
    assert len(upgraded) == 1 and upgraded[0].action == "sign-in"


def test_an_unknown_name_gets_the_same_message_after_the_same_work(
        service: RecordsService, physician: User, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = hashlib.scrypt

    def counted(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "scrypt", counted)
    messages = []
    for name, pin in (("Dr Rivera", "000000"), ("Nobody Here", "000000"),
                      ("Dr Rivera", "x" * 10_000)):
        calls.clear()
        with pytest.raises(PermissionDenied) as info:
            service.sign_in(name, pin)
        messages.append(str(info.value))
        assert len(calls) == 1, name  # one scrypt either way: no shortcut for unknown names
    assert len(set(messages)) == 1 and messages[0] == signing_in.NO_MATCH


def test_guesses_under_random_names_pause_only_unknown_names(
        service: RecordsService, physician: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25.6: twenty wrong PINs a minute under random names paused every sign-in of the
    installation (anyone at a keyboard could lock the clinic out). Unknown names are slowed
    together; a real account keeps its own count and signs in."""
    monkeypatch.setattr(signing_in, "GLOBAL_FAILURES", 3)
    for name in ("Ann", "Bob", "Cyd"):
        with pytest.raises(PermissionDenied, match="do not match"):
            service.sign_in(name, "000000")
    with pytest.raises(SignInPaused, match="names that have no account") as paused:
        service.sign_in("Dee", "000000")
    assert (paused.value.seconds, paused.value.failures) == (signing_in.GLOBAL_WINDOW_SECONDS, 0)
    assert service.sign_in("Dr Rivera", "246810") == physician
    with pytest.raises(PermissionDenied, match="do not match"):
        service.sign_in("Dr Rivera", "000000")  # a wrong PIN of a real account: its own count
    monkeypatch.setattr(signing_in, "GLOBAL_WINDOW_SECONDS", 0)
    with pytest.raises(PermissionDenied, match="do not match"):
        service.sign_in("Dee", "000000")


def _reopen_read_only(store: Store | PgStore, db_path: Path) -> Store | PgStore:
    """Make the records 'from a newer consultaid': they open read-only (nothing written)."""
    if isinstance(store, PgStore):
        store.db.execute("UPDATE consultaid_schema SET version = 99")
        again: Store | PgStore = PgStore(store.url)
    else:
        store.close()
        db = sqlite3.connect(db_path)
        db.execute("PRAGMA user_version = 99")
        db.close()
        again = Store(db_path)
    assert again.read_only
    return again


def test_wrong_pins_count_even_when_the_records_cannot_be_written(
        store: Store | PgStore, service: RecordsService, physician: User,
        db_path: Path) -> None:
    entries_before = len(audit.entries(service.db))
    read_only = _reopen_read_only(store, db_path)
    ro_service = RecordsService(read_only)
    for _ in range(signing_in.MAX_PIN_FAILURES):
        with pytest.raises(PermissionDenied, match="do not match"):
            ro_service.sign_in("Dr Rivera", "000000")
    with pytest.raises(SignInPaused):
        ro_service.sign_in("Dr Rivera", "246810")
    assert len(audit.entries(ro_service.db)) == entries_before  # nothing written there
    log = signing_in.FailureLog().path.read_text()
    assert log.count("\tfail\t1\n") == signing_in.MAX_PIN_FAILURES
    assert "Rivera" not in log and "000000" not in log
    read_only.close()


def test_a_release_0_1_0_database_that_cannot_be_written_still_signs_in_and_counts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opened read-only (here: a folder this account may not write) it is not upgraded, so it
    lacks the new columns; sign-in, the account list and the failure count still work."""
    fixture = Path(__file__).parent / "fixtures" / "release-0.1.0.sqlite3"
    db = tmp_path / "consultaid.sqlite3"
    db.write_bytes(fixture.read_bytes())
    monkeypatch.setattr(Store, "_writable", lambda self: False)  # tests run as root
    store = Store(db)
    assert store.read_only and not store.damaged
    service = RecordsService(store)
    signed = service.sign_in("Dr Fixture", "2468")
    assert signed.name == "Dr Fixture" and signed.pin_change_due
    assert {a.name: a.last_sign_in for a in Accounts(service).list()} == {
        "Dr Fixture": None, "Desk Fixture": None}
    for _ in range(signing_in.MAX_PIN_FAILURES):
        with pytest.raises(PermissionDenied):
            service.sign_in("Dr Fixture", "0000")
    with pytest.raises(SignInPaused):
        service.sign_in("Dr Fixture", "2468")
    store.close()
    assert db.read_bytes() == fixture.read_bytes()


def test_an_unknown_name_pauses_like_an_account_and_is_never_stored(
        service: RecordsService, physician: User) -> None:
    """Otherwise the pause message would tell which names exist (after five tries)."""
    replies = {}
    for name in ("Dr Rivera", "Dr Nobody"):
        for _ in range(signing_in.MAX_PIN_FAILURES):
            with pytest.raises(PermissionDenied, match="do not match"):
                service.sign_in(name, "000000")
        with pytest.raises(SignInPaused) as info:
            service.sign_in(name, "000000")
        replies[name] = str(info.value)
    assert replies["Dr Rivera"] == replies["Dr Nobody"]
    with pytest.raises(PermissionDenied, match="do not match"):
        service.sign_in("Someone Else", "000000")  # another unknown name is not paused
    stored = " ".join(f"{e.actor} {e.record_id} {e.detail}" for e in audit.entries(service.db))
    assert "Nobody" not in stored and "nobody" not in stored and "Someone" not in stored


def test_a_signed_act_is_confirmed_only_by_an_active_account_with_its_pin(
        service: RecordsService, physician: User) -> None:
    """What a second physician's review uses: a deactivated account cannot confirm one, and a
    wrong PIN counts toward that account's pause."""
    second = service.create_user(physician, "Dr Second", "physician", "975310")
    assert signing_in.confirm_pin(service, "dr second", "975310") == second
    with pytest.raises(PermissionDenied, match="do not match"):
        signing_in.confirm_pin(service, "Dr Second", "000000")
    assert signing_in.recent_failures(service.db, str(second.id)) == 1
    Accounts(service).deactivate(physician, second.id)
    with pytest.raises(PermissionDenied, match="do not match"):
        signing_in.confirm_pin(service, "Dr Second", "975310")
    with pytest.raises(PermissionDenied):
        accounts.require(service, second, "physician")  # nor act with an old User object


def test_a_schema_2_database_gains_the_account_columns_on_both_backends(
        store: Store | PgStore, service: RecordsService, physician: User,
        db_path: Path) -> None:
    """The accounts migration on a database as the release before it left it (schema 2)."""
    previous = len(store.db.execute("SELECT * FROM users").fetchall())
    salt, digest = users.hash_pin("246810", scheme=users.SCHEME_PLAIN)  # as schema 2 kept it
    store.db.execute("UPDATE users SET pin_salt = ?, pin_hash = ? WHERE id = ?",
                     (salt, digest, physician.id))
    drops = ("DROP INDEX consultations_follow_up",  # (schema 5, made after this step)
             "DROP INDEX consultations_acknowledged",
             "ALTER TABLE consultations DROP COLUMN teach_back_follow_up",
             "ALTER TABLE consultations DROP COLUMN acknowledged",
             "DROP TABLE reviews",  # (schema 4, made after this step)
             "DROP INDEX audit_action_at", "DROP INDEX audit_action_record",
             "ALTER TABLE users DROP COLUMN last_sign_in",
             "ALTER TABLE users DROP COLUMN pin_scheme",
             "ALTER TABLE users DROP COLUMN pin_change_due",
             "ALTER TABLE audit_seal DROP COLUMN key_id")  # (schema 6)
    if not isinstance(store, PgStore):
        drops += ("ALTER TABLE audit DROP COLUMN server_mac",)  # (schema 7; PostgreSQL's
        # migration adds it only if it is missing)
    for statement in drops:
        store.db.execute(statement)
    if isinstance(store, PgStore):
        store.db.execute("UPDATE consultaid_schema SET version = 2")
        again: Store | PgStore = PgStore(store.url)
    else:
        store.db.execute("PRAGMA user_version = 2")
        store.close()
        again = Store(db_path)
    assert not again.read_only, again.problem
    assert again.schema_version() == len(SQLITE_MIGRATIONS) == len(POSTGRES_MIGRATIONS)
    upgraded = RecordsService(again)
    assert len(Accounts(upgraded).list()) == previous
    assert upgraded.sign_in("Dr Rivera", "246810") == physician  # its plain hash (scheme 1,
    # the new column's default) is rewritten under the pepper here and keeps working
    assert upgraded.sign_in("Dr Rivera", "246810") == physician
    assert Accounts(upgraded).list()[0].last_sign_in is not None
    again.close()


def _first_answer_lost(service: RecordsService, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first write commits, then its answer is lost (the server went away after COMMIT):
    the call is run again whole (records.retry), as the window's records thread does."""
    store = service.store
    real = store.transaction
    lost: list[int] = []

    @contextlib.contextmanager
    def transaction() -> Iterator[object]:
        with real() as db:
            yield db
        if not lost:
            lost.append(1)
            raise StoreUnavailable("The records server cannot be reached.")

    monkeypatch.setattr(store, "transaction", transaction)
    monkeypatch.setattr(store, "retry_seconds", 5.0, raising=False)
    return lost


def test_a_pin_reset_whose_answer_was_lost_is_not_made_twice(
        service: RecordsService, physician: User, front_desk: User,
        monkeypatch: pytest.MonkeyPatch) -> None:
    lost = _first_answer_lost(service, monkeypatch)
    service.reset_pin(physician, front_desk.id, "given by dr")
    assert lost == [1]
    assert _actions(service).count((physician.actor, "pin-reset", str(front_desk.id))) == 1
    monkeypatch.undo()
    assert service.sign_in("Pat Desk", "given by dr").pin_change_due
    assert service.verify() == []


def test_a_pin_change_whose_answer_was_lost_is_not_refused_on_the_retry(
        service: RecordsService, front_desk: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """The retry's "current PIN" is no longer the PIN: it must see its own change done,
    not say the PIN is wrong (and not count a wrong PIN)."""
    signed = service.sign_in("Pat Desk", "135791")  # (on the server: its session)
    lost = _first_answer_lost(service, monkeypatch)
    service.change_pin(signed, "135791", "my own passphrase")
    assert lost == [1]
    actions = _actions(service)
    assert actions.count((front_desk.actor, "pin-change", str(front_desk.id))) == 1
    assert not [a for a in actions if a[1] == "sign-in-failed"]
    monkeypatch.undo()
    assert service.sign_in("Pat Desk", "my own passphrase") == front_desk


def test_the_accounts_dialog_calls_keep_their_rules_through_the_service(
        service: RecordsService, physician: User, front_desk: User) -> None:
    """What File > Accounts… uses: the same rules as records.accounts, through one door."""
    assert [a.name for a in service.all_accounts()] == ["Dr Rivera", "Pat Desk"]
    with pytest.raises(PermissionDenied):
        service.set_account_active(front_desk, physician.id, False)
    service.set_account_active(physician, front_desk.id, False)
    service.set_account_active(physician, front_desk.id, False)  # already: nothing more
    assert not next(a for a in service.all_accounts() if a.name == "Pat Desk").active
    assert _actions(service).count((physician.actor, "user-deactivate", str(front_desk.id))) == 1
    service.set_account_active(physician, front_desk.id, True)
    with pytest.raises(ConsultaidError, match="Change my PIN"):
        service.reset_pin(physician, physician.id, "a new passphrase")
    owner, active = service.review_candidates("nothing-stored")
    assert owner == "" and {u.name for u in active} == {"Dr Rivera", "Pat Desk"}
