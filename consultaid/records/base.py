"""What the records modules share without importing the service: its refusals, who acts, a
record's summary, and the written interfaces of a store (:class:`RecordsStore`, which the SQLite
``Store`` and the PostgreSQL ``PgStore`` both satisfy) and of the service as its job modules
use it (:class:`Backend`). So ``service`` imports the job modules (accounts, consultations,
handouts, reviews, ...), and they import this, never the service back (no import circle:
tests/test_import_cycles.py)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.vocabulary import RecordStatus
from consultaid.records.users import User

Status = RecordStatus
STATUSES: tuple[str, ...] = ("draft", "completed", "handout_given")


class PermissionDenied(ConsultaidError):
    """The signed-in user's role may not do this."""


class SignInPaused(PermissionDenied):
    """Too many wrong PINs: the account (or, for names with no account, every such attempt)
    must wait before trying again.

    ``seconds`` is the whole pause; ``failures`` how many wrong PINs within it start a
    per-account pause (0 for the installation-wide one), so a caller that saw the wrong PINs
    itself can say how much of the pause is left."""

    def __init__(self, message: str, *, seconds: int, failures: int = 0) -> None:
        super().__init__(message)
        self.seconds = seconds
        self.failures = failures


class RecordNotFound(ConsultaidError):
    pass


@dataclass(frozen=True)
class SystemActor:
    """The command line, acting for the machine's administrator (named in the audit log)."""

    name: str
    role: str = "system"

    @property
    def actor(self) -> str:
        return f"cli:{self.name}"


Actor = User | SystemActor


@dataclass(frozen=True)
class RecordSummary:
    id: str
    status: Status
    version: int
    patient_name: str
    patient_id: str
    visit_date: str
    condition_id: str
    physician: str
    updated_at: str
    matches_audit: bool = True
    """False when the stored record is not the one its audit entry states (changed outside
    consultaid); checked when a record is opened (:meth:`RecordsService.get`)."""


class RecordsStore(Protocol):
    """What ``RecordsService`` uses of a store; ``Store`` (SQLite) and ``PgStore`` both have it."""

    path: Path
    read_only: bool
    damaged: bool
    problem: str
    held: str
    dialect: str
    db: Any

    @property
    def place(self) -> str: ...
    @staticmethod
    def bytes_of(column: str) -> str: ...
    def schema_version(self) -> int: ...
    def ensure_writable(self) -> None: ...
    def transaction(self) -> AbstractContextManager[Any]: ...
    def integrity_ok(self) -> tuple[bool, str]: ...
    def backup_to(self, target: Path) -> None: ...
    def release(self) -> None: ...
    def twin(self) -> RecordsStore: ...
    def close(self) -> None: ...


class Backend(Protocol):
    """The service as its job modules use it: the store, its connection, and whether the call
    running now is a retry. Each module's functions take it as their first argument."""

    @property
    def store(self) -> RecordsStore: ...
    @property
    def db(self) -> Any: ...
    retrying: bool
    """The call running now is a second attempt (records.retry): writes check first whether
    an attempt whose answer was lost already made their change."""


__all__ = ["STATUSES", "Actor", "Backend", "PermissionDenied", "RecordNotFound", "RecordSummary",
           "RecordsStore", "SignInPaused", "Status", "SystemActor"]
