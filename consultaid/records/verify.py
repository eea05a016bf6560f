"""``records verify``: the database, its audit chain, and every row against the audit, both ways.

From the audit log alone (its chain is keyed, see :mod:`consultaid.records.audit`) we know, for
each consultation, the hash of its current JSON, its version and its status; which versions
were kept; which handouts were given. Verify then checks:

* every stored row against the audit (a record, a kept version or a handout changed outside
  consultaid), and every audited record, version and handout against the rows (one deleted);
* each record's list columns (name, patient ID, date, condition, physician, and the two flags
  the "Needs attention" filter reads: teach-back follow-up and acknowledged) against its own
  JSON, and its status and version against the audit (the list is what the front desk reads);
* that a damaged row is named, never quoted: rows are read as bytes and decoded one by one.

A problem is one line naming the record, never its patient data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from consultaid.domain.teach_back import any_not_yet_understood
from consultaid.records import audit

STATUS_AFTER = {"create": "draft", "edit": "draft", "complete": "completed",
                "import": "completed", "print": "handout_given", "save-pdf": "handout_given",
                "signed-handout": "handout_given"}
"""The status a consultation has after each audited action (an amendment keeps it)."""
CONTENT = audit.CONTENT
KEPT = ("complete", "amend", "import", "acknowledge")
"""Actions that keep a version for good (consultation_versions)."""
HANDOUT = ("print", "save-pdf", "signed-handout")
_FOLD_FIELDS = ("patient_name", "patient_id", "visit_date", "condition_id", "physician")


@dataclass
class Audited:
    """What the audit log says a consultation is now."""

    sha256: str = ""
    version: int = 0
    status: str = ""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def replay(entries: Any) -> tuple[dict[str, Audited], dict[tuple[str, int], str],
                                   dict[int, str]]:
    """Replay audit entries: each record's state, the kept versions, the handouts given."""
    records: dict[str, Audited] = {}
    kept: dict[tuple[str, int], str] = {}
    handouts: dict[int, str] = {}
    for entry in entries:
        detail = entry.detail
        state = records.setdefault(entry.record_id, Audited())
        if entry.action in CONTENT and detail.get("sha256"):
            state.sha256 = str(detail["sha256"])
            state.version = int(detail.get("version", 0))
        if entry.action in STATUS_AFTER and entry.action in CONTENT + HANDOUT:
            state.status = STATUS_AFTER[entry.action]
        if entry.action in KEPT and detail.get("sha256"):
            kept[(entry.record_id, int(detail.get("version", 0)))] = str(detail["sha256"])
        if entry.action in HANDOUT and detail.get("sha256") and "handout" in detail:
            handouts[int(detail["handout"])] = str(detail["sha256"])
    return {k: v for k, v in records.items() if v.sha256}, kept, handouts


def from_audit(db: Any) -> tuple[dict[str, Audited], dict[tuple[str, int], str], dict[int, str]]:
    """The whole audit log replayed (its chain is checked apart, entry by entry)."""
    return replay(audit.entries(db))


_ROW = ("SELECT c.id, c.status, c.version, c.patient_name, c.patient_id, c.search_text, "
        "c.visit_date, c.condition_id, c.physician, c.teach_back_follow_up, c.acknowledged, "
        "{bytes_of} FROM consultations c LEFT JOIN consultation_data d ON d.id = c.id ")


def row_problems(row: Any, expected: Audited | None, fold: Any) -> list[str]:
    """One stored consultation (``_ROW``'s columns) against what the audit says of it and
    against its own JSON."""
    cid = str(row[0])
    raw = bytes(row[11]) if row[11] is not None else None
    if expected is None:
        return [f"consultation {cid} is not in the audit log (added outside consultaid)"]
    if raw is None:
        return [f"consultation {cid} has lost its record text (deleted outside consultaid)"]
    if sha256(raw) != expected.sha256:
        return [f"consultation {cid} does not match the audit log (changed outside "
                "consultaid)"]
    problems: list[str] = []
    if row[1] != expected.status or int(row[2]) != expected.version:
        problems.append(f"consultation {cid}: its status or version in the list does not "
                        "match the audit log (changed outside consultaid)")
    columns = _list_columns(raw, fold)
    if columns is None or columns[:6] != tuple(row)[3:9]:
        problems.append(f"consultation {cid}: the list's name, patient ID, date, condition "
                        "or physician does not match its record (changed outside "
                        "consultaid)")
    elif columns[6:] != tuple(int(v) for v in tuple(row)[9:11]):
        problems.append(f"consultation {cid}: the list's teach-back follow-up or "
                        "acknowledged mark does not match its record (changed outside "
                        "consultaid)")
    return problems


def one_record(db: Any, bytes_of: str, consultation_id: str, fold: Any) -> list[str]:
    """What ``records verify`` would say of this one consultation's row, from its own audit
    entries (each checked under the key): the check made when a record is opened, so the
    window warns exactly when verify would fail for it, and not otherwise."""
    actions = CONTENT + HANDOUT
    marks = ", ".join("?" for _ in actions)
    rows = db.execute(audit.ENTRY + f"WHERE action IN ({marks}) AND record_id = ? "
                      "ORDER BY seq", (*actions, consultation_id)).fetchall()
    entries = []
    for entry in rows:
        if not audit.genuine(db, entry):
            return [f"consultation {consultation_id}: an audit entry of it was changed or "
                    "added outside consultaid"]
        entries.append(audit.AuditEntry(int(entry[0]), entry[1], entry[2], entry[3],
                                        entry[4], json.loads(entry[5])))
    records, _kept, _handouts = replay(entries)
    row = db.execute(_ROW.format(bytes_of=bytes_of) + "WHERE c.id = ?",
                     (consultation_id,)).fetchone()
    if row is None:
        return [f"consultation {consultation_id} is not in the records"]
    return row_problems(row, records.get(consultation_id), fold)


def record_problems(db: Any, bytes_of: str, records: dict[str, Audited],
                    fold: Any) -> list[str]:
    """Each stored consultation against the audit and against its own JSON, and each audited
    consultation present."""
    problems: list[str] = []
    seen: set[str] = set()
    for row in db.execute(_ROW.format(bytes_of=bytes_of) + "ORDER BY c.id"):
        seen.add(str(row[0]))
        problems += row_problems(row, records.get(str(row[0])), fold)
    orphans = db.execute(
        "SELECT d.id FROM consultation_data d LEFT JOIN consultations c ON c.id = d.id "
        "WHERE c.id IS NULL ORDER BY d.id")
    for (cid,) in orphans:
        problems.append(f"consultation {cid} has a record text but no list entry (changed "
                        "outside consultaid)")
    for cid in sorted(set(records) - seen):
        problems.append(f"consultation {cid} is in the audit log but not in the records "
                        "(deleted outside consultaid)")
    return problems


def _list_columns(raw: bytes, fold: Any) -> tuple[str | int, ...] | None:
    """The list columns a record's JSON gives (None if it cannot be read): six texts, then the
    teach-back follow-up and acknowledged flags as 0/1 (as RecordsService._columns writes them)."""
    try:
        body = json.loads(raw.decode("utf-8"))
        patient = body.get("patient") or {}
        name, pid = str(patient.get("name", "")), str(patient.get("clinic_patient_id", ""))
        teach_back = body.get("teach_back")  # text in a version 1 record: no points
        points = teach_back.get("points") or [] if isinstance(teach_back, dict) else []
        follow_up = any_not_yet_understood(p.get("outcome") for p in points
                                           if isinstance(p, dict))
        return (name, pid, fold(f"{name}\n{pid}"), str(body.get("visit_date", "")),
                str(body.get("condition_id", "")), str(body.get("physician", "")),
                int(follow_up), int(body.get("acknowledgement") is not None))
    except (UnicodeDecodeError, ValueError, AttributeError, TypeError):
        return None


def kept_problems(db: Any, bytes_of: str, kept: dict[tuple[str, int], str]) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    for row in db.execute(f"SELECT consultation_id, version, {bytes_of} "
                          "FROM consultation_versions"):
        key = (str(row[0]), int(row[1]))
        seen.add(key)
        if kept.get(key) != sha256(bytes(row[2])):
            problems.append(f"consultation {key[0]} version {key[1]} does not match the "
                            "audit log")
    for cid, version in sorted(set(kept) - seen):
        problems.append(f"consultation {cid} version {version} is in the audit log but was "
                        "deleted from the kept versions")
    return problems


def handout_vouched(db: Any, handout_id: int, consultation_id: str, digest: str) -> bool:
    """Whether a genuine audit entry gave handout ``handout_id`` with these bytes' hash."""
    marks = ", ".join("?" for _ in HANDOUT)
    rows = db.execute(audit.ENTRY + f"WHERE action IN ({marks}) AND record_id = ? "
                      "ORDER BY seq DESC", (*HANDOUT, consultation_id)).fetchall()
    for row in rows:
        try:
            detail = json.loads(row[5])
        except ValueError:
            continue
        if (isinstance(detail, dict) and detail.get("handout") == handout_id
                and detail.get("sha256") == digest):
            return audit.genuine(db, row)
    return False


def handout_problems(db: Any, handouts: dict[int, str]) -> list[str]:
    problems: list[str] = []
    seen: set[int] = set()
    for row in db.execute("SELECT id, consultation_id, sha256, pdf FROM handouts"):
        seen.add(int(row[0]))
        actual = sha256(bytes(row[3]))
        if actual != row[2] or handouts.get(int(row[0])) != actual:
            problems.append(f"handout {row[0]} of consultation {row[1]} does not match "
                            "its checksum or the audit log")
    for handout_id in sorted(set(handouts) - seen):
        problems.append(f"handout {handout_id} is in the audit log but was deleted from the "
                        "records")
    return problems
