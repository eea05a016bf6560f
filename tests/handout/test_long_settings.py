"""Very long clinic settings still give a handout (found by the fuzz test: a 3,000-character
address with no spaces, in large print, did not fit the letterhead table on any page)."""

from __future__ import annotations

import copy
import datetime as dt
from io import BytesIO

import pytest
from pypdf import PdfReader

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.handout import build_handout
from consultaid.settings import ClinicSettings

PACK = load_content("en").pack


@pytest.mark.parametrize(
    "settings",
    [
        ClinicSettings(clinic_name="Clinic", address="x" * 3000),
        ClinicSettings(clinic_name="n" * 3000),
        ClinicSettings(address="word " * 900, phone="1" * 2000),
        ClinicSettings(regulatory_text="y" * 4000, regulatory_checked_on=dt.date(2026, 1, 1)),
        ClinicSettings(funding_statement="z" * 6000),
    ],
    ids=["unbroken-address", "unbroken-name", "long-address-and-phone", "regulatory", "funding"],
)
@pytest.mark.parametrize("large_print", [False, True])
def test_long_settings_build_and_print_in_full(settings: ClinicSettings,
                                               large_print: bool) -> None:
    c = copy.deepcopy(example_consultation(PACK))
    c.handout.large_print = large_print
    pdf = build_handout(c, PACK, settings)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    squashed = "".join(text.split())
    longest = max((settings.address, settings.clinic_name, settings.regulatory_text,
                   settings.funding_statement), key=len)
    assert "".join(longest.split())[:500] in squashed


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("field", ["regulatory_text", "funding_statement"])
def test_a_long_text_of_any_length_builds(field: str, large_print: bool) -> None:
    """A box row a little taller than a page (by less than reportlab's minimum split) could not
    be split at the top of a page: before this test, 13 lengths between 1,000 and 9,000
    characters (every 50) failed to build ("Flowable too large"), e.g. 3,400 and 6,800."""
    failed = []
    for length in range(1000, 5000, 100):
        c = copy.deepcopy(example_consultation(PACK))
        c.handout.large_print = large_print
        settings = ClinicSettings(regulatory_checked_on=dt.date(2026, 1, 1),
                                  **{field: "y" * length})
        try:
            build_handout(c, PACK, settings)
        except Exception as exc:
            failed.append((length, type(exc).__name__))
    assert not failed
