"""The visit: an ambulatory encounter on the visit date, the physician its primary performer."""

from __future__ import annotations

import datetime as dt

from fhirclient.models.encounter import Encounter, EncounterParticipant
from fhirclient.models.period import Period

from consultaid.fhir import uris
from consultaid.fhir.elements import coding, concept, date_time, identifier, reference


def encounter(resource_id: str, consultation_id: str, visit: dt.date, patient_id: str,
              physician_id: str, reason: str, clinic_id: str | None) -> Encounter:
    made = Encounter()
    made.id = resource_id
    made.identifier = [identifier(uris.RECORD_ID, consultation_id)]
    made.status = "finished"
    made.class_fhir = coding(uris.V3_ACT_CODE, "AMB", "ambulatory")
    made.subject = reference(patient_id)
    participant = EncounterParticipant()
    participant.type = [concept(coding(uris.V3_PARTICIPATION, "PPRF", "primary performer"))]
    participant.individual = reference(physician_id)
    made.participant = [participant]
    period = Period()
    period.start = date_time(visit)
    made.period = period
    made.reasonCode = [concept(text=reason)] if reason else None
    made.serviceProvider = reference(clinic_id) if clinic_id else None
    return made
