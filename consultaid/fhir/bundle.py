"""The consultation as one FHIR R4 Bundle of type ``document``.

Why a document and not a ``collection``: a document is FHIR's form for a clinical record that
is kept whole and read by people, which is what a consultation is. Its first entry, a
``Composition``, says what it is (a consult note), about whom, from which visit, by whom, and
gives each part a section with readable text (the screening, the review, the handout, the
acknowledgement). An EHR that understands each resource takes them one by one; one that only
files documents (OpenEMR's patient documents, IHE MHD/XDS document sharing) keeps the bundle as
it is and can still show it. A collection has no such entry point, title or narrative, and
would leave the receiver to guess how its resources belong together.

Every reference resolves inside the bundle: each entry's ``fullUrl`` is ``urn:uuid:<id>``,
with the resource's own ``id`` the same UUID.
"""

from __future__ import annotations

import uuid
from typing import Any

from fhirclient.models.bundle import Bundle, BundleEntry

from consultaid.content.pack import ContentPack
from consultaid.fhir import audit_events, encounter, handouts, people, provenance, screening, uris
from consultaid.fhir import composition as composing
from consultaid.fhir.elements import identifier, instant
from consultaid.fhir.source import BundleSource
from consultaid.settings import ClinicSettings


def entry_of(resource: Any) -> BundleEntry:
    made = BundleEntry()
    made.fullUrl = uris.full_url(resource.id)
    made.resource = resource
    return made


def build_bundle(source: BundleSource, pack: ContentPack, settings: ClinicSettings,
                 now: str, patient_id_system: str = "") -> dict[str, Any]:
    """The document Bundle as JSON (a dict), stamped ``now`` (UTC, ISO 8601);
    ``patient_id_system``: the clinic's ``[clinic] patient_id_system``."""
    c = source.consultation
    cid = c.consultation_id

    def new_id(role: str) -> str:
        return uris.entry_uuid(cid, role)

    patient = people.patient(new_id("patient"), c.patient, patient_id_system)
    physician = people.practitioner(new_id("physician"), c.physician)
    clinic = (people.clinic(new_id("clinic"), settings.clinic_name, settings.phone,
                            settings.email) if settings.clinic_name.strip() else None)
    panel = pack.condition(c.condition_id)
    visit = encounter.encounter(new_id("encounter"), cid, c.visit_date, patient.id,
                                physician.id,
                                panel.title if panel else c.condition_id,
                                clinic.id if clinic else None)
    response = screening.questionnaire_response(
        new_id("screening"), c, pack, source.result, review_status=source.review_status,
        draft=source.draft, patient_id=patient.id, encounter_id=visit.id,
        physician_id=physician.id)
    resources: list[Any] = [patient, physician, *([clinic] if clinic else []), visit, response]

    reviewed: list[Any] = []
    signed = source.signed_review
    if source.review_status == "signed" and signed is not None:
        reviewer = people.practitioner(new_id(f"reviewer/{signed.reviewer_id}"),
                                       signed.reviewer, signed.reviewer_id)
        reviewed = [provenance.review(new_id(f"review/{signed.id}"), signed, response.id,
                                      reviewer.id)]
        resources += [reviewer, *reviewed]

    documents: list[Any] = []
    previous: str | None = None
    for i, given in enumerate(source.handouts):
        doc = handouts.document_reference(
            new_id(f"handout/{given.id}"), pdf=given.pdf, sha256=given.sha256,
            created_at=given.created_at, language=c.handout.language,
            pack_version=given.pack_version, current=i == len(source.handouts) - 1,
            replaces=previous, patient_id=patient.id, encounter_id=visit.id,
            physician_id=physician.id,
            clinic_id=clinic.id if clinic else None)
        documents.append(doc)
        previous = doc.id
    resources += documents

    acknowledged: list[Any] = []
    ack = c.acknowledgement
    if ack is not None:
        by_sha = {d.identifier[0].value: d.id for d in documents}
        signer_id, signer_name = patient.id, c.patient.name
        if ack.signer == "representative":
            person = people.representative(new_id("representative"), patient.id,
                                           ack.representative, ack.relationship)
            resources.append(person)
            signer_id, signer_name = person.id, ack.representative
        acknowledged = [provenance.acknowledgement(
            new_id("acknowledgement"), ack, by_sha.get(ack.handout_sha256, visit.id),
            signer_id, signer_name)]
        resources += acknowledged

    documents_by_handout = {str(g.id): d.id for g, d in zip(source.handouts, documents,
                                                            strict=True)}
    trail = [audit_events.audit_event(
        new_id(f"audit/{entry.seq}"), entry, patient.id,
        documents_by_handout.get(str(entry.detail.get("handout", ""))))
        for entry in source.audit]
    resources += trail

    composition = composing.composition(
        new_id("composition"), source, pack, now, patient_id=patient.id, encounter_id=visit.id,
        physician_id=physician.id, clinic_id=clinic.id if clinic else None,
        sections=composing.Sections(response, reviewed, documents, acknowledged, trail))

    document = Bundle()
    document.id = str(uuid.uuid4())
    document.identifier = identifier(uris.RFC3986, f"urn:uuid:{document.id}")
    document.type = "document"
    document.timestamp = instant(now)
    document.entry = [entry_of(r) for r in (composition, *resources)]
    made: dict[str, Any] = type_first(document.as_json())
    return made


def type_first(value: Any) -> Any:
    """The JSON with ``resourceType`` first in every resource, as people read FHIR (the
    models write elements in alphabetical order), and plain values only."""
    if isinstance(value, list):
        return [type_first(v) for v in value]
    if isinstance(value, str):
        return str(value)  # a plain str: the pack's texts are str subclasses (Translatable)
    if not isinstance(value, dict):
        return value
    ordered = {"resourceType": value["resourceType"]} if "resourceType" in value else {}
    ordered.update((k, type_first(v)) for k, v in value.items() if k != "resourceType")
    return ordered
