"""The append-only, hash-chained audit log.

Each entry carries the SHA-256 of the one before, so changing or removing an entry breaks the
chain at that point. Entries hold IDs, actions and hashes, never patient names or notes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
ACTIONS = frozenset({
    "create", "edit", "complete", "amend", "view", "print", "save-pdf", "reprint", "export",
    "import", "sign-in", "sign-in-failed", "sign-out", "lock", "unlock", "user-create", "backup",
    "view-handout",
})


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def entry_hash(seq: int, at: str, actor: str, action: str, record_id: str, detail: str,
               prev_hash: str) -> str:
    payload = json.dumps([seq, at, actor, action, record_id, detail, prev_hash],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(db: sqlite3.Connection, actor: str, action: str, record_id: str = "",
           **detail: Any) -> None:
    """Add one entry; call inside the same transaction as the change it records."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")  # programming error
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq = (last[0] + 1) if last else 1
    prev = last[1] if last else GENESIS
    at = now_utc()
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = entry_hash(seq, at, actor, action, record_id, text, prev)
    db.execute(
        "INSERT INTO audit (seq, at, actor, action, record_id, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, record_id, text, prev, digest),
    )


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    record_id: str
    detail: dict[str, Any]


def entries(db: sqlite3.Connection, record_id: str | None = None) -> list[AuditEntry]:
    query = "SELECT seq, at, actor, action, record_id, detail FROM audit"
    args: tuple[str, ...] = ()
    if record_id is not None:
        query += " WHERE record_id = ?"
        args = (record_id,)
    rows = db.execute(query + " ORDER BY seq", args).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]


def first_broken_entry(db: sqlite3.Connection) -> str | None:
    """Walk the chain; describe the first entry that does not match, or None if all do."""
    prev = GENESIS
    expected_seq = 1
    rows = db.execute(
        "SELECT seq, at, actor, action, record_id, detail, prev_hash, hash FROM audit ORDER BY seq")
    for seq, at, actor, action, record_id, detail, prev_hash, digest in rows:
        if seq != expected_seq:
            return f"audit entry {expected_seq} is missing (next entry is {seq})"
        if prev_hash != prev:
            return f"audit entry {seq} does not follow entry {seq - 1} (its link was changed)"
        if entry_hash(seq, at, actor, action, record_id, detail, prev_hash) != digest:
            return f"audit entry {seq} ({action}) was changed after it was written"
        prev = digest
        expected_seq += 1
    return None
