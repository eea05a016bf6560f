"""A stored record as FHIR, on every backend: its signed review, its handouts as given and its
acknowledgement, validated by both validators; the PDF byte for byte, its SHA-1 and SHA-256;
the export audited; a record that fails verification refused."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.content.pack import ContentPack
from consultaid.domain.acknowledgement import Acknowledgement, clean_strokes, stamp
from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.fhir.export import export_record
from consultaid.records import audit
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.fhir.checks import by_url, of_type, unresolved
from tests.fhir.validators import errors, validate
from tests.records.conftest import drop_guard

PACK = load_content("en").pack
SYSTEM = "https://riverside.example/patient-id"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
SIGNED_PDF = PDF.replace(b"%%EOF", b"% drawn signature\n%%EOF")
STROKES = clean_strokes([[(10.4, 50.6), (60, 90), (120, 20)], [(200, 60)]])


def packs(language: str) -> ContentPack:
    return load_content(language).pack


def example(cid: str) -> Consultation:
    c = copy.deepcopy(example_consultation(PACK))
    c.consultation_id, c.physician = cid, "Dr Rivera"
    return c


def export(service: RecordsService, actor: User, cid: str) -> dict[str, Any]:
    return export_record(service, actor, cid, packs, ClinicSettings(clinic_name="Riverside"),
                         SYSTEM).bundle


@pytest.fixture
def second(service: RecordsService, physician: User) -> User:
    return service.create_user(physician, "Dr Second", "physician", "864213")


@pytest.fixture
def full_record(service: RecordsService, physician: User, second: User) -> str:
    """Reviewed and signed, the handout given, acknowledged with a signature drawn on screen
    (which stores a second handout version)."""
    service.save_draft(physician, example("full"))
    service.sign_review("Dr Second", "864213", "full", "agreed", "Fine by me.")
    given = service.record_handout(physician, "full", PDF, PACK.version, ClinicSettings())
    ack = Acknowledgement(method="drawn", at=stamp(), handout_sha256=given.sha256,
                          pack_version=PACK.version, strokes=STROKES)
    service.acknowledge(physician, "full", ack, signed_pdf=SIGNED_PDF)
    return "full"


def test_a_full_record_is_valid_fhir_with_everything_in_it(
        service: RecordsService, physician: User, full_record: str, tmp_path: Path) -> None:
    bundle = export(service, physician, full_record)
    path = tmp_path / "full.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    assert errors(validate([path])[str(path)]) == []
    assert unresolved(bundle) == []
    entries = by_url(bundle)

    response = of_type(bundle, "QuestionnaireResponse")[0]
    verdict = next(i for i in response["item"] if i["linkId"] == "verdict")
    assert verdict["answer"][0]["valueCoding"]["code"] == "may_proceed"  # the signed review
    teach_back = next(i for i in response["item"] if i["linkId"] == "teach-back")
    outcomes = {i["linkId"]: j["answer"][0]["valueCoding"]["code"]
                for i in teach_back["item"] for j in i.get("item", [])
                if j["linkId"].endswith(".outcome")}
    assert outcomes == {f"teach-back.{p.id}": "understood" for p in PACK.script.points}

    stored = service.handouts(full_record)
    documents = of_type(bundle, "DocumentReference")
    assert [d["identifier"][0]["value"] for d in documents] == [h.sha256 for h in stored]
    assert [d["status"] for d in documents] == ["superseded", "current"]
    assert entries[documents[1]["relatesTo"][0]["target"]["reference"]] is documents[0]
    for document, handout in zip(documents, stored, strict=True):
        attachment = document["content"][0]["attachment"]
        pdf = base64.b64decode(attachment["data"], validate=True)
        assert pdf == handout.pdf  # byte for byte what was given
        assert attachment["contentType"] == "application/pdf" and attachment["language"] == "en"
        assert attachment["size"] == len(handout.pdf)
        assert attachment["hash"] == base64.b64encode(hashlib.sha1(handout.pdf).digest()).decode()
        assert document["identifier"][0]["value"] == hashlib.sha256(handout.pdf).hexdigest()
        assert attachment["creation"] == handout.created_at
    assert [h.pdf for h in stored] == [PDF, SIGNED_PDF]

    review, acknowledged = of_type(bundle, "Provenance")
    signed = service.signed_review(full_record)
    assert signed is not None
    assert review["recorded"] == signed.signed_at
    assert review["activity"]["coding"][0]["code"] == "agreed"
    assert entries[review["target"][0]["reference"]] is response
    reviewer = entries[review["agent"][0]["who"]["reference"]]
    assert reviewer["resourceType"] == "Practitioner"
    assert reviewer["name"][0]["text"] == "Dr Second"
    (signature,) = review["signature"]
    assert {c["code"] for c in signature["type"]} == {"1.2.840.10065.1.12.1.5", "consultaid-pin"}
    assert signature["who"]["reference"] == review["agent"][0]["who"]["reference"]

    assert entries[acknowledged["target"][0]["reference"]] is documents[0]  # the one signed for
    patient = of_type(bundle, "Patient")[0]
    assert entries[acknowledged["agent"][0]["who"]["reference"]] is patient
    assert patient["identifier"][0] == {
        "system": SYSTEM, "value": "CL-2026-0142",
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                             "code": "MR", "display": "Medical record number"}]}}
    visit = of_type(bundle, "Encounter")[0]
    physician_entry = entries[visit["participant"][0]["individual"]["reference"]]
    assert physician_entry["name"][0]["text"] == "Dr Rivera"
    assert visit["period"]["start"] == "2026-11-16"

    exports = [e for e in audit.entries(service.db) if e.action == "export"]
    assert [(e.record_id, e.detail.get("format")) for e in exports] == [("full", "fhir")]
    assert service.verify() == []


def test_a_representatives_verbal_acknowledgement_names_both_and_no_signature(
        service: RecordsService, physician: User, tmp_path: Path) -> None:
    service.save_draft(physician, example("verbal"))
    given = service.record_handout(physician, "verbal", PDF, PACK.version, ClinicSettings())
    service.acknowledge(physician, "verbal", Acknowledgement(
        method="verbal", signer="representative", representative="Ana Example",
        relationship="daughter", witness="Pat Desk", at=stamp(), handout_sha256=given.sha256,
        pack_version=PACK.version))
    bundle = export(service, physician, "verbal")
    path = tmp_path / "verbal.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    assert errors(validate([path])[str(path)]) == []
    assert unresolved(bundle) == []
    (acknowledged,) = of_type(bundle, "Provenance")  # no signed review: no review Provenance
    assert "signature" not in acknowledged
    who = [a["who"] for a in acknowledged["agent"]]
    assert by_url(bundle)[who[0]["reference"]]["resourceType"] == "RelatedPerson"
    assert who[1] == {"display": "Pat Desk"}
    response = of_type(bundle, "QuestionnaireResponse")[0]
    verdict = next(i for i in response["item"] if i["linkId"] == "verdict")
    assert verdict["answer"][0]["valueCoding"]["code"] == "needs_review"  # typed review: not


def test_a_record_changed_outside_consultaid_is_not_exported(
        service: RecordsService, physician: User) -> None:
    service.save_draft(physician, example("changed"))
    with service.store.transaction() as db:
        row = db.execute("SELECT json FROM consultation_data WHERE id = ?",
                         ("changed",)).fetchone()
        db.execute("UPDATE consultation_data SET json = ? WHERE id = ?",
                   (row[0].replace("Maria Example", "Someone Else"), "changed"))
    before = len(audit.entries(service.db))
    with pytest.raises(ConsultaidError, match="consultation changed does not match its audit "
                       "log") as refused:
        export(service, physician, "changed")
    assert "Someone" not in str(refused.value) and "Maria" not in str(refused.value)
    assert len(audit.entries(service.db)) == before  # nothing exported, nothing audited


def test_a_handout_changed_outside_consultaid_is_not_exported(
        service: RecordsService, physician: User) -> None:
    service.save_draft(physician, example("pdf"))
    service.record_handout(physician, "pdf", PDF, PACK.version, ClinicSettings())
    drop_guard(service.store, "handouts_no_update", "handouts")
    with service.store.transaction() as db:  # the bytes and their checksum column, both
        forged = PDF.replace(b"%%EOF", b"% forged\n%%EOF")
        db.execute("UPDATE handouts SET pdf = ?, sha256 = ? WHERE consultation_id = ?",
                   (forged, hashlib.sha256(forged).hexdigest(), "pdf"))
    before = len(audit.entries(service.db))
    with pytest.raises(ConsultaidError, match=r"handout [0-9]+ of consultation pdf does not "
                       r"match its checksum or the audit log"):
        export(service, physician, "pdf")
    assert len(audit.entries(service.db)) == before
