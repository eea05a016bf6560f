"""Accounts: who may act (:func:`require`), creating accounts, listing, deactivating and PIN
changes. Signing in, confirming a PIN and the pauses after wrong PINs are in
:mod:`consultaid.records.signing_in`.

Every rule is enforced here, against the store as it is now: the acting account's role and
whether it is still active are read again on each call (a forged or stale ``User`` is not
believed), and every change is audited in the same transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records import account_seal, audit, server_calls
from consultaid.records.base import Actor, Backend, PermissionDenied
from consultaid.records.signing_in import checked, older_schema, require_trusted, user_row
from consultaid.records.store import ConstraintViolation
from consultaid.records.users import (
    ROLES,
    SCHEME_PEPPERED,
    Role,
    User,
    hash_pin,
    pin_matches,
    pin_problem,
)


@dataclass(frozen=True)
class Account:
    """One row of File > Accounts… and ``consultaid accounts list``."""

    id: int
    name: str
    role: str
    active: bool
    last_sign_in: str | None
    created_at: str


def require(service: Backend, actor: Actor, *roles: str) -> None:
    """Refuse unless ``actor`` holds one of ``roles`` *as the store has it now*: a forged or
    stale ``User`` (a role changed, an account deactivated) is not believed."""
    role = actor.role
    if isinstance(actor, User):
        # A read-only 0.1.0 file has no seals to check; a damaged file is written by no one
        # (and its audit pages may not even be readable).
        older = older_schema(service) or (service.store.damaged and not service.store.held)
        columns = "id, role, active" if older else account_seal.COLUMNS
        row = service.db.execute(f"SELECT {columns} FROM users WHERE id = ?",
                                 (actor.id,)).fetchone()
        if row is None or not row["active"]:
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Records", "This account is not active; sign in again."))
        if not older:
            require_trusted(service.db, row)
        role = row["role"]
    if role not in roles:
        refused = {
            "front_desk": QT_TRANSLATE_NOOP(
                "Records", "Front desk cannot do this; sign in as a physician."),
            "physician": QT_TRANSLATE_NOOP(
                "Records", "A physician cannot do this; sign in as a physician."),
            "system": QT_TRANSLATE_NOOP(
                "Records", "The command line cannot do this; sign in as a physician."),
        }
        raise PermissionDenied(refused.get(
            role, f"{role} cannot do this; sign in as a physician."))


def has_users(service: Backend) -> bool:
    return service.db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def active_users(service: Backend) -> list[User]:
    rows = service.db.execute("SELECT id, name, role FROM users WHERE active ORDER BY name")
    return [User(r[0], r[1], r[2]) for r in rows]


def create(service: Backend, creator: Actor | None, name: str, role: Role, pin: str) -> User:
    """A new account. The first (``creator`` None) must be a physician; later ones need one."""
    service.store.ensure_writable()
    again = _created_already(service, name, role, pin) if service.retrying else None
    if again is not None:
        return again
    if creator is None:
        if has_users(service):
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Records", "Only a physician can add accounts."))
        if role != "physician":
            raise ConsultaidError(QT_TRANSLATE_NOOP(
                "Records", "The first account must be a physician."))
    else:
        require(service, creator, "physician", "system")
    name = name.strip()
    if not name:
        raise ConsultaidError(QT_TRANSLATE_NOOP("Records", "Enter a name for the account."))
    if role not in ROLES:
        raise ConsultaidError(f"Unknown role {role!r}.")
    problem = pin_problem(pin)
    if problem:
        raise ConsultaidError(problem)
    salt, digest = hash_pin(pin)
    with service.store.transaction() as db:
        try:
            if server_calls.enforced(db):  # the server checks the creator's session
                new_id = server_calls.create_account(
                    db, creator.actor if creator else None, name, role, pin, salt, digest,
                    audit.now_utc())
            else:
                new_id = db.execute(
                    "INSERT INTO users (name, role, pin_salt, pin_hash, pin_scheme, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (name, role, salt, digest, SCHEME_PEPPERED, audit.now_utc())
                ).fetchone()[0]
        except (sqlite3.IntegrityError, ConstraintViolation):
            raise ConsultaidError(QT_TRANSLATE_NOOP(
                "Records", "An account named {name} already exists.").format(
                name=repr(name))) from None
        user = User(int(new_id), name, role)
        audit.append(db, creator.actor if creator else user.actor, "user-create",
                     str(user.id), role=role, user_sha256=account_seal.digest(db, user.id))
    return user


def _created_already(service: Backend, name: str, role: Role, pin: str) -> User | None:
    """On a retry: the account an attempt whose answer was lost created (same name, role
    and PIN), if there is one."""
    row = service.db.execute(
        "SELECT id, name, role, pin_salt, pin_hash, pin_scheme FROM users "
        "WHERE lower(name) = lower(?)", (name.strip(),)).fetchone()
    if row is None or row["role"] != role or not pin_matches(
            pin, bytes(row["pin_salt"]), bytes(row["pin_hash"]), int(row["pin_scheme"])):
        return None
    return User(int(row["id"]), row["name"], row["role"])


class Accounts:
    """Listing and changing accounts through the records service's store."""

    def __init__(self, service: Backend) -> None:
        self.service = service

    def list(self) -> list[Account]:
        """Every account, active or not (accounts are never deleted: the audit names them)."""
        seen = "NULL" if older_schema(self.service) else "last_sign_in"
        rows = self.service.db.execute(
            f"SELECT id, name, role, active, {seen}, created_at FROM users "
            "ORDER BY lower(name), id")
        return [Account(int(r[0]), r[1], r[2], bool(r[3]), r[4], r[5]) for r in rows]

    def _target(self, user_id: int) -> Any:
        row = user_row(self.service, user_id=user_id)
        if row is None:
            raise ConsultaidError(QT_TRANSLATE_NOOP(
                "Records", "There is no account number {number}.").format(number=user_id))
        return row

    def find(self, name: str) -> Account:
        for account in self.list():
            if account.name.casefold() == name.strip().casefold():
                return account
        raise ConsultaidError(QT_TRANSLATE_NOOP("Records", "There is no account with that name; "
                                                "'consultaid accounts list' shows them."))

    def deactivate(self, actor: Actor, user_id: int) -> None:
        """The account can no longer sign in or act; it stays in the list and the audit log.
        The last active physician is never deactivated (no one could manage accounts then)."""
        self.service.store.ensure_writable()
        require(self.service, actor, "physician", "system")
        with self.service.store.transaction() as db:
            row = self._target(user_id)
            if not row["active"]:
                return
            if row["role"] == "physician":
                others = db.execute(
                    "SELECT count(*) FROM users WHERE role = 'physician' AND active AND id <> ?",
                    (user_id,)).fetchone()[0]
                if not others:
                    raise ConsultaidError(QT_TRANSLATE_NOOP(
                        "Records", "This is the last active physician account, so it stays "
                        "active: without it no one could manage accounts. Add another "
                        "physician first."))
            if server_calls.enforced(db):
                server_calls.set_active(db, actor.actor, user_id, False)
            else:
                db.execute(f"UPDATE users SET active = {self._false()} WHERE id = ?",
                           (user_id,))
            audit.append(db, actor.actor, "user-deactivate", str(user_id),
                         user_sha256=account_seal.digest(db, user_id))

    def reactivate(self, actor: Actor, user_id: int) -> None:
        """A deactivated account may sign in again (with its PIN as it was)."""
        self.service.store.ensure_writable()
        require(self.service, actor, "physician", "system")
        with self.service.store.transaction() as db:
            if self._target(user_id)["active"]:
                return
            true = "TRUE" if self.service.store.dialect == "postgresql" else "1"
            if server_calls.enforced(db):
                server_calls.set_active(db, actor.actor, user_id, True)
            else:
                db.execute(f"UPDATE users SET active = {true} WHERE id = ?", (user_id,))
            audit.append(db, actor.actor, "user-reactivate", str(user_id),
                         user_sha256=account_seal.digest(db, user_id))

    def _false(self) -> str:
        return "FALSE" if self.service.store.dialect == "postgresql" else "0"

    def reset_pin(self, actor: Actor, user_id: int, new_pin: str) -> None:
        """A physician (or the data folder's administrator, from the command line) gives
        another account a new PIN; its owner must choose their own at the next sign-in."""
        require(self.service, actor, "physician", "system")
        if isinstance(actor, User) and actor.id == user_id:
            raise ConsultaidError(QT_TRANSLATE_NOOP(
                "Records", "To change your own PIN, use Change my PIN (it asks for the current "
                "one)."))
        self._set_pin(actor, user_id, new_pin, "pin-reset", change_due=True)

    def change_pin(self, user: User, current_pin: str, new_pin: str) -> None:
        """The signed-in account changes its own PIN, confirming the current one (a wrong one
        counts toward the account's pause)."""
        self.service.store.ensure_writable()
        require(self.service, user, "physician", "front_desk")
        if self._pin_set_already(user.id, new_pin, change_due=False):
            return  # (a retry whose first attempt's answer was lost: the current PIN is new_pin)
        row = self._target(user.id)
        if not checked(self.service, row, current_pin, row["name"]):
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Records", "The current PIN is not right; the PIN was not changed."))
        if new_pin == current_pin:
            raise ConsultaidError(QT_TRANSLATE_NOOP(
                "Records", "The new PIN is the same as the current one; choose another."))
        self._set_pin(user, user.id, new_pin, "pin-change", change_due=False,
                      current_pin=current_pin)

    def _pin_set_already(self, user_id: int, new_pin: str, change_due: bool) -> bool:
        """On a retry (records.retry): whether a first attempt, whose answer was lost, already
        gave the account ``new_pin`` (and the same must-change flag)."""
        if not self.service.retrying:
            return False
        row = self.service.db.execute(
            "SELECT pin_salt, pin_hash, pin_scheme, pin_change_due FROM users WHERE id = ?",
            (user_id,)).fetchone()
        return row is not None and bool(row["pin_change_due"]) == change_due and pin_matches(
                new_pin, bytes(row["pin_salt"]), bytes(row["pin_hash"]), int(row["pin_scheme"]))

    def _set_pin(self, actor: Actor, user_id: int, new_pin: str, action: str,
                 change_due: bool, current_pin: str = "") -> None:
        self.service.store.ensure_writable()
        if self._pin_set_already(user_id, new_pin, change_due):
            return
        problem = pin_problem(new_pin)
        if problem:
            raise ConsultaidError(problem)
        salt, digest = hash_pin(new_pin)
        with self.service.store.transaction() as db:
            row = self._target(user_id)
            if not row["active"]:
                raise ConsultaidError(QT_TRANSLATE_NOOP(
                    "Records", "The account {name} is not active.").format(name=row["name"]))
            if not server_calls.enforced(db):
                db.execute("UPDATE users SET pin_salt = ?, pin_hash = ?, pin_scheme = ?, "
                           "pin_change_due = ? WHERE id = ?",
                           (salt, digest, SCHEME_PEPPERED, int(change_due), user_id))
            elif action == "pin-change":  # the server confirms the current PIN itself
                server_calls.change_pin(db, actor.actor, current_pin, new_pin, salt, digest)
            else:
                server_calls.reset_pin(db, actor.actor, user_id, new_pin, salt, digest)
            audit.append(db, actor.actor, action, str(user_id),
                         user_sha256=account_seal.digest(db, user_id))
