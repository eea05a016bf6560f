"""Every condition × verdict example, in every bundled language, as a FHIR R4 document:
zero errors from HL7's JSON Schema and from FHIR.js, every reference resolving inside it."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import available_languages, load_content
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import Verdict, evaluate_screening
from consultaid.fhir.export import export_file
from consultaid.settings import ClinicSettings
from tests.fhir.checks import of_type, unresolved
from tests.fhir.validators import errors, validate

SYSTEM = "urn:oid:1.2.826.0.1.3680043.2.1143.4242"


def _pending(c: Consultation) -> None:
    c.review.decision, c.review.reviewer, c.review.date = "pending", "", None


def _deferred(c: Consultation) -> None:
    c.screening["infection"] = "active"


def _not_eligible(c: Consultation) -> None:
    c.screening["cancer_status"] = "active"


VERDICTS: dict[Verdict, Callable[[Consultation], None]] = {
    Verdict.MAY_PROCEED: lambda c: None,
    Verdict.NEEDS_REVIEW: _pending,
    Verdict.DEFERRED: _deferred,
    Verdict.NOT_ELIGIBLE: _not_eligible,
}
PACKS = {lang: load_content(lang).pack for lang in available_languages()}
CASES = [(lang, condition, verdict) for lang, pack in PACKS.items()
         for condition in pack.conditions for verdict in VERDICTS]


def _example(lang: str, condition: str, verdict: Verdict) -> Consultation:
    pack = PACKS[lang]
    c = copy.deepcopy(example_consultation(pack, condition))
    VERDICTS[verdict](c)
    made = evaluate_screening(c, pack.checklist, pack.rules).verdict
    assert made is verdict, f"{lang}/{condition}: the example gives {made}, not {verdict}"
    return c


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory
             ) -> dict[tuple[str, str, Verdict], tuple[dict[str, Any], dict[str, Any]]]:
    """Each case's bundle and both validators' findings (one Node.js run for all)."""
    folder = tmp_path_factory.mktemp("bundles")
    settings = ClinicSettings(clinic_name="Riverside Joint Clinic", phone="+1 555 0100")
    files: dict[tuple[str, str, Verdict], Path] = {}
    for lang, condition, verdict in CASES:
        made = export_file(_example(lang, condition, verdict), PACKS[lang], settings, SYSTEM,
                           now="2026-12-07T10:00:00+00:00")
        files[(lang, condition, verdict)] = folder / f"{lang}-{condition}-{verdict.value}.json"
        files[(lang, condition, verdict)].write_text(made.text(), encoding="utf-8")
    results = validate(list(files.values()))
    return {case: (json.loads(path.read_text(encoding="utf-8")), results[str(path)])
            for case, path in files.items()}


def test_there_are_cases_for_every_condition_and_verdict() -> None:
    assert {lang for lang, _, _ in CASES} >= {"en", "es"}
    assert len(CASES) == sum(len(p.conditions) for p in PACKS.values()) * 4


@pytest.mark.parametrize(("lang", "condition", "verdict"), CASES,
                         ids=[f"{lang}-{c}-{v.value}" for lang, c, v in CASES])
def test_the_example_is_valid_fhir_r4_with_its_verdict(
        exported: dict[tuple[str, str, Verdict], tuple[dict[str, Any], dict[str, Any]]],
        lang: str, condition: str, verdict: Verdict) -> None:
    bundle, result = exported[(lang, condition, verdict)]
    assert errors(result) == []
    assert unresolved(bundle) == []
    assert bundle["type"] == "document"
    assert bundle["entry"][0]["resource"]["resourceType"] == "Composition"
    response = of_type(bundle, "QuestionnaireResponse")[0]
    assert response["questionnaire"].endswith(f"|{PACKS[lang].version}")
    verdict_item = next(i for i in response["item"] if i["linkId"] == "verdict")
    assert verdict_item["answer"][0]["valueCoding"]["code"] == verdict.value
    (patient,) = of_type(bundle, "Patient")
    assert patient["identifier"][0]["system"] == SYSTEM
    assert patient["identifier"][0]["value"] == "CL-2026-0142"
    assert of_type(bundle, "DocumentReference") == []  # a file holds no handout as given
    assert of_type(bundle, "Provenance") == []  # nor a signed review


def test_numbers_are_quantities_with_ucum_units() -> None:
    c = _example("en", "osteoarthritis", Verdict.MAY_PROCEED)
    c.screening["cancer_status"] = "remission"
    c.screening["cancer_remission_years"] = 7
    bundle = export_file(c, PACKS["en"], ClinicSettings(), SYSTEM).bundle
    response = of_type(bundle, "QuestionnaireResponse")[0]
    answers = {i["linkId"]: i["answer"] for g in response["item"] for i in g.get("item", [])
               if "answer" in i}
    assert answers["crp"] == [{"valueQuantity": {
        "value": 4.2, "unit": "mg/L", "system": "http://unitsofmeasure.org", "code": "mg/L"}}]
    assert answers["esr"][0]["valueQuantity"]["code"] == "mm/h"
    assert answers["disease_duration"][0]["valueQuantity"] == {
        "value": 4, "unit": "years", "system": "http://unitsofmeasure.org", "code": "a"}
    assert answers["cancer_remission_years"][0]["valueQuantity"]["code"] == "a"
    assert answers["severe_immunosuppression"] == [{"valueBoolean": False}]
    assert answers["infection"][0]["valueCoding"]["code"] == "none"


def test_validators_find_a_planted_error(tmp_path: Path) -> None:
    """The validators can fail: each reports an error it is there to catch."""
    c = _example("en", "general", Verdict.MAY_PROCEED)
    bundle = export_file(c, PACKS["en"], ClinicSettings(), SYSTEM).bundle
    wrong_code = copy.deepcopy(bundle)
    of_type(wrong_code, "Encounter")[0]["status"] = "half-done"  # a required binding
    unknown = copy.deepcopy(bundle)
    of_type(unknown, "Patient")[0]["favouriteColour"] = "blue"  # no such element
    files = [tmp_path / "code.json", tmp_path / "unknown.json"]
    for path, data in zip(files, (wrong_code, unknown), strict=True):
        path.write_text(json.dumps(data), encoding="utf-8")
    results = validate(files)
    code, element = results[str(files[0])], results[str(files[1])]
    assert code["schema"] and any("half-done" in e for e in code["fhirjs"])
    assert element["schema"] and any("favouriteColour" in e for e in element["fhirjs"])
