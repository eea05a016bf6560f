"""Issue 32: the app's version (one place, ``consultaid.__version__``) is in every handout's
footer, beside the content's version, in normal and large print and in both languages."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from consultaid import __version__
from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.handout import build_handout
from consultaid.settings import ClinicSettings


@pytest.mark.parametrize(("language", "large_print"), [("en", False), ("es", True)])
def test_every_page_names_the_app_version(language: str, large_print: bool) -> None:
    pack = load_content(language).pack
    consultation = example_consultation(pack)
    consultation.handout.large_print = large_print
    built = build_handout(consultation, pack,
                          ClinicSettings(clinic_name="Lakeside Clinic", phone="555 0100"))
    pdf = built if isinstance(built, bytes) else built[0]
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    for page in pages:
        text = " ".join(page.extract_text().split())
        assert f"consultaid {__version__}" in text and pack.version in text
