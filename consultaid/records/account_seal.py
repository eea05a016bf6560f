"""Accounts under the audit log: each change of an account row is stated in the audit.

Who may do what rests on the ``users`` table (role, active, PIN hash). Someone with the database
and an SQL tool could make a front-desk account a physician, or put in a PIN hash of their own.
So every change the app makes to an account (created, PIN set or upgraded, deactivated,
reactivated) writes, in the same transaction, the SHA-256 of the account's row into its audit
entry (``user_sha256``); ``records verify`` compares each row with the last such entry (and
finds rows added or deleted outside consultaid). The last sign-in time is left out: it changes
at every sign-in. Accounts that existed before this (release 0.1.0 databases) are sealed once,
at the schema upgrade, by one "user-sealed" entry each.

The check is not left to ``records verify`` alone (issue 25.3): an account row that is not the
one its last genuine entry states cannot sign in, confirm a review or act (:func:`trusted`), and
nothing re-seals it — a PIN-hash upgrade at sign-in happens only after the row was found
genuine.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from consultaid.records import audit

COLUMNS = "id, name, role, active, pin_salt, pin_hash, pin_scheme, pin_change_due"


def digest_of(row: Any) -> str:
    """The SHA-256 of an account row (``COLUMNS``, in order), the same on both backends."""
    values = [int(row[0]), str(row[1]), str(row[2]), bool(row[3]), bytes(row[4]).hex(),
              bytes(row[5]).hex(), int(row[6]), bool(row[7])]
    return hashlib.sha256(json.dumps(values).encode("utf-8")).hexdigest()


def digest(db: Any, user_id: int) -> str:
    """The digest of account ``user_id`` as it is now (call after changing it)."""
    row = db.execute(f"SELECT {COLUMNS} FROM users WHERE id = ?", (user_id,)).fetchone()
    return digest_of(row)


_STATED = ("SELECT seq, at, actor, action, record_id, detail, prev_hash, hash FROM audit "
           "WHERE record_id = ? AND action IN ('user-create', 'user-deactivate', "
           "'user-reactivate', 'pin-reset', 'pin-change', 'user-sealed', 'sign-in') "
           "AND detail LIKE ? ORDER BY seq DESC LIMIT 1")


def stated(db: Any, user_id: int) -> str | None:
    """The account digest its latest genuine audit entry states (None: no such entry)."""
    row = db.execute(_STATED, (str(user_id), '%"user_sha256"%')).fetchone()
    if row is None or not audit.genuine(db, row):
        return None
    try:
        sha = json.loads(row[5]).get("user_sha256")
    except (ValueError, AttributeError):
        return None
    return str(sha) if sha else None


def trusted(db: Any, row: Any) -> bool:
    """Whether an account row (``COLUMNS``) is the one the audit log last recorded."""
    expected = stated(db, int(row[0]))
    return expected is not None and expected == digest_of(row)


def seal_existing(db: Any) -> None:
    """At the schema upgrade: one "user-sealed" entry per account already there."""
    for row in db.execute(f"SELECT {COLUMNS} FROM users ORDER BY id").fetchall():
        audit.append(db, "system", "user-sealed", str(row[0]), user_sha256=digest_of(row))


def problems(db: Any) -> list[str]:
    """Each account row against the audit, and each audited account present."""
    stated: dict[str, str] = {}
    for entry in audit.entries(db):
        sha = entry.detail.get("user_sha256")
        if sha:
            stated[entry.record_id] = str(sha)
    found: list[str] = []
    seen: set[str] = set()
    for row in db.execute(f"SELECT {COLUMNS} FROM users ORDER BY id").fetchall():
        uid = str(row[0])
        seen.add(uid)
        if uid not in stated:
            found.append(f"account {uid} is not in the audit log (added outside consultaid)")
        elif stated[uid] != digest_of(row):
            found.append(f"account {uid}: its name, role, PIN or active state does not match "
                         "the audit log (changed outside consultaid)")
    for uid in sorted(set(stated) - seen, key=lambda u: int(u) if u.isdigit() else 0):
        found.append(f"account {uid} is in the audit log but was deleted outside consultaid")
    return found
