"""One picture of the live consultation, worked out once per change and read by every view.

The verdict, the checklist items that apply, the script points not yet covered, each step's
state and whether the handout was given are derived here, from the consultation, the pack and
the record's status, and nowhere else (napari's ``Dims`` computes ``displayed`` the same way:
the views only show it). "Given" comes from the record's status alone: a handout saved or
printed here counts once the records hold it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from consultaid.content.pack import ContentPack, ScriptPoint
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult, evaluate_screening
from consultaid.session.saving import GIVEN_STATUSES
from consultaid.session.steps import (
    Step,
    StepStatus,
    step_status,
    unanswered_items,
    uncovered_points,
    visible_items,
)


@dataclass(frozen=True)
class Overview:
    """What the window shows about the consultation on screen (one value, never patched)."""

    screening: ScreeningResult
    applicable_items: frozenset[str]
    """Checklist items whose ``show_if`` holds (or have none)."""
    unanswered_items: tuple[str, ...]
    """Applicable, required items with no answer yet, in checklist order."""
    uncovered_points: tuple[ScriptPoint, ...]
    steps: Mapping[Step, StepStatus]
    record_status: str | None
    """The record's status in the records (None: not stored there)."""

    @property
    def handout_given(self) -> bool:
        """The records hold the handout as given (or the record was completed elsewhere)."""
        return self.record_status in GIVEN_STATUSES


def overview(consultation: Consultation, pack: ContentPack, record_status: str | None = None,
             seen: frozenset[Step] | None = None, jurisdiction: str = "") -> Overview:
    """Everything derived about ``consultation``, with the screening evaluated once.

    ``seen``: the steps shown for this consultation (None: all); ``jurisdiction``: the
    clinic's (settings), for the consent a statute asks for.
    """
    result = evaluate_screening(consultation, pack.checklist, pack.rules)
    given = record_status in GIVEN_STATUSES
    steps = {step: step_status(step, consultation, pack, result, given, seen, jurisdiction)
             for step in Step}
    return Overview(screening=result,
                    applicable_items=frozenset(visible_items(consultation, pack)),
                    unanswered_items=tuple(unanswered_items(consultation, pack)),
                    uncovered_points=tuple(uncovered_points(consultation, pack)),
                    steps=steps, record_status=record_status)
