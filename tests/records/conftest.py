from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.records.users import User


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "consultaid.sqlite3"
    monkeypatch.setenv("CONSULTAID_DB", str(path))
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def service(store: Store) -> RecordsService:
    return RecordsService(store)


@pytest.fixture
def physician(service: RecordsService) -> User:
    return service.create_user(None, "Dr Rivera", "physician", "2468")


@pytest.fixture
def front_desk(service: RecordsService, physician: User) -> User:
    return service.create_user(physician, "Pat Desk", "front_desk", "1357")
