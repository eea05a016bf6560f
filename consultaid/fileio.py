"""Reading and writing files safely.

Writing: a crash, a full disk or a killed process never leaves half a file. Reading: only
ordinary files of a sensible size are read, so that a settings file, a content pack file, a logo
or a record that is a named pipe (which would block for ever), a link to ``/dev/zero`` (which
never ends) or a huge file cannot hang or exhaust the app.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from consultaid.domain.errors import ConsultaidError

MB = 1024 * 1024


RECORD_LIMIT = 2 * MB
"""A consultation record: even 5,000-character notes in every field stay far below this."""
TEXT_FILE_LIMIT = 1 * MB
"""A settings file or one content pack file."""
LOGO_LIMIT = 10 * MB


class FileRefused(ConsultaidError):
    """A file that was not read, with the reason in words a person can act on."""


def _size_text(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit // 1024} kB"


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the ordinary file ``path``, refusing anything else or anything larger.

    The file is opened without blocking and checked *after* opening (``fstat``), so a pipe, a
    device or a folder is refused even if it was swapped in at the last moment; at most
    ``limit`` + 1 bytes are ever read. Raises :class:`FileRefused`, or ``FileNotFoundError``
    when there is no such file (callers often treat that as "nothing set").
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise FileRefused(f"{path} is a folder, not a file, so it was not read.") from None
    except OSError as exc:
        raise FileRefused(f"{path} cannot be read ({exc.strerror or exc}).") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = ("a folder" if stat.S_ISDIR(info.st_mode) else
                    "a named pipe" if stat.S_ISFIFO(info.st_mode) else
                    "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                    "not an ordinary file")
            raise FileRefused(f"{path} is {kind}, not an ordinary file, so it was not read.")
        if info.st_size > limit:
            raise FileRefused(f"{path} is larger than {_size_text(limit)}, so it was not read.")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(MB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise FileRefused(f"{path} is larger than {_size_text(limit)}, so it was not read.")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"{path} cannot be read ({exc.strerror or exc}).") from None
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then replace.

    Either the old file or the complete new one is there afterwards, never a partial one.
    Raises ConsultaidError with a plain message (folder missing, no permission, disk full).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConsultaidError(f"{path}: the folder {folder} does not exist")
    try:
        existing = os.stat(path)
    except OSError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise ConsultaidError(f"{path}: cannot be written (it is a folder)")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # e.g. "-o /dev/null" as root: replacing the device node would break the system.
        raise ConsultaidError(f"{path} is not an ordinary file, so it was not replaced; "
                              "choose a file name")
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = ""
        _fsync_folder(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConsultaidError(f"{path}: cannot be written ({reason})") from None
    finally:
        if fd != -1:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def atomic_write_text(path: Path, text: str, mode: int | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
