"""What front desk may send to the health record (issue 31): the handouts as given only, as a
FHIR collection that both validators pass, its references resolved, the PDF byte for byte.
The attack: a front-desk account asks the records for the whole record; it is refused there,
whatever the window offers, and nothing is audited. Every backend."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.fhir.export import (
    export_for_health_record,
    export_handouts,
    export_record,
)
from consultaid.records import audit
from consultaid.records.base import PermissionDenied
from consultaid.records.service import RecordNotFound, RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.fhir.checks import by_url, of_type, unresolved
from tests.fhir.validators import errors, validate
from tests.records.conftest import drop_guard

PACK = load_content("en").pack
SYSTEM = "https://riverside.example/patient-id"
SETTINGS = ClinicSettings(clinic_name="Riverside", phone="+1 555 0100")
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
SECOND_PDF = PDF.replace(b"%%EOF", b"% large print\n%%EOF")


def packs(language: str) -> ContentPack:
    return load_content(language).pack


def example(cid: str) -> Consultation:
    c = copy.deepcopy(example_consultation(PACK))
    c.consultation_id, c.physician = cid, "Dr Rivera"
    return c


@pytest.fixture
def desk(service: RecordsService, physician: User) -> User:
    return service.create_user(physician, "Pat Desk", "front_desk", "135790")


@pytest.fixture
def given(service: RecordsService, physician: User) -> str:
    """A record with two handouts given (a reprint variant stores the second)."""
    service.save_draft(physician, example("given"))
    service.record_handout(physician, "given", PDF, PACK.version, ClinicSettings())
    service.record_handout(physician, "given", SECOND_PDF, PACK.version, ClinicSettings())
    return "given"


def exports(service: RecordsService) -> list[tuple[str, str, dict[str, Any]]]:
    return [(e.actor, e.record_id, e.detail) for e in audit.entries(service.db)
            if e.action == "export"]


def test_front_desk_asking_for_the_whole_record_is_refused_by_the_records(
        service: RecordsService, desk: User, given: str) -> None:
    before = len(audit.entries(service.db))
    with pytest.raises(PermissionDenied, match="Front desk cannot do this"):
        service.export_record(desk, given, "fhir")
    with pytest.raises(PermissionDenied, match="Front desk cannot do this"):
        export_record(service, desk, given, packs, SETTINGS, SYSTEM)
    # A front-desk account that claims another role is not believed: the role is read again
    # from the accounts as stored.
    forged = copy.copy(desk)
    object.__setattr__(forged, "role", "physician")
    with pytest.raises(PermissionDenied, match="Front desk cannot do this"):
        export_for_health_record(service, forged, given, packs, SETTINGS, SYSTEM)
    assert len(audit.entries(service.db)) == before  # nothing left, nothing audited


def test_front_desk_gets_the_handouts_only_as_a_valid_collection(
        service: RecordsService, desk: User, given: str, tmp_path: Path) -> None:
    made = export_for_health_record(service, desk, given, packs, SETTINGS, SYSTEM)
    bundle = made.bundle
    path = tmp_path / "handouts.json"
    path.write_text(made.text(), encoding="utf-8")
    assert errors(validate([path])[str(path)]) == []
    assert unresolved(bundle) == []
    assert bundle["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds == ["DocumentReference", "DocumentReference", "Patient", "Practitioner",
                     "Organization"]  # nothing clinical: no screening, review, visit reason
    stored = service.handouts(given)
    documents = of_type(bundle, "DocumentReference")
    for document, handout in zip(documents, stored, strict=True):
        pdf = base64.b64decode(document["content"][0]["attachment"]["data"], validate=True)
        assert pdf == handout.pdf
        assert document["identifier"][0]["value"] == handout.sha256
        assert document["context"] == {"period": {"start": "2026-11-16"}}
    assert [h.pdf for h in stored] == [PDF, SECOND_PDF]
    assert [d["status"] for d in documents] == ["superseded", "current"]
    entries = by_url(bundle)
    assert entries[documents[0]["subject"]["reference"]]["resourceType"] == "Patient"
    assert entries[documents[0]["author"][0]["reference"]]["name"][0]["text"] == "Dr Rivera"
    patient = of_type(bundle, "Patient")[0]
    assert patient["identifier"][0]["system"] == SYSTEM
    assert patient["birthDate"] and patient["name"][0]["text"]
    text = json.dumps(bundle)
    for clinical in ("QuestionnaireResponse", "Encounter", "Provenance", "Composition",
                     "screening"):
        assert clinical not in text
    assert exports(service) == [(desk.actor, given, {"format": "fhir", "part": "handouts",
                                                      "version": 1})]
    assert service.verify() == []


def test_the_handouts_are_named_as_in_the_physicians_whole_document(
        service: RecordsService, physician: User, desk: User, given: str) -> None:
    """An EHR that receives both files the same Patient and handouts once."""
    alone = export_handouts(service, desk, given, SETTINGS, SYSTEM).bundle
    whole = export_record(service, physician, given, packs, SETTINGS, SYSTEM).bundle
    assert whole["type"] == "document"
    named = {e["fullUrl"] for e in whole["entry"]}
    assert {e["fullUrl"] for e in alone["entry"]} <= named
    assert ([d["identifier"] for d in of_type(alone, "DocumentReference")]
            == [d["identifier"] for d in of_type(whole, "DocumentReference")])


def test_no_handout_given_front_desk_has_nothing_to_send_a_physician_is_told(
        service: RecordsService, physician: User, desk: User) -> None:
    service.save_draft(physician, example("none"))
    before = len(audit.entries(service.db))
    with pytest.raises(RecordNotFound, match="No handout has been given"):
        export_for_health_record(service, desk, "none", packs, SETTINGS, SYSTEM)
    assert len(audit.entries(service.db)) == before
    made = export_for_health_record(service, physician, "none", packs, SETTINGS, SYSTEM)
    assert of_type(made.bundle, "DocumentReference") == []
    assert made.notes[0] == ("consultation none has no handout given: exported without a "
                             "DocumentReference")


def test_a_record_or_handout_changed_outside_consultaid_is_not_sent_by_front_desk(
        service: RecordsService, desk: User, given: str) -> None:
    drop_guard(service.store, "handouts_no_update", "handouts")
    with service.store.transaction() as db:
        db.execute("UPDATE handouts SET pdf = ? WHERE consultation_id = ?",
                   (PDF.replace(b"%%EOF", b"% forged\n%%EOF"), given))
    before = len(audit.entries(service.db))
    with pytest.raises(ConsultaidError, match="does not match its checksum or the audit log"):
        export_for_health_record(service, desk, given, packs, SETTINGS, SYSTEM)
    assert len(audit.entries(service.db)) == before


def test_the_whole_document_carries_an_audit_event_per_audit_entry(
        service: RecordsService, physician: User, desk: User, given: str,
        tmp_path: Path) -> None:
    service.reprint(desk, given)
    made = export_record(service, physician, given, packs, SETTINGS, SYSTEM)
    path = tmp_path / "whole.json"
    path.write_text(made.text(), encoding="utf-8")
    result = validate([path])[str(path)]
    assert errors(result) == []
    assert unresolved(made.bundle) == []
    logged = audit.entries(service.db, given)  # the export's own entry included
    events = of_type(made.bundle, "AuditEvent")
    assert [e["subtype"][0]["code"] for e in events] == [e.action for e in logged]
    assert [e["recorded"] for e in events] == [e.at for e in logged]
    assert logged[-1].action == "export" and events[-1]["type"]["code"] == "110106"
    assert [e.action for e in logged] == ["create", "complete", "print", "print", "reprint",
                                          "export"]
    assert [e["action"] for e in events] == ["C", "U", "U", "U", "R", "R"]
    entries = by_url(made.bundle)
    reprinted = events[4]
    assert reprinted["agent"][0]["who"] == {
        "identifier": {"system": "https://consultaid.example/fhir/sid/account",
                       "value": str(desk.id)}, "display": "Pat Desk"}
    patient, handout = (entries[x["what"]["reference"]] for x in reprinted["entity"])
    assert patient["resourceType"] == "Patient"
    assert handout["identifier"][0]["value"] == logged[4].detail["sha256"]
    assert handout["status"] == "current"  # the reprint is of the latest handout
    seqs = [d["valueString"] for e in events for d in e["entity"][0]["detail"]
            if d["type"] == "consultaid-audit-seq"]
    assert seqs == [str(e.seq) for e in logged]
    composition = of_type(made.bundle, "Composition")[0]
    (trail,) = [s for s in composition["section"] if s["title"] == "Audit trail"]
    assert [entries[r["reference"]] for r in trail["entry"]] == events
    assert service.verify() == []
