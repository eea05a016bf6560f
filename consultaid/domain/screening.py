"""The screening engine: answers plus the pack's rules give a verdict with every reason.

The rules are data from the content pack; this engine is small and knows nothing about
cancer or infections. It knows only two things of its own: verdict severity, and the review
gate — nothing is "may proceed" until the second physician has reviewed and agreed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from consultaid.domain.checklist import (
    AnswerInvalid,
    Checklist,
    Condition,
    condition_facts,
    holds,
    normalize_answer,
)
from consultaid.domain.consultation import Consultation
from consultaid.domain.translatable import in_app_language, joined

REVIEW_FACT = "review_decision"
"""Built-in fact for rules: the second physician's decision (pending, agreed, not_agreed)."""
BUILTIN_FACTS: frozenset[str] = frozenset({REVIEW_FACT})


class Verdict(enum.Enum):
    """Screening outcomes, from least to most restrictive."""

    MAY_PROCEED = "may_proceed"
    NEEDS_REVIEW = "needs_review"
    DEFERRED = "deferred"
    NOT_ELIGIBLE = "not_eligible"

    @property
    def severity(self) -> int:
        return list(Verdict).index(self)


@dataclass(frozen=True)
class ReasonText:
    physician: str
    patient: str


@dataclass(frozen=True)
class Rule:
    id: str
    verdict: Verdict
    when: Condition
    text: ReasonText


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    review_gate: ReasonText
    """Shown when everything else is clear but the second physician has not agreed yet."""
    all_clear: ReasonText
    """The reason given for "may proceed to evaluation"."""


@dataclass(frozen=True)
class Reason:
    rule_id: str
    verdict: Verdict
    physician: str
    patient: str


@dataclass(frozen=True)
class AnswerProblem:
    item_id: str
    label: str
    message: str

    def __str__(self) -> str:
        return in_app_language(joined(": ", (self.label, self.message)))


@dataclass(frozen=True)
class ScreeningResult:
    verdict: Verdict
    reasons: tuple[Reason, ...]
    """Every reason that fired, most restrictive first; ``deciding`` are those that set it."""
    problems: tuple[AnswerProblem, ...]
    """Answers that could not be right (e.g. a negative CRP); they count as unanswered."""

    @property
    def deciding(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.verdict is self.verdict)


REVIEW_GATE_ID = "review-gate"
ALL_CLEAR_ID = "all-clear"


def screening_facts(
    answers: dict[str, Any], review_decision: str, checklist: Checklist
) -> tuple[dict[str, Any], list[AnswerProblem]]:
    """Normalize answers to the facts rules read; invalid answers become problems."""
    facts: dict[str, Any] = {REVIEW_FACT: review_decision}
    problems: list[AnswerProblem] = []
    for item in checklist.items:
        try:
            facts[item.id] = normalize_answer(item, answers.get(item.id))
        except AnswerInvalid as exc:
            facts[item.id] = None
            problems.append(AnswerProblem(item.id, item.label,
                                          exc.args[0] if exc.args else str(exc)))
    for key in sorted(set(answers) - {i.id for i in checklist.items}):
        problems.append(AnswerProblem(key, key, "is not an item of this checklist"))
    return facts, problems


def evaluate_screening(
    consultation: Consultation, checklist: Checklist, rules: RuleSet
) -> ScreeningResult:
    """The verdict for a consultation's screening answers and its second-physician review."""
    facts, problems = screening_facts(
        consultation.screening, consultation.review.decision, checklist
    )
    fired_rules = [rule for rule in rules.rules if holds(rule.when, facts)]
    fired = [Reason(r.id, r.verdict, r.text.physician, r.text.patient) for r in fired_rules]
    review_addressed = any(REVIEW_FACT in condition_facts(r.when) for r in fired_rules)
    if consultation.review.decision != "agreed" and not review_addressed:
        gate = rules.review_gate
        fired.append(Reason(REVIEW_GATE_ID, Verdict.NEEDS_REVIEW, gate.physician, gate.patient))
    verdict = max((r.verdict for r in fired), key=lambda v: v.severity, default=Verdict.MAY_PROCEED)
    if verdict is Verdict.MAY_PROCEED:
        clear = rules.all_clear
        fired.append(Reason(ALL_CLEAR_ID, Verdict.MAY_PROCEED, clear.physician, clear.patient))
    fired.sort(key=lambda r: -r.verdict.severity)  # stable: pack order within a verdict
    return ScreeningResult(verdict, tuple(fired), tuple(problems))
