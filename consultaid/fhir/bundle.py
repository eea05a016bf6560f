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
from dataclasses import dataclass, field
from typing import Any

from fhirclient.models.bundle import Bundle, BundleEntry
from fhirclient.models.composition import Composition, CompositionSection

from consultaid.content.pack import ContentPack
from consultaid.domain.acknowledgement import METHOD_LABELS
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult
from consultaid.domain.signed_review import SignedReview
from consultaid.fhir import encounter, handouts, people, provenance, screening, uris
from consultaid.fhir.elements import coding, concept, date_time, identifier, instant, narrative
from consultaid.fhir.elements import reference as ref
from consultaid.settings import ClinicSettings


@dataclass(frozen=True)
class GivenHandout:
    """One handout as given, as the records keep it."""

    id: int
    pdf: bytes
    sha256: str
    created_at: str
    pack_version: str


@dataclass
class BundleSource:
    """Everything a bundle is made of; the records or a consultation file fill it."""

    consultation: Consultation
    """With ``review`` as the verdict is to use it (a signed, current review's, or pending)."""
    result: ScreeningResult
    review_status: str
    """signed, out_of_date, pending or not_verified (domain.signed_review.ReviewStatus)."""
    signed_review: SignedReview | None = None
    """Exported as a Provenance when ``review_status`` is "signed"."""
    handouts: list[GivenHandout] = field(default_factory=list)
    """Oldest first."""
    draft: bool = False


def _entry(resource: Any) -> BundleEntry:
    made = BundleEntry()
    made.fullUrl = uris.full_url(resource.id)
    made.resource = resource
    return made


def _section(title: str, entries: list[Any], *lines: str) -> CompositionSection:
    made = CompositionSection()
    made.title = title
    made.text = narrative(*lines)
    made.entry = [ref(r.id) for r in entries] or None
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

    verdict = pack.verdicts[source.result.verdict].label
    composition = Composition()
    composition.id = new_id("composition")
    composition.status = "preliminary" if source.draft else "final"
    composition.type = concept(coding(uris.LOINC, "11488-4", "Consult note"))
    composition.subject = ref(patient.id)
    composition.encounter = ref(visit.id)
    composition.date = date_time(now)
    composition.author = [ref(physician.id)]
    composition.title = "Consultation on mesenchymal stem cell therapy"
    composition.custodian = ref(clinic.id) if clinic else None
    composition.text = narrative(
        f"Consultation {cid} on {c.visit_date.isoformat()}"
        + (f" with {c.physician}" if c.physician.strip() else "") + ".")
    composition.section = [
        _section("Screening", [response],
                 f"Verdict: {verdict}.",
                 *[f"{pack.verdicts[r.verdict].label}: {r.physician}"
                   for r in source.result.reasons]),
        _section("Second physician's review", reviewed,
                 screening.REVIEW_STATES.get(source.review_status, source.review_status)
                 + "."),
        _section("Handout as given", documents,
                 f"{len(documents)} handout(s) as given, the PDF exactly as stored."
                 if documents else "No handout has been given for this consultation."),
        _section("Patient's acknowledgement", acknowledged,
                 f"Acknowledged receiving and discussing the handout (not consent to "
                 f"treatment): {METHOD_LABELS.get(ack.method, ack.method)}."
                 if ack is not None else "No acknowledgement on record."),
    ]

    document = Bundle()
    document.id = str(uuid.uuid4())
    document.identifier = identifier(uris.RFC3986, f"urn:uuid:{document.id}")
    document.type = "document"
    document.timestamp = instant(now)
    document.entry = [_entry(r) for r in (composition, *resources)]
    made: dict[str, Any] = _type_first(document.as_json())
    return made


def _type_first(value: Any) -> Any:
    """The JSON with ``resourceType`` first in every resource, as people read FHIR (the
    models write elements in alphabetical order), and plain values only."""
    if isinstance(value, list):
        return [_type_first(v) for v in value]
    if isinstance(value, str):
        return str(value)  # a plain str: the pack's texts are str subclasses (Translatable)
    if not isinstance(value, dict):
        return value
    ordered = {"resourceType": value["resourceType"]} if "resourceType" in value else {}
    ordered.update((k, _type_first(v)) for k, v in value.items() if k != "resourceType")
    return ordered
