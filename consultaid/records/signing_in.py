"""Signing in and confirming a PIN, and how guessing PINs is slowed (issue 12.9):

- per account: after :data:`MAX_PIN_FAILURES` wrong PINs the account pauses for
  :data:`PIN_PAUSE_MINUTES` minutes (a good sign-in or a new PIN ends the count);
- for names that have no (active) account: after :data:`GLOBAL_FAILURES` such attempts within
  :data:`GLOBAL_WINDOW_SECONDS` seconds, every attempt under an unknown name waits until the
  minute has passed. Real accounts keep their own counts only (issue 25.6): twenty guesses under
  random names used to pause every sign-in of the installation, which let anyone lock the
  clinic out;
- an unknown (or deactivated) name gets the same message as a wrong PIN, after the same scrypt
  work, so names cannot be told apart by the answer or its time.

Failures are counted from the audit log. When the database cannot be written (read-only, or
damaged), they go to a small append-only file in the config folder instead (see
:class:`FailureLog`), so a read-only copy does not give unlimited guesses.

An account row is believed only when the audit log vouches for it (:func:`require_trusted`):
a role, PIN or state written around consultaid signs in no one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Any, ClassVar

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.paths import config_dir
from consultaid.records import account_seal, audit, server_calls
from consultaid.records.base import Backend, PermissionDenied, SignInPaused
from consultaid.records.store import StoreError
from consultaid.records.users import (
    MAX_PIN,
    SCHEME_PEPPERED,
    User,
    dummy_check,
    hash_pin,
    is_short,
    name_tag,
    pin_matches,
)

MAX_PIN_FAILURES = 5
PIN_PAUSE_MINUTES = 5
GLOBAL_FAILURES = 20
GLOBAL_WINDOW_SECONDS = 60

NO_MATCH = QT_TRANSLATE_NOOP("Records", "That name and PIN do not match.")
PAUSED = QT_TRANSLATE_NOOP(
    "Records", "Too many wrong PINs for this account. Wait {minutes} minutes and try again. If "
    "the PIN is forgotten, ask another physician to reset it (File > Accounts…); if there is no "
    "other physician, see \"Forgotten PIN\" in the README.")
GLOBAL_PAUSE = QT_TRANSLATE_NOOP(
    "Records", "Many sign-ins under names that have no account were tried in the last minute, "
    "so such attempts wait. Check the name and try again in a minute.")
TAMPERED = QT_TRANSLATE_NOOP(
    "Records", "This account was changed outside consultaid (its role, PIN or state is not the "
    "one the audit log records), so it cannot sign in or sign. Ask the clinic's IT person to "
    "run 'consultaid records verify'.")
_RESETS_COUNT = ("sign-in", "pin-reset", "pin-change")
"""Audit actions after which an account's earlier wrong PINs no longer count."""


def _since(seconds: float) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds)).isoformat(
        timespec="milliseconds")


class FailureLog:
    """Sign-ins tried while the database cannot be written: ``sign-in-failures.log`` in the
    config folder (0600), one line per attempt (time, outcome, account number; never the name
    or the PIN typed). If even that cannot be written, this process remembers them."""

    _memory: ClassVar[list[tuple[str, str, str]]] = []

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or config_dir()) / "sign-in-failures.log"

    def add(self, user_id: str, ok: bool) -> None:
        line = (audit.now_utc(), "ok" if ok else "fail", user_id)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, ("\t".join(line) + "\n").encode("ascii"))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            FailureLog._memory.append(line)

    def entries(self, since: str) -> list[tuple[str, str, str]]:
        found = [e for e in FailureLog._memory if e[0] >= since]
        with contextlib.suppress(OSError), open(self.path, "rb") as handle:
            handle.seek(max(0, os.fstat(handle.fileno()).st_size - 65536))
            for raw in handle.read().decode("ascii", "replace").splitlines():
                parts = tuple(raw.split("\t"))
                if len(parts) == 3 and parts[0] >= since:
                    found.append((parts[0], parts[1], parts[2]))
        return sorted(found)


def recent_failures(db: Any, user_id: str) -> int:
    """Wrong PINs for this account in the last few minutes, since its last good sign-in or new
    PIN (database and failure file together)."""
    since = _since(PIN_PAUSE_MINUTES * 60)
    marks = ", ".join("?" for _ in _RESETS_COUNT)
    last_ok = db.execute(
        f"SELECT max(seq) FROM audit WHERE action IN ({marks}) AND record_id = ?",
        (*_RESETS_COUNT, user_id)).fetchone()[0] or 0
    counted = int(db.execute(
        "SELECT count(*) FROM audit WHERE action = 'sign-in-failed' AND record_id = ? "
        "AND seq > ? AND at >= ?", (user_id, last_ok, since)).fetchone()[0])
    in_file = 0
    for _at, outcome, who in FailureLog().entries(since):
        if who == user_id:
            in_file = 0 if outcome == "ok" else in_file + 1
    return counted + in_file


def global_failures(db: Any) -> int:
    """Failed attempts under names that have no (active) account, in the last minute."""
    since = _since(GLOBAL_WINDOW_SECONDS)
    counted = int(db.execute(
        "SELECT count(*) FROM audit WHERE action = 'sign-in-failed' AND at >= ? "
        "AND record_id LIKE ?", (since, "name:%")).fetchone()[0])
    return counted + sum(1 for e in FailureLog().entries(since)
                         if e[1] == "fail" and e[2].startswith("name:"))


def older_schema(service: Backend) -> bool:
    """A database from before these columns that could not be upgraded (it is read-only)."""
    if not service.store.read_only:
        return False  # opened writable: upgraded at opening
    try:
        service.db.execute("SELECT pin_scheme, last_sign_in FROM users LIMIT 0").fetchall()
    except (sqlite3.Error, StoreError):
        return True
    return False


def user_row(service: Backend, *, name: str | None = None,
              user_id: int | None = None) -> Any:
    db = service.db
    newer = ("pin_scheme, pin_change_due" if not older_schema(service)
             else "1 AS pin_scheme, 0 AS pin_change_due")
    columns = f"SELECT id, name, role, active, pin_salt, pin_hash, {newer} FROM users WHERE "
    if user_id is not None:
        return db.execute(columns + "id = ?", (user_id,)).fetchone()
    return db.execute(columns + "lower(name) = lower(?)", ((name or "").strip(),)).fetchone()


def check_key(db: Any) -> None:
    """Under a missing or another installation's key no PIN and no seal can be checked: say
    which key to restore (InstallationKeyError or audit.AuditRefused)."""
    audit.checked_key(db, db.execute(
        "SELECT keyed_from, head_seq, head_hash, mac FROM audit_seal WHERE id = 1").fetchone())


def require_trusted(db: Any, row: Any) -> None:
    """Refuse an account row (``account_seal.COLUMNS``) the audit log does not vouch for."""
    if not account_seal.trusted(db, row):
        check_key(db)  # the key's own problem, named as such, rather than "changed"
        raise PermissionDenied(TAMPERED)


def _attempt_id(row: Any, name: str) -> str:
    """Whose attempt this is: the account's number, or for an unknown or deactivated name a
    keyed tag of the name typed (so it pauses after as many failures as a real account, and the
    audit log never holds what was typed, which may be a PIN in the wrong field)."""
    if row is not None and bool(row["active"]):
        return str(row["id"])
    return name_tag(name)


def _record_attempt(service: Backend, who: str, ok: bool) -> None:
    """A wrong PIN (or an unknown name's attempt), in the audit log or the failure file."""
    if service.store.read_only:
        FailureLog().add(who, ok)
        return
    if not ok:
        with service.store.transaction() as db:
            actor = "unknown" if who.startswith("name:") else f"user:{who}"
            audit.append(db, actor, "sign-in-failed", who)


def checked(service: Backend, row: Any, pin: str, name: str) -> bool:
    """Check ``pin`` against ``row`` (None or inactive: the dummy check), pauses first.

    Raises SignInPaused; records a wrong PIN; returns whether it matched."""
    db = service.db
    who = _attempt_id(row, name)
    if who.startswith("name:") and global_failures(db) >= GLOBAL_FAILURES:
        raise SignInPaused(GLOBAL_PAUSE, seconds=GLOBAL_WINDOW_SECONDS)
    if not older_schema(service):
        if who.startswith("name:"):
            check_key(db)
        else:
            require_trusted(db, row)
    if recent_failures(db, who) >= MAX_PIN_FAILURES:
        raise SignInPaused(PAUSED.format(minutes=PIN_PAUSE_MINUTES),
                           seconds=PIN_PAUSE_MINUTES * 60, failures=MAX_PIN_FAILURES)
    if who.startswith("name:") or len(pin) > MAX_PIN * 4:
        dummy_check(pin[: MAX_PIN * 4])
        ok = False
    else:
        ok = pin_matches(pin, row["pin_salt"], row["pin_hash"], int(row["pin_scheme"]))
    if not ok:
        _record_attempt(service, who, False)
    return ok


def sign_in(service: Backend, name: str, pin: str) -> User:
    """The account named ``name`` if ``pin`` is its PIN; PermissionDenied (one message for an
    unknown name and a wrong PIN) or SignInPaused otherwise."""
    row = user_row(service, name=name)
    if not checked(service, row, pin, name):
        raise PermissionDenied(NO_MATCH)
    user = User(int(row["id"]), row["name"], row["role"],
                pin_change_due=bool(row["pin_change_due"]) or is_short(pin))
    if service.store.read_only:
        _record_attempt(service, str(user.id), True)
        return user
    upgrade = int(row["pin_scheme"]) != SCHEME_PEPPERED
    with service.store.transaction() as db:
        now = audit.now_utc()
        salt, digest = hash_pin(pin) if upgrade else (None, None)
        if server_calls.enforced(db):  # the server checks the PIN too, and opens a session
            token = server_calls.sign_in(db, user.id, pin, now, salt, digest)
            if token is None:
                raise PermissionDenied(NO_MATCH)
            server_calls.remember(db, user.actor, token)
        elif upgrade:  # a release-0.1.0 hash: rewritten under the pepper, same PIN
            db.execute("UPDATE users SET pin_salt = ?, pin_hash = ?, pin_scheme = ?, "
                       "last_sign_in = ? WHERE id = ?",
                       (salt, digest, SCHEME_PEPPERED, now, user.id))
        else:
            db.execute("UPDATE users SET last_sign_in = ? WHERE id = ?", (now, user.id))
        detail: dict[str, Any] = {"pin_upgraded": True} if upgrade else {}
        if upgrade:
            detail["user_sha256"] = account_seal.digest(db, user.id)
        audit.append(db, user.actor, "sign-in", str(user.id), **detail)
    return user


def confirm_pin(service: Backend, name: str, pin: str) -> User:
    """The account ``name`` confirming a signed act with its PIN (e.g. a second physician's
    review, typed at someone else's session): the same checks as signing in — an active
    account, the pauses, wrong PINs counted, one message for an unknown name — but nobody is
    signed in and nothing is recorded for a right PIN (the act itself is audited by its
    caller, which also checks the role with :func:`require`)."""
    row = user_row(service, name=name)
    if not checked(service, row, pin, name):
        raise PermissionDenied(NO_MATCH)
    return User(int(row["id"]), row["name"], row["role"])
