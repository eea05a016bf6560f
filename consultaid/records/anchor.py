"""The audit log's anchor outside the database: how far this computer saw it go.

The keyed chain proves that every entry in the database was written by consultaid, but an
older copy of the whole database proves that too: a deleted ``-wal`` after a crash, or an older
file (or server dump) put back, loses the last records and still verifies. So after every
write that added audit entries, the last entry's number and hash are kept in a small file in the
config folder, beside the installation key (written whole or not at all). At start-up and in
``records verify``, a database that no longer holds that entry, or holds another one under its
number, is reported as rolled back instead of passing.

One file per database: named by where it is (the file's path; the server database's name) and
by the hash of its first audit entry, so an older copy put back in its place is caught, and a
file left behind after ``records migrate`` (or a backup opened elsewhere) has an anchor of its
own.
On a shared server each workstation keeps its own anchor: each knows the log was at least as
long as it last saw it. After a restore made on purpose, ``records verify --accept-restore``
takes the restored database's last entry as the new anchor (audited).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from consultaid.paths import config_dir
from consultaid.records import audit

FOLDER = "audit-anchors"


def _identity(db: Any, place: str, cache: dict[str, str] | None = None) -> str | None:
    """The anchor's name for this database. ``cache``: the store's own (a database's first
    entry never changes under an open store, and a save over a slow link should not pay a
    round trip to ask again)."""
    if cache is not None and place in cache:
        return cache[place]
    row = db.execute("SELECT hash FROM audit WHERE seq = 1").fetchone()
    if row is None:
        return None
    identity = hashlib.sha256(f"{place}\n{row[0]}".encode()).hexdigest()[:32]
    if cache is not None:
        cache[place] = identity
    return identity


def anchor_path(identity: str) -> Path:
    return config_dir() / FOLDER / f"{identity}.json"


def read(db: Any, place: str, cache: dict[str, str] | None = None) -> tuple[int, str] | None:
    """The anchor kept for this database (None: none yet, or unreadable)."""
    identity = _identity(db, place, cache)
    if identity is None:
        return None
    path = anchor_path(identity)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None  # a FIFO or device in its place: not an anchor, and no hang
            data = json.loads(handle.read(4096).decode("utf-8"))
        return int(data["seq"]), str(data["hash"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(db: Any, place: str, seq: int, digest: str, *, force: bool = False,
          cache: dict[str, str] | None = None) -> None:
    """Keep (``seq``, ``digest``) as this database's anchor, unless an anchor further along is
    already kept (another connection of this computer wrote more) or ``force`` (a restore)."""
    identity = _identity(db, place, cache)
    if identity is None:
        return
    if not force:
        kept = read(db, place, cache)
        if kept is not None and kept[0] >= seq:
            return
    path = anchor_path(identity)
    folder = path.parent
    tmp = ""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".anchor.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps({"seq": seq, "hash": digest}).encode("utf-8"))
        # Renamed into place whole, not fsynced: an anchor lost in a crash only lags behind
        # the records (no false alarm; a damaged one reads as none), and a save does not pay
        # for a second disk flush.
        os.replace(tmp, path)
        tmp = ""
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def keep_head(db: Any, place: str, known: tuple[int, str] | None,
              cache: dict[str, str] | None = None) -> tuple[int, str] | None:
    """After a commit: anchor the log's last entry if it moved past ``known`` (what this
    connection anchored last); returns what is anchored now. A failure to write the file is
    passed over: the records were saved, and an anchor that stays behind raises no alarm."""
    last = audit.head(db)
    if last is None or last == known:
        return known
    with contextlib.suppress(OSError):
        write(db, place, *last, cache=cache)
        return last
    return known


def problem(db: Any, place: str) -> str | None:
    """Why this database is older than this computer last saw it, or None."""
    kept = read(db, place)
    if kept is None:
        return None
    seq, digest = kept
    row = db.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    last = db.execute("SELECT max(seq) FROM audit").fetchone()[0]
    if row is None:
        return (f"the records end at audit entry {last or 0}, but this computer saw them reach "
                f"entry {seq}: the database was rolled back (a -wal file deleted after a crash, "
                "or an older copy put back), and the later records are missing. Restore the "
                "latest backup; if this older copy was restored on purpose, run 'consultaid "
                "records verify --accept-restore'")
    if str(row[0]) != digest:
        return (f"audit entry {seq} is not the one this computer saw: the database was "
                "replaced by another copy. Run 'consultaid records verify'")
    return None
