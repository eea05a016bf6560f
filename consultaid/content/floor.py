"""What a clinic's overlay may not change: the bundled safety rules and the verdicts' words.

A clinic may reword the content pack and add its own rules, but an overlay that replaced
``rules.toml`` with one rule that never fires would make a patient with active cancer "May
proceed", and one that swapped ``not_eligible.label`` would show "May proceed to evaluation" for
a patient who is not eligible. So the bundled stop and defer rules are a floor:

* every bundled ``not_eligible`` or ``deferred`` rule must still be in the overlay's
  ``rules.toml``, under the same ``id``, with the same ``verdict`` and the same ``when`` (its
  physician and patient sentences may be reworded);
* the verdicts' labels are fixed: ``[verdicts.*]`` must read exactly as bundled;
* the choices those rules test keep their meaning: an option a floor rule names keeps its
  bundled label (so "Active now" cannot be moved onto "none");
* the questions those rules test keep their meaning: an item a floor rule reads keeps its
  bundled label, kind, choices, units, limits and ``show_if`` (so "Pregnant?" cannot become
  "Not pregnant?", a yes/no question cannot become free text that no rule can read, and the
  question cannot be hidden behind a condition that never holds); its help text may be
  reworded.

Each breach is a :class:`Problem` naming the file and key, so ``validate-content`` refuses the
overlay and the app falls back to the bundled pack.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from consultaid.content.problems import Problem

FLOOR_VERDICTS = ("not_eligible", "deferred")
RULES = "rules.toml"
CHECKLIST = "checklist.toml"


def _rules(data: dict[str, Any]) -> list[dict[str, Any]]:
    rules = data.get(RULES, {}).get("rule", [])
    return [r for r in rules if isinstance(r, dict)] if isinstance(rules, list) else []


def _tested(when: Any) -> Iterator[tuple[str, Any]]:
    """(item id, option ids) pairs a rule's condition tests."""
    if isinstance(when, dict):
        item = when.get("item")
        if isinstance(item, str):
            for test, value in when.items():
                if test != "item":
                    yield item, value
        for key in ("all", "any"):
            for part in when.get(key, []) if isinstance(when.get(key), list) else []:
                yield from _tested(part)
        if "not" in when:
            yield from _tested(when["not"])


FIXED_ITEM_KEYS = ("label", "kind", "options", "units", "unit_label", "minimum", "maximum",
                   "show_if")
"""What an item a floor rule reads must keep exactly as bundled."""


def _items(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    groups = data.get(CHECKLIST, {}).get("group", [])
    for group in groups if isinstance(groups, list) else []:
        items = group.get("item", []) if isinstance(group, dict) else []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                found.setdefault(str(item.get("id")), item)
    return found


def _floor_items(bundled: dict[str, Any]) -> dict[str, str]:
    """Item id -> the id of a floor rule that reads it (bundled rules only)."""
    tested: dict[str, str] = {}
    for rule in _rules(bundled):
        if rule.get("verdict") in FLOOR_VERDICTS:
            for item, _ in _tested(rule.get("when")):
                tested.setdefault(item, str(rule.get("id")))
    return tested


def _changed_items(bundled: dict[str, Any], merged: dict[str, Any]) -> list[Problem]:
    before, after = _items(bundled), _items(merged)
    problems: list[Problem] = []
    for item_id, rule_id in _floor_items(bundled).items():
        if item_id not in before:
            continue  # a built-in fact such as the review decision
        mine = after.get(item_id)
        if mine is None:
            problems.append(Problem(CHECKLIST, item_id, f"this question is read by the safety "
                                    f"rule {rule_id}; it may not be removed"))
            continue
        changed = [k for k in FIXED_ITEM_KEYS if mine.get(k) != before[item_id].get(k)]
        if changed:
            problems.append(Problem(CHECKLIST, f"{item_id}.{changed[0]}",
                                    f"this question is read by the safety rule {rule_id}; its "
                                    "wording, kind, choices, units, limits and when it is "
                                    "shown must read as bundled (only its help text may be "
                                    "reworded)"))
    return problems


def _option_labels(data: dict[str, Any]) -> dict[tuple[str, str], str]:
    labels: dict[tuple[str, str], str] = {}
    groups = data.get(CHECKLIST, {}).get("group", [])
    for group in groups if isinstance(groups, list) else []:
        items = group.get("item", []) if isinstance(group, dict) else []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            options = item.get("options", [])
            for option in options if isinstance(options, list) else []:
                if isinstance(option, dict):
                    labels[(str(item.get("id")), str(option.get("id")))] = str(option.get("label"))
    return labels


def check_floor(bundled: dict[str, Any], merged: dict[str, Any],
                overlay_files: tuple[str, ...]) -> list[Problem]:
    """Problems where the overlaid pack ``merged`` goes below the ``bundled`` pack's floor."""
    problems: list[Problem] = []
    if RULES in overlay_files:
        theirs = {str(r.get("id")): r for r in _rules(merged)}
        for rule in _rules(bundled):
            if rule.get("verdict") not in FLOOR_VERDICTS:
                continue
            rid = str(rule.get("id"))
            mine = theirs.get(rid)
            if mine is None:
                problems.append(Problem(RULES, f"rule {rid}", "a bundled safety rule was "
                                        "removed; an overlay may add rules and reword them, "
                                        "but not remove a stop or defer rule"))
            elif mine.get("verdict") != rule.get("verdict") or mine.get("when") != rule.get("when"):
                problems.append(Problem(RULES, f"rule {rid}", "a bundled safety rule was "
                                        "changed; only its physician and patient sentences may "
                                        "be reworded"))
        if merged.get(RULES, {}).get("verdicts") != bundled.get(RULES, {}).get("verdicts"):
            problems.append(Problem(RULES, "verdicts", "the verdicts' labels are fixed and must "
                                    "read exactly as in the bundled pack"))
    if CHECKLIST in overlay_files:
        before, after = _option_labels(bundled), _option_labels(merged)
        for rule in _rules(bundled):
            if rule.get("verdict") not in FLOOR_VERDICTS:
                continue
            for item, value in _tested(rule.get("when")):
                options = value if isinstance(value, list) else [value]
                for option in options:
                    key = (item, str(option))
                    if key in before and after.get(key) != before[key]:
                        problems.append(Problem(
                            CHECKLIST, f"{item}.{option}",
                            f"this choice is tested by the safety rule {rule.get('id')}; its "
                            "label must read as bundled"))
        problems.extend(_changed_items(bundled, merged))
    return problems
