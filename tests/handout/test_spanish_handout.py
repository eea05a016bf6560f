"""Spanish handouts for every condition: Spanish body, Spanish dates, /Lang es, the review
notice while the translation is a draft, and the California notice quoted word for word."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.content.pack import ContentPack
from consultaid.domain.screening import Verdict
from consultaid.handout import build_handout_result
from consultaid.handout.builder import MARGIN_BOTTOM, MARGIN_TOP
from consultaid.settings import ClinicSettings
from tests.handout.conftest import squash

ENGLISH_WORDS = frozenset({
    "the", "and", "you", "your", "with", "of", "is", "not", "for", "this", "that", "will",
    "can", "are", "be", "it", "we", "our", "have", "has", "do", "does", "what", "when", "who",
    "how", "from", "may", "might", "if", "or", "at", "on", "in", "to", "by"})
"""Common English words that are not Spanish words (a, de, no, con ... are both)."""


@pytest.fixture(scope="module")
def es() -> ContentPack:
    return load_content("es").pack


def body_lines(pdf: bytes) -> list[str]:
    """The body frame's text (no running header or footer), line by line, spaces kept."""
    lines: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        top = float(page.mediabox.height) - MARGIN_TOP

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, top: float = top) -> None:
            y = tm[5] * cm[3] + cm[5]
            if MARGIN_BOTTOM - 1 <= y <= top + 1 and text.strip():
                lines.append(text)

        page.extract_text(visitor_text=visit)
    return lines


def before_sources(lines: list[str], pack: ContentPack) -> str:
    """Body text up to the sources, whose titles keep their original language; words
    hyphenated at a line end are joined again ("hacien-" "do" is not the English "do")."""
    text = re.sub(r"-\s*\n\s*", "", "\n".join(lines))
    return text.split(pack.handout.headings["sources"])[0]


def english_words(text: str) -> list[str]:
    # Whole words, accented letters included ("caído" is not the English "do").
    return [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)
            if w.lower() in ENGLISH_WORDS]


@pytest.mark.parametrize("condition_id", ["osteoarthritis", "autoimmune", "diabetes",
                                          "neurological", "stroke", "wounds", "fatigue",
                                          "general"])
def test_a_spanish_handout_for_every_condition_has_no_english_in_its_body(
        es: ContentPack, condition_id: str) -> None:
    record = example_consultation(es, condition_id)
    result = build_handout_result(record, es, ClinicSettings(clinic_name="Clínica Ribera"))
    body = before_sources(body_lines(result.pdf), es)
    assert squash(es.conditions[condition_id].title) in squash(body)
    assert english_words(body) == [], condition_id
    assert result.warnings == []


def test_spanish_dates_pages_language_and_the_draft_notice(es: ContentPack) -> None:
    record = example_consultation(es, "osteoarthritis")
    result = build_handout_result(record, es, ClinicSettings())
    reader = PdfReader(io.BytesIO(result.pdf))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    pages = [page.extract_text() for page in reader.pages]
    assert "16 de noviembre de 2026" in pages[0]
    assert "12 de abril de 1961" in pages[1]  # "Sobre esta consulta", first of the details
    assert squash(f"Página 1 de {len(pages)}") in squash(pages[0])
    assert es.translation is not None
    assert squash(es.translation.notice) in squash("\n".join(body_lines(result.pdf)))
    for page in pages:  # the source language's notice at the foot of every page, outside the body
        assert squash(es.translation.notice_source) in squash(page)


def test_the_california_notice_is_translated_and_quoted_word_for_word(es: ContentPack) -> None:
    record = example_consultation(es, "osteoarthritis")
    settings = ClinicSettings(regulatory_jurisdiction="US-CA")
    pdf = build_handout_result(record, es, settings).pdf
    text = squash("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    notice = es.handout.notice("US-CA")
    assert notice is not None
    assert squash(notice.translation) in text
    assert squash(notice.official_label) in text
    assert squash(notice.text) in text


@pytest.mark.parametrize("answers", [{"infection": "active"}, {"cancer_status": "active"},
                                     {"infection": "recent"}])
def test_short_and_review_sheets_are_spanish_too(es: ContentPack, answers: dict[str, Any]
                                                 ) -> None:
    record = example_consultation(es, "diabetes")
    record.screening.update(answers)
    result = build_handout_result(record, es, ClinicSettings())
    body = before_sources(body_lines(result.pdf), es)
    assert english_words(body) == []
    heading = {"active": Verdict.DEFERRED, "recent": Verdict.NEEDS_REVIEW}.get(
        str(answers.get("infection")), Verdict.NOT_ELIGIBLE)
    assert squash(es.handout.outcomes[heading].heading) in squash(body)


def test_the_english_word_check_finds_english(es: ContentPack) -> None:
    """An English record's plan, printed as is with the Spanish pack, is caught."""
    en = load_content("en").pack
    record = example_consultation(en, "stroke")
    record.notes = ""
    record.treatment_date = dt.date(2026, 12, 1)  # the plan is printed on the after sheet
    lines = body_lines(build_handout_result(record, es, ClinicSettings()).pdf)
    after = re.sub(r"-\s*\n\s*", "", "\n".join(lines)).split(es.handout.headings["after"])[1]
    assert {"and", "your"} <= {w.lower() for w in english_words(after)}
