"""Where a save goes, and the record states people see: decided once, here."""

from __future__ import annotations

import enum

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.domain.vocabulary import RecordStatus
from consultaid.session.access import Access, AccessState

GIVEN_STATUSES = (RecordStatus.HANDOUT_GIVEN, RecordStatus.COMPLETED)
"""Record states in which the handout was given (the sidebar shows the Handout step done)."""
STATUS_LABELS: dict[str, str] = {
    RecordStatus.DRAFT: QT_TRANSLATE_NOOP("Records", "draft"),
    RecordStatus.COMPLETED: QT_TRANSLATE_NOOP("Records", "completed"),
    RecordStatus.HANDOUT_GIVEN: QT_TRANSLATE_NOOP("Records", "handout given")}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, QT_TRANSLATE_NOOP("Records", "stored"))


class SaveTarget(enum.Enum):
    DRAFT = "draft"
    """The records' draft of this consultation (autosaved)."""
    AMENDMENT = "amendment"
    """A completed record: a save is an amendment with a reason; the earlier version stays."""
    FILE = "file"
    """A JSON file (no records in use, or the records cannot be written)."""
    REFUSED = "refused"
    """Nothing may be saved by this user (front desk, or nobody signed in)."""


def save_target(access: Access, record_status: str | None) -> SaveTarget:
    """Where File > Save (and autosave) puts the consultation on screen."""
    if access.state is AccessState.NO_RECORDS:
        return SaveTarget.FILE
    if not access.physician:  # front desk, or nobody signed in
        return SaveTarget.REFUSED
    if access.records_read_only:
        return SaveTarget.FILE
    return SaveTarget.DRAFT if record_status in (None, RecordStatus.DRAFT) else SaveTarget.AMENDMENT
