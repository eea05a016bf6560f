"""Upgrading keeps records: databases written by earlier releases open, upgrade and verify."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consultaid.records.migrate import copy_store
from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService, SearchQuery, SystemActor
from consultaid.records.store import SCHEMA_VERSION, Store

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("release-*.sqlite3"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_database_from_an_earlier_release_opens_and_keeps_everything(
    fixture: Path, tmp_path: Path
) -> None:
    db = tmp_path / "consultaid.sqlite3"
    shutil.copy(fixture, db)
    store = Store(db)
    assert not store.read_only, store.problem
    assert store.schema_version() == SCHEMA_VERSION
    _keeps_everything(store)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_database_from_an_earlier_release_moves_to_a_server_and_keeps_everything(
    fixture: Path, tmp_path: Path, pg_url: str
) -> None:
    """The upgrade path to PostgreSQL: the release's file upgraded, then `records migrate`."""
    db = tmp_path / "consultaid.sqlite3"
    shutil.copy(fixture, db)
    source = Store(db)
    target = PgStore(pg_url)
    moved = copy_store(source, target, SystemActor("it"))
    assert moved.counts["consultations"] == 3 and moved.counts["handouts"] == 1
    source.close()
    assert target.schema_version() == SCHEMA_VERSION
    _keeps_everything(target)


def _keeps_everything(store: Store | PgStore) -> None:
    service = RecordsService(store)
    assert service.verify() == []
    assert service.count(SearchQuery()) == 3
    assert {u.role for u in service.users()} == {"physician", "front_desk"}
    doctor = service.sign_in("Dr Fixture", "2468")  # its 4-digit PIN from release 0.1.0
    assert doctor.pin_change_due  # asked for a longer one; the hash is now peppered
    assert service.db.execute("SELECT pin_scheme FROM users WHERE id = ?",
                              (doctor.id,)).fetchone()[0] == 2
    consultation, summary = service.get(doctor, "release-fixture-0")
    assert consultation.patient.name == "Ann <b>& Co"
    assert consultation.notes == "Amended note."
    # Release 0.1.0 wrote one teach-back text (record schema 1); it is kept as the general note.
    assert consultation.teach_back.note.startswith(
        "It might ease the inflammation for a while, but it may not work for me.")
    assert consultation.teach_back.points == []
    assert summary.status == "handout_given" and summary.matches_audit
    assert [v[3] for v in service.versions("release-fixture-0")] == ["completed",
                                                                      "Corrected the note"]
    handout = service.reprint(doctor, "release-fixture-0")
    assert handout.pdf == b"%PDF-1.4 fixture handout"
    assert service.search(SearchQuery(text="jose"))[0].id == "release-fixture-1"
    # The sign-in rewrote the old PIN hash under the pepper: stated in the audit, verify holds.
    assert service.verify() == []
    store.close()


def test_there_is_a_fixture_for_the_first_release() -> None:
    assert any(f.name == "release-0.1.0.sqlite3" for f in FIXTURES)
