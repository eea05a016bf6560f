"""The per-installation secret: private file, created once and race-free, derived subkeys."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from consultaid.records import installation_key as ik


def test_created_private_in_private_folder(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    key = ik.installation_key(config, create=True)
    assert len(key) == ik.KEY_BYTES
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(config / ik.KEY_FILE).st_mode) == 0o600
    assert ik.installation_key(config) == key
    assert [p.name for p in config.iterdir()] == [ik.KEY_FILE]  # no temp file left behind


def test_subkeys_are_distinct_stable_and_per_installation(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    ik.installation_key(a, create=True)
    ik.installation_key(b, create=True)
    assert ik.audit_key(a) == ik.audit_key(a)
    assert ik.pin_pepper(a) == ik.pin_pepper(a)
    assert ik.audit_key(a) != ik.pin_pepper(a)
    assert ik.installation_key(a) not in (ik.audit_key(a), ik.pin_pepper(a))
    assert ik.audit_key(a) != ik.audit_key(b)
    assert ik.pin_pepper(a) != ik.pin_pepper(b)


def test_missing_key_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(ik.InstallationKeyError, match="missing"):
        ik.audit_key(tmp_path, create=False)
    assert not (tmp_path / ik.KEY_FILE).exists()


def test_damaged_key_is_refused_not_replaced(tmp_path: Path) -> None:
    (tmp_path / ik.KEY_FILE).write_bytes(b"short")
    with pytest.raises(ik.InstallationKeyError, match="damaged"):
        ik.pin_pepper(tmp_path)
    assert (tmp_path / ik.KEY_FILE).read_bytes() == b"short"


def test_widened_permissions_are_closed_again(tmp_path: Path) -> None:
    key = ik.installation_key(tmp_path, create=True)
    os.chmod(tmp_path / ik.KEY_FILE, 0o644)
    assert ik.installation_key(tmp_path) == key
    assert stat.S_IMODE(os.stat(tmp_path / ik.KEY_FILE).st_mode) == 0o600


def test_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_bytes(os.urandom(ik.KEY_BYTES))
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / ik.KEY_FILE).symlink_to(target)
    with pytest.raises(ik.InstallationKeyError):
        ik.installation_key(tmp_path / "cfg")


def _create_and_report(config: str, queue: multiprocessing.Queue) -> None:
    queue.put(ik.installation_key(Path(config), create=True))


def test_concurrent_first_use_agrees_on_one_key(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_create_and_report, args=(str(tmp_path), queue)) for _ in range(6)]
    for proc in procs:
        proc.start()
    keys = {queue.get(timeout=60) for _ in procs}
    for proc in procs:
        proc.join(timeout=60)
    assert len(keys) == 1
    assert keys == {(tmp_path / ik.KEY_FILE).read_bytes()}


def test_a_fifo_in_the_keys_place_is_refused_without_hanging(tmp_path: Path) -> None:
    """Issue 25.6: a FIFO named installation.key hung every start (open() waited for a
    writer). It is refused at once as not a regular file."""
    os.mkfifo(tmp_path / ik.KEY_FILE)
    with pytest.raises(ik.InstallationKeyError, match="not a regular file"):
        ik.installation_key(tmp_path)


def test_an_existing_database_never_gets_a_new_key(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25.5: with the key gone, writing stops (reading goes on) and no new key is made:
    the next audited command used to write under a fresh key, breaking the chain for good."""
    from consultaid.records.service import RecordsService
    from consultaid.records.store import Store, StoreError
    from tests.records.test_service import example

    monkeypatch.setenv("CONSULTAID_CONFIG_DIR", str(tmp_path / "cfg"))
    path = tmp_path / "records.sqlite3"
    store = Store(path)
    service = RecordsService(store)
    doctor = service.create_user(None, "Dr A", "physician", "123456")
    service.save_draft(doctor, example("k1"))
    store.close()
    key = (tmp_path / "cfg" / ik.KEY_FILE).read_bytes()
    (tmp_path / "cfg" / ik.KEY_FILE).unlink()
    store = Store(path)
    assert store.read_only and "installation key" in store.problem
    with pytest.raises(StoreError, match="missing"):
        RecordsService(store).save_draft(doctor, example("k2"))
    assert [r[0] for r in store.db.execute("SELECT id FROM consultations")] == ["k1"]
    assert not (tmp_path / "cfg" / ik.KEY_FILE).exists()
    store.close()
    (tmp_path / "cfg" / ik.KEY_FILE).write_bytes(key)  # the right key back: all is well
    os.chmod(tmp_path / "cfg" / ik.KEY_FILE, 0o600)
    store = Store(path)
    assert not store.read_only
    assert RecordsService(store).verify() == []
    store.close()
