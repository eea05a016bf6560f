"""The workstation's side of the server's rules (:mod:`consultaid.records.server_rules`).

On a PostgreSQL store whose schema has them (``db.server_rules``), every write to ``users``,
``reviews``, ``audit`` and ``audit_seal`` goes through these calls. A sign-in's session token
is kept on the workstation (``db.sessions``, actor -> token) and passed as an argument to
each call that needs one: nothing is kept in the server connection, so PgBouncer may hand each
transaction to another server connection.

The PIN reaches the server as the SHA-256 of its NFC form (64 hex characters: bcrypt reads
at most 72 bytes, and a PIN may be 64 characters of up to four bytes each).
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from consultaid.records.server_rules import API, FUNCTIONS, PRIVATE, SCHEMAS


def enforced(db: Any) -> bool:
    """Whether this connection's writes must go through the server's functions."""
    return bool(getattr(db, "server_rules", False))


def secret(pin: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", pin).encode("utf-8")).hexdigest()


def session_of(db: Any, actor: str) -> str | None:
    sessions: dict[str, str] = getattr(db, "sessions", {})
    return sessions.get(actor)


def remember(db: Any, actor: str, token: str | None) -> None:
    sessions: dict[str, str] | None = getattr(db, "sessions", None)
    if sessions is not None and token:
        sessions[actor] = token


def end_session(db: Any, actor: str) -> None:
    """Sign-out: the account's session ends here and on the server."""
    sessions: dict[str, str] | None = getattr(db, "sessions", None)
    token = sessions.pop(actor, None) if sessions is not None else None
    if token and enforced(db):
        db.execute(f"SELECT {API}.end_session(?)", (token,))


def install(db: Any) -> bool:
    """As the owner, in a transaction: make what is missing (schemas, pgcrypto, tables, the
    functions, the server MAC key). True when a key was made now: the server's chain starts
    at the next audit entry (the caller audits that)."""
    db.execute(SCHEMAS)
    row = db.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                     "ON n.oid = e.extnamespace WHERE e.extname = 'pgcrypto'").fetchone()
    crypto = '"' + str(row[0]).replace('"', '""') + '"'
    db.execute(FUNCTIONS.replace("@crypto@", crypto))
    made = db.execute(
        f"INSERT INTO {PRIVATE}.server_key (id, key, server_from) "
        f"SELECT 1, {crypto}.gen_random_bytes(32), "
        "(SELECT coalesce(max(seq), 0) + 1 FROM public.audit) "
        "ON CONFLICT (id) DO NOTHING RETURNING id").fetchone()
    return made is not None


def restart_chain(db: Any) -> None:
    """As the owner, after ``records migrate`` copied entries in: the server's chain starts
    after them (they were checked under the installation key before and after the copy)."""
    db.execute(f"UPDATE {PRIVATE}.server_key SET server_from = "
               "(SELECT coalesce(max(seq), 0) + 1 FROM public.audit) WHERE id = 1")


def head(db: Any) -> Any:
    """The audit seal row, locked until the transaction ends (None: there is none)."""
    row = db.execute(f"SELECT * FROM {API}.audit_head()").fetchone()
    return None if row is None or row[0] is None else row


def append(db: Any, token: str | None, entry: tuple[Any, ...], seal_mac: str) -> None:
    """``entry``: (seq, at, actor, action, record_id, detail, prev_hash, hash)."""
    db.execute(f"SELECT {API}.audit_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (token, *entry, seal_mac))


def sign_in(db: Any, user_id: int, pin: str, now: str, salt: bytes | None,
            digest: bytes | None) -> str | None:
    """A server session for the account, or None: the server does not take this PIN."""
    row = db.execute(f"SELECT {API}.sign_in(?, ?, ?, ?, ?)",
                     (user_id, secret(pin), now, salt, digest)).fetchone()
    return str(row[0]) if row and row[0] else None


def create_account(db: Any, actor: str | None, name: str, role: str, pin: str, salt: bytes,
                   digest: bytes, now: str) -> int:
    token = session_of(db, actor) if actor else None
    row = db.execute(f"SELECT * FROM {API}.create_account(?, ?, ?, ?, ?, ?, ?)",
                     (token, name, role, secret(pin), salt, digest, now)).fetchone()
    remember(db, f"user:{int(row[0])}", row[1])  # the very first account: signed in
    return int(row[0])


def set_active(db: Any, actor: str, user_id: int, active: bool) -> None:
    db.execute(f"SELECT {API}.set_active(?, ?, ?)", (session_of(db, actor), user_id, active))


def reset_pin(db: Any, actor: str, user_id: int, pin: str, salt: bytes,
              digest: bytes) -> None:
    db.execute(f"SELECT {API}.reset_pin(?, ?, ?, ?, ?)",
               (session_of(db, actor), user_id, secret(pin), salt, digest))


def change_pin(db: Any, actor: str, current: str, pin: str, salt: bytes,
               digest: bytes) -> None:
    db.execute(f"SELECT {API}.change_pin(?, ?, ?, ?, ?)",
               (session_of(db, actor), secret(current), secret(pin), salt, digest))


def sign_review(db: Any, reviewer_id: int, pin: str, consultation_id: str, decision: str,
                comment: str, answers: str, now: str) -> tuple[int, str]:
    """(the review's number, a two-minute session for the reviewer's audit entry)."""
    row = db.execute(f"SELECT * FROM {API}.sign_review(?, ?, ?, ?, ?, ?, ?)",
                     (reviewer_id, secret(pin), consultation_id, decision, comment, answers,
                      now)).fetchone()
    return int(row[0]), str(row[1])


def has_key(db: Any) -> bool:
    """Whether the server's private schema is there (a backup made with a workstation's
    login leaves it out: that login cannot read it). The catalogs are readable by all."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON "
                      "n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = "
                      "'server_key')", (PRIVATE,)).fetchone()[0] is True


def problems(db: Any) -> list[str]:
    """The server MAC chain, checked on the server."""
    if not has_key(db):
        return ["the records server's own key and PINs are not in this database (a backup "
                "made with a workstation's login leaves them out): run 'consultaid records "
                "grant ROLE' with the owner's URL, which makes a new server key (audited); "
                "PINs are enrolled again at each account's next sign-in"]
    return [str(r[0]) for r in db.execute(f"SELECT * FROM {API}.server_problems()")]


def unenrolled(db: Any) -> list[int]:
    """Active accounts the server holds no PIN verifier for yet."""
    return [int(r[0]) for r in db.execute(f"SELECT * FROM {API}.unenrolled()")]
