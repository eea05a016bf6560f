"""Events a caller may write to the audit log that change no data: a lock, an unlock, a
handout viewed, a backup, a list or search; and a sign-out, which ends the account's session on
the records server too. Sign-ins, reviews and changes are logged by the modules that make them."""

from __future__ import annotations

from consultaid.records import audit, server_calls
from consultaid.records.accounts import require
from consultaid.records.base import Actor, Backend, PermissionDenied

LOGGABLE = frozenset({"sign-out", "lock", "unlock", "view-handout", "backup", "list",
                      "search"})
"""What a caller may write through :func:`log`."""


def log(service: Backend, actor: Actor, action: str, record_id: str = "") -> None:
    """Record a lock, unlock or similar event that changes no data, for the caller itself.

    Only the events in :data:`LOGGABLE` are taken: a caller cannot write, say, a fake
    "sign-in" that would reset another account's failure count.
    """
    if action not in LOGGABLE:
        raise PermissionDenied(f"{action!r} is not an event the app may record")
    require(service, actor, "physician", "front_desk", "system")
    if not service.store.read_only:
        with service.store.transaction() as db:
            audit.append(db, actor.actor, action, record_id)
            if action == "sign-out":  # its server session ends with it
                server_calls.end_session(db, actor.actor)
