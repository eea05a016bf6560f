"""Citations in patient text: ``[source-id]`` names a source of sources.toml, and the handout
prints it as the source's number in the sheet's numbered list ("[3]"), as issue 28 asks.

The readability measures read the text without the markers; the loader checks that every marker
names a source the sheet prints (a condition's text: a source for that condition or for all).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from consultaid.content.problems import Problem

MARKER = re.compile(r"\s?\[([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\]")
"""`` [mautner-2023]``: a space (optional) and a source id in brackets. Ids have a hyphen,
so "[1]" or "[sic]" typed by a clinic are not markers."""


def cited(text: str) -> list[str]:
    """The source ids ``text`` cites, in order."""
    return MARKER.findall(text)


def without_citations(text: str) -> str:
    """``text`` without its markers (what the reading-level measures read)."""
    return MARKER.sub("", text)


def numbered(text: str, numbers: dict[str, int]) -> str:
    """``text`` with each marker as " [n]"; a marker of a source the sheet does not list is
    left out."""
    def number(match: re.Match[str]) -> str:
        n = numbers.get(match.group(1))
        return f" [{n}]" if n is not None else ""
    return MARKER.sub(number, text)


def _strings(value: Any, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{key}[{i}]")
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, f"{key}.{name}" if key else name)


def check_citations(data: dict[str, Any], printed: dict[str, set[str]],
                    everywhere: set[str]) -> list[Problem]:
    """A problem for each marker that names a source the sheet would not list: in a condition
    file, a source of that condition (``printed[condition id]``) or of every sheet; elsewhere,
    a source of every sheet (``everywhere``)."""
    problems = []
    for file, table in data.items():
        if not isinstance(table, dict) or file == "sources.toml":
            continue
        allowed = everywhere
        if file.startswith("conditions/"):
            allowed = printed.get(str(table.get("id")), set()) | everywhere
        for key, text in _strings(table, ""):
            for source in cited(text):
                if source not in allowed:
                    problems.append(Problem(file, key, f"cites [{source}], which is not a "
                                            "source printed on this sheet (sources.toml: "
                                            "patient = true, and this condition or none)"))
    return problems
