"""The append-only, hash-chained audit log.

Each entry carries the hash of the one before, so changing or removing an entry breaks the
chain at that point. Since schema 2 the hash is an HMAC-SHA-256 under the installation's audit
key (kept outside the database, see installation_key), so someone with the database file alone
cannot rewrite the chain and recompute it. The ``audit_seal`` row holds, under the same key,
where keying began and the last entry: a cut tail or a rewritten seal is found. Entries written
before keying (release 0.1.0) keep their plain SHA-256; the first keyed entry ("audit-sealed")
links to them, so they are sealed too. Entries hold IDs, actions and hashes, never patient
names or notes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from consultaid.paths import config_dir
from consultaid.records import installation_key

GENESIS = "0" * 64
ACTIONS = frozenset({
    "create", "edit", "complete", "amend", "view", "print", "save-pdf", "reprint", "export",
    "import", "sign-in", "sign-in-failed", "sign-out", "lock", "unlock", "user-create", "backup",
    "view-handout", "audit-sealed", "migrate", "list", "search", "user-deactivate", "pin-reset",
    "pin-change", "user-reactivate", "user-sealed", "acknowledge", "signed-handout", "review",
})


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _key() -> bytes:
    return installation_key.audit_key(config_dir())


def entry_hash(seq: int, at: str, actor: str, action: str, record_id: str, detail: str,
               prev_hash: str, key: bytes | None = None) -> str:
    """HMAC-SHA-256 under ``key``; plain SHA-256 (entries from before keying) without one."""
    payload = json.dumps([seq, at, actor, action, record_id, detail, prev_hash],
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def _seal_mac(key: bytes, keyed_from: int, head_seq: int, head_hash: str) -> str:
    payload = f"seal|{keyed_from}|{head_seq}|{head_hash}".encode("ascii")
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def _write_seal(db: Any, key: bytes, keyed_from: int, head_seq: int,
                head_hash: str) -> None:
    db.execute(
        "INSERT INTO audit_seal (id, keyed_from, head_seq, head_hash, mac) VALUES (1, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET keyed_from = excluded.keyed_from, "
        "head_seq = excluded.head_seq, head_hash = excluded.head_hash, mac = excluded.mac",
        (keyed_from, head_seq, head_hash, _seal_mac(key, keyed_from, head_seq, head_hash)))


def seal_if_needed(db: Any) -> None:
    """At upgrade (inside a transaction): key the chain from here on, sealing older entries.

    A database without a seal row gets one; if it already had entries (written before keying),
    an "audit-sealed" entry is appended whose keyed hash covers the last of them.
    """
    if db.execute("SELECT 1 FROM audit_seal WHERE id = 1").fetchone():
        return
    key = _key()
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    keyed_from = (last[0] + 1) if last else 1
    _write_seal(db, key, keyed_from, last[0] if last else 0, last[1] if last else GENESIS)
    if last:
        append(db, "system", "audit-sealed", legacy_entries=last[0])


def append(db: Any, actor: str, action: str, record_id: str = "",
           **detail: Any) -> None:
    """Add one entry; call inside the same transaction as the change it records."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")  # programming error
    if getattr(db, "dialect", "sqlite") == "postgresql":
        # One chain under concurrent writers: the seal row is locked until this transaction
        # ends, so the next writer reads the entry written here as its predecessor. (SQLite's
        # BEGIN IMMEDIATE already lets one writer in at a time.)
        db.execute("SELECT 1 FROM audit_seal WHERE id = 1 FOR UPDATE")
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq = (last[0] + 1) if last else 1
    prev = last[1] if last else GENESIS
    at = now_utc()
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    key = _key()
    digest = entry_hash(seq, at, actor, action, record_id, text, prev, key)
    db.execute(
        "INSERT INTO audit (seq, at, actor, action, record_id, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, record_id, text, prev, digest),
    )
    seal = db.execute("SELECT keyed_from FROM audit_seal WHERE id = 1").fetchone()
    _write_seal(db, key, seal[0] if seal else seq, seq, digest)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    record_id: str
    detail: dict[str, Any]


def entries(db: Any, record_id: str | None = None) -> list[AuditEntry]:
    query = "SELECT seq, at, actor, action, record_id, detail FROM audit"
    args: tuple[str, ...] = ()
    if record_id is not None:
        query += " WHERE record_id = ?"
        args = (record_id,)
    rows = db.execute(query + " ORDER BY seq", args).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]


def latest_content_hash(db: Any, record_id: str) -> str | None:
    """The SHA-256 of ``record_id``'s JSON as its latest content entry states it, if that entry
    is genuine (its own seal checks under this installation's key); None otherwise. One
    record's check when it is opened; ``records verify`` walks the whole chain."""
    row = db.execute(
        "SELECT seq, at, actor, action, record_id, detail, prev_hash, hash FROM audit "
        "WHERE record_id = ? AND action IN ('create', 'edit', 'complete', 'amend', 'import') "
        "ORDER BY seq DESC LIMIT 1", (record_id,)).fetchone()
    seal = db.execute("SELECT keyed_from FROM audit_seal WHERE id = 1").fetchone()
    if row is None or seal is None:
        return None
    seq, at, actor, action, rid, detail, prev_hash, digest = row
    key = _key() if seq >= seal[0] else None
    if not hmac.compare_digest(entry_hash(seq, at, actor, action, rid, detail, prev_hash, key),
                               digest):
        return None
    try:
        sha = json.loads(detail).get("sha256")
    except (ValueError, AttributeError):
        return None
    return str(sha) if sha else None


def first_broken_entry(db: Any) -> str | None:
    """Walk the chain; describe the first entry that does not match, or None if all do."""
    key = _key()
    seal = db.execute(
        "SELECT keyed_from, head_seq, head_hash, mac FROM audit_seal WHERE id = 1").fetchone()
    if seal is None:
        return ("the audit log has no seal under this installation's key (it was removed, or "
                "the database was not opened by this version yet)")
    keyed_from, head_seq, head_hash, mac = seal
    if not hmac.compare_digest(_seal_mac(key, keyed_from, head_seq, head_hash), mac):
        return ("the audit log's seal does not match this installation's key: the log was "
                "rewritten, or the key file in the config folder is not this installation's "
                "(restore it from the backup, see README)")
    prev = GENESIS
    expected_seq = 1
    rows = db.execute(
        "SELECT seq, at, actor, action, record_id, detail, prev_hash, hash FROM audit ORDER BY seq")
    for seq, at, actor, action, record_id, detail, prev_hash, digest in rows:
        if seq != expected_seq:
            return f"audit entry {expected_seq} is missing (next entry is {seq})"
        if prev_hash != prev:
            return f"audit entry {seq} does not follow entry {seq - 1} (its link was changed)"
        entry_key = key if seq >= keyed_from else None
        if not hmac.compare_digest(
                entry_hash(seq, at, actor, action, record_id, detail, prev_hash, entry_key),
                digest):
            return f"audit entry {seq} ({action}) was changed after it was written"
        prev = digest
        expected_seq += 1
    last_seq = expected_seq - 1
    if last_seq < head_seq:
        return (f"the audit log ends at entry {last_seq} but was sealed at entry {head_seq}: "
                "entries were removed from its end")
    if last_seq != head_seq or prev != head_hash:
        return (f"the audit log's last entry ({last_seq}) is not the one it was sealed at "
                f"({head_seq}): entries were added or changed outside consultaid")
    return None
