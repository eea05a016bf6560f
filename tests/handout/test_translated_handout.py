"""A handout from a translated pack: the review notice while the translation is a draft."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from consultaid.content.pack import ContentPack, Translation
from tests.handout.conftest import squash

PENDING = Translation(
    status="draft", source_language="en", source_version="2026.12.0",
    translator="Machine-assisted draft", translated_on=dt.date(2026, 12, 1),
    notice="Zorblat notice in the patient's language.",
    notice_source="Quibble notice in the source language.",
)


def test_a_draft_translation_says_so_in_the_body_and_on_every_page(
        build: Any, pack: ContentPack) -> None:
    doc = build(p=dataclasses.replace(pack, translation=PENDING))
    first = squash(doc.pages[0])
    assert squash(PENDING.notice) in first
    # The patient's language in the body (once); the source language above every page.
    assert doc.body_squashed().count(squash(PENDING.notice)) == 1
    assert squash(PENDING.notice_source) not in doc.body_squashed()
    for page in doc.pages:
        assert squash(PENDING.notice_source) in squash(page)


def test_a_reviewed_translation_prints_no_notice(build: Any, pack: ContentPack) -> None:
    reviewed = dataclasses.replace(PENDING, status="reviewed", reviewer="A. Reviewer",
                                   reviewer_qualification="certified medical translator",
                                   reviewed_on=dt.date(2026, 12, 3))
    doc = build(p=dataclasses.replace(pack, translation=reviewed))
    assert "Zorblat" not in doc.text and "Quibble" not in doc.text
