"""The bundled Spanish pack: a complete mirror of the English one, a draft on record, readable."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from consultaid.content.languages import check_language
from consultaid.content.loader import load_pack_dir, read_pack_data
from consultaid.content.pack import ContentPack
from consultaid.content.readability import readability_report
from consultaid.content.spanish import (
    INFLESZ,
    INFLESZ_BLOCK_FLOOR,
    INFLESZ_EXCEPTIONS,
    INFLESZ_GUIDE_FLOOR,
)
from consultaid.resources import content_dir

EN, ES = content_dir() / "en", content_dir() / "es"


@pytest.fixture(scope="module")
def en() -> ContentPack:
    return load_pack_dir(EN)


@pytest.fixture(scope="module")
def es() -> ContentPack:
    return load_pack_dir(ES)


def _toml(root: Any, name: str) -> dict[str, Any]:
    return tomllib.loads((root / name).read_text(encoding="utf-8"))


def test_the_spanish_pack_is_a_draft_translation_on_record(es: ContentPack) -> None:
    assert es.language == "es"
    t = es.translation
    assert t is not None
    assert t.status == "draft" and not t.reviewed and es.translation_pending
    assert t.source_language == "en"
    assert t.reviewer == "" and t.reviewed_on is None  # no qualified reviewer yet: said so
    assert "Traducción" in t.notice and "not yet reviewed" in t.notice_source


def test_every_condition_in_the_same_order_with_the_same_parts(en: ContentPack,
                                                               es: ContentPack) -> None:
    assert list(es.conditions) == list(en.conditions)
    for cid, mine in es.conditions.items():
        theirs = en.conditions[cid]
        for part in ("benefits", "limitations", "other_options", "path", "key_facts",
                     "when_to_call"):
            assert len(getattr(mine.patient, part)) == len(getattr(theirs.patient, part)), \
                (cid, part)
        assert [o.id for o in mine.patient.options] == [o.id for o in theirs.patient.options]
        assert len(mine.follow_up) == len(theirs.follow_up)
        for side in ("talking_points", "screening_cautions", "measure"):
            assert len(getattr(mine.physician, side)) == len(getattr(theirs.physician, side))
        assert mine.title != theirs.title


def test_rules_decide_exactly_as_in_english() -> None:
    """Only the words may differ: ids, verdicts and conditions are the English pack's."""
    mine, theirs = _toml(ES, "rules.toml"), _toml(EN, "rules.toml")
    assert [(r["id"], r["verdict"], r["when"]) for r in mine["rule"]] == [
        (r["id"], r["verdict"], r["when"]) for r in theirs["rule"]]
    assert mine["verdicts"].keys() == theirs["verdicts"].keys()
    for a, b in zip(mine["rule"], theirs["rule"], strict=True):
        assert a["patient"] != b["patient"], a["id"]


def test_checklist_asks_the_same_questions(en: ContentPack, es: ContentPack) -> None:
    def shape(pack: ContentPack) -> list[tuple[Any, ...]]:
        return [(i.id, i.kind, tuple(o.id for o in i.options), tuple(u.id for u in i.units),
                 i.minimum, i.maximum) for i in pack.checklist.items]
    assert shape(es) == shape(en)


def test_handout_text_mirrors_english(en: ContentPack, es: ContentPack) -> None:
    a, b = es.handout, en.handout
    assert a.headings.keys() == b.headings.keys()
    assert a.labels.keys() == b.labels.keys()
    for name in ("summary", "when_to_call", "urgent_care", "questions", "next_steps", "cost",
                 "product_fields", "glossary"):
        assert len(getattr(a, name)) == len(getattr(b, name)), name
    assert [o.id for o in a.common_options] == [o.id for o in b.common_options]
    assert a.outcomes.keys() == b.outcomes.keys()
    assert [p.id for p in es.script.points] == [p.id for p in en.script.points]
    assert a.regulatory.checked_on == b.regulatory.checked_on
    assert a.date(es.last_reviewed) == "7 de diciembre de 2026"


def test_state_notices_quote_the_statute_and_translate_it(en: ContentPack,
                                                          es: ContentPack) -> None:
    theirs = {n.jurisdiction: n for n in en.handout.notices}
    for notice in es.handout.notices:
        assert notice.text == theirs[notice.jurisdiction].text  # the law's words, exactly
        assert notice.translation.startswith("LA LEY DE")
        assert "inglés" in notice.official_label


def test_sources_keep_their_original_titles(en: ContentPack, es: ContentPack) -> None:
    assert [(s.id, s.title, s.url, s.conditions, s.patient) for s in es.sources] == [
        (s.id, s.title, s.url, s.conditions, s.patient) for s in en.sources]
    assert all(a.note != b.note for a, b in zip(es.sources, en.sources, strict=True) if b.note)


def test_spanish_pack_is_honest_and_readable() -> None:
    data, problems = read_pack_data(ES)
    assert problems == []
    assert check_language(data) == []
    report = readability_report(data, INFLESZ)
    assert report.overall >= 65
    # Issue 28: 65 or more per block, but for the named exceptions (never below 55).
    for block, score in report.blocks:
        assert score >= 55, (block.file, block.key, score)
        if (block.file, block.key) not in INFLESZ_EXCEPTIONS:
            assert score >= INFLESZ_BLOCK_FLOOR == 65, (block.file, block.key, score)


def test_each_inflesz_exception_is_needed_explained_and_above_the_guide_floor() -> None:
    data, _ = read_pack_data(ES)
    measure = INFLESZ
    scores = {(b.file, b.key): score for b, score in readability_report(data, measure).blocks}
    for block, _ in readability_report(data, measure).blocks:
        for key, text in block.items:
            scores[block.file, key] = measure.score(text)
    for (file, key), exception in INFLESZ_EXCEPTIONS.items():
        assert len(exception.reason) > 40, (file, key)
        assert INFLESZ_GUIDE_FLOOR <= exception.limit < INFLESZ_BLOCK_FLOOR, (file, key)
        assert scores[file, key] < INFLESZ_BLOCK_FLOOR, (file, key, scores[file, key])


@pytest.mark.parametrize("condition_id", ["osteoarthritis", "autoimmune", "diabetes",
                                          "neurological", "stroke", "wounds", "fatigue",
                                          "general"])
def test_each_spanish_panel_reads_fairly_easy(condition_id: str) -> None:
    data, _ = read_pack_data(ES)
    report = readability_report({f"conditions/{condition_id}.toml":
                                 data[f"conditions/{condition_id}.toml"]}, INFLESZ)
    assert report.overall >= 65, f"{condition_id}: INFLESZ {report.overall:.1f}"
