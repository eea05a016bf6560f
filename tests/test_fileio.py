"""Atomic writes: the old file or the whole new one, never half of either."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from consultaid.domain.errors import ConsultaidError
from consultaid.fileio import atomic_write_bytes


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_full_disk_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"original")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ConsultaidError, match="No space left on device"):
        atomic_write_bytes(target, b"new" * 1000)
    assert target.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConsultaidError, match="does not exist"):
        atomic_write_bytes(tmp_path / "nope" / "out.pdf", b"x")


def test_target_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out.pdf").mkdir()
    with pytest.raises(ConsultaidError, match="cannot be written"):
        atomic_write_bytes(tmp_path / "out.pdf", b"x")
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    """Issue 12.12: "-o /dev/null" as root replaced the device node with a file."""
    null = Path("/dev/null")
    before = os.stat(null)
    with pytest.raises(ConsultaidError, match="not an ordinary file"):
        atomic_write_bytes(null, b"x")
    after = os.stat(null)
    assert (after.st_mode, after.st_rdev, after.st_ino) == (before.st_mode, before.st_rdev,
                                                          before.st_ino)
