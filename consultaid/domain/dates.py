"""Dates as people type them, and the checks a date of birth needs.

Qt-free, so the same rules serve the GUI's date fields, the CLI and the tests.
"""

from __future__ import annotations

import datetime as dt
import re

from consultaid.domain.translatable import QT_TRANSLATE_NOOP

ISO_HINT = "YYYY-MM-DD"
_ISO = re.compile(r"\s*(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*")


def parse_iso_date(text: str) -> dt.date | None:
    """``1961-03-15`` (also ``1961-3-5``, ``1961/03/15``, ``1961.03.15``); None if not a date."""
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def two_digit_year_base(today: dt.date | None = None) -> int:
    """The first year a two-digit year can mean: the last 100 years up to this one."""
    return (today or dt.date.today()).year - 99


def birth_date_problem(birth: dt.date | None, visit: dt.date | None) -> str:
    """A plain warning when a date of birth cannot be right for this visit ("" when fine)."""
    if birth is None or visit is None:
        return ""
    if birth > visit:
        return QT_TRANSLATE_NOOP("Dates", "The date of birth ({birth}) is after the visit date "
                                 "({visit}). Check both dates.").format(
            birth=birth.isoformat(), visit=visit.isoformat())
    if visit.year - birth.year > 120:
        return QT_TRANSLATE_NOOP("Dates", "The date of birth ({birth}) makes the patient over "
                                 "120 years old at this visit. Check it.").format(
            birth=birth.isoformat())
    return ""
