"""A complete, realistic example consultation, for demonstrations, tests and the self-test."""

from __future__ import annotations

import datetime as dt

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import (
    Consultation,
    FollowUpRow,
    HandoutOptions,
    Patient,
    Review,
)
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.teach_back import TeachBack, TeachBackPoint

EXAMPLE_VISIT = dt.date(2026, 11, 16)
EXAMPLE_NOTES = {
    "en": "Patient would like to discuss with her daughter before deciding.",
    "es": "La paciente quiere hablarlo con su hija antes de decidir.",
}
"""The physician's note to the patient, in the handout's language (it is printed)."""


def example_consultation(pack: ContentPack, condition_id: str | None = None) -> Consultation:
    """Every field filled; the screening is clear and the second physician agreed."""
    if condition_id is None:
        condition_id = next(iter(pack.conditions))
    condition = pack.condition(condition_id)
    if condition is None:
        known = ", ".join(pack.conditions)
        raise ConsultaidError(f"unknown condition {condition_id!r} (known: {known})")
    return Consultation(
        consultation_id=f"example-{condition.id}",
        patient=Patient(
            name="Maria Example",
            date_of_birth=dt.date(1961, 4, 12),
            clinic_patient_id="CL-2026-0142",
        ),
        visit_date=EXAMPLE_VISIT,
        physician="Dr. Sam Rivera",
        review=Review(
            reviewer="Dr. Lee Okafor",
            decision="agreed",
            date=EXAMPLE_VISIT + dt.timedelta(days=2),
            comment="Agree: no contraindication found; proceed to full evaluation.",
        ),
        condition_id=condition.id,
        screening={
            "diagnosis": condition.title,
            "disease_duration": {"value": 4, "unit": "years"},
            "crp": {"value": 4.2, "unit": "mg_per_l"},
            "esr": {"value": 18, "unit": "mm_per_h"},
            "autoimmune": "none",
            "infection": "none",
            "severe_immunosuppression": False,
            "medications": "Paracetamol 1 g as needed; ramipril 5 mg daily",
            "medication_flags": [],
            "blood_count": "normal",
            "liver_function": "normal",
            "kidney_function": "normal",
            "glucose_hba1c": "normal",
            "cancer_status": "none",
            "pregnancy": False,
            "unstable_condition": False,
            "unstable_details": "Blood pressure well controlled on ramipril.",
        },
        script_covered=[p.id for p in pack.script.points],
        teach_back=TeachBack(
            points=[TeachBackPoint(p.id, "understood") for p in pack.script.points],
            questions="How long would one treatment take?",
            note=(
                "It might ease the inflammation for a while, but it may not work for me. "
                "I keep doing my exercises and my usual care, and I come back for check-ups."
            ),
        ),
        notes=EXAMPLE_NOTES.get(pack.language, EXAMPLE_NOTES["en"]),
        follow_up=[FollowUpRow(r.when, r.what, r.who) for r in condition.follow_up],
        handout=HandoutOptions(language=pack.language, large_print=False, paper="a4"),
    )
