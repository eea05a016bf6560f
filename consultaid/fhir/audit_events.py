"""An AuditEvent for each entry of the records' audit log about the record (issue 31, optional).

The log stays the records' own and is checked there (``consultaid records verify``: a keyed
hash chain); these are its entries as the EHR's audit trail can take them: what was done
(DICOM "Patient Record", or "Export"; consultaid's own action as the subtype; create, read or
update), when (``recorded``, as the log stamped it), by which consultaid account, to the patient's
record (and to the handout, for an entry about one), reported by consultaid. The entry's number
in the chain and its detail (version, SHA-256, format...: never patient data) go with it.
"""

from __future__ import annotations

import json

from fhirclient.models.auditevent import (
    AuditEvent,
    AuditEventAgent,
    AuditEventEntity,
    AuditEventEntityDetail,
    AuditEventSource,
)
from fhirclient.models.fhirreference import FHIRReference

from consultaid.fhir import uris
from consultaid.fhir.elements import coding, display_only, identifier, instant, reference
from consultaid.fhir.source import AuditRecord

DCM = "http://dicom.nema.org/resources/ontology/DCM"
SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type"
ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role"

CREATED = frozenset({"create", "import"})
UPDATED = frozenset({"edit", "complete", "amend", "acknowledge", "signed-handout", "review",
                     "print", "save-pdf"})
"""Giving a handout (printed or saved) stores it with the record: an update."""


def _action(action: str) -> str:
    """AuditEvent.action (required binding): C create, U update, R read."""
    if action in CREATED:
        return "C"
    return "U" if action in UPDATED else "R"


def _who(record: AuditRecord) -> FHIRReference:
    kind, _, name = record.actor.partition(":")
    if kind == "user":
        made = FHIRReference()
        made.identifier = identifier(uris.ACCOUNT, name)
        made.display = record.actor_name or None
        return made
    return display_only(f"{name} (consultaid command line)" if kind == "cli" else record.actor)


def _detail(kind: str, value: str) -> AuditEventEntityDetail:
    made = AuditEventEntityDetail()
    made.type, made.valueString = kind, value
    return made


def audit_event(resource_id: str, record: AuditRecord, patient_id: str,
                handout_id: str | None) -> AuditEvent:
    """``handout_id``: the DocumentReference the entry is about, when it names a handout."""
    made = AuditEvent()
    made.id = resource_id
    made.type = (coding(DCM, "110106", "Export") if record.action == "export"
                 else coding(DCM, "110110", "Patient Record"))
    made.subtype = [coding(uris.AUDIT_ACTION, record.action)]
    made.action = _action(record.action)
    made.recorded = instant(record.at)
    made.outcome = "0"  # the log keeps only what was done
    agent = AuditEventAgent()
    agent.who = _who(record)
    agent.altId = record.actor
    agent.requestor = True
    made.agent = [agent]
    source = AuditEventSource()
    source.observer = display_only("consultaid")
    source.type = [coding(SOURCE_TYPE, "4", "Application Server")]
    made.source = source
    patient = AuditEventEntity()
    patient.what = reference(patient_id)
    patient.type = coding(ENTITY_TYPE, "1", "Person")
    patient.role = coding(OBJECT_ROLE, "1", "Patient")
    patient.detail = [_detail("consultaid-audit-seq", str(record.seq)),
                      _detail("consultaid-audit-detail",
                              json.dumps(record.detail, sort_keys=True, ensure_ascii=False))]
    made.entity = [patient]
    if handout_id is not None:
        handout = AuditEventEntity()
        handout.what = reference(handout_id)
        handout.type = coding(ENTITY_TYPE, "2", "System Object")
        handout.role = coding(OBJECT_ROLE, "3", "Report")
        made.entity.append(handout)
    return made
