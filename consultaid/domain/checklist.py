"""The screening checklist as data: items, their kinds, and how an answer is checked.

The content pack supplies the items (``checklist.toml``); this module only knows the kinds of
item and what a valid answer of each kind looks like. Measurements are converted to the item's
canonical unit (CRP in mg/dL becomes mg/L) before any rule sees them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from consultaid.domain.codec import LARGEST_NUMBER
from consultaid.domain.translatable import QT_TRANSLATE_NOOP, TranslatedMessage

ItemKind = Literal["text", "yes_no", "choice", "multi", "number", "measurement"]
ITEM_KINDS: tuple[str, ...] = ("text", "yes_no", "choice", "multi", "number", "measurement")


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    flag: bool = False
    """Options marked as a flag (e.g. immunosuppressants) are highlighted for the physician."""


@dataclass(frozen=True)
class Unit:
    id: str
    label: str
    factor: float = 1.0
    """Multiply a value in this unit by ``factor`` to get the item's canonical unit."""


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    label: str
    kind: ItemKind
    help: str = ""
    options: tuple[Option, ...] = ()
    units: tuple[Unit, ...] = ()
    """For measurements: the first unit is canonical (factor 1)."""
    minimum: float | None = None
    maximum: float | None = None
    """Plausible range, in the canonical unit; values outside it are refused."""
    unit_label: str = ""
    """For plain numbers: the unit shown beside the field (e.g. "years")."""
    show_if: Condition | None = None
    optional: bool = False
    """Details the physician may leave empty: they never count as "not answered"."""

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    @property
    def canonical_unit(self) -> Unit | None:
        return self.units[0] if self.units else None


@dataclass(frozen=True)
class ChecklistGroup:
    id: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    groups: tuple[ChecklistGroup, ...]
    _index: dict[str, ChecklistItem] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {item.id: item for group in self.groups for item in group.items}
        object.__setattr__(self, "_index", index)

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(self._index.values())

    def item(self, item_id: str) -> ChecklistItem | None:
        return self._index.get(item_id)


class AnswerInvalid(TranslatedMessage, ValueError):
    """An answer that does not fit its item; the message is written for the physician."""


TOO_LARGE = QT_TRANSLATE_NOOP("Checklist", "is far too large to be a real value")


def _number(raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise AnswerInvalid(QT_TRANSLATE_NOOP("Checklist", "must be a number"))
    try:
        value = float(raw)
    except OverflowError:
        raise AnswerInvalid(TOO_LARGE) from None
    if not math.isfinite(value):
        raise AnswerInvalid(QT_TRANSLATE_NOOP("Checklist", "must be a finite number"))
    if abs(value) > LARGEST_NUMBER:
        raise AnswerInvalid(TOO_LARGE)
    return value


def _fmt(value: float) -> str:
    return f"{value:g}"


def _check_range(item: ChecklistItem, value: float, unit_label: str, factor: float) -> None:
    if value < 0:
        raise AnswerInvalid(QT_TRANSLATE_NOOP("Checklist", "{value} is impossible (negative)")
                            .format(value=f"{_fmt(value)} {unit_label}".strip()))
    canonical = value * factor
    if item.minimum is not None and canonical < item.minimum:
        low = item.minimum / factor
        raise AnswerInvalid(QT_TRANSLATE_NOOP(
            "Checklist", "{value} is below the lowest plausible value ({limit})").format(
            value=f"{_fmt(value)} {unit_label}".strip(), limit=f"{_fmt(low)} {unit_label}".strip()))
    if item.maximum is not None and canonical > item.maximum:
        high = item.maximum / factor
        raise AnswerInvalid(QT_TRANSLATE_NOOP(
            "Checklist", "{value} is above the highest plausible value ({limit})").format(
            value=f"{_fmt(value)} {unit_label}".strip(),
            limit=f"{_fmt(high)} {unit_label}".strip()))


def normalize_answer(item: ChecklistItem, raw: object) -> Any:
    """Check ``raw`` against ``item`` and return the value rules compare against.

    ``None`` means unanswered. Measurements return the value in the canonical unit.
    Raises :class:`AnswerInvalid` for an answer that cannot be right.
    """
    if raw is None:
        return None
    if item.kind == "text":
        if not isinstance(raw, str):
            raise AnswerInvalid("must be text")
        return raw.strip() or None
    if item.kind == "yes_no":
        if not isinstance(raw, bool):
            raise AnswerInvalid("must be yes or no")
        return raw
    if item.kind == "choice":
        if not isinstance(raw, str) or item.option(raw) is None:
            allowed = ", ".join(o.id for o in item.options)
            raise AnswerInvalid(f"is not one of the choices ({allowed})")  # never echo a value
        return raw
    if item.kind == "multi":
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise AnswerInvalid("must be a list of choices")
        unknown = [v for v in raw if item.option(v) is None]
        if unknown:
            raise AnswerInvalid(f"holds {len(unknown)} answer(s) that are not among the choices")
        return sorted(set(raw), key=[o.id for o in item.options].index)
    if item.kind == "number":
        value = _number(raw)
        _check_range(item, value, item.unit_label, 1.0)
        return value
    # measurement
    if not isinstance(raw, dict) or set(raw) != {"value", "unit"}:
        raise AnswerInvalid('must be {"value": number, "unit": unit}')
    unit = item.unit(raw["unit"]) if isinstance(raw["unit"], str) else None
    if unit is None:
        allowed = ", ".join(u.id for u in item.units)
        raise AnswerInvalid(f"the unit is not one of {allowed}")
    value = _number(raw["value"])
    _check_range(item, value, unit.label, unit.factor)
    return value * unit.factor


def describe_answer(item: ChecklistItem, raw: object) -> str:
    """The answer as a physician reads it ("12 mg/L", "Yes", "Biologics, Anticoagulants")."""
    if raw is None or raw == "" or raw == []:
        return "not answered"
    try:
        normalize_answer(item, raw)
    except AnswerInvalid as exc:
        return f"invalid ({exc})"
    if item.kind == "yes_no":
        return "Yes" if raw else "No"
    if item.kind == "choice":
        option = item.option(str(raw))
        return option.label if option else str(raw)
    if item.kind == "multi" and isinstance(raw, list):
        labels = [o.label for o in item.options if o.id in raw]
        return ", ".join(labels)
    if item.kind == "number":
        return f"{_fmt(float(raw))} {item.unit_label}".strip()  # type: ignore[arg-type]
    if item.kind == "measurement" and isinstance(raw, dict):
        unit = item.unit(raw["unit"])
        return f"{_fmt(float(raw['value']))} {unit.label if unit else ''}".strip()
    return str(raw)


# Conditions live here (not in screening.py) because items use them for ``show_if``.
ConditionOp = Literal[
    "equals", "not_equals", "in", "not_in", "is_true", "is_false",
    "above", "at_least", "below", "at_most", "missing", "includes_any",
]
CONDITION_OPS: tuple[str, ...] = (
    "equals", "not_equals", "in", "not_in", "is_true", "is_false",
    "above", "at_least", "below", "at_most", "missing", "includes_any",
)


@dataclass(frozen=True)
class Check:
    """One comparison of a fact (a checklist item or a built-in fact) with a value."""

    fact: str
    op: ConditionOp
    value: Any = None


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    part: Condition


Condition = Check | AllOf | AnyOf | Not


def condition_facts(condition: Condition) -> list[str]:
    """Every fact a condition reads, for checking that rules point at real items."""
    if isinstance(condition, Check):
        return [condition.fact]
    if isinstance(condition, Not):
        return condition_facts(condition.part)
    return [f for part in condition.parts for f in condition_facts(part)]


def holds(condition: Condition, facts: dict[str, Any]) -> bool:
    """Evaluate a condition. A missing fact makes every test false except ``missing``."""
    if isinstance(condition, AllOf):
        return all(holds(p, facts) for p in condition.parts)
    if isinstance(condition, AnyOf):
        return any(holds(p, facts) for p in condition.parts)
    if isinstance(condition, Not):
        return not holds(condition.part, facts)
    value = facts.get(condition.fact)
    op, expected = condition.op, condition.value
    if op == "missing":
        return (value is None) == bool(expected)
    if value is None:
        return False
    if op == "equals":
        return bool(value == expected)
    if op == "not_equals":
        return bool(value != expected)
    if op == "in":
        return value in expected
    if op == "not_in":
        return value not in expected
    if op == "is_true":
        return value is True
    if op == "is_false":
        return value is False
    if op == "includes_any":
        return isinstance(value, list) and any(v in value for v in expected)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    if op == "above":
        return bool(value > expected)
    if op == "at_least":
        return bool(value >= expected)
    if op == "below":
        return bool(value < expected)
    return bool(value <= expected)  # at_most
