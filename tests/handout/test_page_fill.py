"""No half-empty pages, no word broken in two in a narrow column, no phone cut off the footer.

Seen in large print before: page 1 a third empty (the decision box went whole to page 2, so the
key facts, the price and the phone were not on page 1); a heading before a table that fits on
a page but not in the space left took the whole table to the next page with it (the follow-up
plan left 40% of a page empty); the options' first column printed "Standar-d care"; the
Spanish footer printed "Teléfono de la clínica: (555) 01…" and "próxima revisión e…".
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.screening import Verdict
from consultaid.handout import build_handout, builder
from consultaid.settings import ClinicSettings

VARIANTS = {"may proceed": {}, "needs review": {"infection": "recent"}}
PHONE = "(555) 010-2040"


def handout(language: str, variant: str, large_print: bool) -> tuple[bytes, object]:
    pack = load_content(language).pack
    c = copy.deepcopy(example_consultation(pack))
    c.screening.update(VARIANTS[variant])
    c.handout.large_print = large_print
    settings = ClinicSettings(clinic_name="Riverside Joint Clinic", phone=PHONE)
    return build_handout(c, pack, settings), pack


def body_text(page: object) -> list[tuple[float, str]]:
    """The page's text inside its text area (not the running header or the footer), with the
    height of each piece: 0 at the top of the area, 1 at its foot."""
    height = float(page.mediabox.height)  # type: ignore[attr-defined]
    top, bottom = height - builder.MARGIN_TOP, builder.MARGIN_BOTTOM
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and bottom - 2 < y < top:
            found.append(((top - y) / (top - bottom), text.strip()))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def filled(page: object) -> float:
    """How far down the page's text area the lowest line of text reaches (0 to 1)."""
    return max((at for at, _ in body_text(page)), default=0.0)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_no_page_but_the_last_is_left_mostly_empty(language: str, large_print: bool,
                                                   variant: str) -> None:
    pdf, _ = handout(language, variant, large_print)
    pages = PdfReader(io.BytesIO(pdf)).pages
    fill = [round(filled(page), 2) for page in pages]
    assert len(fill) > 2
    assert min(fill[:-1]) >= 0.75, fill


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
def test_page_one_carries_the_result_decision_price_and_phone(language: str,
                                                            large_print: bool) -> None:
    pdf, pack = handout(language, "may proceed", large_print)
    first = plain(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    text = pack.handout  # type: ignore[attr-defined]
    wanted = [text.outcomes[Verdict.MAY_PROCEED].heading]
    if not large_print:  # the brief's page-1 rule is for normal print; large print follows on
        wanted += [text.headings["decision"], text.labels["price_missing"],
                   f"{text.labels['phone']}: {PHONE}", text.headings["summary"]]
    for printed in wanted:
        assert plain(printed) in first, printed


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_footer_keeps_the_phone_and_the_next_review_date(language: str) -> None:
    pdf, pack = handout(language, "may proceed", True)
    text = pack.handout  # type: ignore[attr-defined]
    review_by = f"{text.labels['review_by']} {text.date(pack.review_by)}"  # type: ignore[attr-defined]
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
        lines = page.extract_text().splitlines()
        assert any(line.rstrip().endswith(f"{text.labels['phone']}: {PHONE}")
                   for line in lines), (number, lines[-3:])
        assert any(review_by in line for line in lines), (number, lines[-3:])
        assert not any(line.rstrip().endswith("…") for line in lines[-3:]), lines[-3:]


def broken(word: str, text: str) -> bool:
    """``word`` printed in two pieces on two lines ("Standar" / "d care")."""
    return any(re.search(rf"(?<!\w){re.escape(word[:k])}\s*\n\s*{re.escape(word[k:])}(?!\w)",
                         text) for k in range(1, len(word)))


def test_broken_finds_a_word_split_over_two_lines() -> None:
    assert broken("Standard", "Standar\nd care")
    assert not broken("Standard", "Standard\ncare")


@pytest.mark.parametrize("language", ["en", "es"])
def test_first_column_words_are_not_broken_in_large_print(language: str) -> None:
    pdf, pack = handout(language, "may proceed", True)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    handout_text = pack.handout  # type: ignore[attr-defined]
    condition = pack.condition("osteoarthritis")  # type: ignore[attr-defined]
    names = [o.name for o in (*condition.patient.options, *handout_text.common_options)]
    names += [g.term for g in handout_text.glossary]
    names += [handout_text.labels["when"], *(row.when for row in condition.follow_up)]
    words = {w.strip("()") for name in names for w in name.split() if len(w.strip("()")) > 3}
    assert not [w for w in sorted(words) if broken(w, text)]


# Issue 15 aims at 4 pages of A4 (normal print) and 8 (large print) for a may-proceed sheet.
# Measured 2026-12-05, pack 2026.12.1, after the page-fill work: English 6 pages normal and 8-9
# large; Spanish 6 normal and 9-10 large (it was 6-7 and 10). These limits keep it from growing.
PAGE_LIMITS = {("en", False): 6, ("en", True): 9, ("es", False): 6, ("es", True): 10}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
def test_page_counts_of_every_condition_do_not_grow(language: str, large_print: bool) -> None:
    pack = load_content(language).pack
    settings = ClinicSettings(clinic_name="Riverside Joint Clinic", phone=PHONE)
    counts = {}
    for condition in pack.conditions:
        c = copy.deepcopy(example_consultation(pack))
        c.condition_id = condition
        c.handout.large_print = large_print
        counts[condition] = len(PdfReader(io.BytesIO(build_handout(c, pack, settings))).pages)
    assert max(counts.values()) <= PAGE_LIMITS[language, large_print], counts


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("answers", [{}, {"infection": "recent"}, {"infection": "active"},
                                     {"cancer_status": "active"}],
                         ids=["may proceed", "needs review", "deferred", "not eligible"])
def test_no_page_is_blank(language: str, large_print: bool, answers: dict[str, str]) -> None:
    """Seen: the Spanish not-eligible sheet in large print ended with a page holding only the
    ruled line for notes."""
    pack = load_content(language).pack
    settings = ClinicSettings(clinic_name="Riverside Joint Clinic", phone=PHONE)
    for notes in ("", "Patient would like to discuss with her daughter before deciding.",
                  "\n".join(f"Line {n} of the notes." for n in range(1, 9))):
        c = copy.deepcopy(example_consultation(pack))
        c.screening.update(answers)
        c.handout.large_print = large_print
        c.notes = notes
        pages = PdfReader(io.BytesIO(build_handout(c, pack, settings))).pages
        notes_heading = pack.handout.headings["notes"]
        for number, page in enumerate(pages, 1):
            text = [piece for _, piece in body_text(page) if piece != notes_heading]
            assert text, (notes[:20], number, len(pages))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("answers", [{"infection": "active"}, {"cancer_status": "active"}],
                         ids=["deferred", "not eligible"])
def test_a_deferred_or_not_eligible_sheet_is_two_pages_at_most(language: str,
                                                                answers: dict[str, str]) -> None:
    """Issue 15: 1-2 pages. Seen: 3 in Spanish large print (the last holding only the notes)."""
    pack = load_content(language).pack
    settings = ClinicSettings(clinic_name="Riverside Joint Clinic", phone=PHONE)
    counts = {}
    for condition in pack.conditions:
        for paper in ("a4", "letter"):
            for large_print in (False, True):
                c = copy.deepcopy(example_consultation(pack))  # with a typed note
                c.condition_id = condition
                c.screening.update(answers)
                c.handout.paper, c.handout.large_print = paper, large_print
                pdf = build_handout(c, pack, settings)
                counts[condition, paper, large_print] = len(PdfReader(io.BytesIO(pdf)).pages)
    assert max(counts.values()) <= 2, {k: v for k, v in counts.items() if v > 2}
