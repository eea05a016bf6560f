"""Moving records in and out: a record imported from its JSON (refused whole when the app
could not use it), exported as JSON, or for another system (FHIR) only when it and its handouts
verify; the handouts alone for front desk; a record's audit trail. Every move is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from consultaid.content.languages import LANGUAGES
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import (
    Consultation,
    Patient,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.errors import RecordError
from consultaid.domain.screening import evaluate_screening
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records import audit, consultations, handouts
from consultaid.records import verify as verifying
from consultaid.records.accounts import require
from consultaid.records.base import Actor, Backend, RecordNotFound, RecordSummary
from consultaid.records.consultations import sha256
from consultaid.records.finding import fold, summary_of
from consultaid.records.handouts import StoredHandout
from consultaid.records.store import StoreError


@dataclass(frozen=True)
class HandoutExport:
    """What front desk may send to the health record: the handouts as given (oldest first) and
    whom they were given to, by whom, when, in which language; nothing clinical."""

    summary: RecordSummary
    patient: Patient
    physician: str
    visit_date: dt.date
    language: str
    handouts: list[StoredHandout]


def import_json(service: Backend, actor: Actor, text: str | bytes, source: str,
                pack: ContentPack | None = None) -> str:
    """Import one record; a malformed file writes nothing. Returns the consultation ID.

    With ``pack`` (every import a person makes), a record the app could not use with it is
    refused, as the screen and the handout would refuse it: answers to items the checklist
    lacks, choices it does not offer, impossible values, a condition or language it does
    not have, teach-back points not in its script; and an acknowledgement, which names a
    handout this installation never gave. (Without it: generated test data.)
    """
    service.store.ensure_writable()
    require(service, actor, "physician", "system")
    consultation = consultation_from_json(text)
    if pack is not None:
        check_usable(consultation, pack)
        if consultation.acknowledgement is not None:
            # The handout it names was given elsewhere: this installation never stored it.
            raise RecordError("acknowledgement", "refers to a handout this installation "
                              "never gave; the patient acknowledges a handout given here "
                              "(records move with their handouts by 'records migrate')")
    cid = consultation.consultation_id
    stored = consultation_to_json(consultation)
    cols = consultations.columns(consultation, stored)
    now = audit.now_utc()
    with service.store.transaction() as db:
        existing = consultations.current(db, cid)
        if (service.retrying and existing is not None and existing["json"] == stored
                and existing["version"] == 1):
            return cid  # imported by an attempt whose answer was lost
        if existing is not None:
            raise StoreError(f"{source}: a consultation with ID {cid!r} is already stored")
        consultations.insert(db, cid, "completed", cols, now)
        consultations.snapshot(db, actor, cid, 1, "completed", "imported", stored)
        audit.append(db, actor.actor, "import", cid, version=1,
                     sha256=sha256(stored.encode()))
    return cid


def export_json(service: Backend, actor: Actor, consultation_id: str) -> str:
    require(service, actor, "physician", "system")
    row = consultations.row(service, consultation_id)
    if not service.store.read_only:
        with service.store.transaction() as db:
            audit.append(db, actor.actor, "export", consultation_id, version=row["version"])
    return str(row["json"])


def export_record(service: Backend, actor: Actor, consultation_id: str, fmt: str
                  ) -> tuple[Consultation, RecordSummary, list[StoredHandout]]:
    """A record and its handouts as given, for an export in another form than its own JSON
    (``fmt``: "fhir"), audited as "export" with that format.

    What leaves for another system must be what consultaid wrote: a record that fails its
    own verification (:func:`consultaid.records.verify.one_record`), or a handout whose
    bytes no genuine audit entry vouches for, is refused and nothing is audited. Front desk
    is refused (the whole clinical record): :func:`export_handouts` is theirs."""
    require(service, actor, "physician", "system")
    row, given = _verified_for_export(service, consultation_id)
    if not service.store.read_only:
        with service.store.transaction() as db:
            audit.append(db, actor.actor, "export", consultation_id,
                         version=row["version"], format=fmt)
    return consultation_from_json(row["json"]), summary_of(row), given


def export_handouts(service: Backend, actor: Actor, consultation_id: str,
                    fmt: str) -> HandoutExport:
    """The handouts as given and who they were given to, for front desk (or a physician)
    to send to the health record: no clinical field of the record leaves with them.

    Audited as "export" with ``fmt`` and ``part`` "handouts"; refused, with nothing audited,
    when no handout was given or the record or a handout fails its verification."""
    require(service, actor, "physician", "front_desk", "system")
    row, given = _verified_for_export(service, consultation_id)
    if not given:
        raise RecordNotFound(handouts.NONE_GIVEN)
    if not service.store.read_only:
        with service.store.transaction() as db:
            audit.append(db, actor.actor, "export", consultation_id,
                         version=row["version"], format=fmt, part="handouts")
    consultation = consultation_from_json(row["json"])
    return HandoutExport(summary_of(row), consultation.patient, consultation.physician,
                         consultation.visit_date, consultation.handout.language, given)


def audit_trail(service: Backend, actor: Actor,
                consultation_id: str) -> list[tuple[audit.AuditEntry, str]]:
    """Every audit entry about one record, oldest first, each with the name of the account
    that made it ("" for the command line or an account no longer known): for a
    physician's export of the whole record."""
    require(service, actor, "physician", "system")
    names = {f"user:{r[0]}": str(r[1])
             for r in service.db.execute("SELECT id, name FROM users").fetchall()}
    return [(e, names.get(e.actor, "")) for e in audit.entries(service.db, consultation_id)]


def _verified_for_export(service: Backend,
                         consultation_id: str) -> tuple[Any, list[StoredHandout]]:
    """The record's row and its handouts, refused (StoreError) unless both verify."""
    row = consultations.row(service, consultation_id)
    if verifying.one_record(service.db, service.store.bytes_of("d.json"), consultation_id,
                            fold):
        raise StoreError(QT_TRANSLATE_NOOP(
            "Records", "consultation {cid} does not match its audit log (changed outside "
            "consultaid), so it was not exported; run 'consultaid records verify'"
        ).format(cid=consultation_id))
    given = handouts.given(service, consultation_id)
    for handout in given:
        if not handouts.vouched(service, handout):
            raise StoreError(QT_TRANSLATE_NOOP(
                "Records", "handout {handout} of consultation {cid} does not match its "
                "checksum or the audit log, so nothing was exported; run 'consultaid "
                "records verify'").format(handout=handout.id, cid=consultation_id))
    return row, given


def check_usable(consultation: Consultation, pack: ContentPack) -> None:
    """Raise RecordError naming the first field the app could not use with ``pack``."""
    result = evaluate_screening(consultation, pack.checklist, pack.rules)
    if result.problems:
        first = result.problems[0]
        raise RecordError(f"screening.{first.item_id}", first.message)
    problem = pack.condition_problem(consultation.condition_id)
    if problem:
        raise RecordError("condition_id", problem)
    if consultation.handout.language not in LANGUAGES:
        raise RecordError("handout.language", "is not a language consultaid has (known: "
                          f"{', '.join(sorted(LANGUAGES))})")
    points = {p.id for p in pack.script.points}
    for i, point in enumerate(consultation.teach_back.points):
        if point.point_id not in points:
            raise RecordError(f"teach_back.points[{i}].point_id",
                              "is not a point of the expectations script")
