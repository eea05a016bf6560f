"""The two ways in: a stored record (read through the records service, audited as an export)
or a consultation file. Both give a :class:`FhirExport`: the bundle, and what to tell the user.

The app's File > Export for the health record… calls :func:`export_for_health_record`: a
physician gets :func:`export_record` (the whole document), front desk :func:`export_handouts`
(the handouts as given only); it writes :meth:`FhirExport.text`. The command line calls
:func:`export_record` too.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fhirclient.models.fhirabstractbase import FHIRValidationError

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, Review
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.screening import evaluate_screening
from consultaid.domain.signed_review import review_state
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.domain.vocabulary import Role
from consultaid.fhir.bundle import build_bundle
from consultaid.fhir.handout_bundle import build_handout_bundle
from consultaid.fhir.source import AuditRecord, BundleSource, GivenHandout
from consultaid.records.service import Actor, RecordsService
from consultaid.settings import ClinicSettings


class FhirExportError(ConsultaidError):
    """The record cannot be written as FHIR; the message names the record and the field."""


@dataclass
class FhirExport:
    bundle: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    """What the user should know about what was (not) exported; IDs and fields, no patient
    data."""

    def text(self) -> str:
        return json.dumps(self.bundle, ensure_ascii=False, indent=2) + "\n"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _source(consultation: Consultation, pack: ContentPack, review_status: str, **rest: Any
            ) -> BundleSource:
    result = evaluate_screening(consultation, pack.checklist, pack.rules)
    if result.problems:
        first = result.problems[0]
        raise FhirExportError(f"consultation {consultation.consultation_id}: "
                              f"screening.{first.item_id} {first.message}; it was not exported")
    if pack.condition(consultation.condition_id) is None:
        raise FhirExportError(f"consultation {consultation.consultation_id}: condition_id "
                              "names no condition of the content pack; it was not exported")
    return BundleSource(consultation, result, review_status, **rest)


def _built(source: BundleSource, pack: ContentPack, settings: ClinicSettings,
           patient_id_system: str, now: str | None) -> dict[str, Any]:
    try:
        return build_bundle(source, pack, settings, now or _now(), patient_id_system)
    except FHIRValidationError as exc:  # a value FHIR cannot carry; the path, never the value
        raise FhirExportError(f"consultation {source.consultation.consultation_id}: FHIR "
                              f"refused {exc.path or 'an element'}; it was not exported"
                              ) from None


NO_HANDOUT = QT_TRANSLATE_NOOP(
    "FhirExport", "consultation {cid} has no handout given: exported without a "
    "DocumentReference")
REVIEW_OUT_OF_DATE = QT_TRANSLATE_NOOP(
    "FhirExport", "consultation {cid}: its signed review no longer covers the answers "
    "(changed after it); exported without the review's Provenance, the verdict as pending "
    "review")
REVIEW_AS_TYPED = QT_TRANSLATE_NOOP(
    "FhirExport", "consultation {cid}: the second physician's review in the file is exported "
    "as it was typed; it was not checked against a signed review in the records")
NO_ID_SYSTEM = QT_TRANSLATE_NOOP(
    "FhirExport", "[clinic] patient_id_system is not set in settings.toml: the patient ID is "
    "exported without its system")
HANDOUTS_ONLY = QT_TRANSLATE_NOOP(
    "FhirExport", "consultation {cid}: the handouts as given only ({count}), with the patient "
    "they were given to; nothing clinical")


def _notes(source: BundleSource, patient_id_system: str) -> list[str]:
    cid = source.consultation.consultation_id
    notes: list[str] = []
    if not source.handouts:
        notes.append(NO_HANDOUT.format(cid=cid))
    if source.review_status == "out_of_date":
        notes.append(REVIEW_OUT_OF_DATE.format(cid=cid))
    if source.review_status == "not_verified" and source.consultation.review.decision != (
            "pending"):
        notes.append(REVIEW_AS_TYPED.format(cid=cid))
    if not patient_id_system and source.consultation.patient.clinic_patient_id.strip():
        notes.append(NO_ID_SYSTEM)
    return notes


def export_record(service: RecordsService, actor: Actor, consultation_id: str,
                  pack_for: Callable[[str], ContentPack], settings: ClinicSettings,
                  patient_id_system: str = "", now: str | None = None) -> FhirExport:
    """A stored record as a FHIR document (audited as "export", format "fhir"), its texts
    from ``pack_for(language)``, the content in the record's handout language.

    The verdict is the one the app shows: a signed, current review counts, a review typed into
    the record does not. Refused (:class:`FhirExportError` or the records' own errors) when the
    record fails its verification or cannot be screened with ``pack``."""
    consultation, summary, handouts = service.export_record(actor, consultation_id, "fhir")
    signed = service.signed_review(consultation_id)
    state = review_state(consultation, signed, records=True)
    screened = copy.deepcopy(consultation)
    if state.status == "signed" and signed is not None:
        screened.review = Review(signed.reviewer, signed.decision,  # type: ignore[arg-type]
                                 dt.datetime.fromisoformat(signed.signed_at).date(),
                                 signed.comment)
    else:
        screened.review = Review()
    pack = pack_for(consultation.handout.language)
    given = [GivenHandout(h.id, h.pdf, h.sha256, h.created_at, h.pack_version)
             for h in handouts]
    trail = [AuditRecord(e.seq, e.at, e.actor, name, e.action, e.detail)
             for e, name in service.audit_trail(actor, consultation_id)]
    source = _source(screened, pack, state.status, signed_review=signed, handouts=given,
                     draft=summary.status == "draft", audit=trail)
    return FhirExport(_built(source, pack, settings, patient_id_system, now),
                      _notes(source, patient_id_system))


def export_file(consultation: Consultation, pack: ContentPack, settings: ClinicSettings,
                patient_id_system: str = "", now: str | None = None) -> FhirExport:
    """A consultation file as a FHIR document: no handout, no signed review (a file has
    neither); its review is taken as typed, and said so."""
    source = _source(consultation, pack, "not_verified")
    return FhirExport(_built(source, pack, settings, patient_id_system, now),
                      _notes(source, patient_id_system))


def export_handouts(service: RecordsService, actor: Actor, consultation_id: str,
                    settings: ClinicSettings, patient_id_system: str = "",
                    now: str | None = None) -> FhirExport:
    """The handouts as given of a stored record as a FHIR ``collection`` (front desk may send
    these; audited as "export", format "fhir", part "handouts"): each a DocumentReference with
    the PDF byte for byte, and the Patient, physician and clinic they refer to
    (:mod:`consultaid.fhir.handout_bundle`). Refused when no handout was given, or the record
    or a handout fails its verification."""
    given = service.export_handouts(actor, consultation_id, "fhir")
    handouts = [GivenHandout(h.id, h.pdf, h.sha256, h.created_at, h.pack_version)
                for h in given.handouts]
    try:
        bundle = build_handout_bundle(consultation_id, given.patient, given.physician,
                                      given.visit_date, given.language, handouts, settings,
                                      now or _now(), patient_id_system)
    except FHIRValidationError as exc:
        raise FhirExportError(f"consultation {consultation_id}: FHIR refused "
                              f"{exc.path or 'an element'}; it was not exported") from None
    notes: list[str] = [HANDOUTS_ONLY.format(cid=consultation_id, count=len(handouts))]
    if not patient_id_system and given.patient.clinic_patient_id.strip():
        notes.append(NO_ID_SYSTEM)
    return FhirExport(bundle, notes)


def export_for_health_record(service: RecordsService, actor: Actor, consultation_id: str,
                             pack_for: Callable[[str], ContentPack], settings: ClinicSettings,
                             patient_id_system: str = "", now: str | None = None
                             ) -> FhirExport:
    """What ``actor`` may send to the health record (File > Export for the health record…): a
    physician the whole document (:func:`export_record`), front desk the handouts as given
    only (:func:`export_handouts`). The records service checks the role again, from the
    accounts as stored: front desk asking for the whole record is refused there."""
    if actor.role == Role.FRONT_DESK:
        return export_handouts(service, actor, consultation_id, settings, patient_id_system,
                               now)
    return export_record(service, actor, consultation_id, pack_for, settings,
                         patient_id_system, now)
