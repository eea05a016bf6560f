"""A damaged database is never written, and a healthy one that cannot be written here is not
called damaged (issues 12.3, 12.5)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.records.service import RecordsService
from consultaid.records.store import Store, StoreCorrupted, StoreError

SUFFIXES = ("", "-wal", "-shm")


def files(path: Path) -> dict[str, bytes]:
    return {s: Path(f"{path}{s}").read_bytes() for s in SUFFIXES if Path(f"{path}{s}").exists()}


def damaged_copy_with_wal(tmp_path: Path) -> Path:
    """A copy taken while the app had it open (so its -wal and -shm exist), then damaged."""
    live = tmp_path / "live" / "records.sqlite3"
    store = Store(live)
    service = RecordsService(store)
    doctor = service.create_user(None, "Dr Rivera", "physician", "246810")
    pack = load_content("en").pack
    for _ in range(30):
        service.save_draft(doctor, example_consultation(pack))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the records are in the main file
    service.save_draft(doctor, example_consultation(pack))  # and a little in the -wal
    copy = tmp_path / "copy" / "records.sqlite3"
    copy.parent.mkdir()
    for suffix in SUFFIXES:
        if Path(f"{live}{suffix}").exists():
            shutil.copyfile(f"{live}{suffix}", f"{copy}{suffix}")
    store.close()
    data = bytearray(copy.read_bytes())
    for page in range(2, len(data) // 4096):  # scramble every page's cells but the schema's
        data[page * 4096 + 2048:page * 4096 + 4096] = os.urandom(2048)  # cells sit at the end
    copy.write_bytes(bytes(data))
    return copy


def test_a_damaged_database_and_its_wal_stay_byte_identical(tmp_path: Path) -> None:
    path = damaged_copy_with_wal(tmp_path)
    before = files(path)
    assert "-wal" in before and "-shm" in before  # the files README says to keep
    store = Store(path)
    assert store.read_only and store.damaged
    with pytest.raises(StoreCorrupted):
        store.ensure_writable()
    store.close()
    assert files(path) == before


def test_a_healthy_database_that_cannot_be_written_here_is_not_called_damaged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "records.sqlite3"
    Store(path).close()
    # Tests run as root in CI, for whom permissions do not apply: the folder says "no".
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path.parent
                        else real_access(p, mode))
    store = Store(path)
    assert store.read_only and not store.damaged
    with pytest.raises(StoreError) as info:
        store.ensure_writable()
    assert not isinstance(info.value, StoreCorrupted)
    message = str(info.value)
    assert "healthy" in message and "write access" in message and "backup" not in message
    assert store.db.execute("SELECT count(*) FROM users").fetchone()[0] == 0  # still readable
    store.close()


def test_a_healthy_database_opens_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "records.sqlite3"
    Store(path).close()
    store = Store(path)
    assert not store.read_only and not store.damaged
    store.ensure_writable()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_a_file_killed_while_checkpointing_is_healthy_with_its_wal(tmp_path: Path) -> None:
    """A process killed half-way through copying its -wal into the main file leaves a main file
    that is inconsistent alone and whole with its -wal: that is not damage (it made
    test_crash_safety fail now and then: "database disk image is malformed")."""
    path = tmp_path / "records.sqlite3"
    store = Store(path)
    service = RecordsService(store)
    doctor = service.create_user(None, "Dr Rivera", "physician", "246810")
    pack = load_content("en").pack
    for _ in range(20):
        service.save_draft(doctor, example_consultation(pack))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(40):
        c = example_consultation(pack)
        c.notes = "x" * 3000 + str(i)
        service.save_draft(doctor, c)
    copy = tmp_path / "killed" / "records.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    store.close()
    # A checkpoint writes the newest copy of each page, in page order; this one was killed
    # half-way: the first half of the pages are new in the main file, the rest are old.
    wal = Path(f"{copy}-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    newest: dict[int, bytes] = {}
    for at in range(32, len(wal) - 24 - page_size + 1, 24 + page_size):
        newest[int.from_bytes(wal[at:at + 4], "big")] = wal[at + 24:at + 24 + page_size]
    main = bytearray(copy.read_bytes())
    pages = sorted(newest)
    for page in pages[:len(pages) // 2]:
        end = page * page_size
        if end > len(main):
            main.extend(b"\0" * (end - len(main)))
        main[end - page_size:end] = newest[page]
    copy.write_bytes(bytes(main))
    alone = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        problem = alone.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        problem = [(str(exc),)]
    alone.close()
    assert problem != [("ok",)]  # the main file alone fails, as after the kill
    reopened = Store(copy)
    assert not reopened.read_only and not reopened.damaged, reopened.problem
    assert RecordsService(reopened).verify() == []
    reopened.close()
