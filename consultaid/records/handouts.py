"""The handout as given: the exact PDF stored before it is printed or saved (completing a
draft first), reprinted byte for byte only while its checksum and the audit entry that gave it
agree, and the patient's acknowledgement of receipt and discussion (which adds a version, and
with a drawn signature a new handout-as-given)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from consultaid.domain import acknowledgement as acknowledging
from consultaid.domain.acknowledgement import Acknowledgement
from consultaid.domain.consultation import consultation_from_json, consultation_to_json
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records import audit, consultations
from consultaid.records import verify as verifying
from consultaid.records.accounts import require
from consultaid.records.base import Actor, Backend, RecordNotFound
from consultaid.records.consultations import sha256
from consultaid.records.store import StaleRecord, StoreError
from consultaid.settings import ClinicSettings

NONE_GIVEN = QT_TRANSLATE_NOOP("Records", "No handout has been given for this consultation yet.")


@dataclass(frozen=True)
class StoredHandout:
    id: int
    consultation_id: str
    consultation_version: int
    created_at: str
    sha256: str
    pack_version: str
    settings_json: str
    pdf: bytes


def _stored(row: Any) -> StoredHandout:
    return StoredHandout(row["id"], row["consultation_id"], row["consultation_version"],
                         row["created_at"], row["sha256"], row["pack_version"],
                         row["settings_json"], bytes(row["pdf"]))


def _settings_json(settings: ClinicSettings) -> str:
    return json.dumps(dataclasses.asdict(settings), default=str, sort_keys=True,
                      ensure_ascii=False)


def _insert(db: Any, consultation_id: str, version: int, at: str, actor: Actor, digest: str,
            pack_version: str, settings_json: str, pdf: bytes) -> int:
    return int(db.execute(
        "INSERT INTO handouts (consultation_id, consultation_version, created_at, "
        "created_by, sha256, pack_version, settings_json, pdf) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (consultation_id, version, at, actor.actor, digest, pack_version, settings_json,
         pdf)).fetchone()[0])


def record(service: Backend, actor: Actor, consultation_id: str, pdf: bytes,
           pack_version: str, settings: ClinicSettings, action: str = "print") -> StoredHandout:
    """Keep the exact PDF given to the patient; completes a draft first."""
    service.store.ensure_writable()
    require(service, actor, "physician")
    if action not in ("print", "save-pdf"):
        raise ValueError(action)
    consultations.complete(service, actor, consultation_id)
    settings_json = _settings_json(settings)
    digest = sha256(pdf)
    now = audit.now_utc()
    with service.store.transaction() as db:
        row = db.execute("SELECT version FROM consultations WHERE id = ?",
                         (consultation_id,)).fetchone()
        again = db.execute(
            "SELECT * FROM handouts WHERE consultation_id = ? ORDER BY id DESC LIMIT 1",
            (consultation_id,)).fetchone()
        if (service.retrying and again is not None and again["sha256"] == digest
                and again["consultation_version"] == row["version"]
                and again["created_by"] == actor.actor):
            # These very bytes were stored for this version by an attempt whose answer
            # was lost (the server went away at its COMMIT): not a second handout.
            return _stored(again)
        handout_id = _insert(db, consultation_id, row["version"], now, actor, digest,
                             pack_version, settings_json, pdf)
        db.execute("UPDATE consultations SET status = 'handout_given', updated_at = ? "
                   "WHERE id = ?", (now, consultation_id))
        audit.append(db, actor.actor, action, consultation_id, handout=handout_id,
                     sha256=digest)
    return StoredHandout(handout_id, consultation_id, row["version"], now,
                         digest, pack_version, settings_json, pdf)


def latest(service: Backend, consultation_id: str) -> StoredHandout | None:
    row = service.db.execute(
        "SELECT * FROM handouts WHERE consultation_id = ? ORDER BY id DESC LIMIT 1",
        (consultation_id,)).fetchone()
    return None if row is None else _stored(row)


def given(service: Backend, consultation_id: str) -> list[StoredHandout]:
    """Every handout given for a consultation, oldest first (a signature drawn on screen
    adds a version; the earlier one stays)."""
    rows = service.db.execute("SELECT * FROM handouts WHERE consultation_id = ? ORDER BY id",
                              (consultation_id,)).fetchall()
    return [_stored(r) for r in rows]


def vouched(service: Backend, handout: StoredHandout) -> bool:
    """The PDF matches its checksum, and the genuine audit entry that gave it names these
    very bytes (its checksum column alone proves nothing: whoever replaced the PDF could
    write that too)."""
    return (sha256(handout.pdf) == handout.sha256
            and verifying.handout_vouched(service.db, handout.id, handout.consultation_id,
                                          handout.sha256))


def reprint(service: Backend, actor: Actor, consultation_id: str) -> StoredHandout:
    """The handout exactly as given (byte-identical), for front desk or physician."""
    service.store.ensure_writable()
    require(service, actor, "physician", "front_desk", "system")
    handout = latest(service, consultation_id)
    if handout is None:
        raise RecordNotFound(NONE_GIVEN)
    if not vouched(service, handout):
        raise StoreError(QT_TRANSLATE_NOOP(
            "Records", "The stored handout does not match its checksum; run 'consultaid "
            "records verify' and restore a backup."))
    with service.store.transaction() as db:
        audit.append(db, actor.actor, "reprint", consultation_id, handout=handout.id,
                     sha256=handout.sha256)
    return handout


def acknowledge(service: Backend, actor: Actor, consultation_id: str, ack: Acknowledgement,
                signed_pdf: bytes | None = None,
                settings: ClinicSettings | None = None) -> int:
    """Record the patient's acknowledgement of receipt and discussion (not consent).

    ``ack.handout_sha256`` must name the latest stored handout of this consultation, and
    ``ack.pack_version`` its pack version. With a drawn signature, ``signed_pdf`` is the
    handout carrying it: stored as a *new* handout-as-given version (the earlier one stays
    as it was). The record gets a new kept version; both are audited. Returns the version.
    """
    service.store.ensure_writable()
    require(service, actor, "physician")
    found = acknowledging.problems(ack)
    if not ack.at or not ack.handout_sha256:
        found.append("it has no time or no handout")
    if found:
        raise ConsultaidError(f"The acknowledgement was not recorded: {found[0]}.")
    if (ack.method == "drawn") != (signed_pdf is not None):
        raise ValueError("a drawn signature, and only that, comes with its signed handout")
    with service.store.transaction() as db:
        row = consultations.current(db, consultation_id)
        if row is None:
            raise RecordNotFound(f"No consultation with ID {consultation_id!r}.")
        consultation = consultation_from_json(row["json"])
        if service.retrying and consultation.acknowledgement == ack:
            return int(row["version"])  # recorded by an attempt whose answer was lost
        last = db.execute(
            "SELECT id, sha256, pack_version, settings_json FROM handouts "
            "WHERE consultation_id = ? ORDER BY id DESC LIMIT 1",
            (consultation_id,)).fetchone()
        if row["status"] != "handout_given" or last is None:
            raise StoreError(QT_TRANSLATE_NOOP(
                "Records", "Give the handout first (print it or save it as a PDF); the "
                "acknowledgement refers to the handout as given."))
        if last["sha256"] != ack.handout_sha256 or last["pack_version"] != ack.pack_version:
            raise StaleRecord(QT_TRANSLATE_NOOP(
                "Records", "The acknowledgement refers to another version of the handout "
                "than the one stored last; open the record again."))
        if consultation.acknowledgement is not None:
            raise StoreError(QT_TRANSLATE_NOOP(
                "Records", "This consultation already has an acknowledgement on record."))
        consultation.acknowledgement = ack
        text = consultation_to_json(consultation)
        version = row["version"] + 1
        consultations.update(db, consultation_id, version,
                             consultations.columns(consultation, text), ack.at)
        consultations.snapshot(db, actor, consultation_id, version, row["status"],
                               "acknowledgement", text)
        audit.append(db, actor.actor, "acknowledge", consultation_id, version=version,
                     sha256=sha256(text.encode()), method=ack.method,
                     handout_sha256=ack.handout_sha256)
        if signed_pdf is not None:
            settings_json = (last["settings_json"] if settings is None
                             else _settings_json(settings))
            digest = sha256(signed_pdf)
            handout_id = _insert(db, consultation_id, version, audit.now_utc(), actor, digest,
                                 ack.pack_version, settings_json, signed_pdf)
            audit.append(db, actor.actor, "signed-handout", consultation_id,
                         handout=handout_id, sha256=digest, replaces=int(last["id"]))
    return int(version)
