"""Arbitrary Unicode in every string field: the handout still builds and prints the text.

Markup characters, control characters, right-to-left text, emoji and long strings go into
every string of the example consultation and the clinic settings. Each printed field must be
found in the PDF exactly as the text cleaner made it printable (controls dropped, characters
the fonts lack replaced visibly).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import unicodedata
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.consultation import Consultation, FollowUpRow
from consultaid.domain.screening import Verdict, evaluate_screening
from consultaid.handout import build_handout_result
from consultaid.handout.builder import MARGIN_BOTTOM, MARGIN_TOP
from consultaid.handout.fonts import handout_fonts
from consultaid.handout.text import TextCleaner
from consultaid.settings import ClinicSettings

PACK = load_content("en").pack
BASE = example_consultation(PACK)

NASTY = [
    "<b>bold</b> & <i>", '<img src="/etc/hostname"/>', '<link href="https://x.example">x</link>',
    "</para><para>", "&amp; &lt; &#65; &bogus;", "\x00\x01\x1b[31m\x7f", "\u202eevil\u202c",
    "שלום עולם", "مرحبا بالعالم", "😀🧬👩‍⚕️", "e\u0301\u0327", "\ud7ff\ufffe\uffff",
    "x" * 700, "word " * 120,
]

texts = st.one_of(
    st.text(max_size=60),
    st.sampled_from(NASTY[:12]),
    st.lists(st.one_of(st.text(max_size=20), st.sampled_from(NASTY[:12])), max_size=4).map(
        "".join),
)
short_texts = st.one_of(st.text(max_size=30), st.sampled_from(NASTY[:12]))
# Very long strings go into fields printed as paragraphs; a table cell taller than the rest of
# the page is split between pages, which interleaves it with its neighbours in the text layer.
long_texts = st.one_of(texts, st.sampled_from(NASTY[12:]), st.text(min_size=500, max_size=3000))


RTL = {"R", "AL", "RLE", "RLO", "RLI"}


def right_to_left(ch: str) -> bool:
    """A right-to-left character, or a mark of a right-to-left script (an Arabic hamza below
    is bidi class NSM, and pypdf still moves it with its Arabic neighbours)."""
    name = unicodedata.name(ch, "")
    return unicodedata.bidirectional(ch) in RTL or name.startswith(("ARABIC", "HEBREW"))


def squash(text: str) -> str:
    """Without white space or hyphens (words are hyphenated where a dictionary allows)."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-\u2010\u00ad")


def body_text(pdf: bytes) -> str:
    """Text in the body frame of every page (no running header, no footer), squashed."""
    reader = PdfReader(io.BytesIO(pdf))
    chunks: list[str] = []
    for page in reader.pages:
        top = float(page.mediabox.height) - MARGIN_TOP

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, top: float = top) -> None:
            y = tm[5] * cm[3] + cm[5]
            if MARGIN_BOTTOM - 1 <= y <= top + 1:
                chunks.append(text)

        page.extract_text(visitor_text=visit)
    return squash("".join(chunks))


# No shrinking phase: one build takes ~0.1 s, and an unshrunk failing example is still shown.
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(
    name=texts, patient_id=short_texts, physician=texts, reviewer=texts, comment=texts,
    teach_back=texts, notes=long_texts, diagnosis=texts, medications=texts, details=texts,
    record_id=texts,
    rows=st.lists(st.tuples(short_texts, short_texts, short_texts), max_size=5),
    clinic=st.tuples(texts, long_texts, short_texts, short_texts, short_texts, long_texts),
    large_print=st.booleans(),
    treated=st.booleans(),
)
def test_any_text_in_any_field_builds_and_prints(
    name: str, patient_id: str, physician: str, reviewer: str, comment: str, teach_back: str,
    notes: str, diagnosis: str, medications: str, details: str, record_id: str,
    rows: list[tuple[str, str, str]],
    clinic: tuple[str, str, str, str, str, str], large_print: bool, treated: bool,
) -> None:
    c: Consultation = copy.deepcopy(BASE)
    c.patient.name = name
    c.patient.clinic_patient_id = patient_id
    c.physician = physician
    c.review.reviewer = reviewer
    c.review.comment = comment
    c.teach_back.note = teach_back
    c.notes = notes
    c.screening["diagnosis"] = diagnosis
    c.screening["medications"] = medications
    c.screening["unstable_details"] = details
    c.consultation_id = record_id
    c.follow_up = [FollowUpRow(*row) for row in rows]
    c.handout.large_print = large_print
    c.treatment_date = dt.date(2026, 12, 1) if treated else None
    s = ClinicSettings(clinic_name=clinic[0], address=clinic[1], phone=clinic[2],
                       email=clinic[3], website=clinic[4], funding_statement=clinic[5])

    result = build_handout_result(c, PACK, s)

    body = body_text(result.pdf)
    clean = TextCleaner(handout_fonts().covers)
    # The sheet follows the verdict: the follow-up plan is only on a may-proceed sheet, the
    # funding statement only where the treatment is still being discussed.
    verdict = evaluate_screening(c, PACK.checklist, PACK.rules).verdict
    printed = [name, patient_id, physician, notes, s.clinic_name, s.address, s.phone, s.email,
               s.website]
    if verdict is Verdict.MAY_PROCEED and treated:  # the plan, on the after-treatment sheet
        printed += [cell for row in rows for cell in row]
    elif verdict is Verdict.MAY_PROCEED:  # "If you go ahead: visits at ..."
        printed += [row[0] for row in rows]
    if s.funding_statement.strip() and verdict in (Verdict.MAY_PROCEED, Verdict.NEEDS_REVIEW):
        printed.append(s.funding_statement)
    expected = [squash(clean.plain(value, keep_lines=True)) for value in printed]
    if any(right_to_left(ch) for value in expected for ch in value):
        # pypdf reorders every line holding right-to-left text when it extracts it (neighbouring
        # table cells included), so then only the characters and their counts are compared.
        body_chars = Counter(body)
        for value in expected:
            assert Counter(value) <= body_chars, value
    else:
        for value in expected:
            assert value in body, value
    if c.review.decision != "pending" and reviewer.strip() and verdict is Verdict.MAY_PROCEED:
        clean.plain(reviewer)  # "Second doctor's review" (the details) prints the name too
    replaced = bool(clean.replaced)
    assert bool(result.warnings) == replaced


def test_a_reviewer_name_the_fonts_cannot_draw_is_reported() -> None:
    """Found by the property test above: the second doctor's name is printed too, so a glyph
    the fonts lack there is replaced and reported like anywhere else."""
    c: Consultation = copy.deepcopy(BASE)
    assert c.review.decision != "pending"
    c.review.reviewer = "Dr \U0001F9EC Okafor"
    result = build_handout_result(c, PACK, ClinicSettings())
    assert len(result.warnings) == 1 and "(U+1F9EC)" in result.warnings[0]
