"""The SQLite store: one database file, WAL with full sync, versioned schema with migrations.

Only the standard ``sqlite3`` module is used. A database that fails its integrity check is
opened read-only: nothing is written to it, and the caller is told where the latest backup is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.paths import data_dir
from consultaid.records import account_seal, anchor, audit, hold

# The stores' errors live in records/errors.py (the ui catches them without a store); named
# here too, where the stores raise them.
from consultaid.records.errors import StoreBusy as StoreBusy
from consultaid.records.errors import StoreCorrupted as StoreCorrupted
from consultaid.records.errors import StoreError as StoreError
from consultaid.records.errors import StoreUnavailable as StoreUnavailable
from consultaid.records.schema import SQLITE_MIGRATIONS

DB_NAME = "consultaid.sqlite3"


BUSY = QT_TRANSLATE_NOOP(
    "Records", "The records are busy: another program or workstation is writing them, so "
    "nothing was written just now. Try again in a moment.")
BUSY_WAIT = 10.0
"""Seconds a write waits for another writer (the CLI); the app waits less, never freezing."""


class StaleRecord(StoreError):
    """The record was changed elsewhere (another workstation) since it was read: not saved."""


class ConstraintViolation(StoreError):
    """The database refused a change that breaks one of its rules (a duplicate, a guard)."""


def database_path() -> Path:
    """``CONSULTAID_DB`` names the file; otherwise it lives in the user's data folder."""
    override = os.environ.get("CONSULTAID_DB")
    return Path(override) if override else data_dir() / DB_NAME


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def latest_backup(db_path: Path) -> Path | None:
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return None
    found = sorted(folder.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


MIGRATIONS: list[str] = list(SQLITE_MIGRATIONS)
"""Migration N (1-based) upgrades a database from schema N-1 to N (see schema.py)."""
SCHEMA_VERSION = len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    """A script's statements one by one (``executescript`` would commit the open transaction
    first, letting another process in between)."""
    found: list[str] = []
    pending = ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        found.append(pending.strip())
    return found


class Store(hold.Holdable):
    """An open database. Use :meth:`transaction` for every write."""

    def __init__(self, path: Path | None = None, *, check_integrity: bool = True,
                 busy_wait: float | None = None) -> None:
        self.path = Path(path) if path is not None else database_path()
        self.busy_wait = BUSY_WAIT if busy_wait is None else busy_wait
        self.read_only = False
        self.damaged = False
        """True when the file failed its check (restore a backup); False when it is healthy
        but cannot be written here (permissions, a read-only disk: fix access, lose nothing)."""
        self.problem = ""
        self.held = ""
        """Why nothing may be written though the file is healthy (see records.hold)."""
        self._anchored: tuple[int, str] | None = None
        self._anchor_names: dict[str, str] = {}
        new = not self.path.exists()
        if check_integrity and not new:
            # Check the file through an immutable, read-only connection: a damaged file (and
            # its -wal/-shm, which the README says to keep) is never checkpointed, changed or
            # deleted. (The check reads the main file; a healthy one then opens normally.)
            self.db = self._connect(read_only=True)
            self.problem = self._integrity_problem()
            if self.problem and self._healthy_with_its_wal():
                self.problem = ""
            if self.problem:
                self.read_only = self.damaged = True
                self.db.execute("PRAGMA query_only = ON")
                return
            self.db.close()
        if not new and not self._writable():
            self.db = self._connect(read_only=True)
            self.read_only = True
            self.problem = (f"the folder {self.path.parent} or the file cannot be written by "
                            "this account (permissions, or a read-only disk)")
            self.db.execute("PRAGMA query_only = ON")
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if new:
                fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
        except OSError as exc:
            raise StoreError(f"the records database {self.path} cannot be created "
                             f"({exc.strerror or exc})") from None
        self.db = self._connect(read_only=False)
        try:
            self._set_wal()
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            held = "" if self.read_only else hold.reason(self.db, self.schema_version(),
                                                          self.place)
        except sqlite3.DatabaseError as exc:
            self.read_only = True
            self.problem = str(exc)
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("PRAGMA query_only = ON")
            return
        if held:
            self.hold(held)
        self._restrict_permissions()

    # -- set-up ---------------------------------------------------------------------------------
    def _connect(self, *, read_only: bool) -> sqlite3.Connection:
        try:
            if read_only:
                # immutable: no locks, no -shm index written, no checkpoint at close.
                uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
                db = sqlite3.connect(uri, uri=True, isolation_level=None,
                                     timeout=self.busy_wait, check_same_thread=False)
            else:
                db = sqlite3.connect(self.path, isolation_level=None, timeout=self.busy_wait,
                                     check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"the records database {self.path} cannot be opened "
                             f"({exc})") from None
        db.row_factory = sqlite3.Row
        return db

    def _set_wal(self) -> None:
        """WAL mode. Switching takes the file's exclusive lock and does not wait for it, so two
        processes opening a new database at once retry here for a while (issue 13.4)."""
        deadline = time.monotonic() + 10
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _healthy_with_its_wal(self) -> bool:
        """Whether the file passes its check together with its -wal (the immutable check reads
        the main file alone). A process killed while checkpointing leaves a main file that
        only its -wal completes: healthy, not damaged. Checked on a private copy, so the
        files themselves are never changed."""
        wal = Path(f"{self.path}-wal")
        if not wal.is_file() or wal.stat().st_size == 0:
            return False
        with tempfile.TemporaryDirectory(prefix="consultaid-check-") as folder:
            copy = Path(folder) / "check.sqlite3"
            try:
                shutil.copyfile(self.path, copy)
                shutil.copyfile(wal, f"{copy}-wal")
                db = sqlite3.connect(copy)
                db.text_factory = bytes
                try:
                    rows = db.execute("PRAGMA quick_check").fetchall()
                finally:
                    db.close()
            except (OSError, sqlite3.Error):
                return False
        return [r[0] for r in rows] == [b"ok"]

    def _writable(self) -> bool:
        """Whether this account may write the database and create its -wal next to it."""
        return os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)

    def _integrity_problem(self, quick: bool = True) -> str:
        """``quick_check`` at every start (fast); the full ``integrity_check`` for verify."""
        pragma = "quick_check" if quick else "integrity_check"
        # Bytes: a damaged page's text need not be UTF-8 (decoding it raised, now and then).
        cursor = self.db.cursor()
        cursor.row_factory = lambda _c, row: [bytes(v).decode("utf-8", "replace")
                                              if isinstance(v, bytes) else v for v in row]
        previous = self.db.text_factory
        self.db.text_factory = bytes
        try:
            rows = cursor.execute(f"PRAGMA {pragma}").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        finally:
            self.db.text_factory = previous
        messages = [r[0] for r in rows]
        return "" if messages == ["ok"] else "; ".join(messages[:5])

    def _restrict_permissions(self) -> None:
        if os.name != "posix":
            return
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{self.path}{suffix}")
            with contextlib.suppress(OSError):
                if path.exists():
                    path.chmod(stat.S_IRUSR | stat.S_IWUSR)

    dialect = "sqlite"
    retry_seconds = 0.0
    """A local file does not fail over: nothing is retried (records.retry)."""

    @property
    def place(self) -> str:
        """Where this database is, for its anchor (records.anchor)."""
        return str(self.path.resolve())

    @property
    def location(self) -> str:
        """Where the records are, for messages."""
        return str(self.path)

    @staticmethod
    def bytes_of(column: str) -> str:
        """SQL for a text column's stored bytes (never decoded, see RecordsService.verify)."""
        return f"CAST({column} AS BLOB)"

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            self.read_only = True
            self.db.execute("PRAGMA query_only = ON")
            self.problem = (f"the records database was made by a newer consultaid (schema "
                            f"{current}; this version knows {SCHEMA_VERSION}); update consultaid")
            return
        for number in range(current + 1, SCHEMA_VERSION + 1):
            # One transaction per step: the schema and its version number change together.
            # The number is read again under the write lock: another process opening the same
            # new database at the same moment may have done this step already (issue 13.4).
            try:
                self.db.execute("BEGIN IMMEDIATE")
                if self.schema_version() < number:
                    for statement in _statements(MIGRATIONS[number - 1]):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {number}")
                    if number == 2:
                        audit.seal_if_needed(self.db)
                    if number == 3:
                        account_seal.seal_existing(self.db)
                    if number == 6:
                        audit.record_key_id(self.db)
                self.db.execute("COMMIT")
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    # -- use ------------------------------------------------------------------------------------
    def ensure_writable(self) -> None:
        if self.held:
            raise StoreError(self.held)
        if self.read_only and not self.damaged:
            raise StoreError(
                f"The records database {self.path} is healthy but cannot be written here: "
                f"{self.problem}. Nothing is lost; ask the clinic's IT person to give this "
                "account write access, then start consultaid again.")
        if self.read_only:
            backup = latest_backup(self.path)
            where = f" The latest backup is {backup}." if backup else " No backup was found."
            raise StoreCorrupted(
                f"The records database {self.path} failed its check ({self.problem}), so "
                f"nothing is written to it.{where} See README: restoring a backup.")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; rolled back on any error, so a write is all or nothing."""
        if self.db.in_transaction:
            raise RuntimeError("nested transaction")  # programming error
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreBusy(BUSY) from None
            raise
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
                raise StoreError(f"the change could not be saved ({exc}); nothing was written") \
                    from None
            with contextlib.suppress(sqlite3.Error):
                self._anchored = anchor.keep_head(self.db, self.place, self._anchored,
                                                   self._anchor_names)

    def integrity_ok(self) -> tuple[bool, str]:
        problem = self._integrity_problem(quick=False)
        return (not problem, problem or "ok")

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the live database (SQLite's online backup API)."""
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} already exists; choose a new file name")
        tmp = ""
        try:
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True, mode=0o700)
            # Written under a temporary name (0600, like every file mkstemp makes) and renamed
            # only when complete: a killed backup never leaves half a file under the real name.
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                       dir=target.parent)
            os.close(fd)
            dest = sqlite3.connect(tmp)
            try:
                self.db.backup(dest)
            finally:
                dest.close()
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
            os.link(tmp, target)  # fails if the name was taken meanwhile: never overwrites
            os.unlink(tmp)
            tmp = ""
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise StoreError(f"the backup to {target} failed ({reason})") from None
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def twin(self) -> Store:
        """A second connection to the same database (for work on another thread). A file that
        failed its check is checked again, so that its twin too opens it immutable: never
        written, never checkpointed."""
        return Store(self.path, check_integrity=self.damaged, busy_wait=self.busy_wait)

    def close(self) -> None:
        self.db.close()
