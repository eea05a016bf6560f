"""A DocumentReference for each handout as given: the PDF exactly as stored, with its hashes.

The stored SHA-256 (hex, what consultaid's audit log and the acknowledgement name) is the
document's identifier; R4's ``Attachment.hash`` is SHA-1 by definition (base64), so that is
filled too, from the same bytes. A handout replaced by a later version (a signature drawn on
screen makes one) is ``superseded``, and the later one says which it ``replaces``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from fhirclient.models.attachment import Attachment
from fhirclient.models.documentreference import (
    DocumentReference,
    DocumentReferenceContent,
    DocumentReferenceContext,
    DocumentReferenceRelatesTo,
)
from fhirclient.models.period import Period

from consultaid.fhir import uris
from consultaid.fhir.elements import coding, concept, date_time, identifier, instant, reference


def document_reference(resource_id: str, *, pdf: bytes, sha256: str, created_at: str,
                       language: str, pack_version: str, current: bool, replaces: str | None,
                       patient_id: str, encounter_id: str | None, physician_id: str,
                       clinic_id: str | None, visit: dt.date | None = None
                       ) -> DocumentReference:
    """``encounter_id`` None (the handouts alone, for front desk): the visit is given by its
    date, ``visit``, since the Encounter would carry its clinical reason."""
    made = DocumentReference()
    made.id = resource_id
    made.identifier = [identifier(uris.HANDOUT_SHA256, sha256)]
    made.status = "current" if current else "superseded"
    made.docStatus = "final"
    made.type = concept(coding(uris.LOINC, "34895-3", "Education note"),
                        text="Patient handout")
    made.subject = reference(patient_id)
    made.date = instant(created_at)
    made.author = [reference(physician_id)]
    made.custodian = reference(clinic_id) if clinic_id else None
    made.description = f"Patient handout as given (content pack {pack_version})"
    if replaces is not None:
        relation = DocumentReferenceRelatesTo()
        relation.code = "replaces"
        relation.target = reference(replaces)
        made.relatesTo = [relation]
    attachment = Attachment()
    attachment.contentType = "application/pdf"
    attachment.language = language
    attachment.data = base64.b64encode(pdf).decode("ascii")
    attachment.size = len(pdf)
    sha1 = hashlib.sha1(pdf, usedforsecurity=False).digest()  # R4 says SHA-1: not for trust
    attachment.hash = base64.b64encode(sha1).decode("ascii")
    attachment.title = "Handout"
    attachment.creation = date_time(created_at)
    content = DocumentReferenceContent()
    content.attachment = attachment
    made.content = [content]
    context = DocumentReferenceContext()
    if encounter_id is not None:
        context.encounter = [reference(encounter_id)]
    elif visit is not None:
        context.period = Period()
        context.period.start = date_time(visit)
    made.context = context
    return made
