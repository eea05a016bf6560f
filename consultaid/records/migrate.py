"""``records migrate``: copy a single-machine SQLite store to the configured (server) store.

Everything moves as it is: users (with their PIN hashes and IDs), records, kept versions,
handouts as given, and the audit log entry for entry with its seal, so the keyed chain goes on
unbroken on the server (the installation key must be the same: copy ``installation.key``).
The copy is one transaction; then every table is compared row by row (a digest of each) and
the target is verified as ``records verify`` would. An "migrate" entry closes the move.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from consultaid.records import audit, server_calls
from consultaid.records.pg_store import PgStore
from consultaid.records.service import Actor, RecordsService
from consultaid.records.store import Store, StoreError

TABLES: tuple[tuple[str, str, str], ...] = (
    ("users", "id, name, role, pin_salt, pin_hash, active, created_at, last_sign_in, pin_scheme, "
              "pin_change_due", "id"),
    ("consultations", "id, status, version, patient_name, patient_id, search_text, visit_date, "
                      "condition_id, physician, created_at, updated_at, teach_back_follow_up, "
                      "acknowledged", "id"),
    ("consultation_data", "id, json", "id"),
    ("consultation_versions", "consultation_id, version, status, saved_at, saved_by, reason, "
                              "json", "consultation_id, version"),
    ("handouts", "id, consultation_id, consultation_version, created_at, created_by, sha256, "
                 "pack_version, settings_json, pdf", "id"),
    ("reviews", "id, consultation_id, reviewer_id, decision, comment, answers_sha256, "
                "signed_at", "id"),
    ("audit", "seq, at, actor, action, record_id, detail, prev_hash, hash", "seq"),
    ("audit_seal", "id, keyed_from, head_seq, head_hash, mac, key_id", "id"),
)
"""(table, columns, order) in the order they are copied (references first)."""


@dataclass(frozen=True)
class Moved:
    counts: dict[str, int]


def _value(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _digest(store: Store | PgStore, table: str, columns: str, order: str) -> str:
    digest = hashlib.sha256()
    for row in store.db.execute(f"SELECT {columns} FROM {table} ORDER BY {order}"):
        digest.update(repr(tuple(_value(v) for v in row)).encode("utf-8"))
    return digest.hexdigest()


def _count(store: Store | PgStore, table: str) -> int:
    return int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def copy_store(source: Store, target: Store | PgStore, actor: Actor) -> Moved:
    """Copy ``source`` into the empty ``target``, verify the copy; raise StoreError if not.

    (The target's own seal, written when its schema was made, is replaced by the source's.)"""
    target.ensure_writable()
    problems = RecordsService(source).verify()
    if problems:
        raise StoreError(f"the source {source.location} does not pass its check "
                         f"({problems[0]}); nothing was copied. Restore a good backup first.")
    if any(_count(target, t) for t in ("users", "consultations", "audit")):
        raise StoreError(f"the target {target.location} already holds records; records are "
                         "moved into a new, empty database only. Nothing was copied.")
    counts: dict[str, int] = {}
    with target.transaction() as db:
        for table, columns, order in TABLES:
            rows = source.db.execute(
                f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()
            if table == "users" and target.dialect == "postgresql":
                rows = [(*r[:5], bool(r[5]), *r[6:]) for r in rows]
            else:
                rows = [tuple(r) for r in rows]
            marks = ", ".join("?" for _ in columns.split(","))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
            if table == "audit_seal":
                sql += (" ON CONFLICT (id) DO UPDATE SET keyed_from = excluded.keyed_from, "
                        "head_seq = excluded.head_seq, head_hash = excluded.head_hash, "
                        "mac = excluded.mac, key_id = excluded.key_id")
            db.executemany(sql, rows)
            counts[table] = len(rows)
        if target.dialect == "postgresql":
            for table in ("users", "handouts", "reviews"):
                db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT COALESCE(max(id), 0) + 1 FROM {table}), false)")
            # The entries copied were checked under the installation key before the copy
            # (and are again after it); the server's own chain starts after them.
            server_calls.restart_chain(db)
    for table, columns, order in TABLES[:-1]:
        if _digest(source, table, columns, order) != _digest(target, table, columns, order):
            raise StoreError(f"the copy of table {table} on {target.location} differs from the "
                             "source; do not use it (drop that database and try again)")
    with target.transaction() as db:
        audit.append(db, actor.actor, "migrate", records=counts["consultations"],
                     entries=counts["audit"])
    problems = RecordsService(target).verify()
    if problems:
        raise StoreError(f"the copy on {target.location} does not pass its check "
                         f"({problems[0]}); do not use it")
    return Moved(counts)
