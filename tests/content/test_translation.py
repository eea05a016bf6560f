"""pack.toml [translation]: translator, reviewer, dates and status, checked on every load."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from consultaid.content.problems import Problem, TableReader
from consultaid.content.translation import read_translation

DRAFT: dict[str, Any] = {
    "status": "draft", "source_language": "en", "source_version": "2026.12.0",
    "translator": "Machine-assisted draft", "translated_on": dt.date(2026, 12, 1),
    "notice": "Esta traducción aún no ha sido revisada.",
    "notice_source": "This translation has not yet been reviewed.",
}


def _read(value: Any, language: str = "es") -> tuple[Any, list[Problem]]:
    problems: list[Problem] = []
    found = read_translation(TableReader("pack.toml", problems), value, language)
    return found, problems


def test_a_draft_is_read_and_is_pending() -> None:
    found, problems = _read(DRAFT)
    assert problems == []
    assert found.status == "draft" and not found.reviewed
    assert "not yet reviewed by a qualified medical translator" in found.summary


def test_a_reviewed_translation_names_reviewer_qualification_and_date() -> None:
    reviewed = {**DRAFT, "status": "reviewed", "reviewer": "A. Reviewer",
                "reviewer_qualification": "ATA-certified medical translator (en>es)",
                "reviewed_on": dt.date(2026, 12, 3)}
    found, problems = _read(reviewed)
    assert problems == []
    assert found.reviewed
    assert "reviewed by A. Reviewer, ATA-certified" in found.summary


@pytest.mark.parametrize(("change", "key"), [
    ({"status": "reviewed"}, "translation.reviewer"),
    ({"status": "reviewed", "reviewer": "A", "reviewer_qualification": "B"},
     "translation.reviewed_on"),
    ({"status": "reviewed", "reviewer": "A", "reviewer_qualification": "B",
      "reviewed_on": dt.date(2026, 11, 20)}, "translation.reviewed_on"),
    ({"reviewed_on": dt.date(2026, 12, 2)}, "translation.reviewed_on"),
    ({"status": "final"}, "translation.status"),
    ({"source_language": "es"}, "translation.source_language"),
    ({"notice": " "}, "translation.notice"),
    ({"translated_on": dt.date(2999, 1, 1)}, "translation.translated_on"),
])
def test_a_translation_record_that_does_not_hold_is_refused(change: dict[str, Any],
                                                            key: str) -> None:
    found, problems = _read({**DRAFT, **change})
    assert found is None
    assert key in [p.key for p in problems], problems


def test_a_pack_in_another_language_must_record_its_translation() -> None:
    found, problems = _read(None, "es")
    assert found is None
    assert [p.key for p in problems] == ["translation"]
    assert "is a translation" in problems[0].message


def test_the_source_pack_needs_no_translation_record() -> None:
    assert _read(None, "en") == (None, [])


def test_an_unknown_key_is_reported() -> None:
    _, problems = _read({**DRAFT, "reviewer_email": "x"})
    assert [(p.key, p.message) for p in problems] == [("translation.reviewer_email",
                                                       "unknown key")]
