"""No condition panel names a regulator: approval sentences come from the jurisdiction's text.

A clinic in the EU sets its own regulatory text; a panel that said "It is not approved by the
US FDA for osteoarthritis" would still print a US statement as if it were the clinic's own
(CONTENT_GUIDE.md, "No panel hard-codes US FDA"). So the patient side of every panel is refused
when it names a medicines regulator; the regulatory box says what is approved where.
"""

from __future__ import annotations

import re
from typing import Any

from consultaid.content.problems import Problem

REGULATORS = re.compile(
    r"\b(?:FDA|EMA|MHRA|PMDA|TGA|CBER|AEMPS|BfArM|ANSM|MFDS|Swissmedic|Health\s+Canada|"
    r"Food\s+and\s+Drug\s+Administration|European\s+Medicines\s+Agency|"
    r"Medicines\s+and\s+Healthcare\s+products\s+Regulatory\s+Agency)\b",
    re.IGNORECASE,
)


def _strings(value: Any, key: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(key, value)]
    if isinstance(value, list):
        return [pair for i, item in enumerate(value) for pair in _strings(item, f"{key}[{i}]")]
    if isinstance(value, dict):
        return [pair for name, item in value.items() if name != "id"
                for pair in _strings(item, f"{key}.{name}")]
    return []


def check_no_regulator_in_panels(data: dict[str, Any]) -> list[Problem]:
    """A problem for every patient-facing panel text that names a regulator."""
    from consultaid.content.honesty import printed_form  # the checks' rules load when used

    problems = []
    for file, table in data.items():
        if not file.startswith("conditions/") or not isinstance(table, dict):
            continue
        for key, text in _strings(table.get("patient"), "patient"):
            match = REGULATORS.search(printed_form(text))
            if match:
                problems.append(Problem(
                    file, key, f"names a regulator ({match.group(0)!r}); approval sentences "
                    "belong in the jurisdiction's regulatory text (handout.toml [regulatory] "
                    "or the clinic's settings), not in a condition panel"))
    return problems
