"""Problems found in a content pack, each naming the file and the key, and a checker for tables."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from consultaid.domain.errors import ConsultaidError


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"


class ContentError(ConsultaidError):
    """A pack that was refused; ``problems`` lists every problem found, not just the first."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"content pack {source} has {len(problems)} problem(s):\n{lines}")


def visible(text: str) -> str:
    """``text`` without what prints as nothing (format and control characters), stripped."""
    return "".join(ch for ch in text
                   if unicodedata.category(ch) not in ("Cf", "Cc")).strip()


Kind = str | Callable[[Any, str], Any]
"""A value kind: "text" (non-empty), "str" (may be empty), "text_list", "date", "number",
"bool", "str_list", "past_date" (a date not after today); or a callable(value, key) that
checks a nested value and returns it."""


class TableReader:
    """Collects problems while reading one file's tables, so every problem is reported."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, key, message))

    def table(
        self,
        data: Any,
        key: str,
        required: Mapping[str, Kind],
        optional: Mapping[str, Kind] | None = None,
    ) -> dict[str, Any] | None:
        """Check a table's keys and value kinds; return the checked values or None."""
        optional = optional or {}
        if not isinstance(data, dict):
            self.problem(key or "(top level)", "expected a table")
            return None
        prefix = f"{key}." if key else ""
        for name in data:
            if name not in required and name not in optional:
                self.problem(f"{prefix}{name}", "unknown key")
        out: dict[str, Any] = {}
        ok = True
        for name, kind in {**required, **optional}.items():
            if name not in data:
                if name in required:
                    self.problem(f"{prefix}{name}", "required key is missing")
                    ok = False
                continue
            value = self.value(data[name], f"{prefix}{name}", kind)
            if value is None:
                ok = ok and name not in required
                continue
            out[name] = value
        return out if ok else None

    def value(self, value: Any, key: str, kind: Kind) -> Any:
        if callable(kind):
            return kind(value, key)
        if kind == "text":
            if not isinstance(value, str) or not visible(value):
                self.problem(key, "must be non-empty text (invisible characters do not count)")
                return None
            return value.strip()
        if kind == "str":
            if not isinstance(value, str):
                self.problem(key, "must be text")
                return None
            return value
        if kind in ("text_list", "str_list"):
            if not isinstance(value, list) or (kind == "text_list" and not value):
                self.problem(key, "must be a non-empty list of text" if kind == "text_list"
                             else "must be a list of text")
                return None
            items = [self.value(v, f"{key}[{i}]", "text") for i, v in enumerate(value)]
            return None if any(i is None for i in items) else items
        if kind in ("date", "past_date"):
            date: dt.date | None = None
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                date = value
            elif isinstance(value, str):
                try:
                    date = dt.date.fromisoformat(value)
                except ValueError:
                    date = None
            if date is None:
                self.problem(key, "must be a date (YYYY-MM-DD)")
                return None
            if kind == "past_date" and date > dt.date.today():
                self.problem(key, "is in the future; give the date it was really checked")
                return None
            return date
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.problem(key, "must be a number")
                return None
            return float(value)
        if kind == "bool":
            if not isinstance(value, bool):
                self.problem(key, "must be true or false")
                return None
            return value
        raise ValueError(f"unknown kind {kind!r}")  # programming error

    def table_list(
        self,
        data: Any,
        key: str,
        read: Callable[[Any, str], Any],
        *,
        min_items: int = 1,
    ) -> list[Any]:
        """Read an array of tables, checking each item's ``id`` is unique within it."""
        if not isinstance(data, list):
            self.problem(key, "expected a list of tables")
            return []
        if len(data) < min_items:
            self.problem(key, f"needs at least {min_items} entr{'y' if min_items == 1 else 'ies'}")
        out = []
        seen: set[str] = set()
        for i, entry in enumerate(data):
            where = f"{key}[{i}]"
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                where = f"{key}[{entry['id']}]"
                if entry["id"] in seen:
                    self.problem(f"{where}.id", f"duplicate ID {entry['id']!r}")
                seen.add(entry["id"])
            value = read(entry, where)
            if value is not None:
                out.append(value)
        return out
