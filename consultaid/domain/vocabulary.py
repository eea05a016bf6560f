"""The small vocabularies the layers pass to each other, one enum each instead of string
literals copied by hand (UI_DESIGN P10). Each is a ``StrEnum``: a member is the very string the
records and JSON files store, so stored data and older callers stay as they were."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    PHYSICIAN = "physician"
    FRONT_DESK = "front_desk"


class RecordStatus(enum.StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"
    HANDOUT_GIVEN = "handout_given"

    @property
    def given(self) -> bool:
        """The handout was given (or the record was completed, which only giving it does)."""
        return self in (RecordStatus.HANDOUT_GIVEN, RecordStatus.COMPLETED)


class PaperSize(enum.StrEnum):
    A4 = "a4"
    LETTER = "letter"


class HandoutDelivery(enum.StrEnum):
    """How the handout as given reached the patient (stored with it)."""

    SAVE_PDF = "save-pdf"
    PRINT = "print"
