"""Teach-back rules shared by the step, the handout and the records view."""

from __future__ import annotations

from consultaid.domain.teach_back import (
    OUTCOME_LABELS,
    TeachBack,
    needs_attention,
    needs_follow_up,
    not_yet_understood,
)

POINTS = ["a", "b", "c", "d"]


def test_points_not_checked_or_not_understood_need_attention_in_script_order() -> None:
    tb = TeachBack()
    assert needs_attention(tb, POINTS) == POINTS
    tb.set_point("c", outcome="understood")
    tb.set_point("a", outcome="not_yet_understood")
    tb.set_point("b", outcome="retaught_understood")
    tb.set_point("d", patient_words="words but no outcome yet")
    assert needs_attention(tb, POINTS) == ["a", "d"]
    assert not_yet_understood(tb, POINTS) == ["a"]
    assert needs_follow_up(tb)


def test_follow_up_clears_when_the_point_is_re_taught() -> None:
    tb = TeachBack()
    tb.set_point("a", outcome="not_yet_understood")
    tb.set_point("a", outcome="retaught_understood")
    assert len(tb.points) == 1
    assert not needs_follow_up(tb)
    assert not_yet_understood(tb, POINTS) == []


def test_empty_means_nothing_recorded() -> None:
    tb = TeachBack()
    assert tb.is_empty()
    tb.set_point("a", patient_words="   ")
    assert tb.is_empty()
    tb.questions = "Will it hurt?"
    assert not tb.is_empty()
    assert not TeachBack(note="old text").is_empty()


def test_every_outcome_has_plain_words() -> None:
    assert list(OUTCOME_LABELS) == ["understood", "retaught_understood", "not_yet_understood"]
