"""The handouts alone, as front desk may send them to the health record: a FHIR R4 Bundle of
type ``collection``.

Why a collection and not a document: a FHIR document must open with a Composition that is
about the visit and names its sections, and that would be the clinical record (the screening,
the review) front desk may not hand out. A collection is FHIR's form for resources that are
sent together with no more claimed about them. It holds each handout as given (a
DocumentReference, the PDF byte for byte) and what those refer to, so that every reference
resolves inside the bundle: the Patient (its subject), the physician who gave it (its author)
and the clinic (its custodian). No Encounter: its reason is the patient's condition, so the
visit is given by its date alone (``context.period``).

The entries have the same ``urn:uuid`` names as in the physician's full document
(:mod:`consultaid.fhir.uris`), so an EHR that receives both files the same Patient and the
same DocumentReferences once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from fhirclient.models.bundle import Bundle

from consultaid.domain.consultation import Patient as PatientData
from consultaid.fhir import handouts, people, uris
from consultaid.fhir.bundle import entry_of, type_first
from consultaid.fhir.elements import identifier, instant
from consultaid.fhir.source import GivenHandout
from consultaid.settings import ClinicSettings


def build_handout_bundle(consultation_id: str, patient_data: PatientData, physician_name: str,
                         visit_date: dt.date, language: str, given: list[GivenHandout],
                         settings: ClinicSettings, now: str, patient_id_system: str = ""
                         ) -> dict[str, Any]:
    """The collection Bundle as JSON (a dict): ``given`` oldest first, stamped ``now``."""

    def new_id(role: str) -> str:
        return uris.entry_uuid(consultation_id, role)

    patient = people.patient(new_id("patient"), patient_data, patient_id_system)
    physician = people.practitioner(new_id("physician"), physician_name)
    clinic = (people.clinic(new_id("clinic"), settings.clinic_name, settings.phone,
                            settings.email) if settings.clinic_name.strip() else None)
    documents: list[Any] = []
    previous: str | None = None
    for i, handout in enumerate(given):
        doc = handouts.document_reference(
            new_id(f"handout/{handout.id}"), pdf=handout.pdf, sha256=handout.sha256,
            created_at=handout.created_at, language=language,
            pack_version=handout.pack_version, current=i == len(given) - 1,
            replaces=previous, patient_id=patient.id, encounter_id=None,
            physician_id=physician.id, clinic_id=clinic.id if clinic else None,
            visit=visit_date)
        documents.append(doc)
        previous = doc.id

    collection = Bundle()
    collection.id = str(uuid.uuid4())
    collection.identifier = identifier(uris.RFC3986, f"urn:uuid:{collection.id}")
    collection.type = "collection"
    collection.timestamp = instant(now)
    collection.entry = [entry_of(r) for r in (*documents, patient, physician,
                                            *([clinic] if clinic else []))]
    made: dict[str, Any] = type_first(collection.as_json())
    return made
