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
