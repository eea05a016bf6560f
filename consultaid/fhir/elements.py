"""FHIR R4 data types, made with fhirclient's models (each checks its own elements)."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from fhirclient.models.codeableconcept import CodeableConcept
from fhirclient.models.coding import Coding
from fhirclient.models.fhirdate import FHIRDate
from fhirclient.models.fhirdatetime import FHIRDateTime
from fhirclient.models.fhirinstant import FHIRInstant
from fhirclient.models.fhirreference import FHIRReference
from fhirclient.models.identifier import Identifier
from fhirclient.models.narrative import Narrative

from consultaid.fhir.uris import full_url


def coding(system: str, code: str, display: str = "") -> Coding:
    made = Coding()
    made.system, made.code = system, code
    made.display = display or None
    return made


def concept(*codings: Coding, text: str = "") -> CodeableConcept:
    made = CodeableConcept()
    made.coding = list(codings) or None
    made.text = text or None
    return made


def reference(resource_id: str, display: str = "") -> FHIRReference:
    """A reference to another entry of the bundle, by its ``urn:uuid:`` full URL."""
    made = FHIRReference()
    made.reference = full_url(resource_id)
    made.display = display or None
    return made


def display_only(display: str) -> FHIRReference:
    """Someone consultaid knows only by name (a verbal acknowledgement's witness)."""
    made = FHIRReference()
    made.display = display
    return made


def identifier(system: str, value: str, type_: CodeableConcept | None = None) -> Identifier:
    made = Identifier()
    made.system, made.value = system, value
    made.type = type_
    return made


def date(value: dt.date) -> FHIRDate:
    return FHIRDate(value.isoformat())


def date_time(value: dt.date | str) -> FHIRDateTime:
    """A date (a visit) or a stored UTC timestamp, as FHIR dateTime."""
    return FHIRDateTime(value.isoformat() if isinstance(value, dt.date) else value)


def instant(value: str) -> FHIRInstant:
    """A stored UTC timestamp ("2026-12-05T12:30:00Z", "...12:30:00.123+00:00")."""
    return FHIRInstant(value)


def narrative(*lines: str) -> Narrative:
    """Generated XHTML narrative, one paragraph a line, every text escaped."""
    made = Narrative()
    made.status = "generated"
    body = "".join(f"<p>{escape(line)}</p>" for line in lines if line)
    made.div = f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'
    return made
