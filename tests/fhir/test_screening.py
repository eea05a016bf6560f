"""How each kind of checklist answer becomes a QuestionnaireResponse answer."""

from __future__ import annotations

from typing import Any

from consultaid.domain.checklist import ChecklistItem, Option, Unit
from consultaid.fhir.screening import answers_of

UCUM = "http://unitsofmeasure.org"


def as_json(item: ChecklistItem, raw: Any) -> list[dict[str, Any]]:
    return [a.as_json() for a in answers_of(item, raw)]


def test_a_number_is_written_as_entered() -> None:
    item = ChecklistItem("esr", "ESR", "measurement", units=(Unit("mm_per_h", "mm/h"),))
    assert repr(as_json(item, {"value": 4, "unit": "mm_per_h"})[0]["valueQuantity"]["value"]
                ) == "4"
    assert as_json(item, {"value": 4.25, "unit": "mm_per_h"})[0]["valueQuantity"]["value"] == 4.25


def test_a_unit_ucum_does_not_know_keeps_its_label_and_no_code() -> None:
    item = ChecklistItem("ferritin", "Ferritin", "measurement",
                         units=(Unit("clinic_units", "clinic units"),))
    assert as_json(item, {"value": 12, "unit": "clinic_units"}) == [
        {"valueQuantity": {"value": 12, "unit": "clinic units"}}]


def test_a_number_with_a_unit_label_is_a_quantity_and_one_without_a_decimal() -> None:
    years = ChecklistItem("since", "Since", "number", unit_label="años")
    assert as_json(years, 3) == [{"valueQuantity": {"value": 3, "unit": "años",
                                                    "system": UCUM, "code": "a"}}]
    plain = ChecklistItem("count", "Count", "number")
    assert as_json(plain, 2.5) == [{"valueDecimal": 2.5}]


def test_choices_are_codings_in_the_packs_order_and_unanswered_is_no_answer() -> None:
    item = ChecklistItem("flags", "Flags", "multi",
                         options=(Option("a", "Alpha"), Option("b", "Beta", flag=True)))
    system = "https://consultaid.example/fhir/CodeSystem/answer/flags"
    assert as_json(item, ["b", "a"]) == [
        {"valueCoding": {"system": system, "code": "a", "display": "Alpha"}},
        {"valueCoding": {"system": system, "code": "b", "display": "Beta"}}]
    for nothing in (None, "", []):
        assert as_json(item, nothing) == []
    text = ChecklistItem("notes", "Notes", "text")
    assert as_json(text, "   ") == []
    assert as_json(ChecklistItem("yes", "Yes?", "yes_no"), False) == [{"valueBoolean": False}]
