"""Shared fixtures for the handout tests: the example visit, PDF read-back."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pypdf import PdfReader

from consultaid.content.citations import without_citations
from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.handout import build_handout_result
from consultaid.handout.builder import MARGIN_BOTTOM, MARGIN_TOP
from consultaid.settings import ClinicSettings


@pytest.fixture
def consultation(pack: ContentPack) -> Consultation:
    return example_consultation(pack)


@pytest.fixture
def settings() -> ClinicSettings:
    return ClinicSettings(
        clinic_name="Riverside Joint Clinic",
        address="12 River Road\nSpringfield",
        phone="+1 555 0100",
        email="info@riverside.example",
        website="https://riverside.example",
    )


@dataclass
class ReadBack:
    """A built handout read back with pypdf."""

    pdf: bytes
    warnings: list[str]
    reader: PdfReader

    @property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def squashed(self) -> str:
        """All page text with whitespace and hyphens removed (see :func:`squash`)."""
        return squash(self.text)

    def body_squashed(self) -> str:
        """Text of the body frame only (no running header or footer), whitespace removed."""
        parts: list[str] = []
        for page in self.reader.pages:
            top = float(page.mediabox.height) - MARGIN_TOP
            chunks: list[str] = []

            def visit(text: str, cm: Any, tm: Any, font: Any, size: Any,
                      chunks: list[str] = chunks, top: float = top) -> None:
                y = tm[5] * cm[3] + cm[5]
                if MARGIN_BOTTOM - 1 <= y <= top + 1:
                    chunks.append(text)

            page.extract_text(visitor_text=visit)
            parts.append("".join(chunks))
        return squash("".join(parts))

    def outline_titles(self) -> list[str]:
        return [item.title for item in self.reader.outline if not isinstance(item, list)]


def squash(text: str) -> str:
    """``text`` without white space, hyphens or citations: lines wrap anywhere, words are
    hyphenated where the dictionary allows, and a pack's "[source-id]" prints as "[3]", so
    both sides of a comparison drop them (test_sources_are_cited_by_their_number checks the
    numbers)."""
    text = CITATION.sub("", without_citations(text))
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-\u2010\u00ad")


CITATION = re.compile(r"\s?\[\d+\]")


Build = Callable[..., ReadBack]


@pytest.fixture
def build(consultation: Consultation, pack: ContentPack, settings: ClinicSettings) -> Build:
    def _build(c: Consultation | None = None, p: ContentPack | None = None,
               s: ClinicSettings | None = None) -> ReadBack:
        result = build_handout_result(c or consultation, p or pack, s or settings)
        return ReadBack(result.pdf, result.warnings, PdfReader(io.BytesIO(result.pdf)))

    return _build
