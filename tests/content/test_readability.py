"""Readability: the syllable counter, Flesch-Kincaid grades and the check at load time."""

from __future__ import annotations

from pathlib import Path

import pytest

from consultaid.content.loader import load_pack_dir, read_pack_data
from consultaid.content.problems import ContentError
from consultaid.content.readability import (
    GRADE_EXCEPTIONS,
    GUIDE_CEILING,
    MAX_GRADE,
    check_readability,
    count_syllables,
    fk_grade,
    join_items,
    patient_blocks,
    readability_report,
    text_stats,
)
from consultaid.resources import content_dir
from tests.content.conftest import replace_in

KNOWN_WORDS = {
    # one syllable
    "the": 1, "cat": 1, "make": 1, "makes": 1, "walked": 1, "knee": 1, "pain": 1, "cells": 1,
    "blood": 1, "joint": 1, "stroke": 1, "nerve": 1, "free": 1, "blue": 1, "you": 1,
    "yes": 1, "takes": 1, "sites": 1, "lives": 1, "wound": 1, "stem": 1, "fire": 1,
    # two
    "table": 2, "able": 2, "immune": 2, "needed": 2, "uses": 2, "changes": 2, "likely": 2,
    "agree": 2, "signal": 2, "doctor": 2, "second": 2, "clinic": 2, "fever": 2,
    "urgent": 2, "studies": 2, "studied": 2, "stromal": 2, "tissue": 2, "swelling": 2,
    "fatigue": 2, "people": 2, "trial": 2, "science": 2, "adjunct": 2, "million": 2,
    # three
    "therapy": 3, "medicine": 3, "evidence": 3, "injection": 3, "infection": 3,
    "arthritis": 3, "physician": 3, "cartilage": 3, "paracrine": 3, "rheumatoid": 3,
    "completely": 3, "usual": 3, "period": 3, "radio": 3, "medium": 3, "surgery": 3,
    "exercise": 3, "area": 3, "signalling": 3, "quality": 3, "opinion": 3, "easier": 3,
    "quiet": 2, "fluid": 2, "diet": 2, "reactive": 3, "staying": 2, "beyond": 2,
    "surgeon": 2, "safety": 2, "tongue": 1, "player": 2,
    # four and more
    "inflammation": 4, "modulation": 4, "mesenchymal": 4, "diabetes": 4, "metabolic": 4,
    "exercises": 4, "regulatory": 5, "neurological": 5, "cytotoxicity": 6,
    "osteoarthritis": 6,
    # acronyms are spelled out; numbers roughly one syllable per digit
    "MSC": 3, "NK": 2, "FDA": 3, "CRP": 3, "WHO": 5, "2": 1, "18": 2,
}


@pytest.mark.parametrize(("word", "syllables"), sorted(KNOWN_WORDS.items()))
def test_syllable_counter_on_known_words(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_syllable_counter_agrees_on_most_words_of_a_plain_paragraph() -> None:
    # Hand-counted: 'Some inflammation is good. It helps the body heal after an injury.'
    words = ["Some", "inflammation", "is", "good", "It", "helps", "the", "body", "heal",
             "after", "an", "injury"]
    assert sum(count_syllables(w) for w in words) == 1 + 4 + 1 + 1 + 1 + 1 + 1 + 2 + 1 + 2 + 1 + 3


def test_text_stats_counts_sentences_and_ignores_abbreviations_and_decimals() -> None:
    stats = text_stats("Ask Dr. Rivera, e.g. by phone. CRP was 4.2 today! Is that high?")
    assert stats.sentences == 3
    assert stats.words == 13


def test_last_sentence_without_a_full_stop_still_counts() -> None:
    assert text_stats("One short line").sentences == 1
    assert text_stats("").words == 0
    assert fk_grade("") == 0.0


def test_join_items_ends_each_item_as_a_sentence() -> None:
    assert join_items(["Rest", "Call us.", "Why?"]) == "Rest. Call us. Why?"


def test_fk_grade_separates_plain_from_dense_text() -> None:
    plain = "The cells send signals. They may calm the swelling. They may not help you."
    dense = ("Mesenchymal stromal cell administration demonstrates heterogeneous "
             "immunomodulatory efficacy contingent upon inflammatory microenvironmental "
             "characteristics, necessitating individualized therapeutic stratification.")
    assert fk_grade(plain) < 3
    assert fk_grade(dense) > 16


GRADE_12 = (
    "Mesenchymal stromal cells are hypothesised to exert immunomodulatory effects through "
    "paracrine secretion of cytokines, growth factors and extracellular vesicles, thereby "
    "influencing macrophage polarisation, regulatory T-cell expansion and natural killer "
    "cell cytotoxicity, although the clinical significance of these mechanisms remains "
    "incompletely characterised in heterogeneous patient populations."
)


def test_planted_grade_12_paragraph_is_refused_with_file_and_key(pack_copy: Path) -> None:
    assert fk_grade(GRADE_12) > 12
    path = pack_copy / "conditions" / "stroke.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('aims = "')
    end = text.index("\n", start)
    path.write_text(text[:start] + f'aims = "{GRADE_12}"' + text[end:], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    problems = caught.value.problems
    assert [(p.file, p.key) for p in problems] == [("conditions/stroke.toml", "patient.aims")]
    assert "Flesch-Kincaid grade" in problems[0].message


def test_hard_list_item_is_graded_with_its_list(pack_copy: Path) -> None:
    easy = ", ".join(['"Can I bring my son to the next visit?"'] * 30)
    replace_in(pack_copy / "handout.toml", '"Could this stop me from joining a trial later?"',
               f'"{GRADE_12}", {easy}')
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    # The list as a whole still reads easily; the long item is caught on its own.
    assert [(p.file, p.key) for p in caught.value.problems] == [
        ("handout.toml", "questions[4]")]


def test_hard_list_makes_the_whole_list_fail(pack_copy: Path) -> None:
    replace_in(pack_copy / "script.toml", 'teach_back = [',
               'teach_back = [\n  ' + ", ".join([f'"{GRADE_12}"'] * 4) + ",")
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    keys = [(p.file, p.key) for p in caught.value.problems]
    assert ("script.toml", "teach_back") in keys
    assert ("script.toml", "teach_back[3]") in keys


def test_short_hard_item_is_judged_with_its_list() -> None:
    data = {"handout.toml": {"questions": ["Is immunomodulation individualised?",
                                           "Who pays?", "What are my other options?",
                                           "Can I ask another doctor?", "When do we meet?",
                                           "Can I bring my son?", "How long will it take?",
                                           "Will it hurt?", "Can I drive home?"]}}
    assert fk_grade("Is immunomodulation individualised?") > 12
    assert check_readability(data) == []


def test_physician_text_is_not_graded(pack_copy: Path) -> None:
    replace_in(pack_copy / "conditions" / "stroke.toml",
               '"Blood pressure and any new vascular event.",', f'"{GRADE_12}",')
    assert load_pack_dir(pack_copy).condition("stroke") is not None


def test_patient_blocks_cover_every_patient_facing_part() -> None:
    data, _ = read_pack_data(content_dir() / "en")
    keys = {(b.file, b.key) for b in patient_blocks(data)}
    for part in ("inflammation", "aims", "benefits", "limitations", "other_options", "path",
                 "evidence"):
        assert ("conditions/diabetes.toml", f"patient.{part}") in keys
    for key in ("intro", "summary", "when_to_call", "urgent_care", "questions", "next_steps",
                "regulatory.text", "glossary[*].definition", "outcome.deferred",
                "outcome.not_eligible", "funding_placeholder"):
        assert ("handout.toml", key) in keys
    assert ("script.toml", "point[*].takeaway") in keys
    assert ("rules.toml", "rule[*].patient") in keys
    assert ("rules.toml", "verdicts[*].patient_label") in keys
    assert not any(k.startswith("physician") for _, k in keys)


def test_bundled_pack_reads_at_grade_6_per_block_but_for_named_exceptions() -> None:
    """Issue 28: grade 6 or lower per block; a block that cannot get there without losing a
    name or a number is named, with its reason, and never reads above the guide's 8."""
    data, _ = read_pack_data(content_dir() / "en")
    report = readability_report(data)
    assert check_readability(data) == []
    assert len(report.blocks) > 80
    for block, grade in report.blocks:
        if (block.file, block.key) not in GRADE_EXCEPTIONS:
            assert grade <= MAX_GRADE == 6.0, (block.file, block.key, grade)
    assert report.overall <= 5.0


def test_each_grade_exception_is_needed_explained_and_under_the_guide_ceiling() -> None:
    data, _ = read_pack_data(content_dir() / "en")
    graded = {(b.file, b.key): grade for b, grade in readability_report(data).blocks}
    for (file, key), exception in GRADE_EXCEPTIONS.items():
        assert len(exception.reason) > 40, (file, key)
        assert MAX_GRADE < exception.limit <= GUIDE_CEILING, (file, key)
        # Still needed: a block rewritten to grade 6 loses its exception.
        assert graded[file, key] > MAX_GRADE, (file, key, graded[file, key])


def test_an_exception_keeps_its_own_ceiling(pack_copy: Path) -> None:
    replace_in(pack_copy / "handout.toml", "If the answer above is 'none', ask why.",
               f"If the answer above is 'none', ask why. {GRADE_12}")
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    assert [(p.file, p.key) for p in caught.value.problems] == [
        ("handout.toml", "us_product_line")]
