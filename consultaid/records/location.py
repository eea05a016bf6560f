"""Where the records are: a SQLite file on this machine (default) or a PostgreSQL server.

``CONSULTAID_RECORDS_URL=postgresql://…`` or, in settings.toml::

    [records]
    url = "postgresql://consultaid@db.clinic.lan:5432/consultaid?sslmode=verify-full"
    password_file = "/etc/consultaid/db-password"     # 0600, one line: the password

The password is never written in the settings file: a URL there that carries one is refused.
It is read from ``password_file`` (refused unless only its owner may read it), or libpq's own
``~/.pgpass`` / ``PGPASSFILE`` (also 0600), or a client certificate (``sslcert``/``sslkey``).
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from consultaid.records.retry import RETRY_SECONDS
from consultaid.records.store import Store, StoreError
from consultaid.settings import settings_path

if TYPE_CHECKING:
    from consultaid.records.pg_store import PgStore

URL_VARIABLE = "CONSULTAID_RECORDS_URL"
KEYS = ("url", "password_file", "allow_plaintext", "retry_seconds")
LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
CHECKED_TLS = frozenset({"verify-full", "verify-ca"})


@dataclass(frozen=True)
class RecordsLocation:
    url: str = ""
    """"" means the SQLite file (``CONSULTAID_DB`` or the data folder)."""
    password_file: str = ""
    allow_plaintext: bool = False
    """Let a server on another host be reached without a checked TLS certificate."""
    retry_seconds: float = RETRY_SECONDS
    """How long a records call keeps trying after the server went away (records.retry)."""

    @property
    def is_server(self) -> bool:
        return self.url.startswith(("postgresql:", "postgres:"))


def _settings_table() -> dict[str, object]:
    path = settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StoreError(f"{path} cannot be read for the [records] settings ({exc})") from None
    table = data.get("records", {})
    if not isinstance(table, dict):
        raise StoreError(f"{path}: records must be a table ([records])")
    for key, value in table.items():
        if key not in KEYS:
            raise StoreError(f"{path}: records.{key}: unknown key (known: {', '.join(KEYS)})")
        if key == "allow_plaintext":
            if not isinstance(value, bool):
                raise StoreError(f"{path}: records.{key}: must be true or false")
        elif key == "retry_seconds":
            if isinstance(value, bool) or not isinstance(value, int | float) or not (
                    0 <= value <= 600):
                raise StoreError(f"{path}: records.{key}: must be a number of seconds from 0 "
                                 "to 600")
        elif not isinstance(value, str):
            raise StoreError(f"{path}: records.{key}: must be text in quotes")
    return table


def _has_password(url: str) -> bool:
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(url)
    return bool(parts.password) or "password" in parse_qs(parts.query)


def records_location() -> RecordsLocation:
    table = _settings_table()
    url = os.environ.get(URL_VARIABLE, "").strip()
    if not url:
        url = str(table.get("url", "")).strip()
        if url and _has_password(url):
            raise StoreError(f"{settings_path()}: records.url holds a password. Remove it and "
                             "put it in a file only this account can read, named by "
                             "records.password_file (see README: shared records).")
    retry = table.get("retry_seconds", RETRY_SECONDS)
    location = RecordsLocation(url, str(table.get("password_file", "")).strip(),
                               bool(table.get("allow_plaintext", False)),
                               float(retry) if isinstance(retry, int | float) else RETRY_SECONDS)
    if url and not location.is_server:
        raise StoreError(f"records.url / {URL_VARIABLE} must start with postgresql://")
    return location


def plaintext_hosts(url: str) -> list[str]:
    """The hosts of ``url`` on another machine that it would reach without a checked TLS
    certificate (``sslmode`` other than verify-full / verify-ca)."""
    from psycopg import Error
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(url)
    except Error as exc:
        raise StoreError(f"records.url / {URL_VARIABLE} cannot be read ({type(exc).__name__})"
                         ) from None
    if str(params.get("sslmode") or "") in CHECKED_TLS:
        return []
    hosts = [h.strip() for h in str(params.get("host") or "").split(",")]
    return [h for h in hosts if h not in LOCAL_HOSTS and not h.startswith("/")]


def read_password_file(path: Path) -> str:
    """The first line of a file that only its owner can read or write."""
    try:
        info = path.stat()
        if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise StoreError(f"the password file {path} can be read by other accounts; make it "
                             f"private (chmod 600 {path}) and start consultaid again")
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"the password file {path} is not a regular file")
        return path.read_text(encoding="utf-8").splitlines()[0].strip() if info.st_size else ""
    except OSError as exc:
        raise StoreError(f"the password file {path} cannot be read "
                         f"({exc.strerror or type(exc).__name__})") from None


def open_store(location: RecordsLocation | None = None,
               busy_wait: float | None = None, *, create: bool = True) -> Store | PgStore:
    """The configured store: the PostgreSQL server if a URL is set, else the SQLite file
    (whose writes wait up to ``busy_wait`` seconds for another writer; default
    ``store.BUSY_WAIT``). ``create`` False: a server database without consultaid's tables is
    refused, not set up (``records verify`` never approves an empty database)."""
    location = location or records_location()
    if not location.is_server:
        return Store(busy_wait=busy_wait)
    from consultaid.records.pg_store import PgStore

    remote = plaintext_hosts(location.url)
    if remote and not location.allow_plaintext:
        raise StoreError(
            f"the records server {remote[0]} is on another machine, and the URL does not ask "
            "for a checked TLS certificate: patient data and PINs would cross the network "
            "readable. Add sslmode=verify-full (and sslrootcert=) to the URL, or, on a network "
            "you trust, set allow_plaintext = true under [records] in settings.toml.")
    password = (read_password_file(Path(location.password_file))
                if location.password_file else None)
    store = PgStore(location.url, password=password, create=create,
                    retry_seconds=location.retry_seconds)
    if remote:
        store.transport_warning = (
            f"the records server {remote[0]} is reached without a checked TLS certificate "
            "(allow_plaintext = true in settings.toml)")
    return store
