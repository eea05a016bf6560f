"""The consultation record: one value holding the whole visit, and its JSON form."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from consultaid.domain import acknowledgement as acknowledging
from consultaid.domain.acknowledgement import Acknowledgement
from consultaid.domain.codec import LONGEST_TEXT, JSONValue, decode_dataclass, encode, limit
from consultaid.domain.errors import RecordError
from consultaid.domain.teach_back import TeachBack

SCHEMA_VERSION = 3
"""Version of the JSON form written by :func:`consultation_to_json`; bump with a migration."""

NAME_LIMIT = 200
"""A patient's, physician's or reviewer's name."""
ID_LIMIT = 64
"""Identifiers: the clinic's patient ID, the record's ID, a condition or language code."""
CELL_LIMIT = 300
"""One cell of the follow-up plan."""
COMMENT_LIMIT = 2_000
NOTES_LIMIT = LONGEST_TEXT
"""Notes and the patient's own words: about a page and a half; the app counts as you type."""
FOLLOW_UP_ROWS = 100

ReviewDecision = Literal["pending", "agreed", "not_agreed"]
PaperSize = Literal["a4", "letter"]


@dataclass
class Patient:
    name: str = field(default="", metadata=limit(NAME_LIMIT))
    date_of_birth: dt.date | None = None
    clinic_patient_id: str = field(default="", metadata=limit(ID_LIMIT))


@dataclass
class Review:
    """The second, independent physician's review of the screening."""

    reviewer: str = field(default="", metadata=limit(NAME_LIMIT))
    decision: ReviewDecision = "pending"
    date: dt.date | None = None
    comment: str = field(default="", metadata=limit(COMMENT_LIMIT))


@dataclass
class FollowUpRow:
    when: str = field(default="", metadata=limit(CELL_LIMIT))
    what: str = field(default="", metadata=limit(CELL_LIMIT))
    who: str = field(default="", metadata=limit(CELL_LIMIT))


@dataclass
class HandoutOptions:
    language: str = field(default="en", metadata=limit(ID_LIMIT))
    large_print: bool = False
    paper: PaperSize = "a4"


@dataclass
class Consultation:
    """Everything said and decided in one visit.

    ``screening`` maps checklist item IDs (from the content pack) to plain JSON answers; the
    pack's checklist says what each answer may be (see ``consultaid.domain.checklist``).
    """

    consultation_id: str = field(default_factory=lambda: str(uuid.uuid4()),
                                 metadata=limit(ID_LIMIT))
    patient: Patient = field(default_factory=Patient)
    visit_date: dt.date = field(default_factory=dt.date.today)
    physician: str = field(default="", metadata=limit(NAME_LIMIT))
    review: Review = field(default_factory=Review)
    condition_id: str = field(default="", metadata=limit(ID_LIMIT))
    screening: dict[str, Any] = field(default_factory=dict)
    script_covered: list[str] = field(default_factory=list, metadata={"max_items": 100})
    teach_back: TeachBack = field(default_factory=TeachBack)
    notes: str = field(default="", metadata=limit(NOTES_LIMIT))
    follow_up: list[FollowUpRow] = field(default_factory=list,
                                         metadata={"max_items": FOLLOW_UP_ROWS})
    handout: HandoutOptions = field(default_factory=HandoutOptions)
    treatment_date: dt.date | None = None
    """The day of the treatment, once booked: the handout then adds the "After your
    treatment" sheet (follow-up dates, warning signs). None before a decision; a record
    written before this field existed loads with None."""
    acknowledgement: Acknowledgement | None = None
    """The patient's acknowledgement of receipt and discussion (not consent to treatment)."""


def consultation_to_dict(consultation: Consultation) -> dict[str, JSONValue]:
    data: dict[str, JSONValue] = {"schema_version": SCHEMA_VERSION}
    data.update(encode(consultation))
    return data


def consultation_to_json(consultation: Consultation) -> str:
    """Stable, human-readable JSON (sorted keys are not used: field order reads like the visit).

    A drawn signature's points are written one ``[x, y]`` per line, not one number per line.
    (A text's own line breaks are escaped in JSON, so the pattern cannot match inside one.)
    """
    text = json.dumps(consultation_to_dict(consultation), ensure_ascii=False, indent=2)
    return _POINT.sub(r"[\1, \2]", text) + "\n"


_POINT = re.compile(r"\[\n *(-?[0-9]+),\n *(-?[0-9]+)\n *\]")


def consultation_from_dict(data: object) -> Consultation:
    if not isinstance(data, dict):
        raise RecordError("(record)", "expected a JSON object holding one consultation")
    if "schema_version" not in data:
        raise RecordError(
            "schema_version", "is missing; this does not look like a consultaid record")
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise RecordError("schema_version", f"expected a whole number, got {version!r}")
    if version > SCHEMA_VERSION:
        raise RecordError(
            "schema_version",
            f"{version} is newer than this version of consultaid reads ({SCHEMA_VERSION}); "
            "update consultaid to open this record",
        )
    if version < 1:
        raise RecordError("schema_version", f"{version} is not a valid schema version")
    body = {k: v for k, v in data.items() if k != "schema_version"}
    for number in range(version + 1, SCHEMA_VERSION + 1):
        body = _MIGRATIONS[number](body)
    consultation = decode_dataclass(Consultation, body)
    if consultation.acknowledgement is not None:
        found = acknowledging.problems(consultation.acknowledgement)
        if found:
            raise RecordError("acknowledgement", found[0])
    if not _RECORD_ID.fullmatch(consultation.consultation_id):
        raise RecordError("consultation_id", "must be 1 to 64 letters, digits, dots, dashes or "
                          "underscores, starting with a letter or digit")
    return consultation


_RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
"""A record's ID names files and database rows: no "../", no spaces, no control characters."""


def _to_v2(body: dict[str, Any]) -> dict[str, Any]:
    """Version 2 records teach-back per point; the old single text becomes the general note."""
    if "teach_back" in body:
        old = body["teach_back"]
        if not isinstance(old, str):
            raise RecordError("teach_back", "expected text in a version 1 record")
        body = {**body, "teach_back": {"points": [], "questions": "", "note": old}}
    return body


def _to_v3(body: dict[str, Any]) -> dict[str, Any]:
    """Version 3 adds the patient's acknowledgement; older records have none."""
    return {**body, "acknowledgement": None}


_MIGRATIONS = {2: _to_v2, 3: _to_v3}
"""``_MIGRATIONS[n]`` turns the body of a version n-1 record into version n."""


class _NumberTooLong(ValueError):
    pass


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object; the same key twice is refused (which one would count is ambiguous)."""
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey
        out[key] = value
    return out


def _parse_int(digits: str) -> int:
    """JSON whole numbers, refusing hundreds of digits before Python turns them into an int."""
    if len(digits.lstrip("-")) > 15:
        raise _NumberTooLong
    return int(digits)


def consultation_from_json(text: str | bytes) -> Consultation:
    """Parse a record; any problem raises :class:`RecordError` with one clear message."""
    try:
        if isinstance(text, bytes):
            # UTF-8 only: json.loads would guess UTF-16 or UTF-32 from bytes and take them.
            text = text.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        data = json.loads(text, parse_int=_parse_int, object_pairs_hook=_no_duplicates)
    except _NumberTooLong:
        raise RecordError("", "holds a number too long to be a real value") from None
    except _DuplicateKey:
        raise RecordError("", "holds the same field twice in one object") from None
    except UnicodeDecodeError:
        raise RecordError("", "the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise RecordError("", f"not valid JSON ({where}: {exc.msg})") from None
    except RecursionError:
        raise RecordError("", "not valid JSON (nested too deeply)") from None
    return consultation_from_dict(data)
