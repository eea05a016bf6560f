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
import sqlite3
from dataclasses import dataclass
from typing import Any

from consultaid.domain.errors import ConsultaidError
from consultaid.paths import config_dir
from consultaid.records import installation_key, server_calls

GENESIS = "0" * 64
ACTIONS = frozenset({
    "create", "edit", "complete", "amend", "view", "print", "save-pdf", "reprint", "export",
    "import", "sign-in", "sign-in-failed", "sign-out", "lock", "unlock", "user-create", "backup",
    "view-handout", "audit-sealed", "migrate", "list", "search", "user-deactivate", "pin-reset",
    "pin-change", "user-reactivate", "user-sealed", "acknowledge", "signed-handout", "review",
    "restore-accepted", "server-enforced",
})


CONTENT = ("create", "edit", "complete", "amend", "import", "acknowledge")
"""Actions whose entry carries the hash of the consultation's JSON at that version."""

ENTRY = "SELECT seq, at, actor, action, record_id, detail, prev_hash, hash FROM audit "


class AuditRefused(ConsultaidError):
    """The audit log or its seal is not as consultaid left it (or the key is not this
    database's): nothing more is written, so a tampered log is never sealed over."""


REWRITTEN = ("The records' audit log was changed outside consultaid ({what}), so nothing more "
             "is written to the records (reading them still works). Run 'consultaid records "
             "verify' and restore the latest good backup (see the README: restoring a backup).")
OTHER_KEY = ("This database is sealed by another installation key: the installation.key in "
             "{folder} is not the one these records were written with, so nothing is written "
             "(reading still works). Copy the right installation.key from the machine or the "
             "backup the records came from.")


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _key(*, create: bool = False) -> bytes:
    return installation_key.audit_key(config_dir(), create=create)


def key_id() -> str:
    """This installation's key fingerprint (which key sealed a database)."""
    return installation_key.key_id(config_dir())


def sealed_by_other_key(db: Any) -> bool:
    """Whether the seal names another installation key than the one in the config folder
    (schema 6 records the key's fingerprint; older seals say nothing)."""
    try:
        row = db.execute("SELECT key_id FROM audit_seal WHERE id = 1").fetchone()
        return bool(row and row[0]) and row[0] != key_id()
    except (sqlite3.Error, ConsultaidError):  # a seal from before schema 6; no key here
        return False


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
    key = _key(create=True)  # the one place a key is made: a database sealed the first time
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    keyed_from = (last[0] + 1) if last else 1
    _write_seal(db, key, keyed_from, last[0] if last else 0, last[1] if last else GENESIS)
    if last:
        append(db, "system", "audit-sealed", legacy_entries=last[0])


def record_key_id(db: Any) -> None:
    """At schema 6: write the fingerprint of the key the seal is made with (when this key is
    there and is the seal's; otherwise the opening reports the key problem)."""
    seal = db.execute(
        "SELECT keyed_from, head_seq, head_hash, mac FROM audit_seal WHERE id = 1").fetchone()
    try:
        checked_key(db, seal)
    except (AuditRefused, installation_key.InstallationKeyError):
        return
    db.execute("UPDATE audit_seal SET key_id = ? WHERE id = 1", (key_id(),))


def append(db: Any, actor: str, action: str, record_id: str = "", *,
           server_session: str | None = None, **detail: Any) -> None:
    """Add one entry; call inside the same transaction as the change it records.

    On a PostgreSQL server that enforces the rules the entry goes through its function, with
    ``server_session`` or the session of ``actor`` signed in here (records.server_calls)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")  # programming error
    server = server_calls.enforced(db)
    lock = " FOR UPDATE" if getattr(db, "dialect", "sqlite") == "postgresql" else ""
    # One chain under concurrent writers: on PostgreSQL the seal row is locked until this
    # transaction ends, so the next writer reads the entry written here as its predecessor.
    # (SQLite's BEGIN IMMEDIATE already lets one writer in at a time.)
    seal = server_calls.head(db) if server else db.execute(
        f"SELECT keyed_from, head_seq, head_hash, mac FROM audit_seal WHERE id = 1{lock}"
    ).fetchone()
    key = checked_key(db, seal)
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq = (last[0] + 1) if last else 1
    prev = last[1] if last else GENESIS
    if (int(seal[1]), str(seal[2])) != ((seq - 1), prev):
        raise AuditRefused(REWRITTEN.format(
            what=f"it ends at entry {seq - 1}, but was sealed at entry {seal[1]}"))
    at = now_utc()
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = entry_hash(seq, at, actor, action, record_id, text, prev, key)
    if server:
        server_calls.append(db, server_session or server_calls.session_of(db, actor),
                            (seq, at, actor, action, record_id, text, prev, digest),
                            _seal_mac(key, int(seal[0]), seq, digest))
        return
    db.execute(
        "INSERT INTO audit (seq, at, actor, action, record_id, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, record_id, text, prev, digest),
    )
    _write_seal(db, key, int(seal[0]), seq, digest)


def checked_key(db: Any, seal: Any) -> bytes:
    """The audit key, once the seal is known to be this key's: a missing seal is never a
    fresh start (only a new database is sealed, at its creation), and a seal under another
    key or rewritten refuses the write."""
    if seal is None:
        raise AuditRefused(REWRITTEN.format(what="its seal was removed"))
    key = _key()
    if not hmac.compare_digest(_seal_mac(key, int(seal[0]), int(seal[1]), str(seal[2])),
                               str(seal[3])):
        if sealed_by_other_key(db):
            raise AuditRefused(OTHER_KEY.format(folder=config_dir()))
        raise AuditRefused(REWRITTEN.format(what="its seal does not match"))
    return key


def head(db: Any) -> tuple[int, str] | None:
    """The last entry's number and hash (None for an empty log)."""
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else None


def genuine(db: Any, row: Any) -> bool:
    """Whether an audit row (``ENTRY``'s columns) was written by consultaid under this
    installation's key: an entry inserted or changed with an SQL tool is not."""
    seal = db.execute("SELECT keyed_from FROM audit_seal WHERE id = 1").fetchone()
    if row is None or seal is None:
        return False
    seq, at, actor, action, rid, detail, prev_hash, digest = tuple(row)
    try:
        # Entries from before keying (release 0.1.0) keep their plain hash: the keyed
        # "audit-sealed" entry covers them, and the sealed keyed_from says which they are.
        key = _key() if int(seq) >= int(seal[0]) else None
    except installation_key.InstallationKeyError:
        return False
    return hmac.compare_digest(
        entry_hash(int(seq), at, actor, action, rid, detail, prev_hash, key), str(digest))


def chain_intact_at_head(db: Any) -> bool:
    """A quick check for a signed act (sign-in, a review): the seal is this key's, the last
    entry is the one sealed, and no entry is missing. (``records verify`` walks every link.)"""
    seal = db.execute(
        "SELECT keyed_from, head_seq, head_hash, mac FROM audit_seal WHERE id = 1").fetchone()
    try:
        checked_key(db, seal)
    except (AuditRefused, installation_key.InstallationKeyError):
        return False
    found = db.execute("SELECT count(*), max(seq) FROM audit").fetchone()
    last = head(db)
    return (last is not None and last == (int(seal[1]), str(seal[2]))
            and int(found[0]) == int(found[1]))


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


def entries_of(db: Any, action: str) -> list[AuditEntry]:
    """Every entry of one action (``records verify`` checks the chain they are part of)."""
    rows = db.execute("SELECT seq, at, actor, action, record_id, detail FROM audit "
                      "WHERE action = ? ORDER BY seq", (action,)).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]


def latest_content_hash(db: Any, record_id: str) -> str | None:
    """The SHA-256 of ``record_id``'s JSON as its latest content entry states it, if that entry
    is genuine (its own seal checks under this installation's key); None otherwise. One
    record's check when it is opened; ``records verify`` walks the whole chain."""
    marks = ", ".join("?" for _ in CONTENT)
    row = db.execute(ENTRY + f"WHERE record_id = ? AND action IN ({marks}) "
                     "ORDER BY seq DESC LIMIT 1", (record_id, *CONTENT)).fetchone()
    if row is None or not genuine(db, row):
        return None
    try:
        sha = json.loads(row[5]).get("sha256")
    except (ValueError, AttributeError):
        return None
    return str(sha) if sha else None


def first_broken_entry(db: Any) -> str | None:
    """Walk the chain; describe the first entry that does not match, or None if all do."""
    try:
        key = _key()
    except installation_key.InstallationKeyError as exc:
        return str(exc)
    seal = db.execute(
        "SELECT keyed_from, head_seq, head_hash, mac FROM audit_seal WHERE id = 1").fetchone()
    if seal is None:
        return ("the audit log has no seal under this installation's key (it was removed, or "
                "the database was not opened by this version yet)")
    keyed_from, head_seq, head_hash, mac = seal
    if not hmac.compare_digest(_seal_mac(key, keyed_from, head_seq, head_hash), mac):
        if sealed_by_other_key(db):
            return ("this database is sealed by another installation key: the "
                    "installation.key in the config folder is not the one these records were "
                    "written with (copy the right one from the machine or the backup the "
                    "records came from, see README)")
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
