"""Shared test set-up: no test touches the real home folder, and Qt never needs a display."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from consultaid.content.loader import load_content
from consultaid.content.pack import ContentPack
from tests.servers import cups, pgbouncer, postgres, replica

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point config, data, settings and the content overlay at a fresh temporary folder."""
    root = tmp_path_factory.mktemp("home")
    saved = {k: os.environ.get(k) for k in _USER_VARS}
    os.environ["CONSULTAID_CONFIG_DIR"] = str(root / "config")
    os.environ["CONSULTAID_DATA_DIR"] = str(root / "data")
    os.environ["CONSULTAID_SETTINGS"] = str(root / "config" / "settings.toml")
    os.environ["CONSULTAID_CONTENT_OVERLAY"] = str(root / "config" / "content")
    os.environ["CONSULTAID_DB"] = str(root / "data" / "consultaid.sqlite3")  # never the real one
    yield root
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


_USER_VARS = ("CONSULTAID_CONFIG_DIR", "CONSULTAID_DATA_DIR", "CONSULTAID_SETTINGS",
              "CONSULTAID_CONTENT_OVERLAY", "CONSULTAID_DB")


@pytest.fixture(scope="session")
def pack() -> ContentPack:
    """The bundled English pack, loaded once for the whole run (no test changes it)."""
    result = load_content("en", overlay_root=None)
    assert not result.warnings
    return result.pack


# A real CUPS server with a cups-pdf queue, started once for the tests that print.
@pytest.fixture(scope="session")
def cups_server() -> Iterator[cups.CupsServer]:
    try:
        server = cups.start()
    except cups.ServerUnavailable as exc:
        pytest.fail(f"The printing tests need a real CUPS server and it could not be started: "
                    f"{exc}", pytrace=False)
    saved = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = str(server.socket)
    yield server
    if saved is None:
        os.environ.pop("CUPS_SERVER", None)
    else:
        os.environ["CUPS_SERVER"] = saved
    cups.stop(server)


# A real PostgreSQL server (initdb + pg_ctl in a temporary folder), started once for the tests
# of shared records; each test that needs it gets a fresh database (``pg_url``).
@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.PostgresServer]:
    try:
        server = postgres.start()
    except postgres.ServerUnavailable as exc:
        pytest.fail(f"The shared-records tests need a real PostgreSQL server and it could not "
                    f"be started: {exc}", pytrace=False)
    yield server
    postgres.stop(server)


@pytest.fixture
def pg_url(postgres_server: postgres.PostgresServer,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty database on the test server; CONSULTAID_RECORDS_URL points at it."""
    name = postgres_server.create_database()
    url = postgres_server.url(name)
    monkeypatch.setenv("CONSULTAID_RECORDS_URL", url)
    yield url
    postgres_server.drop_database(name)


# PgBouncer in transaction pooling mode in front of that server (issue 30): the records tests
# run through it as a third backend.
@pytest.fixture(scope="session")
def pgbouncer_server(postgres_server: postgres.PostgresServer) -> Iterator[pgbouncer.Bouncer]:
    try:
        bouncer = pgbouncer.start(postgres_server)
    except postgres.ServerUnavailable as exc:
        pytest.fail(f"The shared-records tests need a real PgBouncer and it could not be "
                    f"started: {exc}", pytrace=False)
    yield bouncer
    pgbouncer.stop(bouncer)


@pytest.fixture
def pgbouncer_url(pgbouncer_server: pgbouncer.Bouncer, pg_url: str,
                  monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh database on the test server, reached through PgBouncer."""
    url = pgbouncer_server.url(pg_url.rsplit("/", 1)[1])
    monkeypatch.setenv("CONSULTAID_RECORDS_URL", url)
    return url


@pytest.fixture
def pair() -> Iterator[replica.Pair]:
    """A primary with a synchronous streaming standby, each its own server (the failover
    tests of the records and of the window, issue 30)."""
    try:
        servers = replica.start()
    except postgres.ServerUnavailable as exc:
        pytest.fail(f"The failover test needs a real primary and standby: {exc}", pytrace=False)
    yield servers
    replica.stop(servers)
