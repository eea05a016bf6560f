"""The patient's acknowledgement on record (issue 17.2) and the records view's filters "teach-back
needs follow-up" and "not acknowledged" (17.4), on both backends."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.acknowledgement import Acknowledgement, clean_strokes, stamp
from consultaid.domain.consultation import Consultation, consultation_to_json
from consultaid.domain.errors import ConsultaidError, RecordError
from consultaid.records import audit, finding, pg_store
from consultaid.records import store as store_module
from consultaid.records.pg_store import PgStore
from consultaid.records.service import PermissionDenied, RecordsService, SearchQuery
from consultaid.records.store import StaleRecord, Store, StoreError
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.records.conftest import only

PACK = load_content("en").pack
STROKES = clean_strokes([[(10.4, 50.6), (60, 90), (120, 20)], [(200, 60)]])


def example(cid: str, *, not_understood: bool = False) -> Consultation:
    c = copy.deepcopy(example_consultation(PACK))
    c.consultation_id = cid
    first = PACK.script.points[0].id
    c.teach_back.set_point(first, outcome="not_yet_understood" if not_understood
                           else "understood")
    return c


def given(service: RecordsService, doctor: User, cid: str, pdf: bytes = b"%PDF-given") -> str:
    service.save_draft(doctor, example(cid))
    return service.record_handout(doctor, cid, pdf, PACK.version, ClinicSettings()).sha256


def ack(sha: str, method: str = "paper", **fields: object) -> Acknowledgement:
    return Acknowledgement(method=method, at=stamp(), handout_sha256=sha,  # type: ignore[arg-type]
                           pack_version=PACK.version, **fields)  # type: ignore[arg-type]


def test_paper_acknowledgement_is_a_new_kept_version_audited_and_listed(
        service: RecordsService, physician: User) -> None:
    sha = given(service, physician, "p1")
    assert [s.id for s in service.search(SearchQuery(not_acknowledged=True))] == ["p1"]
    version = service.acknowledge(physician, "p1", ack(sha))
    stored, summary = service.get(physician, "p1")
    assert stored.acknowledgement is not None
    assert stored.acknowledgement.method == "paper" and stored.acknowledgement.handout_sha256 == sha
    assert summary.version == version and summary.status == "handout_given"
    assert service.versions("p1")[-1][3] == "acknowledgement"
    assert service.search(SearchQuery(not_acknowledged=True)) == []
    entry = [e for e in audit.entries(service.db) if e.action == "acknowledge"]
    assert len(entry) == 1 and entry[0].detail["method"] == "paper"
    latest = service.latest_handout("p1")
    assert latest is not None and latest.sha256 == sha  # no new handout for a paper signature
    assert service.verify() == []


def test_drawn_signature_is_a_new_handout_version_the_earlier_one_kept(
        service: RecordsService, physician: User) -> None:
    sha = given(service, physician, "d1")
    first = service.latest_handout("d1")
    signed = b"%PDF-with-the-signature"
    service.acknowledge(physician, "d1", ack(sha, "drawn", strokes=STROKES), signed_pdf=signed)
    latest = service.latest_handout("d1")
    assert latest is not None and first is not None
    assert latest.pdf == signed and latest.id != first.id
    assert latest.sha256 == hashlib.sha256(signed).hexdigest()
    earlier = service.db.execute("SELECT pdf FROM handouts WHERE id = ?", (first.id,)).fetchone()
    assert bytes(earlier[0]) == b"%PDF-given"  # never a silent change of the earlier one
    assert service.reprint(physician, "d1").pdf == signed
    assert [e.action for e in audit.entries(service.db)][-3:] == [
        "acknowledge", "signed-handout", "reprint"]
    assert service.verify() == []


def test_the_record_with_its_strokes_exports_and_is_not_imported_elsewhere(
        service: RecordsService, physician: User, tmp_path: Path) -> None:
    """The strokes export as drawn. Issue 25.6: another installation never gave the handout
    the acknowledgement names, so it refuses the record (with the field) rather than keep an
    acknowledgement of nothing; whole databases move with their handouts (records migrate)."""
    sha = given(service, physician, "j1")
    service.acknowledge(physician, "j1", ack(sha, "drawn", strokes=STROKES), signed_pdf=b"%PDF")
    exported = service.export_json(physician, "j1")
    assert json.loads(exported)["acknowledgement"]["strokes"] == STROKES
    other = RecordsService(Store(tmp_path / "other.sqlite3"))
    doctor = other.create_user(None, "Dr Other", "physician", "112233")
    with pytest.raises(RecordError, match=r"^acknowledgement: .*never gave"):
        other.import_json(doctor, exported, "j1.json", PACK)
    assert other.summary("j1") is None
    other.store.close()


def test_acknowledgement_is_refused_when_it_cannot_be_right(
        service: RecordsService, physician: User, front_desk: User) -> None:
    service.save_draft(physician, example("r1"))
    with pytest.raises(StoreError, match="Give the handout first"):
        service.acknowledge(physician, "r1", ack("a" * 64))
    sha = given(service, physician, "r2")
    with pytest.raises(StaleRecord, match="another version of the handout"):
        service.acknowledge(physician, "r2", ack("b" * 64))
    with pytest.raises(ConsultaidError, match="witnessed"):
        service.acknowledge(physician, "r2", ack(sha, "verbal"))
    with pytest.raises(ConsultaidError, match="relationship"):
        service.acknowledge(physician, "r2", ack(sha, signer="representative",
                                                 representative="Ana Ruiz"))
    with pytest.raises(PermissionDenied):
        service.acknowledge(front_desk, "r2", ack(sha))
    service.acknowledge(physician, "r2", ack(sha, "verbal", witness="Nurse Lee"))
    with pytest.raises(StoreError, match="already has an acknowledgement"):
        service.acknowledge(physician, "r2", ack(sha))


def test_filters_teach_back_follow_up_and_not_acknowledged(
        service: RecordsService, physician: User) -> None:
    service.save_draft(physician, example("f1", not_understood=True))
    service.save_draft(physician, example("f2"))
    sha = given(service, physician, "f3")
    service.acknowledge(physician, "f3", ack(sha))
    follow = SearchQuery(teach_back_follow_up=True)
    assert [s.id for s in service.search(follow)] == ["f1"] and service.count(follow) == 1
    assert sorted(s.id for s in service.search(SearchQuery(not_acknowledged=True))) == [
        "f1", "f2"]
    both = SearchQuery(teach_back_follow_up=True, not_acknowledged=True, status="draft")
    assert [s.id for s in service.search(both)] == ["f1"]
    fixed = example("f1")  # the point understood at the next save: off the follow-up list
    service.save_draft(physician, fixed)
    assert service.search(follow) == []


def _migrated_with_a_record(store_kind: str, db_path: Path,
                            request: pytest.FixtureRequest,
                            monkeypatch: pytest.MonkeyPatch) -> Store | PgStore:
    """A database at the schema before the list columns, holding one record with a point not
    yet understood and one without, then opened by this version."""
    module = store_module if store_kind == "sqlite" else pg_store
    full = list(module.MIGRATIONS)
    monkeypatch.setattr(module, "MIGRATIONS", full[:3])
    monkeypatch.setattr(module, "SCHEMA_VERSION", 3)
    old: Store | PgStore = (Store(db_path) if store_kind == "sqlite"
                            else PgStore(request.getfixturevalue("pg_url")))
    for cid, flag in (("old-1", True), ("old-2", False)):
        text = consultation_to_json(example(cid, not_understood=flag))
        with old.transaction() as db:
            db.execute("INSERT INTO consultations (id, status, version, patient_name, "
                       "patient_id, search_text, visit_date, condition_id, physician, "
                       "created_at, updated_at) VALUES (?, 'draft', 1, 'n', '', 'n', "
                       "'2026-11-16', '', '', 'x', 'x')", (cid,))
            db.execute("INSERT INTO consultation_data (id, json) VALUES (?, ?)", (cid, text))
    old.close()
    monkeypatch.setattr(module, "MIGRATIONS", full)
    monkeypatch.setattr(module, "SCHEMA_VERSION", len(full))
    return Store(db_path) if store_kind == "sqlite" else PgStore(
        request.getfixturevalue("pg_url"))


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_migration_fills_the_follow_up_column_from_stored_records(
        kind: str, db_path: Path, request: pytest.FixtureRequest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    upgraded = _migrated_with_a_record(kind, db_path, request, monkeypatch)
    rows = upgraded.db.execute("SELECT id, teach_back_follow_up, acknowledged FROM consultations "
                               "ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("old-1", 1, 0), ("old-2", 0, 0)]
    upgraded.close()


@only("sqlite")  # the plan SQLite chooses; PostgreSQL's planner needs real data (benchmark)
def test_the_filters_are_indexed_queries(service: RecordsService) -> None:
    for column, query in (("consultations_follow_up", SearchQuery(teach_back_follow_up=True)),
                          ("consultations_acknowledged", SearchQuery(not_acknowledged=True))):
        where, args = finding._where(query)
        plan = service.db.execute(
            "EXPLAIN QUERY PLAN SELECT id, status, version, patient_name, patient_id, "
            f"visit_date, condition_id, physician, updated_at FROM consultations{where} "
            "ORDER BY visit_date DESC, id LIMIT 200", args).fetchall()
        text = " ".join(str(r[-1]) for r in plan)
        assert f"INDEX {column}" in text and "TEMP B-TREE" not in text, text
    assert isinstance(service.db, sqlite3.Connection)
