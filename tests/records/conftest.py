"""Records fixtures. ``store`` (and so ``service``, ``physician``...) is parametrized over both
backends: every test that uses it runs on the SQLite file and on a real PostgreSQL server.
A test about one backend only says so with ``@only("sqlite")``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from consultaid.records.pg_store import PgStore
from consultaid.records.service import RecordsService
from consultaid.records.store import ConstraintViolation, Store
from consultaid.records.users import User

BACKENDS = ("sqlite", "postgresql", "pgbouncer")
"""The SQLite file, a real PostgreSQL server, and the same server behind a real PgBouncer in
transaction pooling mode (issue 30): nothing may rely on session state between transactions."""
GUARD_ERRORS = (sqlite3.IntegrityError, ConstraintViolation)
"""What a guard (an append-only trigger) raises: sqlite3's own error, or the plain StoreError
that pg_store makes of PostgreSQL's."""


def only(*backends: str) -> pytest.MarkDecorator:
    """Run a test that uses ``store`` on these backends only (it is about their files...)."""
    return pytest.mark.parametrize("backend", backends)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "consultaid.sqlite3"
    monkeypatch.setenv("CONSULTAID_DB", str(path))
    return path


def open_backend(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Store | PgStore:
    if backend == "sqlite":
        return Store(db_path)
    if backend == "pgbouncer":
        return PgStore(request.getfixturevalue("pgbouncer_url"))
    return PgStore(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[Store | PgStore]:
    s = open_backend(backend, db_path, request)
    yield s
    s.close()


@pytest.fixture
def service(store: Store) -> RecordsService:
    return RecordsService(store)


@pytest.fixture
def physician(service: RecordsService) -> User:
    return service.create_user(None, "Dr Rivera", "physician", "246810")


@pytest.fixture
def second(service: RecordsService, physician: User) -> User:
    """A second physician, who may review Dr Rivera's consultations."""
    return service.create_user(physician, "Dr Second", "physician", "864213")


@pytest.fixture
def draft(service: RecordsService, physician: User) -> str:
    """A draft Dr Rivera created and is named on (reviews are given to drafts)."""
    from tests.records.test_service import example

    c = example("r1", "Rita Review")
    c.physician = "Dr Rivera"
    service.save_draft(physician, c)
    return c.consultation_id


@pytest.fixture
def front_desk(service: RecordsService, physician: User) -> User:
    return service.create_user(physician, "Pat Desk", "front_desk", "135791")


def drop_guard(store: Store | PgStore, trigger: str, table: str) -> None:
    """What someone with the database and an SQL tool can do: remove an append-only trigger."""
    if store.dialect == "sqlite":
        store.db.execute(f"DROP TRIGGER {trigger}")
    else:
        store.db.execute(f"DROP TRIGGER {trigger} ON {table}")
