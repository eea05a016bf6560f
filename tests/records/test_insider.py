"""Issue 25: the attacks of a dishonest insider who has the database (an SQL tool on the file, or
the workstations' server login), each performed as they would perform it, and each refused or
named by ``records verify``. Both backends unless a test says otherwise."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import psycopg
import pytest

from consultaid.domain.consultation import consultation_from_json, consultation_to_json
from consultaid.domain.errors import ConsultaidError
from consultaid.records import account_seal, audit, users
from consultaid.records.pg_store import PgStore
from consultaid.records.service import PermissionDenied, RecordsService, SearchQuery
from consultaid.records.store import Store, StoreError
from consultaid.records.users import User
from tests.records.conftest import drop_guard, only
from tests.records.test_audit_key import _rechain_with_sha256
from tests.records.test_service import example


def _forge_review(db: object, cid: str, reviewer_id: int) -> None:
    """One INSERT, no PIN, no key: what made a "signed" review before."""
    db.execute(  # type: ignore[attr-defined]
        "INSERT INTO reviews (consultation_id, reviewer_id, decision, comment, answers_sha256, "
        "signed_at) VALUES (?, ?, 'agreed', 'forged', ?, '2026-12-01T10:00:00.000+00:00')",
        (cid, reviewer_id, "0" * 64))


def test_a_review_inserted_with_sql_never_counts_and_verify_names_it(
        service: RecordsService, physician: User, second: User, draft: str) -> None:
    stored, _ = service.get(physician, draft)
    from consultaid.domain.signed_review import answers_digest

    service.db.execute(
        "INSERT INTO reviews (consultation_id, reviewer_id, decision, comment, answers_sha256, "
        "signed_at) VALUES (?, ?, 'agreed', '', ?, '2026-12-01T10:00:00.000+00:00')",
        (draft, physician.id, answers_digest(stored)))  # the treating physician, even
    assert service.signed_review(draft) is None
    assert service.waiting_for_review(second)[0].id == draft  # still waiting for a real one
    problems = service.verify()
    assert any("review 1 of consultation r1" in p and "outside consultaid" in p
               for p in problems), problems


def test_a_forged_review_does_not_hide_a_genuine_one(
        service: RecordsService, physician: User, second: User, draft: str) -> None:
    signed = service.sign_review("Dr Second", "864213", draft, "not_agreed", "Check the CRP.")
    _forge_review(service.db, draft, second.id)  # a newer row that says "agreed"
    assert service.signed_review(draft) == signed


def test_a_signed_review_changed_with_sql_no_longer_counts(
        service: RecordsService, physician: User, second: User, draft: str,
        store: Store | PgStore) -> None:
    service.sign_review("Dr Second", "864213", draft, "not_agreed", "No.")
    drop_guard(store, "reviews_no_update", "reviews")
    service.db.execute("UPDATE reviews SET decision = 'agreed'")
    assert service.signed_review(draft) is None
    assert any("review 1" in p for p in service.verify())


def test_a_signed_review_deleted_with_sql_is_named(
        service: RecordsService, physician: User, second: User, draft: str,
        store: Store | PgStore) -> None:
    service.sign_review("Dr Second", "864213", draft, "not_agreed", "No.")
    drop_guard(store, "reviews_no_delete", "reviews")
    service.db.execute("DELETE FROM reviews")
    assert any("review 1" in p and "deleted" in p for p in service.verify())


def _rechain_unkeyed_without_seal(store: Store | PgStore) -> None:
    """Attack 2: recompute the whole chain as plain SHA-256 (the 0.1.0 form), drop the seal
    (the guards already dropped)."""
    _rechain_with_sha256(store)
    store.db.execute("DELETE FROM audit_seal")


def test_an_unkeyed_chain_without_its_seal_is_never_a_fresh_start(
        service: RecordsService, physician: User, store: Store | PgStore) -> None:
    c = example("cancer")
    c.screening["cancer_status"] = "active"
    service.save_draft(physician, c)
    c.screening["cancer_status"] = "none"  # the answer rewritten, and its entry with it
    text = consultation_to_json(c)
    store.db.execute("UPDATE consultation_data SET json = ? WHERE id = 'cancer'", (text,))
    drop_guard(store, "audit_no_update", "audit")
    drop_guard(store, "audit_seal_no_delete", "audit_seal")
    row = store.db.execute("SELECT seq, detail FROM audit WHERE record_id = 'cancer' "
                           "AND action = 'create'").fetchone()
    detail = json.loads(row[1])
    detail["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    store.db.execute("UPDATE audit SET detail = ? WHERE seq = ?",
                     (json.dumps(detail, sort_keys=True, separators=(",", ":")), row[0]))
    _rechain_unkeyed_without_seal(store)
    # The next audited action (any sign-in) used to write a fresh seal over all of it.
    with pytest.raises(ConsultaidError, match="seal was removed"):
        service.sign_in("Dr Rivera", "246810")
    assert store.db.execute("SELECT count(*) FROM audit_seal").fetchone()[0] == 0
    problems = service.verify()
    assert problems and "no seal" in problems[0]
    assert consultation_from_json(text).screening["cancer_status"] == "none"


def test_an_account_made_physician_with_an_old_hash_cannot_sign_in_and_is_not_laundered(
        service: RecordsService, physician: User, front_desk: User) -> None:
    salt, digest = users.hash_pin("111111", scheme=users.SCHEME_PLAIN)  # a PIN the insider knows
    service.db.execute("UPDATE users SET role = 'physician', pin_salt = ?, pin_hash = ?, "
                       "pin_scheme = 1 WHERE id = ?", (salt, digest, front_desk.id))
    before = service.verify()
    assert any(f"account {front_desk.id}" in p for p in before)
    with pytest.raises(PermissionDenied, match="changed outside consultaid"):
        service.sign_in("Pat Desk", "111111")
    with pytest.raises(PermissionDenied, match="changed outside consultaid"):
        service.save_draft(front_desk, example("x"))  # a session already open: refused too
    row = service.db.execute(f"SELECT {account_seal.COLUMNS} FROM users WHERE id = ?",
                             (front_desk.id,)).fetchone()
    assert int(row["pin_scheme"]) == users.SCHEME_PLAIN  # not "upgraded", not re-sealed
    assert not account_seal.trusted(service.db, row)
    assert service.verify() == before


def test_a_deactivated_account_reactivated_with_sql_cannot_sign_in(
        service: RecordsService, physician: User, front_desk: User) -> None:
    from consultaid.records.accounts import Accounts

    Accounts(service).deactivate(physician, front_desk.id)
    service.db.execute("UPDATE users SET active = NOT active WHERE id = ?", (front_desk.id,))
    with pytest.raises(PermissionDenied):
        service.sign_in("Pat Desk", "135791")


@only("sqlite")
def test_a_rolled_back_database_is_held_and_reported(
        service: RecordsService, physician: User, store: Store, db_path: Path) -> None:
    """An older copy put back (or the -wal deleted after a crash) verified OK before: the
    anchor outside the database names it, at opening and in verify."""
    service.save_draft(physician, example("a1"))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    older = db_path.with_name("older.sqlite3")
    shutil.copyfile(db_path, older)
    service.save_draft(physician, example("a2"))  # acknowledged, then lost
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(older, db_path)
    again = Store(db_path)
    assert again.read_only and "rolled back" in again.problem
    rolled = RecordsService(again)
    assert any("rolled back" in p for p in rolled.verify())
    with pytest.raises(StoreError, match="rolled back"):
        rolled.save_draft(physician, example("a3"))
    rolled.accept_restore(physician)  # restored on purpose: audited, then writing goes on
    assert rolled.verify() == [] and not again.read_only
    assert rolled.save_draft(physician, example("a3"))
    assert "restore-accepted" in [e.action for e in audit.entries(again.db)]
    again.close()


@only("sqlite")
def test_a_database_sealed_under_another_key_is_named_and_held(
        service: RecordsService, physician: User, store: Store, db_path: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consultaid.records import installation_key

    service.save_draft(physician, example("k1"))
    store.close()
    monkeypatch.setenv("CONSULTAID_CONFIG_DIR", str(tmp_path / "other"))
    installation_key.installation_key(tmp_path / "other", create=True)
    again = Store(db_path)
    assert again.read_only and "another installation key" in again.problem
    assert "sealed by another installation key" in RecordsService(again).verify()[0]
    with pytest.raises(StoreError, match="another installation key"):
        RecordsService(again).save_draft(physician, example("k2"))
    again.close()


@only("sqlite")
def test_verify_of_a_half_truncated_file_is_one_line(
        service: RecordsService, physician: User, store: Store, db_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from consultaid.cli import main

    for i in range(30):
        service.save_draft(physician, example(f"t{i}", "x" * 400))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    for command in (["records", "verify"], ["records", "list"], ["records", "show", "t1"]):
        code = main(command)
        out, err = capsys.readouterr()
        assert code == 1, command
        assert "internal error" not in err + out and "Traceback" not in err
        assert "x" * 20 not in err + out  # never a damaged row's text


def test_verify_never_approves_an_empty_server_database(
        capsys: pytest.CaptureFixture[str], pg_url: str) -> None:
    from consultaid.cli import main

    code = main(["records", "verify"])
    out, err = capsys.readouterr()
    assert code == 1 and "holds no consultaid records" in err and not out
    with psycopg.connect(pg_url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                              ).fetchone()
    assert tables is not None and tables[0] == 0  # verify created nothing


@only("sqlite")
def test_import_refuses_the_leftovers_with_their_field(service: RecordsService,
                                                       physician: User) -> None:
    """Issue 25.6: a language that is a path, a teach-back point that is not the script's, an
    empty signature stroke (the handout then failed for good), and UTF-16 files."""
    from consultaid.domain.acknowledgement import Acknowledgement
    from consultaid.domain.acknowledgement import problems as ack_problems
    from consultaid.domain.errors import RecordError
    from tests.records.test_service import PACK

    def body(**change: object) -> dict[str, object]:
        data = json.loads(consultation_to_json(example("imp")))
        for path, value in change.items():
            where = data
            *parents, last = path.split("__")
            for part in parents:
                where = where[part]
            where[last] = value
        return data

    refused = {
        "handout.language": body(handout__language="/etc"),
        "teach_back.points[0].point_id": body(teach_back__points=[
            {"point_id": "../../etc", "outcome": "understood", "patient_words": ""}]),
    }
    for field, data in refused.items():
        with pytest.raises(RecordError) as info:
            service.import_json(physician, json.dumps(data), "x.json", PACK)
        assert str(info.value).startswith(field), (field, str(info.value))
    utf16 = json.dumps(body()).encode("utf-16")
    with pytest.raises(RecordError, match="not UTF-8"):
        service.import_json(physician, utf16, "x.json", PACK)
    assert service.search(SearchQuery()) == []

    empty = Acknowledgement(method="drawn", strokes=[[[10, 10], [20, 20]], []])
    assert "a signature stroke has no points" in ack_problems(empty)


def test_a_handout_replaced_with_its_checksum_is_not_reprinted(
        service: RecordsService, physician: User, front_desk: User,
        store: Store | PgStore) -> None:
    from consultaid.settings import ClinicSettings

    service.save_draft(physician, example("h1"))
    given = service.record_handout(physician, "h1", b"%PDF-genuine", "2026.12",
                                   ClinicSettings())
    assert service.reprint(front_desk, "h1").pdf == b"%PDF-genuine"
    drop_guard(store, "handouts_no_update", "handouts")
    forged = b"%PDF-forged"
    store.db.execute("UPDATE handouts SET pdf = ?, sha256 = ? WHERE id = ?",
                     (forged, hashlib.sha256(forged).hexdigest(), given.id))
    with pytest.raises(StoreError, match="does not match its checksum"):
        service.reprint(front_desk, "h1")
    assert any(f"handout {given.id}" in p for p in service.verify())


def test_the_open_time_check_agrees_with_verify_for_every_kind_of_record(
        service: RecordsService, physician: User, store: Store | PgStore) -> None:
    """Issue 26.3: every record with a drawn acknowledgement opened with "changed outside
    consultaid" though verify said all was well. The check made when a record opens is now
    verify's own, for each kind of record: no alarm until the record is really changed."""
    from tests.records.test_acknowledgement import PACK, STROKES, ack, given

    service.save_draft(physician, example("k-draft"))
    service.save_draft(physician, example("k-done"))
    service.complete(physician, "k-done")
    given(service, physician, "k-given")
    sha = given(service, physician, "k-signed")
    service.acknowledge(physician, "k-signed", ack(sha, "drawn", strokes=STROKES),
                        signed_pdf=b"%PDF-signed")
    service.save_draft(physician, example("k-amended"))
    service.complete(physician, "k-amended")
    amended, summary = service.get(physician, "k-amended")
    amended.notes = "corrected"
    service.amend(physician, amended, "typo", expected_version=summary.version)
    service.import_json(physician, consultation_to_json(example("k-imported")), "x.json", PACK)
    kinds = ["k-draft", "k-done", "k-given", "k-signed", "k-amended", "k-imported"]
    assert service.verify() == []
    for cid in kinds:
        assert service.get(physician, cid)[1].matches_audit, cid
    for cid in kinds:
        row = store.db.execute("SELECT json FROM consultation_data WHERE id = ?",
                               (cid,)).fetchone()
        store.db.execute("UPDATE consultation_data SET json = ? WHERE id = ?",
                         (str(row[0]).replace("Maria", "Mario"), cid))
        assert not service.get(physician, cid)[1].matches_audit, cid
        assert any(cid in p for p in service.verify()), cid


def test_a_reviewers_wrong_pins_count_against_the_reviewer_only(
        service: RecordsService, physician: User, second: User, draft: str) -> None:
    """Issue 26.5: the second physician's wrong PINs, typed at the treating physician's
    session, pause the reviewer's account, never the signed-in one's."""
    from consultaid.records.signing_in import MAX_PIN_FAILURES, recent_failures

    for _ in range(MAX_PIN_FAILURES):
        with pytest.raises(PermissionDenied, match="do not match"):
            service.sign_review("Dr Second", "000000", draft, "agreed")
    assert recent_failures(service.db, str(second.id)) == MAX_PIN_FAILURES
    assert recent_failures(service.db, str(physician.id)) == 0
    assert service.sign_in("Dr Rivera", "246810") == physician
