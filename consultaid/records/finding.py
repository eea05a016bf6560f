"""Finding records: the list rows, search by text, date, condition and status, one page at a
time, and the token the records view polls to see others' work. Nothing clinical is read here
(a summary is not audited as a view)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Any

from consultaid.records.base import Backend, RecordSummary
from consultaid.records.store import StoreBusy

_LIST = ("SELECT id, status, version, patient_name, patient_id, visit_date, condition_id, "
         "physician, updated_at FROM consultations")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    """Matches anywhere in the patient's name or clinic patient ID (case and accents ignored)."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    condition_id: str = ""
    status: str = ""
    teach_back_follow_up: bool = False
    """Only records where a teach-back point was "not yet understood"."""
    not_acknowledged: bool = False
    """Only records without the patient's acknowledgement of receipt and discussion."""


def fold(text: str) -> str:
    """Lower-case, accents removed: 'José' and 'jose' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def summary_of(row: Any) -> RecordSummary:
    """A list row from a ``consultations`` row (read by column name)."""
    return RecordSummary(row["id"], row["status"], row["version"], row["patient_name"],
                         row["patient_id"], row["visit_date"], row["condition_id"],
                         row["physician"], row["updated_at"])


def _where(query: SearchQuery) -> tuple[str, list[object]]:
    clauses: list[str] = []
    args: list[object] = []
    text = fold(query.text.strip())
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append("search_text LIKE ? ESCAPE '\\'")
        args.append(f"%{escaped}%")
    if query.date_from:
        clauses.append("visit_date >= ?")
        args.append(query.date_from.isoformat())
    if query.date_to:
        clauses.append("visit_date <= ?")
        args.append(query.date_to.isoformat())
    if query.condition_id:
        clauses.append("condition_id = ?")
        args.append(query.condition_id)
    if query.status:
        clauses.append("status = ?")
        args.append(query.status)
    if query.teach_back_follow_up:
        clauses.append("teach_back_follow_up = 1")
    if query.not_acknowledged:
        clauses.append("acknowledged = 0")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def summary(service: Backend, consultation_id: str) -> RecordSummary | None:
    """The list row of one record (no clinical content, so not audited as a view)."""
    row = service.db.execute(_LIST + " WHERE id = ?", (consultation_id,)).fetchone()
    return None if row is None else summary_of(row)


def search(service: Backend, query: SearchQuery, limit: int = 200,
           offset: int = 0) -> list[RecordSummary]:
    """Newest visits first, one page at a time."""
    where, args = _where(query)
    rows = service.db.execute(
        f"{_LIST}{where} ORDER BY visit_date DESC, id LIMIT ? OFFSET ?", [*args, limit, offset])
    return [summary_of(r) for r in rows]


def change_token(service: Backend) -> tuple[int, str]:
    """Changes whenever a record is added or changed (a handout stored, a status moved),
    on any workstation: the records view polls it to show others' work within seconds."""
    try:
        row = service.db.execute("SELECT count(*), max(updated_at) "
                                 "FROM consultations").fetchone()
    except sqlite3.Error as exc:  # (callers catch consultaid's errors only)
        raise StoreBusy(str(exc)) from None
    return int(row[0]), str(row[1] or "")


def count(service: Backend, query: SearchQuery) -> int:
    where, args = _where(query)
    return int(service.db.execute(f"SELECT count(*) FROM consultations{where}",
                                  args).fetchone()[0])
