"""Which steps of the wizard are done: plain functions of the consultation, no widgets.

The sidebar shows each step's state as words and a sign; the rules for "done" live here so
they are the same in the window, the self-test and the tests.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from consultaid.content.pack import ContentPack, ScriptPoint
from consultaid.domain.checklist import holds
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult, Verdict, screening_facts
from consultaid.domain.teach_back import needs_attention, not_yet_understood
from consultaid.domain.translatable import QT_TRANSLATE_NOOP, Translatable, joined
from consultaid.session.consent import consent_check


class StepState(enum.Enum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
    NEEDS_ATTENTION = "needs attention"

    @property
    def label(self) -> Translatable:
        """The state in words, as the sidebar shows it (translatable)."""
        return STATE_LABELS[self]

    @property
    def sign(self) -> str:
        return {"not started": "○", "in progress": "◐", "done": "✓",
                "needs attention": "⚠"}[self.value]


STATE_LABELS = {
    StepState.NOT_STARTED: QT_TRANSLATE_NOOP("Steps", "not started"),
    StepState.IN_PROGRESS: QT_TRANSLATE_NOOP("Steps", "in progress"),
    StepState.DONE: QT_TRANSLATE_NOOP("Steps", "done"),
    StepState.NEEDS_ATTENTION: QT_TRANSLATE_NOOP("Steps", "needs attention"),
}


class Step(enum.IntEnum):
    PATIENT = 0
    SCREENING = 1
    CONDITION = 2
    EXPECTATIONS = 3
    FOLLOW_UP = 4
    HANDOUT = 5

    @property
    def title(self) -> Translatable:
        return STEP_TITLES[self]


STEP_TITLES = {
    Step.PATIENT: QT_TRANSLATE_NOOP("Steps", "Patient & visit"),
    Step.SCREENING: QT_TRANSLATE_NOOP("Steps", "Screening"),
    Step.CONDITION: QT_TRANSLATE_NOOP("Steps", "Condition"),
    Step.EXPECTATIONS: QT_TRANSLATE_NOOP("Steps", "Expectations"),
    Step.FOLLOW_UP: QT_TRANSLATE_NOOP("Steps", "Follow-up"),
    Step.HANDOUT: QT_TRANSLATE_NOOP("Steps", "Handout"),
}


@dataclass(frozen=True)
class StepStatus:
    state: StepState
    detail: str = ""


def visible_items(consultation: Consultation, pack: ContentPack) -> list[str]:
    """IDs of the checklist items that apply (``show_if`` holds or is absent)."""
    facts, _ = screening_facts(consultation.screening, consultation.review.decision,
                               pack.checklist)
    return [item.id for item in pack.checklist.items
            if item.show_if is None or holds(item.show_if, facts)]


def unanswered_items(consultation: Consultation, pack: ContentPack) -> list[str]:
    """IDs of the applicable, required items with no answer yet, in checklist order."""
    c = consultation
    return [i for i in visible_items(c, pack)
            if c.screening.get(i) in (None, "")
            and not getattr(pack.checklist.item(i), "optional", False)]


def _named(labels: list[str], most: int = 3) -> str:
    shown = ", ".join(labels[:most])
    if len(labels) <= most:
        return shown
    return QT_TRANSLATE_NOOP("Steps", "{shown} and {more} more").format(
        shown=shown, more=len(labels) - most)


@dataclass(frozen=True)
class StepInput:
    """What a step's rule looks at: the consultation, the pack and what was worked out once."""

    consultation: Consultation
    pack: ContentPack
    result: ScreeningResult
    handout_given: bool
    seen: frozenset[Step] | None
    jurisdiction: str = ""


def _patient(i: StepInput) -> StepStatus:
    c = i.consultation
    no_name, no_physician = not c.patient.name.strip(), not c.physician.strip()
    if not (no_name or no_physician):
        return StepStatus(StepState.DONE)
    if not (no_name and no_physician):
        return StepStatus(StepState.IN_PROGRESS, QT_TRANSLATE_NOOP("Steps", "patient name needed")
                          if no_name else QT_TRANSLATE_NOOP("Steps", "physician needed"))
    if c.patient.clinic_patient_id or c.patient.date_of_birth:
        return StepStatus(StepState.IN_PROGRESS,
                          QT_TRANSLATE_NOOP("Steps", "patient name and physician needed"))
    return StepStatus(StepState.NOT_STARTED)


def _screening(i: StepInput) -> StepStatus:
    c, pack = i.consultation, i.pack
    if i.result.problems:
        return StepStatus(StepState.NEEDS_ATTENTION,
                          QT_TRANSLATE_NOOP("Steps", "{count} answer(s) cannot be right").format(
                              count=len(i.result.problems)))
    answered = [x for x in visible_items(c, pack) if c.screening.get(x) not in (None, "")]
    if not answered and c.review.decision == "pending" and not c.review.reviewer:
        return StepStatus(StepState.NOT_STARTED)
    missing = unanswered_items(c, pack)
    if missing:
        labels = [item.label for x in missing if (item := pack.checklist.item(x))]
        return StepStatus(StepState.IN_PROGRESS, QT_TRANSLATE_NOOP(
            "Steps", "not answered: {items}").format(items=_named(labels)))
    if c.review.decision == "pending":
        return StepStatus(StepState.IN_PROGRESS,
                          QT_TRANSLATE_NOOP("Steps", "second physician review pending"))
    return StepStatus(StepState.DONE, pack.verdicts[i.result.verdict].label)


def _condition(i: StepInput) -> StepStatus:
    c = i.consultation
    if not c.condition_id:
        return StepStatus(StepState.NOT_STARTED)
    if i.pack.condition(c.condition_id) is None:
        return StepStatus(StepState.NEEDS_ATTENTION,
                          QT_TRANSLATE_NOOP("Steps", "the chosen condition is not in this "
                                            "content pack; choose it again"))
    return StepStatus(StepState.DONE)


def _expectations(i: StepInput) -> StepStatus:
    c, points = i.consultation, i.pack.script.points
    total = len(points)
    covered = len({p.id for p in points} & set(c.script_covered))
    if covered == 0 and c.teach_back.is_empty():
        return StepStatus(StepState.NOT_STARTED)
    pending = needs_attention(c.teach_back, [p.id for p in points])
    if covered == total and not c.teach_back.is_empty():
        if pending and any(p.outcome for p in c.teach_back.points):
            return StepStatus(StepState.IN_PROGRESS,
                              QT_TRANSLATE_NOOP("Steps", "teach-back: {count} point(s) need "
                                                "attention").format(count=len(pending)))
        return StepStatus(StepState.DONE)
    return StepStatus(StepState.IN_PROGRESS, QT_TRANSLATE_NOOP(
        "Steps", "{covered} of {total} points covered").format(covered=covered, total=total))


def _follow_up(i: StepInput) -> StepStatus:
    c = i.consultation
    if not c.follow_up:
        return StepStatus(StepState.NOT_STARTED)
    if any(not row.when.strip() or not row.what.strip() for row in c.follow_up):
        return StepStatus(StepState.NEEDS_ATTENTION,
                          QT_TRANSLATE_NOOP("Steps", "a row has no 'when' or 'what'"))
    if i.seen is not None and Step.FOLLOW_UP not in i.seen:
        return StepStatus(StepState.IN_PROGRESS,
                          QT_TRANSLATE_NOOP("Steps", "proposed from the template; check it"))
    return StepStatus(StepState.DONE)


def _handout(i: StepInput) -> StepStatus:
    c, pack = i.consultation, i.pack
    notes: list[str] = []
    if i.result.verdict in (Verdict.NOT_ELIGIBLE, Verdict.DEFERRED):
        notes.append(QT_TRANSLATE_NOOP("Steps", "variant: {verdict}").format(
            verdict=pack.verdicts[i.result.verdict].label))
    uncovered = uncovered_points(c, pack)
    if uncovered:
        notes.append(QT_TRANSLATE_NOOP("Steps", "{count} script point(s) not covered").format(
            count=len(uncovered)))
    missed = not_yet_understood(c.teach_back, [p.id for p in pack.script.points])
    if missed:
        notes.append(QT_TRANSLATE_NOOP("Steps", "{count} point(s) not yet understood").format(
            count=len(missed)))
    consent = consent_check(c, pack, i.jurisdiction, i.result.verdict)
    if consent is not None and not consent.complete:
        what = (QT_TRANSLATE_NOOP("Steps", "{law}: consent elements and signed acknowledgement "
                                  "missing") if consent.missing and not consent.signed else
                QT_TRANSLATE_NOOP("Steps", "{law}: consent elements missing") if consent.missing
                else QT_TRANSLATE_NOOP("Steps", "{law}: signed acknowledgement missing"))
        notes.append(what.format(law=consent.law.citation))
    state = StepState.DONE if i.handout_given else StepState.NOT_STARTED
    if i.handout_given and consent is not None and not consent.complete:
        state = StepState.NEEDS_ATTENTION  # given, but the state's signed consent is not complete
    return StepStatus(state, joined("; ", notes))


STEP_RULES: dict[Step, Callable[[StepInput], StepStatus]] = {
    Step.PATIENT: _patient, Step.SCREENING: _screening, Step.CONDITION: _condition,
    Step.EXPECTATIONS: _expectations, Step.FOLLOW_UP: _follow_up, Step.HANDOUT: _handout,
}
"""One small rule per step (a step's rule is the only place its "done" is decided)."""


def uncovered_points(consultation: Consultation, pack: ContentPack) -> list[ScriptPoint]:
    """The script's points not yet ticked as covered, in script order."""
    return [p for p in pack.script.points if p.id not in consultation.script_covered]


def step_status(step: Step, consultation: Consultation, pack: ContentPack,
                result: ScreeningResult, handout_given: bool = False,
                seen: frozenset[Step] | None = None, jurisdiction: str = "") -> StepStatus:
    """The state shown beside ``step`` in the sidebar, with a short reason.

    ``handout_given``: the records hold the handout as given (the record's status says so).
    ``seen``: steps the user has had on screen for this consultation (None: all of them);
    a follow-up plan filled in from the condition's template is not "done" before it was seen.
    ``jurisdiction``: the clinic's (settings); where a statute asks for a signed consent, the
    Handout step says what is still missing (a warning, never a block).
    """
    return STEP_RULES[step](StepInput(consultation, pack, result, handout_given, seen,
                                      jurisdiction))
