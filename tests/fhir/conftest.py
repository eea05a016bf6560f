"""The records fixtures (every backend: SQLite, PostgreSQL, PostgreSQL behind PgBouncer)."""

from tests.records.conftest import backend, db_path, physician, service, store

__all__ = ["backend", "db_path", "physician", "service", "store"]
