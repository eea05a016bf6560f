"""The URIs the export writes: code systems, identifier systems, canonical URLs, entry names.

consultaid runs no FHIR server, so its own definitions (the screening questionnaire, its
answer codes) are named under :data:`BASE`, a URL in the ``.example`` domain reserved for names
that never resolve (RFC 2606): an EHR keeps them as identities, it does not fetch them.
Entries are named ``urn:uuid:`` (references resolve inside the bundle); the UUIDs are derived
from the record's ID, so exporting a record again names its patient, visit and handouts the same.
"""

from __future__ import annotations

import uuid

BASE = "https://consultaid.example/fhir"
QUESTIONNAIRE = f"{BASE}/Questionnaire/msc-screening"
"""The screening checklist as a questionnaire; the export adds ``|<content pack version>``."""
ANSWERS = f"{BASE}/CodeSystem/answer"
"""Choices of a checklist item: ``{ANSWERS}/<item id>``, the option ID as the code."""
VERDICT = f"{BASE}/CodeSystem/verdict"
RULE = f"{BASE}/CodeSystem/screening-rule"
SCRIPT_POINT = f"{BASE}/CodeSystem/script-point"
TEACH_BACK = f"{BASE}/CodeSystem/teach-back-outcome"
REVIEW = f"{BASE}/CodeSystem/review"
"""The review's decision and state (agreed, not_agreed, pending; signed, out_of_date...)."""
ACTIVITY = f"{BASE}/CodeSystem/activity"
AUDIT_ACTION = f"{BASE}/CodeSystem/audit-action"
"""An audit log entry's action as consultaid names it (create, view, export, ...)."""
SIGNATURE_METHOD = f"{BASE}/CodeSystem/signature-method"
HANDOUT_SHA256 = f"{BASE}/sid/handout-sha256"
"""The SHA-256 of a handout's PDF as stored (hex), the handout's identifier."""
ANSWERS_SHA256 = f"{BASE}/sid/screening-answers-sha256"
RECORD_ID = f"{BASE}/sid/consultation"
"""The consultation's ID in consultaid's records."""
ACCOUNT = f"{BASE}/sid/account"
"""A consultaid account (the reviewer's), by its number in the records."""

UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
RFC3986 = "urn:ietf:rfc:3986"
V2_IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
V3_PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
PROVENANCE_PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
ASTM_SIGNATURE = "urn:iso-astm:E1762-95:2013"

_NAMESPACE = uuid.UUID("5d0f4b0e-7c39-4f57-9a39-2f1c6b2e8a31")
"""consultaid's namespace for name-based (version 5) UUIDs; never change it."""


def entry_uuid(consultation_id: str, role: str) -> str:
    """A stable UUID for one resource of one record ("patient", "handout/3", ...)."""
    return str(uuid.uuid5(_NAMESPACE, f"{consultation_id}\n{role}"))


def full_url(resource_id: str) -> str:
    return f"urn:uuid:{resource_id}"
