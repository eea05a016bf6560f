"""The document's first entry: what it is, about whom, by whom, and a section for each part
with readable text (what an EHR shows when it files the document whole)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fhirclient.models.composition import Composition, CompositionSection

from consultaid.content.pack import ContentPack
from consultaid.domain.acknowledgement import METHOD_LABELS
from consultaid.fhir import screening, uris
from consultaid.fhir.elements import coding, concept, date_time, narrative
from consultaid.fhir.elements import reference as ref
from consultaid.fhir.source import BundleSource


@dataclass(frozen=True)
class Sections:
    """The resources each section lists (none: the section says so in words)."""

    screening: Any
    review: list[Any]
    handouts: list[Any]
    acknowledgement: list[Any]
    audit: list[Any] = field(default_factory=list)


def _section(title: str, entries: list[Any], *lines: str) -> CompositionSection:
    made = CompositionSection()
    made.title = title
    made.text = narrative(*lines)
    made.entry = [ref(r.id) for r in entries] or None
    return made


def composition(resource_id: str, source: BundleSource, pack: ContentPack, now: str, *,
                patient_id: str, encounter_id: str, physician_id: str, clinic_id: str | None,
                sections: Sections) -> Composition:
    c = source.consultation
    ack = c.acknowledgement
    verdict = pack.verdicts[source.result.verdict].label
    composition = Composition()
    composition.id = resource_id
    composition.status = "preliminary" if source.draft else "final"
    composition.type = concept(coding(uris.LOINC, "11488-4", "Consult note"))
    composition.subject = ref(patient_id)
    composition.encounter = ref(encounter_id)
    composition.date = date_time(now)
    composition.author = [ref(physician_id)]
    composition.title = "Consultation on mesenchymal stem cell therapy"
    composition.custodian = ref(clinic_id) if clinic_id else None
    composition.text = narrative(
        f"Consultation {c.consultation_id} on {c.visit_date.isoformat()}"
        + (f" with {c.physician}" if c.physician.strip() else "") + ".")
    composition.section = [
        _section("Screening", [sections.screening],
                 f"Verdict: {verdict}.",
                 *[f"{pack.verdicts[r.verdict].label}: {r.physician}"
                   for r in source.result.reasons]),
        _section("Second physician's review", sections.review,
                 screening.REVIEW_STATES.get(source.review_status, source.review_status)
                 + "."),
        _section("Handout as given", sections.handouts,
                 f"{len(sections.handouts)} handout(s) as given, the PDF exactly as stored."
                 if sections.handouts else "No handout has been given for this consultation."),
        _section("Patient's acknowledgement", sections.acknowledgement,
                 f"Acknowledged receiving and discussing the handout (not consent to "
                 f"treatment): {METHOD_LABELS.get(ack.method, ack.method)}."
                 if ack is not None else "No acknowledgement on record."),
    ]
    if sections.audit:
        composition.section.append(_section(
            "Audit trail", sections.audit,
            f"{len(sections.audit)} entries of consultaid's audit log about this record, "
            "oldest first (the log itself is kept and checked in consultaid's records)."))

    return composition
