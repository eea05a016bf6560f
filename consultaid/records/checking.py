"""Whether the records can be trusted: what the window tells people about the store it opened
(:class:`Health`), the full check behind ``records verify`` (integrity, the audit chain, every
row against it both ways, accounts, reviews, the anchor, the server's own chain), and accepting
a backup that was restored on purpose."""

from __future__ import annotations

from dataclasses import dataclass

from consultaid.records import account_seal, anchor, audit, hold, reviews, server_calls
from consultaid.records import verify as verifying
from consultaid.records.accounts import require
from consultaid.records.base import Actor, Backend, RecordsStore
from consultaid.records.finding import fold
from consultaid.records.store import Store, StoreError, latest_backup


@dataclass(frozen=True)
class Health:
    """What the window tells people about the records it opened (no storage details)."""

    read_only: bool
    damaged: bool
    """Read-only because the file failed its check (a backup may be needed)."""
    problem: str
    place: str
    """The database file, or the server, in words."""
    latest_backup: str
    """The newest backup next to a damaged file ("" if none, or not a file)."""
    transport_warning: str
    """The server is reached in plain text on purpose (say so; "" otherwise)."""


def health(store: RecordsStore) -> Health:
    """Read-only or not, why, where, the latest backup and how the server is reached."""
    backup = latest_backup(store.path) if store.damaged and isinstance(store, Store) else None
    return Health(read_only=store.read_only, damaged=store.damaged, problem=store.problem,
                  place=str(store.path), latest_backup=str(backup or ""),
                  transport_warning=str(getattr(store, "transport_warning", "") or ""))


def verify(service: Backend, *, with_anchor: bool = True) -> list[str]:
    """Integrity check, the audit chain, every row against it both ways
    (:mod:`consultaid.records.verify`), and the chain against this computer's anchor
    (:mod:`consultaid.records.anchor`; ``with_anchor`` False leaves that out)."""
    store = service.store
    ok, message = store.integrity_ok()
    if not ok:
        return [f"database integrity check failed: {message}"]
    db = service.db
    problems: list[str] = []
    broken = audit.first_broken_entry(db)
    if broken:
        problems.append(broken)
    rolled_back = anchor.problem(db, store.place) if with_anchor else None
    if rolled_back:
        problems.append(rolled_back)
    records, kept, handouts = verifying.from_audit(db)
    # Bytes, not text: a damaged row must not be decoded (SQLite would quote it, patient
    # data and all, in its error message).
    problems += verifying.record_problems(db, store.bytes_of("d.json"), records, fold)
    problems += verifying.kept_problems(db, store.bytes_of("json"), kept)
    problems += verifying.handout_problems(db, handouts)
    problems += account_seal.problems(db)
    problems += reviews.problems(db)
    if server_calls.enforced(db):  # the server's own MAC chain, checked there
        problems += server_calls.problems(db)
    return problems


def accept_restore(service: Backend, actor: Actor) -> None:
    """After a backup was restored on purpose: if the restored database verifies in every
    other way, its last audit entry becomes this computer's anchor (audited)."""
    require(service, actor, "physician", "system")
    problems = verify(service, with_anchor=False)
    if problems:
        raise StoreError(f"the restored records do not verify ({problems[0]}); the restore "
                         "was not accepted")
    store = service.store
    last = audit.head(service.db)
    if last is not None:
        anchor.write(service.db, store.place, *last, force=True)
    if store.held and not hold.reason(service.db, store.schema_version(), store.place):
        store.release()
    with store.transaction() as db:
        audit.append(db, actor.actor, "restore-accepted", "",
                     seq=last[0] if last else 0)
