"""The keyed audit chain: someone with the database file alone cannot rewrite it unseen.

Each attack is made the way a person with the file and a SQLite tool would make it (dropping
the append-only triggers first) and ``verify`` must name it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from consultaid.paths import config_dir
from consultaid.records import audit, installation_key
from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.records.users import User
from tests.records.conftest import drop_guard, only
from tests.records.test_service import example

FIXTURE = Path(__file__).parent / "fixtures" / "release-0.1.0.sqlite3"


def _unguard(store: Store) -> None:
    drop_guard(store, "audit_no_update", "audit")
    drop_guard(store, "audit_no_delete", "audit")


def _rechain_with_sha256(store: Store) -> None:
    """What the keyless chain allowed: change an entry and recompute every hash after it."""
    rows = store.db.execute(
        "SELECT seq, at, actor, action, record_id, detail FROM audit ORDER BY seq").fetchall()
    prev = audit.GENESIS
    for seq, at, actor, action, record_id, detail in rows:
        digest = audit.entry_hash(seq, at, actor, action, record_id, detail, prev)
        store.db.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?",
                         (prev, digest, seq))
        prev = digest


def _records(service: RecordsService, physician: User, n: int = 3) -> None:
    for i in range(n):
        service.save_draft(physician, example(f"c{i}"))


@only("sqlite")  # the database is a file here
def test_key_file_is_private_and_outside_the_database(service: RecordsService,
                                                      physician: User, store: Store) -> None:
    path = installation_key.key_path(config_dir())
    assert path.exists() and path.parent != store.path.parent
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() not in store.path.read_bytes()
    assert installation_key.audit_key(config_dir()) != installation_key.pin_pepper(config_dir())


def test_rewritten_chain_is_found(service: RecordsService, physician: User,
                                  store: Store) -> None:
    _records(service, physician)
    assert service.verify() == []
    _unguard(store)
    store.db.execute("UPDATE audit SET actor = 'someone' WHERE seq = 2")
    _rechain_with_sha256(store)
    # Every entry of this database was keyed, so the first re-hashed one is named.
    assert service.verify()[0] == "audit entry 1 (user-create) was changed after it was written"


def test_rewritten_chain_and_forged_seal_are_found(service: RecordsService, physician: User,
                                                   store: Store) -> None:
    _records(service, physician)
    _unguard(store)
    store.db.execute("UPDATE audit SET actor = 'someone' WHERE seq = 2")
    _rechain_with_sha256(store)
    # Pretend every entry predates keying: the seal's MAC needs the key, so it cannot follow.
    last = store.db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    store.db.execute("UPDATE audit_seal SET keyed_from = ?, head_seq = ?, head_hash = ?",
                     (last[0] + 1, last[0], last[1]))
    assert "seal does not match this installation's key" in service.verify()[0]


def test_cut_tail_is_found(service: RecordsService, physician: User, store: Store) -> None:
    _records(service, physician)
    last = store.db.execute("SELECT max(seq) FROM audit").fetchone()[0]
    _unguard(store)
    store.db.execute("DELETE FROM audit WHERE seq > ?", (last - 2,))
    problem = service.verify()[0]
    assert f"ends at entry {last - 2} but was sealed at entry {last}" in problem


def test_removed_seal_is_found(service: RecordsService, physician: User, store: Store) -> None:
    _records(service, physician)
    drop_guard(store, "audit_seal_no_delete", "audit_seal")
    store.db.execute("DELETE FROM audit_seal")
    assert "no seal under this installation's key" in service.verify()[0]


def test_reordered_entries_are_found(service: RecordsService, physician: User,
                                     store: Store) -> None:
    _records(service, physician)
    _unguard(store)
    a = store.db.execute("SELECT * FROM audit WHERE seq = 2").fetchone()
    b = store.db.execute("SELECT * FROM audit WHERE seq = 3").fetchone()
    for row, seq in ((a, 3), (b, 2)):
        store.db.execute(
            "UPDATE audit SET at = ?, actor = ?, action = ?, record_id = ?, detail = ?, "
            "prev_hash = ?, hash = ? WHERE seq = ?",
            (row["at"], row["actor"], row["action"], row["record_id"], row["detail"],
             row["prev_hash"], row["hash"], seq))
    assert "audit entry 2" in service.verify()[0]


def test_release_fixture_is_sealed_under_the_key_at_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "consultaid.sqlite3"
    shutil.copy(FIXTURE, db)
    store = Store(db)
    service = RecordsService(store)
    assert service.verify() == []
    sealed = [e for e in audit.entries(store.db) if e.action == "audit-sealed"]
    assert len(sealed) == 1 and sealed[0].actor == "system"
    legacy = sealed[0].detail["legacy_entries"]
    assert legacy > 0 and sealed[0].seq == legacy + 1
    # An old (unkeyed) entry changed and the unkeyed part re-chained: the keyed seal entry
    # links to the old head, so the change is still found.
    _unguard(store)
    store.db.execute("UPDATE audit SET actor = 'someone' WHERE seq = 1")
    rows = store.db.execute("SELECT seq, at, actor, action, record_id, detail FROM audit "
                            "WHERE seq <= ? ORDER BY seq", (legacy,)).fetchall()
    prev = audit.GENESIS
    for seq, at, actor, action, record_id, detail in rows:
        digest = audit.entry_hash(seq, at, actor, action, record_id, detail, prev)
        store.db.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?",
                         (prev, digest, seq))
        prev = digest
    assert f"audit entry {legacy + 1} does not follow" in service.verify()[0]
    store.close()


def test_database_copied_without_its_key_does_not_verify(service: RecordsService,
                                                         physician: User, store: Store,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    _records(service, physician, 1)
    monkeypatch.setenv("CONSULTAID_CONFIG_DIR", str(tmp_path / "elsewhere"))
    assert "installation key" in service.verify()[0] and "missing" in service.verify()[0]
    installation_key.installation_key(tmp_path / "elsewhere", create=True)  # another one
    assert "sealed by another installation key" in service.verify()[0]


def test_entry_hash_is_keyed() -> None:
    payload = json.dumps([1, "t", "a", "create", "r", "{}", audit.GENESIS],
                         separators=(",", ":")).encode()
    plain = hashlib.sha256(payload).hexdigest()
    assert audit.entry_hash(1, "t", "a", "create", "r", "{}", audit.GENESIS) == plain
    assert audit.entry_hash(1, "t", "a", "create", "r", "{}", audit.GENESIS, os.urandom(32)) \
        != plain
