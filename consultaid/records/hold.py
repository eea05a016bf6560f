"""Why a database must not be written, found when it is opened (issue 25.2, 25.5).

A keyed database whose seal is missing, whose installation key is missing or is another
installation's, or that is older than this computer last saw it (:mod:`anchor`), is opened for
reading only: writing on would seal a rewritten log under the key (a downgrade laundered), put
entries under a new key (the chain broken for good when the right key comes back), or build on
a rolled-back copy. The message says what to restore.
"""

from __future__ import annotations

from typing import Any

from consultaid.records import anchor, audit, installation_key


def reason(db: Any, schema: int, place: str) -> str | None:
    """Why ``db`` (at schema number ``schema``) must be held read-only, or None."""
    if schema < 2:
        return None  # 0.1.0: not keyed yet (it is sealed at its upgrade)
    seal = db.execute(
        "SELECT keyed_from, head_seq, head_hash, mac FROM audit_seal WHERE id = 1").fetchone()
    try:
        audit.checked_key(db, seal)
    except (audit.AuditRefused, installation_key.InstallationKeyError) as exc:
        return str(exc)
    return anchor.problem(db, place)


class Holdable:
    """What a store (SQLite file or server) says about being held (see the module)."""

    read_only: bool
    damaged: bool
    problem: str
    held: str

    def hold(self, reason: str) -> None:
        """Open for reading only, for ``reason``: nothing is written."""
        self.read_only = self.damaged = True
        self.problem = self.held = reason

    def release(self) -> None:
        """End a hold (after ``records verify --accept-restore``)."""
        self.read_only = self.damaged = False
        self.problem = self.held = ""
