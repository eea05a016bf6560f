"""The consultation record's JSON form: exact round trip, and one clear message per problem."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consultaid.domain.consultation import (
    NAME_LIMIT,
    SCHEMA_VERSION,
    Consultation,
    FollowUpRow,
    HandoutOptions,
    Patient,
    Review,
    consultation_from_dict,
    consultation_from_json,
    consultation_to_dict,
    consultation_to_json,
)
from consultaid.domain.errors import RecordError
from consultaid.domain.teach_back import TeachBack, TeachBackPoint

# Numbers up to the largest a record may hold (LARGEST_NUMBER); larger ones are refused.
json_scalars = (st.none() | st.booleans() | st.integers(-(10**9), 10**9)
                | st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
                | st.text(max_size=20))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))

# Texts stay within the record's limits (the smallest is a name's, NAME_LIMIT): longer ones are
# refused by design (issue 10), which an unbounded st.text() hit now and then.
consultations = st.builds(
    Consultation,
    consultation_id=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}", fullmatch=True),
    patient=st.builds(Patient, name=st.text(max_size=NAME_LIMIT), date_of_birth=st.none() | dates,
                      clinic_patient_id=st.text(max_size=30)),
    visit_date=dates,
    physician=st.text(max_size=NAME_LIMIT),
    review=st.builds(Review, reviewer=st.text(max_size=NAME_LIMIT),
                     decision=st.sampled_from(["pending", "agreed", "not_agreed"]),
                     date=st.none() | dates, comment=st.text(max_size=NAME_LIMIT)),
    condition_id=st.text(max_size=30),
    screening=st.dictionaries(st.text(max_size=20), json_values, max_size=8),
    script_covered=st.lists(st.text(max_size=20), max_size=10),
    teach_back=st.builds(
        TeachBack,
        points=st.lists(st.builds(
            TeachBackPoint, point_id=st.text(max_size=20),
            outcome=st.sampled_from(["", "understood", "retaught_understood",
                                     "not_yet_understood"]),
            patient_words=st.text(max_size=NAME_LIMIT)), max_size=6),
        questions=st.text(max_size=NAME_LIMIT), note=st.text(max_size=NAME_LIMIT)),
    notes=st.text(max_size=NAME_LIMIT),
    follow_up=st.lists(st.builds(FollowUpRow, when=st.text(max_size=NAME_LIMIT),
                                 what=st.text(max_size=NAME_LIMIT),
                                 who=st.text(max_size=NAME_LIMIT)),
                       max_size=6),
    handout=st.builds(HandoutOptions, language=st.text(max_size=5), large_print=st.booleans(),
                      paper=st.sampled_from(["a4", "letter"])),
)


@settings(max_examples=150, deadline=None)
@given(consultations)
def test_json_round_trip_is_exact(consultation: Consultation) -> None:
    text = consultation_to_json(consultation)
    restored = consultation_from_json(text)
    assert restored == consultation
    assert consultation_to_json(restored) == text


def example_dict() -> dict[str, Any]:
    return consultation_to_dict(Consultation(
        consultation_id="c1", patient=Patient("Ann", dt.date(1960, 1, 2), "P-1"),
        visit_date=dt.date(2026, 11, 1), physician="Dr A",
        follow_up=[FollowUpRow("2 weeks", "check", "nurse")]))


def break_field(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        ("schema_version", SCHEMA_VERSION + 1, "schema_version", "newer than this version"),
        ("schema_version", 0, "schema_version", "not a valid schema version"),
        ("schema_version", "1", "schema_version", "expected a whole number"),
        ("schema_version", _DELETE, "schema_version", "is missing"),
        ("physician", _DELETE, "physician", "is missing"),
        ("patient.name", _DELETE, "patient.name", "is missing"),
        ("physician", 42, "physician", "expected text"),
        ("patient.date_of_birth", "1960-02-30", "patient.date_of_birth", "is not a date"),
        ("patient.date_of_birth", "yesterday", "patient.date_of_birth", "is not a date"),
        ("patient.date_of_birth", 19600102, "patient.date_of_birth", "expected a date"),
        ("visit_date", None, "visit_date", "may not be null"),
        ("review.decision", "maybe", "review.decision", "is not one of"),
        ("handout.paper", "a3", "handout.paper", "is not one of"),
        ("handout.large_print", "yes", "handout.large_print", "expected true or false"),
        ("follow_up.0.who", ["x"], "follow_up[0].who", "expected text"),
        ("follow_up", {}, "follow_up", "expected a list"),
        ("script_covered", [1], "script_covered[0]", "expected text"),
        ("patient.nickname", "x", "patient.nickname", "is not a known field"),
        ("screening", [], "screening", "expected an object"),
    ],
)
def test_bad_records_name_the_field(path: str, value: Any, field: str, message: str) -> None:
    data = break_field(example_dict(), path, value)
    with pytest.raises(RecordError) as info:
        consultation_from_json(json.dumps(data))
    assert info.value.field == field
    assert message in str(info.value)
    assert str(info.value).startswith(field)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ("", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_unreadable_json_gives_one_message(text: str, message: str) -> None:
    with pytest.raises(RecordError) as info:
        consultation_from_json(text)
    assert message in str(info.value)


def test_nan_in_an_answer_is_refused() -> None:
    data = example_dict()
    data["screening"] = {"crp": {"value": float("nan"), "unit": "mg_per_l"}}
    with pytest.raises(RecordError) as info:
        consultation_from_dict(data)
    assert info.value.field == "screening.crp.value"
    assert "not a finite number" in str(info.value)


def test_non_utf8_bytes_are_refused() -> None:
    with pytest.raises(RecordError, match=r"not UTF-8|not valid JSON"):
        consultation_from_json(b'{"a": "\xff\xfe\xfa"}')


def test_json_keeps_markup_and_emoji_literally() -> None:
    c = Consultation(patient=Patient(name="Ann <b>& Co 😀 مرحبا"), notes="x" * 5000)
    assert consultation_from_json(consultation_to_json(c)) == c


@pytest.mark.parametrize(
    "number", ["9" * 400, "9" * 5000, "-" + "9" * 40, "1e300", "1234567890123"])
def test_numbers_no_clinical_value_reaches_are_refused_at_decode(number: str) -> None:
    """A 400-digit CRP once overflowed the screening and left the previous verdict on screen."""
    record = consultation_to_json(Consultation()).replace(
        '"screening": {}', '"screening": {"crp": {"value": ' + number + ', "unit": "mg_per_l"}}')
    with pytest.raises(RecordError) as info:
        consultation_from_json(record)
    assert "too" in str(info.value) and "9999" not in str(info.value)


def test_a_huge_number_is_an_invalid_answer_not_a_crash() -> None:
    from consultaid.domain.checklist import AnswerInvalid, ChecklistItem, Unit, normalize_answer

    item = ChecklistItem(id="crp", label="CRP", kind="measurement",
                         units=(Unit("mg_per_l", "mg/L", 1.0),), maximum=500)
    with pytest.raises(AnswerInvalid):
        normalize_answer(item, {"value": 10**400, "unit": "mg_per_l"})


FIXTURES = Path(__file__).parent / "fixtures"


def test_a_version_1_record_opens_with_its_teach_back_text_intact() -> None:
    text = (FIXTURES / "record-v1.json").read_text(encoding="utf-8")
    old = json.loads(text)
    assert old["schema_version"] == 1
    c = consultation_from_json(text)
    assert c.teach_back.note == old["teach_back"]
    assert c.teach_back.points == [] and c.teach_back.questions == ""
    assert c.notes == "Old note." and c.script_covered == ["what-it-is", "evidence"]
    # Saved again, it is a current record that reads back the same.
    again = consultation_to_json(c)
    assert json.loads(again)["schema_version"] == SCHEMA_VERSION
    assert json.loads(again)["teach_back"]["note"] == old["teach_back"]
    assert consultation_from_json(again) == c


def test_a_version_1_record_with_teach_back_that_is_not_text_is_refused_plainly() -> None:
    old = json.loads((FIXTURES / "record-v1.json").read_text(encoding="utf-8"))
    old["teach_back"] = ["not", "text"]
    with pytest.raises(RecordError) as exc:
        consultation_from_dict(old)
    assert exc.value.field == "teach_back"


def test_a_version_2_record_with_an_unknown_outcome_is_refused() -> None:
    data = example_dict()
    data["teach_back"]["points"] = [{"point_id": "a", "outcome": "maybe", "patient_words": ""}]
    with pytest.raises(RecordError) as exc:
        consultation_from_dict(data)
    assert exc.value.field == "teach_back.points[0].outcome"


def test_per_point_teach_back_round_trips_through_json() -> None:
    c = Consultation(consultation_id="c2")
    c.teach_back.set_point("a", outcome="understood", patient_words="It may not help me.")
    c.teach_back.set_point("b", outcome="not_yet_understood")
    c.teach_back.set_point("b", patient_words="Ça me guérira?")
    c.teach_back.questions = "How many injections?"
    text = consultation_to_json(c)
    data = json.loads(text)
    assert data["teach_back"] == {
        "points": [
            {"point_id": "a", "outcome": "understood", "patient_words": "It may not help me."},
            {"point_id": "b", "outcome": "not_yet_understood", "patient_words": "Ça me guérira?"},
        ],
        "questions": "How many injections?", "note": ""}
    assert consultation_from_json(text) == c


@pytest.mark.parametrize(("change", "says"), [
    (lambda d: d.update(consultation_id="../../etc/passwd"), "consultation_id: must be"),
    (lambda d: d.update(consultation_id=""), "consultation_id: must be"),
    (lambda d: d.update(consultation_id="x" * 1_000_000), "consultation_id: is longer"),
    (lambda d: d["patient"].update(date_of_birth="2026-W47-1"), "is not a date"),
    (lambda d: d["patient"].update(name="\ud800"), "not valid text"),
])
def test_import_refuses_what_the_app_cannot_use(change: Any, says: str) -> None:
    """Issue 12.11: lenient dates, odd IDs and lone surrogates were stored on import."""
    data = json.loads(consultation_to_json(Consultation()))
    change(data)
    with pytest.raises(RecordError, match=says):
        consultation_from_json(json.dumps(data))


def test_the_same_field_twice_is_refused() -> None:
    text = consultation_to_json(Consultation()).replace(
        '"notes": ""', '"notes": "", "notes": "second"')
    with pytest.raises(RecordError, match="the same field twice"):
        consultation_from_json(text)


def test_a_treatment_date_round_trips_and_an_older_record_loads_without_it() -> None:
    """Issue 28: the "After your treatment" sheet needs the day of the treatment; a record
    written before the field existed still opens, with no treatment date."""
    c = Consultation(condition_id="osteoarthritis", treatment_date=dt.date(2026, 12, 1))
    assert consultation_from_json(consultation_to_json(c)).treatment_date == dt.date(2026, 12, 1)
    older = consultation_to_dict(Consultation(condition_id="osteoarthritis"))
    del older["treatment_date"]
    assert consultation_from_dict(older).treatment_date is None
