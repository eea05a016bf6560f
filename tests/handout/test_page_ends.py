"""No box's heading is left alone at the foot of a page (seen: "Approval status" at the end of
page 3 of the English sheet, its box on page 4)."""

from __future__ import annotations

import copy
import io
import re

import pytest
from pypdf import PdfReader

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.handout import build_handout
from consultaid.settings import ClinicSettings
from tests.handout.test_page_fill import body_text

VARIANTS = {"may proceed": {}, "needs review": {"infection": "recent"}}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_box_heading_never_ends_a_page(language: str, large_print: bool, variant: str) -> None:
    pack = load_content(language).pack
    c = copy.deepcopy(example_consultation(pack))
    c.screening.update(VARIANTS[variant])
    c.handout.large_print = large_print
    pdf = build_handout(c, pack, ClinicSettings(clinic_name="Riverside", phone="(555) 010-2040"))
    headings = {pack.handout.headings[key] for key in ("regulatory", "urgent_care", "notice")
                if key in pack.handout.headings}
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    footer = re.compile(r"^(Page|Página) \d+ (of|de) \d+$")
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        at = next(i for i, line in enumerate(lines) if footer.match(line))  # body, then footer
        assert lines[at - 1] not in headings, (number, lines[at - 3:at])


def test_the_result_heading_stays_with_its_box() -> None:
    """Seen in this review: a long clinic address pushed "The result of your check-up" to the
    foot of page 1 and its box to page 2 (the heading asked the box whether it fits as if the
    box stood at the top of a page)."""
    pack = load_content("en").pack
    heading = pack.handout.headings["outcome"]
    orphaned = []
    for words in range(200, 320, 8):
        c = copy.deepcopy(example_consultation(pack))
        settings = ClinicSettings(clinic_name="Riverside", phone="1",
                                  address="Main street " * words)
        pages = PdfReader(io.BytesIO(build_handout(c, pack, settings))).pages
        for number, page in enumerate(pages, 1):
            text = body_text(page)
            if text and max(text)[1] == heading:
                orphaned.append((words, number))
    assert not orphaned
