"""The acknowledgement in the record (issue 17.2): its JSON form, its limits, old records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consultaid.domain.acknowledgement import (
    MAX_POINTS,
    PAD_HEIGHT,
    PAD_WIDTH,
    Acknowledgement,
    clean_strokes,
    problems,
    stamp,
)
from consultaid.domain.consultation import (
    SCHEMA_VERSION,
    Consultation,
    consultation_from_dict,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.errors import RecordError

FIXTURES = Path(__file__).parent / "fixtures"


def drawn() -> Acknowledgement:
    return Acknowledgement(method="drawn", signer="representative", representative="Ana Ruiz",
                           relationship="daughter", at="2026-12-05T12:30:00Z",
                           handout_sha256="ab" * 32, pack_version="2026.12.0",
                           strokes=clean_strokes([[(1.4, 2.6), (30, 40)], [(399.7, 119.2)]]))


def test_strokes_are_rounded_clamped_deduplicated_and_capped() -> None:
    assert clean_strokes([[(1.4, 2.6), (1.2, 3.4), (-5, 500)]]) == [[[1, 3], [0, PAD_HEIGHT]]]
    many = [[(float(i % PAD_WIDTH), float(i % PAD_HEIGHT)) for i in range(MAX_POINTS + 500)]]
    assert sum(len(s) for s in clean_strokes(many)) == MAX_POINTS
    assert clean_strokes([[], [(5, 5)]]) == [[[5, 5]]]


def test_a_record_with_a_drawn_signature_round_trips_byte_for_byte() -> None:
    c = Consultation(consultation_id="ack-1", acknowledgement=drawn())
    text = consultation_to_json(c)
    assert '        [1, 3],\n' in text  # one point per line, not one number per line
    again = consultation_from_json(text)
    assert again == c and consultation_to_json(again) == text
    assert json.loads(text)["acknowledgement"]["strokes"] == [[[1, 3], [30, 40]], [[400, 119]]]


def test_a_version_2_record_opens_unchanged_with_no_acknowledgement() -> None:
    text = (FIXTURES / "record-v2.json").read_text(encoding="utf-8")
    old = json.loads(text)
    assert old["schema_version"] == 2 and "acknowledgement" not in old
    c = consultation_from_json(text)
    assert c.acknowledgement is None
    again = json.loads(consultation_to_json(c))
    assert again["schema_version"] == SCHEMA_VERSION and again["acknowledgement"] is None
    assert again["treatment_date"] is None  # issue 28's field, also absent from version 2
    added = ("schema_version", "acknowledgement", "treatment_date")
    assert {k: v for k, v in again.items() if k not in added} \
        == {k: v for k, v in old.items() if k != "schema_version"}


@pytest.mark.parametrize("change, words", [
    ({"strokes": [[[401, 3]]]}, "outside"),
    ({"strokes": [[[1, 2, 3]]]}, "outside"),
    ({"at": "yesterday"}, "the time"),
    ({"handout_sha256": "XYZ"}, "SHA-256"),
    ({"method": "paper"}, "only kept for a signature drawn"),
    ({"relationship": ""}, "relationship"),
])
def test_an_impossible_acknowledgement_in_a_file_is_refused_plainly(
        change: dict[str, object], words: str) -> None:
    data = json.loads(consultation_to_json(Consultation(consultation_id="x",
                                                        acknowledgement=drawn())))
    data["acknowledgement"].update(change)
    with pytest.raises(RecordError, match=words) as exc:
        consultation_from_dict(data)
    assert exc.value.field == "acknowledgement"


def test_too_many_points_in_a_file_are_refused() -> None:
    data = json.loads(consultation_to_json(Consultation(consultation_id="x",
                                                        acknowledgement=drawn())))
    data["acknowledgement"]["strokes"] = [[[1, 1]] * (MAX_POINTS + 1)]
    with pytest.raises(RecordError, match="more than"):
        consultation_from_dict(data)


def test_problems_name_what_each_method_needs() -> None:
    assert problems(Acknowledgement(method="verbal")) == [
        "a verbal acknowledgement needs the name of the staff member who witnessed it"]
    assert problems(Acknowledgement(method="drawn")) == ["no signature was drawn"]
    assert problems(Acknowledgement(method="paper", signer="representative")) == [
        "the representative's name is missing",
        "the representative's relationship to the patient is missing"]
    assert problems(Acknowledgement(method="paper", at=stamp())) == []
    assert Acknowledgement(method="paper").signed
    assert not Acknowledgement(method="verbal", witness="Nurse Lee").signed
    assert drawn().signed
