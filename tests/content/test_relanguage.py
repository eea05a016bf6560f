"""A record made with the English pack, printed in Spanish: the template rows move over."""

from __future__ import annotations

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_pack_dir
from consultaid.content.relanguage import carry_over, follow_up_in
from consultaid.domain.consultation import FollowUpRow
from consultaid.resources import content_dir


def test_template_rows_move_and_edited_rows_stay_and_are_reported() -> None:
    en, es = load_pack_dir(content_dir() / "en"), load_pack_dir(content_dir() / "es")
    record = example_consultation(en, "stroke")
    record.follow_up[1] = FollowUpRow("7 weeks", "Our own words", "Dr. Rivera")
    record.follow_up.append(FollowUpRow("1 year", "A last look", "Clinic nurse"))
    warnings = carry_over(record, en, es)
    template = es.conditions["stroke"].follow_up
    assert record.follow_up[0] == template[0]
    assert record.follow_up[1].what == "Our own words"
    assert record.follow_up[2:4] == list(template[2:4])
    assert record.follow_up[4].what == "A last look"
    assert warnings[0].startswith("follow-up row(s) 2, 5 were written or edited")
    assert "notes were written in the visit" in warnings[1]


def test_same_language_changes_nothing() -> None:
    en = load_pack_dir(content_dir() / "en")
    record = example_consultation(en)
    rows = list(record.follow_up)
    assert carry_over(record, en, en) == []
    assert record.follow_up == rows


def test_an_unknown_condition_keeps_every_row() -> None:
    en = load_pack_dir(content_dir() / "en")
    rows = [FollowUpRow("a", "b", "c")]
    moved = follow_up_in(rows, "nope", en, en)
    assert moved.rows == rows and moved.kept == [1]
