"""Who the record names: the patient, the physicians, a representative, the clinic."""

from __future__ import annotations

from fhirclient.models.contactpoint import ContactPoint
from fhirclient.models.humanname import HumanName
from fhirclient.models.organization import Organization
from fhirclient.models.patient import Patient
from fhirclient.models.practitioner import Practitioner
from fhirclient.models.relatedperson import RelatedPerson

from consultaid.domain.consultation import Patient as PatientData
from consultaid.fhir import uris
from consultaid.fhir.elements import coding, concept, date, identifier, reference


def _name(text: str) -> HumanName:
    """A name as consultaid keeps it: one text, never split (which part is the family name
    differs from culture to culture, and the record does not say)."""
    made = HumanName()
    made.text = text
    return made


def patient(resource_id: str, data: PatientData, id_system: str) -> Patient:
    """The patient: name, birth date, the clinic's patient ID (a medical record number under
    the clinic's system URI, ``[clinic] patient_id_system``; without it, the value alone)."""
    made = Patient()
    made.id = resource_id
    if data.clinic_patient_id.strip():
        mrn = concept(coding(uris.V2_IDENTIFIER_TYPE, "MR", "Medical record number"))
        made.identifier = [identifier(id_system, data.clinic_patient_id, mrn)]
        if not id_system:
            made.identifier[0].system = None
    made.name = [_name(data.name)] if data.name.strip() else None
    made.birthDate = date(data.date_of_birth) if data.date_of_birth else None
    return made


def practitioner(resource_id: str, name: str, account: int | None = None) -> Practitioner:
    """A physician by name; a reviewer also by their consultaid account number."""
    made = Practitioner()
    made.id = resource_id
    made.name = [_name(name)] if name.strip() else None
    if account is not None:
        made.identifier = [identifier(uris.ACCOUNT, str(account))]
    return made


def representative(resource_id: str, patient_id: str, name: str,
                   relationship: str) -> RelatedPerson:
    """Whoever acknowledged for the patient, and how they are related, in the record's words."""
    made = RelatedPerson()
    made.id = resource_id
    made.patient = reference(patient_id)
    made.name = [_name(name)]
    made.relationship = [concept(text=relationship)] if relationship.strip() else None
    return made


def clinic(resource_id: str, name: str, phone: str = "", email: str = "") -> Organization:
    made = Organization()
    made.id = resource_id
    made.name = name
    contacts = []
    for system, value in (("phone", phone), ("email", email)):
        if value.strip():
            point = ContactPoint()
            point.system, point.value = system, value
            contacts.append(point)
    made.telecom = contacts or None
    return made
