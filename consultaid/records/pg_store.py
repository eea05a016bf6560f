"""The PostgreSQL store: the same records, on a server that several workstations share.

:class:`PgStore` offers what :class:`consultaid.records.store.Store` offers (``db``,
``transaction``, ``read_only``, ``verify`` support, ``backup_to``), so ``RecordsService`` works
on either. ``db`` is a :class:`PgConnection`: its ``execute`` takes the service's SQLite-style
placeholders (``?`` and ``:name``) and returns rows that are read by index or by column name.

Every driver error is turned into a :class:`StoreError` with a plain message that names no
patient data (PostgreSQL's own messages may quote a row's values): the server going away is
:class:`StoreUnavailable`, a broken rule is :class:`ConstraintViolation`.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records import account_seal, anchor, audit, hold, server_calls
from consultaid.records.retry import RETRY_SECONDS
from consultaid.records.schema import (
    APP_ROLE_GRANTS,
    FRONT_DESK_GRANTS,
    MIGRATION_LOCK,
    POSTGRES_MIGRATIONS,
    POSTGRES_SCHEMA_TABLE,
    ROLE_TIMEOUTS,
    SERVER_RULES,
    TIMEOUTS,
)
from consultaid.records.server_rules import (
    FRONT_DESK_FUNCTIONS,
    PRIVATE,
    ROOM_FUNCTIONS,
    SERVER_WRITES_ONLY,
    SESSION_ENDED,
    SESSION_HOURS,
)
from consultaid.records.store import (
    ConstraintViolation,
    StaleRecord,
    StoreError,
    StoreUnavailable,
)

MIGRATIONS: list[str] = list(POSTGRES_MIGRATIONS)
SCHEMA_VERSION = len(MIGRATIONS)

UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Records", "The records server cannot be reached, so nothing was saved there. Your work is "
    "still on this screen: keep the window open and save again when the network or the server "
    "is back, or keep it as a file with File > Save As… (ask the clinic's IT person if the "
    "server stays away).")


class Row(tuple[Any, ...]):
    """A result row read by position (``row[0]``) or by column name (``row["id"]``)."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _rows(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    index = {c.name: i for i, c in enumerate(cursor.description or ())}
    return lambda values: Row(values, index)


_TOKENS = re.compile(r"'(?:[^']|'')*'|\?|(?<!:):([A-Za-z_]\w*)|%")


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite placeholders to psycopg's: ``?`` -> ``%s``, ``:name`` -> ``%(name)s``, ``%`` ->
    ``%%``; quoted literals and ``::type`` casts are left alone."""
    def one(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith("'"):
            return text
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        return f"%({match.group(1)})s"
    return _TOKENS.sub(one, sql)


def plain_error(exc: BaseException) -> StoreError:
    """A StoreError without the server's text (it may quote patient data), by error class."""
    if isinstance(exc, StoreError):
        return exc
    state = getattr(exc, "sqlstate", None) or ""
    if state == SESSION_ENDED:
        return StoreError(QT_TRANSLATE_NOOP(
            "Records", "Your sign-in on the records server has ended (it lasts {hours} hours, "
            "and ends when the account is changed); nothing was saved. Lock the window and "
            "sign in again, then repeat the last step.").format(hours=SESSION_HOURS))
    if isinstance(exc, pg_errors.RaiseException):
        # Our own guards (consultaid_refuse): their messages are fixed texts in schema.py.
        diag = getattr(exc, "diag", None)
        message = getattr(diag, "message_primary", None) or "a guard refused the change"
        return ConstraintViolation(message)
    if isinstance(exc, pg_errors.UniqueViolation):
        return ConstraintViolation(QT_TRANSLATE_NOOP(
            "Records", "the same entry was stored at the same moment on another workstation; "
            "nothing was saved (error 23505)"))
    if isinstance(exc, pg_errors.IntegrityError):
        return ConstraintViolation(f"the database refused the change (error {state})")
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return StoreError(QT_TRANSLATE_NOOP(
            "Records", "the records server's account for this workstation may not do this "
            "(error 42501); ask the clinic's IT person"))
    if isinstance(exc, pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
        return StaleRecord(QT_TRANSLATE_NOOP(
            "Records", "another workstation saved at the same moment; nothing was saved. Try "
            "again."))
    if state in ("28P01", "28000") or "password authentication failed" in str(exc):
        return StoreError(QT_TRANSLATE_NOOP(
            "Records", "the records server refused this workstation's login (wrong user name or "
            "password, or the server does not let it in from here); ask the clinic's IT person "
            "to check the password file and the server's pg_hba.conf"))
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return StoreUnavailable(UNAVAILABLE)
    return StoreError(f"the records server refused the request (error {state or 'unknown'})")


class PgConnection:
    """One connection to the server; reconnects (outside a transaction) after it was lost."""

    dialect = "postgresql"

    def __init__(self, conninfo: str, **kwargs: Any) -> None:
        self._conninfo = conninfo
        self._kwargs = kwargs
        self.server_rules = False
        """Writes to accounts, reviews and the audit go through the server's functions
        (records.server_calls): set once the schema has them."""
        self.sessions: dict[str, str] = {}
        """The server sessions of the accounts signed in here (actor -> token)."""
        self.raw: psycopg.Connection[Row] = self._connect()

    def _connect(self) -> psycopg.Connection[Row]:
        try:
            conn: psycopg.Connection[Row] = psycopg.connect(
                self._conninfo, autocommit=True, row_factory=_rows,
                connect_timeout=10, application_name="consultaid", **self._kwargs)
        except psycopg.Error as exc:
            raise plain_error(exc) from None
        # No server-side prepared statements: behind PgBouncer in transaction pooling (Debian
        # 12 ships 1.18, which cannot carry them) the next transaction may run on another
        # server connection, where the statement does not exist.
        conn.prepare_threshold = None
        return conn

    @property
    def in_transaction(self) -> bool:
        """In an open transaction (a connection the server cut is in none: it reconnects at
        the next statement, instead of failing from then on)."""
        if self.raw.closed or self.raw.broken:
            return False
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def ensure_connected(self) -> None:
        if self.raw.closed or self.raw.broken:
            with contextlib.suppress(psycopg.Error):
                self.raw.close()
            self.raw = self._connect()

    def execute(self, sql: str, params: Any = None) -> Any:
        """A cursor: ``fetchone``, ``fetchall``, iteration and ``rowcount`` as sqlite3's."""
        if not self.in_transaction:
            self.ensure_connected()
        try:
            if params is None:
                return self.raw.execute(sql)
            return self.raw.execute(translate(sql), params)
        except psycopg.Error as exc:
            raise plain_error(exc) from None

    def executemany(self, sql: str, rows: Sequence[Any]) -> None:
        try:
            with self.raw.cursor() as cur:
                cur.executemany(translate(sql), rows)
        except psycopg.Error as exc:
            raise plain_error(exc) from None

    def close(self) -> None:
        self.raw.close()

    def __del__(self) -> None:
        # A store nobody closed (a window torn down mid-save, a test's helper connection):
        # closed here, quietly, rather than left to psycopg's ResourceWarning at an odd time.
        with contextlib.suppress(Exception):
            self.raw.close()


class PgStore(hold.Holdable):
    """Records on a PostgreSQL server. ``url`` is a libpq URL or key=value string."""

    dialect = "postgresql"

    def __init__(self, url: str, *, password: str | None = None, create: bool = True,
                 retry_seconds: float = RETRY_SECONDS,
                 sessions: dict[str, str] | None = None) -> None:
        self.url = url
        self._password = password
        self.read_only = False
        self.damaged = False
        self.problem = ""
        self.held = ""
        self.transport_warning = ""
        """Set when the server is reached in plain text on purpose (records.location)."""
        self.retry_seconds = retry_seconds
        """How long a records call is tried again after the server went away."""
        self._anchored: tuple[int, str] | None = None
        self._anchor_names: dict[str, str] = {}
        extra = {"password": password} if password else {}
        self.db = self._first_connection(url, extra)
        if sessions is not None:
            self.db.sessions = sessions  # a twin acts for the same signed-in accounts
        info = self.db.raw.info
        host = info.host if not info.host.startswith("/") else "localhost"
        self.location = f"postgresql://{host}:{info.port}/{info.dbname}"
        """Where the records are, for messages: never the user name or password."""
        self.path = Path(self.location)
        """For messages written for a file (``Store.path``)."""
        self.place = f"postgresql/{info.dbname}"
        """Where this database is, for its anchor (records.anchor): its name, the same through
        every host of a failover list."""
        if not create and self.schema_version() == 0:
            self.db.close()
            raise StoreError(f"{self.location} holds no consultaid records (no tables): "
                             "nothing to check there. Is it the right database?")
        try:
            self._migrate()
            self.db.server_rules = self.schema_version() >= SERVER_RULES
            held = "" if self.read_only else hold.reason(self.db, self.schema_version(),
                                                          self.place)
        except StoreError as exc:
            self.read_only = True
            self.problem = str(exc)
            return
        if held:
            self.hold(held)

    # -- set-up ---------------------------------------------------------------------------------
    def _first_connection(self, url: str, extra: dict[str, Any]) -> PgConnection:
        """Connect, trying again for ``retry_seconds`` while no host takes writes (a failover
        under way: the old primary gone, the standby not yet promoted)."""
        deadline = time.monotonic() + self.retry_seconds
        pause = 0.2
        while True:
            try:
                return PgConnection(url, **extra)
            except StoreUnavailable:
                if time.monotonic() + pause > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 2.0)

    @staticmethod
    def bytes_of(column: str) -> str:
        return f"convert_to({column}, 'UTF8')"

    def schema_version(self) -> int:
        row = self.db.execute("SELECT to_regclass('consultaid_schema')").fetchone()
        if row is None or row[0] is None:
            return 0
        found = self.db.execute("SELECT version FROM consultaid_schema WHERE id = 1").fetchone()
        return int(found[0]) if found else 0

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            self.read_only = True
            self.problem = (f"the records database was made by a newer consultaid (schema "
                            f"{current}; this version knows {SCHEMA_VERSION}); update consultaid")
            return
        if current == SCHEMA_VERSION:
            return  # a workstation's role needs no DDL rights for this
        # Under an advisory lock, and the number read again: two workstations starting on a
        # new database at once do each step once (issue 13.4).
        with self.transaction() as db:
            db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            db.execute(POSTGRES_SCHEMA_TABLE)
            current = int(db.execute("SELECT version FROM consultaid_schema").fetchone()[0])
            for number in range(current + 1, SCHEMA_VERSION + 1):
                db.execute(MIGRATIONS[number - 1])
                db.execute("UPDATE consultaid_schema SET version = ?", (number,))
                if number == 2:
                    audit.seal_if_needed(db)
                if number == 3:
                    account_seal.seal_existing(db)
                if number == 6:
                    audit.record_key_id(db)
                if number == SERVER_RULES:
                    self._enforce(db)

    def _enforce(self, db: Any) -> None:
        """As the owner: the server's functions, key and chain (records.server_rules); an
        existing database says in its audit log where the server's chain starts."""
        last = audit.head(db)
        made = server_calls.install(db)
        db.server_rules = True
        if made and last is not None:
            audit.append(db, "system", "server-enforced", from_seq=last[0] + 1)

    # -- use ------------------------------------------------------------------------------------
    def ensure_writable(self) -> None:
        if self.held:
            raise StoreError(self.held)
        if self.read_only:
            raise StoreError(f"The records on {self.location} cannot be written: "
                             f"{self.problem}. Nothing is lost.")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """BEGIN ... COMMIT (READ COMMITTED); rolled back on any error: all or nothing."""
        if self.db.in_transaction:
            raise RuntimeError("nested transaction")  # programming error
        self.db.ensure_connected()
        try:
            with self.db.raw.transaction():
                yield self.db
        except psycopg.Error as exc:
            raise plain_error(exc) from None
        with contextlib.suppress(StoreError):
            self._anchored = anchor.keep_head(self.db, self.place, self._anchored,
                                                   self._anchor_names)

    def integrity_ok(self) -> tuple[bool, str]:
        """The server checks its own pages; here: it answers and holds the schema we know."""
        try:
            version = self.schema_version()
        except StoreError as exc:
            return False, str(exc)
        if version != SCHEMA_VERSION:
            return False, f"schema {version}, expected {SCHEMA_VERSION}"
        return True, "ok"

    def backup_to(self, target: Path) -> None:
        """``pg_dump --format=custom`` of the whole database (restore with ``pg_restore``)."""
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} already exists; choose a new file name")
        pg_dump = find_client_program("pg_dump")
        dbname, password = without_password(self.url)
        env = {**os.environ}
        if self._password or password:
            # In pg_dump's environment, never on its command line (``ps`` shows that to all).
            env["PGPASSWORD"] = self._password or password
        tmp = ""
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                       dir=target.parent)
            os.close(fd)
            # A workstation's login cannot read the server's private schema (its MAC key and
            # PIN verifiers): its backup leaves it out; ``records grant`` makes a new key
            # after a restore (docs/it-manual.md).
            private = self.db.execute(
                "SELECT CASE WHEN to_regnamespace(?) IS NULL THEN TRUE "
                "ELSE has_schema_privilege(?, 'USAGE') END",
                (PRIVATE, PRIVATE)).fetchone()[0]
            leave_out = [] if private else [f"--exclude-schema={PRIVATE}"]
            done = subprocess.run([pg_dump, "--format=custom", "--no-password", *leave_out,
                                   f"--file={tmp}", f"--dbname={dbname}"],
                                  capture_output=True, env=env, timeout=3600, check=False)
            if done.returncode != 0:
                raise StoreError(f"pg_dump could not back up {self.location} (exit status "
                                 f"{done.returncode}; run it by hand to see why)")
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
            os.link(tmp, target)  # never overwrites
        except OSError as exc:
            raise StoreError(f"the backup to {target} failed "
                             f"({exc.strerror or type(exc).__name__})") from None
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def grant_app_role(self, role: str, *, front_desk: bool = False,
                       timeouts: dict[str, str] | None = None) -> None:
        """Give ``role`` (an existing login role) the workstations' rights, no more; with
        ``front_desk``, a front-desk workstation's (read, and audit entries only). Sets the
        role's server-side timeouts (schema.TIMEOUTS, or ``timeouts``)."""
        from psycopg import sql

        grants = FRONT_DESK_GRANTS if front_desk else APP_ROLE_GRANTS
        functions = FRONT_DESK_FUNCTIONS if front_desk else ROOM_FUNCTIONS
        limits = {**TIMEOUTS, **(timeouts or {})}
        statements = [
            sql.SQL(grants).format(database=sql.Identifier(self.db.raw.info.dbname),
                                   role=sql.Identifier(role)),
            sql.SQL(SERVER_WRITES_ONLY).format(role=sql.Identifier(role)),
            sql.SQL("REVOKE ALL ON ALL FUNCTIONS IN SCHEMA consultaid_api FROM {role}").format(
                role=sql.Identifier(role)),
            *(sql.SQL("GRANT EXECUTE ON FUNCTION consultaid_api." + signature + " TO {role}"
                      ).format(role=sql.Identifier(role)) for signature in functions),
            sql.SQL(ROLE_TIMEOUTS).format(role=sql.Identifier(role), **{
                name: sql.Literal(value) for name, value in limits.items()}),
        ]
        with self.transaction() as db:
            self._enforce(db)  # an existing database is enrolled here (audited)
            try:
                for statement in statements:
                    self.db.raw.execute(statement)
            except psycopg.Error as exc:
                raise plain_error(exc) from None

    def twin(self) -> PgStore:
        """A second connection to the same database (for work on another thread)."""
        return PgStore(self.url, password=self._password, retry_seconds=self.retry_seconds,
                       sessions=self.db.sessions)

    def close(self) -> None:
        self.db.close()


def without_password(url: str) -> tuple[str, str]:
    """(the connection string without its password, the password or "")."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        params = conninfo_to_dict(url)
    except psycopg.Error:
        return url, ""
    password = str(params.pop("password", "") or "")
    return make_conninfo("", **params), password


def find_client_program(name: str) -> str:
    """``pg_dump`` / ``pg_restore`` / ``psql`` on PATH or in Debian's versioned folder."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if candidates:
        return candidates[-1]
    raise StoreError(f"{name} is missing: install PostgreSQL's client programs "
                     "(Debian/Ubuntu: postgresql-client)")
