"""Writing and opening consultations: a draft saved (and saved again), completed, amended with
a reason, opened (audited as a view), and its kept versions listed.

Every write checks the version the workstation opened (optimistic versioning: another
workstation's save is never silently overwritten) and is audited in the same transaction. The
row helpers here are shared with the handouts (an acknowledgement adds a version) and the
import."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from consultaid.domain.consultation import (
    Consultation,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.teach_back import needs_follow_up
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records import audit
from consultaid.records import verify as verifying
from consultaid.records.accounts import require
from consultaid.records.base import Actor, Backend, RecordNotFound, RecordSummary
from consultaid.records.finding import fold, summary_of
from consultaid.records.store import StaleRecord, StoreError

Row = Any
"""A result row, read by position or by column name (sqlite3.Row or pg_store.Row)."""

STALE = QT_TRANSLATE_NOOP(
    "Records", "This consultation was changed on another workstation after you opened it, so "
    "your changes were not saved over it. Open it again to see the stored version; your changes "
    "are still on this screen.")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def row(service: Backend, consultation_id: str) -> Row:
    """The consultation's row with its JSON; RecordNotFound if there is none."""
    found = service.db.execute(
        "SELECT c.*, d.json FROM consultations c JOIN consultation_data d ON d.id = c.id "
        "WHERE c.id = ?", (consultation_id,)).fetchone()
    if found is None:
        raise RecordNotFound(f"No consultation with ID {consultation_id!r}.")
    return found


def columns(c: Consultation, text: str) -> dict[str, Any]:
    """The list and search columns of a consultation whose JSON is ``text``."""
    return {
        "patient_name": c.patient.name, "patient_id": c.patient.clinic_patient_id,
        "search_text": fold(f"{c.patient.name}\n{c.patient.clinic_patient_id}"),
        "visit_date": c.visit_date.isoformat(), "condition_id": c.condition_id,
        "physician": c.physician, "json": text,
        "follow_up": int(needs_follow_up(c.teach_back)),
        "acknowledged": int(c.acknowledgement is not None),
    }


def insert(db: Any, cid: str, status: str, cols: dict[str, Any], now: str) -> None:
    db.execute(
        "INSERT INTO consultations (id, status, version, patient_name, patient_id, "
        "search_text, visit_date, condition_id, physician, created_at, updated_at, "
        "teach_back_follow_up, acknowledged) "
        "VALUES (:id, :status, 1, :patient_name, :patient_id, :search_text, :visit_date, "
        ":condition_id, :physician, :now, :now, :follow_up, :acknowledged)",
        {**cols, "id": cid, "status": status, "now": now})
    db.execute("INSERT INTO consultation_data (id, json) VALUES (?, ?)", (cid, cols["json"]))


def update(db: Any, cid: str, version: int, cols: dict[str, Any], now: str) -> None:
    """Write version ``version`` over ``version - 1``; refused if another workstation
    wrote since this one read (optimistic versioning: never a silent overwrite)."""
    cur = db.execute(
        "UPDATE consultations SET version = :version, patient_name = :patient_name, "
        "patient_id = :patient_id, search_text = :search_text, visit_date = :visit_date, "
        "condition_id = :condition_id, physician = :physician, updated_at = :now, "
        "teach_back_follow_up = :follow_up, acknowledged = :acknowledged "
        "WHERE id = :id AND version = :previous",
        {**cols, "id": cid, "now": now, "version": version, "previous": version - 1})
    if cur.rowcount != 1:
        raise StaleRecord(STALE)
    db.execute("UPDATE consultation_data SET json = ? WHERE id = ?", (cols["json"], cid))


def current(db: Any, cid: str) -> Row | None:
    """Status, version and JSON of a consultation, inside a transaction (None if none)."""
    return db.execute(
        "SELECT c.status, c.version, d.json FROM consultations c "
        "JOIN consultation_data d ON d.id = c.id WHERE c.id = ?", (cid,)).fetchone()


def _check_version(found: Row, expected_version: int | None) -> None:
    if expected_version is not None and found["version"] != expected_version:
        raise StaleRecord(STALE)


def snapshot(db: Any, actor: Actor, cid: str, version: int, status: str, reason: str,
             text: str) -> None:
    """Keep this version for good (``consultation_versions`` is append-only)."""
    db.execute(
        "INSERT INTO consultation_versions (consultation_id, version, status, saved_at, "
        "saved_by, reason, json) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (cid, version, status, audit.now_utc(), actor.actor, reason, text))


def save_draft(service: Backend, actor: Actor, consultation: Consultation,
               expected_version: int | None = None) -> bool:
    """Create or update a draft. Returns False when nothing had changed (nothing written).

    ``expected_version``: the version this workstation opened; if the stored one is newer
    (saved on another workstation meanwhile), :class:`StaleRecord` and nothing is written.
    """
    service.store.ensure_writable()
    require(service, actor, "physician")
    text = consultation_to_json(consultation)
    cols = columns(consultation, text)
    now = audit.now_utc()
    with service.store.transaction() as db:
        found = current(db, consultation.consultation_id)
        if found is None:
            insert(db, consultation.consultation_id, "draft", cols, now)
            audit.append(db, actor.actor, "create", consultation.consultation_id,
                         version=1, sha256=sha256(text.encode()))
            return True
        if found["status"] != "draft":
            raise StoreError(QT_TRANSLATE_NOOP(
                "Records", "This consultation is completed; changes need an amendment, "
                "which keeps the earlier version."))
        if found["json"] == text:
            return False
        _check_version(found, expected_version)
        version = found["version"] + 1
        update(db, consultation.consultation_id, version, cols, now)
        audit.append(db, actor.actor, "edit", consultation.consultation_id,
                     version=version, sha256=sha256(text.encode()))
        return True


def complete(service: Backend, actor: Actor, consultation_id: str) -> None:
    """draft -> completed; the completed version is kept for good."""
    service.store.ensure_writable()
    require(service, actor, "physician")
    with service.store.transaction() as db:
        found = current(db, consultation_id)
        if found is None:
            raise RecordNotFound(f"No consultation with ID {consultation_id!r}.")
        if found["status"] != "draft":
            return
        done = db.execute("UPDATE consultations SET status = 'completed', updated_at = ? "
                          "WHERE id = ? AND version = ? AND status = 'draft'",
                          (audit.now_utc(), consultation_id, found["version"]))
        if done.rowcount != 1:
            raise StaleRecord(STALE)
        snapshot(db, actor, consultation_id, found["version"], "completed", "completed",
                 found["json"])
        audit.append(db, actor.actor, "complete", consultation_id, version=found["version"],
                     sha256=sha256(found["json"].encode()))


def amend(service: Backend, actor: Actor, consultation: Consultation, reason: str,
          expected_version: int | None = None) -> int:
    """Change a completed consultation; the earlier version stays. Returns the new version.

    ``expected_version`` as for :func:`save_draft`."""
    service.store.ensure_writable()
    require(service, actor, "physician")
    if not reason.strip():
        raise ConsultaidError(QT_TRANSLATE_NOOP("Records", "Give a reason for the amendment."))
    cid = consultation.consultation_id
    text = consultation_to_json(consultation)
    cols = columns(consultation, text)
    with service.store.transaction() as db:
        found = current(db, cid)
        if found is None:
            raise RecordNotFound(f"No consultation with ID {cid!r}.")
        if found["status"] == "draft":
            raise StoreError(QT_TRANSLATE_NOOP(
                "Records", "This consultation is still a draft; save it instead."))
        if (service.retrying and expected_version is not None
                and found["version"] == expected_version + 1 and found["json"] == text):
            return int(found["version"])  # written by an attempt whose answer was lost
        _check_version(found, expected_version)
        version = found["version"] + 1
        update(db, cid, version, cols, audit.now_utc())
        snapshot(db, actor, cid, version, found["status"], reason.strip(), text)
        audit.append(db, actor.actor, "amend", cid, version=version,
                     sha256=sha256(text.encode()))
    return int(version)


def get(service: Backend, actor: Actor,
        consultation_id: str) -> tuple[Consultation, RecordSummary]:
    """Open a record (audited as a view). Front desk gets summaries and the stored
    handouts, never the full clinical record (issue 12.10)."""
    require(service, actor, "physician", "system")
    found = row(service, consultation_id)
    if not service.store.read_only:
        with service.store.transaction() as db:
            audit.append(db, actor.actor, "view", consultation_id, version=found["version"])
    matches = not verifying.one_record(service.db, service.store.bytes_of("d.json"),
                                       consultation_id, fold)
    summary = dataclasses.replace(summary_of(found), matches_audit=matches)
    return consultation_from_json(found["json"]), summary


def versions(service: Backend, consultation_id: str) -> list[tuple[int, str, str, str]]:
    """(version, status, saved_at, reason) of every kept version, oldest first."""
    rows = service.db.execute(
        "SELECT version, status, saved_at, reason FROM consultation_versions "
        "WHERE consultation_id = ? ORDER BY version", (consultation_id,))
    return [(r[0], r[1], r[2], r[3]) for r in rows]
