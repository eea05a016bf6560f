"""The records service: every read and write of consultations goes through here.

Roles are enforced here, not only in widgets: front desk can search, view and print or reprint a
stored handout, and can change no clinical field. Every change and every view is audited in the
same transaction as the change itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from consultaid.content.languages import LANGUAGES
from consultaid.content.pack import ContentPack
from consultaid.domain import acknowledgement as acknowledging
from consultaid.domain.acknowledgement import Acknowledgement
from consultaid.domain.consultation import (
    Consultation,
    Patient,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.errors import ConsultaidError, RecordError
from consultaid.domain.screening import evaluate_screening
from consultaid.domain.signed_review import SignedReview
from consultaid.domain.teach_back import needs_follow_up
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records import (
    account_seal,
    accounts,
    anchor,
    audit,
    hold,
    reviews,
    server_calls,
)
from consultaid.records import verify as verifying
from consultaid.records.base import (
    STATUSES as STATUSES,
)
from consultaid.records.base import (
    Actor as Actor,
)
from consultaid.records.base import (
    PermissionDenied as PermissionDenied,
)
from consultaid.records.base import (
    RecordNotFound as RecordNotFound,
)
from consultaid.records.base import (
    RecordsStore,
)
from consultaid.records.base import (
    RecordSummary as RecordSummary,
)
from consultaid.records.base import (
    SignInPaused as SignInPaused,
)
from consultaid.records.base import (
    Status as Status,
)
from consultaid.records.base import (
    SystemActor as SystemActor,
)
from consultaid.records.retry import retried
from consultaid.records.store import (
    ConstraintViolation,
    StaleRecord,
    Store,
    StoreError,
    latest_backup,
)
from consultaid.records.store import StoreBusy as StoreBusy
from consultaid.records.store import StoreUnavailable as StoreUnavailable
from consultaid.records.users import (
    ROLES,
    SCHEME_PEPPERED,
    Role,
    User,
    hash_pin,
    pin_matches,
    pin_problem,
)
from consultaid.settings import ClinicSettings

if TYPE_CHECKING:
    from consultaid.records.pg_store import PgStore

Row = Any
"""A result row, read by position or by column name (sqlite3.Row or pg_store.Row)."""



MAX_PIN_FAILURES = accounts.MAX_PIN_FAILURES
PIN_PAUSE_MINUTES = accounts.PIN_PAUSE_MINUTES
"""After five wrong PINs an account cannot sign in for five minutes; see records.accounts for
this and the installation-wide limit."""


STALE = QT_TRANSLATE_NOOP(
    "Records", "This consultation was changed on another workstation after you opened it, so "
    "your changes were not saved over it. Open it again to see the stored version; your changes "
    "are still on this screen.")


@dataclass(frozen=True)
class StoredHandout:
    id: int
    consultation_id: str
    consultation_version: int
    created_at: str
    sha256: str
    pack_version: str
    settings_json: str
    pdf: bytes


@dataclass(frozen=True)
class HandoutExport:
    """What front desk may send to the health record: the handouts as given (oldest first) and
    whom they were given to, by whom, when, in which language; nothing clinical."""

    summary: RecordSummary
    patient: Patient
    physician: str
    visit_date: dt.date
    language: str
    handouts: list[StoredHandout]


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    """Matches anywhere in the patient's name or clinic patient ID (case and accents ignored)."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    condition_id: str = ""
    status: str = ""
    teach_back_follow_up: bool = False
    """Only records where a teach-back point was "not yet understood"."""
    not_acknowledged: bool = False
    """Only records without the patient's acknowledgement of receipt and discussion."""


def fold(text: str) -> str:
    """Lower-case, accents removed: 'José' and 'jose' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


LOGGABLE = frozenset({"sign-out", "lock", "unlock", "view-handout", "backup", "list",
                      "search"})
"""What a caller may write to the audit log through :meth:`RecordsService.log` (events that
change no data). Sign-ins, reviews and changes are logged by the service itself."""


@dataclass(frozen=True)
class Health:
    """What the window tells people about the records it opened (no storage details)."""

    read_only: bool
    damaged: bool
    """Read-only because the file failed its check (a backup may be needed)."""
    problem: str
    place: str
    """The database file, or the server, in words."""
    latest_backup: str
    """The newest backup next to a damaged file ("" if none, or not a file)."""
    transport_warning: str
    """The server is reached in plain text on purpose (say so; "" otherwise)."""


def _stores_share_one_interface(sqlite: Store, server: PgStore) -> tuple[RecordsStore, ...]:
    """(For mypy: both stores are a :class:`RecordsStore`.)"""
    return sqlite, server


class RecordsService:
    def health(self) -> Health:
        """Read-only or not, why, where, the latest backup and how the server is reached."""
        store = self.store
        backup = latest_backup(store.path) if store.damaged and isinstance(store, Store) else None
        return Health(read_only=store.read_only, damaged=store.damaged, problem=store.problem,
                      place=str(store.path), latest_backup=str(backup or ""),
                      transport_warning=str(getattr(store, "transport_warning", "") or ""))

    def close(self) -> None:
        """Close this service's connection (a twin's, when its thread is done)."""
        self.store.close()

    def __init__(self, store: Store | PgStore) -> None:
        self.store = store
        self.reconnecting: list[Callable[[], None]] = []
        """Told before a call is tried again after the server went away (records.retry)."""
        self.in_retry = False
        self.retrying = False
        """The call running now is a second (or later) attempt (records.retry)."""

    def twin(self) -> RecordsService:
        """The same records through a second connection, for one other thread's work (the
        app's background autosave); close its store when done."""
        return RecordsService(self.store.twin())

    @property
    def db(self) -> Any:
        """The store's connection (sqlite3.Connection or pg_store.PgConnection)."""
        return self.store.db

    def _require(self, actor: Actor, *roles: str) -> None:
        """Refuse unless ``actor`` holds one of ``roles`` *as the store has it now*: a forged or
        stale ``User`` (a role changed, an account deactivated) is not believed."""
        role = actor.role
        if isinstance(actor, User):
            # A read-only 0.1.0 file has no seals to check; a damaged file is written by no one
            # (and its audit pages may not even be readable).
            older = accounts.older_schema(self) or (self.store.damaged and not self.store.held)
            columns = "id, role, active" if older else account_seal.COLUMNS
            row = self.db.execute(f"SELECT {columns} FROM users WHERE id = ?",
                                  (actor.id,)).fetchone()
            if row is None or not row["active"]:
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Records", "This account is not active; sign in again."))
            if not older:
                accounts.require_trusted(self.db, row)
            role = row["role"]
        if role not in roles:
            refused = {
                "front_desk": QT_TRANSLATE_NOOP(
                    "Records", "Front desk cannot do this; sign in as a physician."),
                "physician": QT_TRANSLATE_NOOP(
                    "Records", "A physician cannot do this; sign in as a physician."),
                "system": QT_TRANSLATE_NOOP(
                    "Records", "The command line cannot do this; sign in as a physician."),
            }
            raise PermissionDenied(refused.get(
                role, f"{role} cannot do this; sign in as a physician."))

    # -- users ----------------------------------------------------------------------------------
    @retried
    def has_users(self) -> bool:
        return self.db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    @retried
    def create_user(self, creator: Actor | None, name: str, role: Role, pin: str) -> User:
        """The first account (``creator`` None) must be a physician; later ones need one."""
        self.store.ensure_writable()
        again = self._created_already(name, role, pin) if self.retrying else None
        if again is not None:
            return again
        if creator is None:
            if self.has_users():
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Records", "Only a physician can add accounts."))
            if role != "physician":
                raise ConsultaidError(QT_TRANSLATE_NOOP(
                    "Records", "The first account must be a physician."))
        else:
            self._require(creator, "physician", "system")
        name = name.strip()
        if not name:
            raise ConsultaidError(QT_TRANSLATE_NOOP("Records", "Enter a name for the account."))
        if role not in ROLES:
            raise ConsultaidError(f"Unknown role {role!r}.")
        problem = pin_problem(pin)
        if problem:
            raise ConsultaidError(problem)
        salt, digest = hash_pin(pin)
        with self.store.transaction() as db:
            try:
                if server_calls.enforced(db):  # the server checks the creator's session
                    new_id = server_calls.create_account(
                        db, creator.actor if creator else None, name, role, pin, salt, digest,
                        audit.now_utc())
                else:
                    new_id = db.execute(
                        "INSERT INTO users (name, role, pin_salt, pin_hash, pin_scheme, "
                        "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                        (name, role, salt, digest, SCHEME_PEPPERED, audit.now_utc())
                    ).fetchone()[0]
            except (sqlite3.IntegrityError, ConstraintViolation):
                raise ConsultaidError(QT_TRANSLATE_NOOP(
                    "Records", "An account named {name} already exists.").format(
                    name=repr(name))) from None
            user = User(int(new_id), name, role)
            audit.append(db, creator.actor if creator else user.actor, "user-create",
                         str(user.id), role=role, user_sha256=account_seal.digest(db, user.id))
        return user

    def _created_already(self, name: str, role: Role, pin: str) -> User | None:
        """On a retry: the account an attempt whose answer was lost created (same name, role
        and PIN), if there is one."""
        row = self.db.execute("SELECT id, name, role, pin_salt, pin_hash, pin_scheme FROM users "
                              "WHERE lower(name) = lower(?)", (name.strip(),)).fetchone()
        if row is None or row["role"] != role or not pin_matches(
                pin, bytes(row["pin_salt"]), bytes(row["pin_hash"]), int(row["pin_scheme"])):
            return None
        return User(int(row["id"]), row["name"], row["role"])

    @retried
    def users(self) -> list[User]:
        rows = self.db.execute("SELECT id, name, role FROM users WHERE active ORDER BY name")
        return [User(r[0], r[1], r[2]) for r in rows]

    @retried
    def sign_in(self, name: str, pin: str) -> User:
        """The account if ``pin`` is its PIN (rules and rate limits: records.accounts)."""
        return accounts.sign_in(self, name, pin)

    def _recent_failures(self, user_id: str) -> int:
        return accounts.recent_failures(self.db, user_id)

    @retried
    def log(self, actor: Actor, action: str, record_id: str = "") -> None:
        """Record a lock, unlock or similar event that changes no data, for the caller itself.

        Only the events in :data:`LOGGABLE` are taken: a caller cannot write, say, a fake
        "sign-in" that would reset another account's failure count.
        """
        if action not in LOGGABLE:
            raise PermissionDenied(f"{action!r} is not an event the app may record")
        self._require(actor, "physician", "front_desk", "system")
        if not self.store.read_only:
            with self.store.transaction() as db:
                audit.append(db, actor.actor, action, record_id)
                if action == "sign-out":  # its server session ends with it
                    server_calls.end_session(db, actor.actor)

    # -- consultations --------------------------------------------------------------------------
    def _row(self, consultation_id: str) -> Row:
        row = self.db.execute(
            "SELECT c.*, d.json FROM consultations c JOIN consultation_data d ON d.id = c.id "
            "WHERE c.id = ?", (consultation_id,)).fetchone()
        if row is None:
            raise RecordNotFound(f"No consultation with ID {consultation_id!r}.")
        return row

    @staticmethod
    def _columns(c: Consultation, text: str) -> dict[str, Any]:
        return {
            "patient_name": c.patient.name, "patient_id": c.patient.clinic_patient_id,
            "search_text": fold(f"{c.patient.name}\n{c.patient.clinic_patient_id}"),
            "visit_date": c.visit_date.isoformat(), "condition_id": c.condition_id,
            "physician": c.physician, "json": text,
            "follow_up": int(needs_follow_up(c.teach_back)),
            "acknowledged": int(c.acknowledgement is not None),
        }

    @staticmethod
    def _insert(db: Any, cid: str, status: str, cols: dict[str, Any],
                now: str) -> None:
        db.execute(
            "INSERT INTO consultations (id, status, version, patient_name, patient_id, "
            "search_text, visit_date, condition_id, physician, created_at, updated_at, "
            "teach_back_follow_up, acknowledged) "
            "VALUES (:id, :status, 1, :patient_name, :patient_id, :search_text, :visit_date, "
            ":condition_id, :physician, :now, :now, :follow_up, :acknowledged)",
            {**cols, "id": cid, "status": status, "now": now})
        db.execute("INSERT INTO consultation_data (id, json) VALUES (?, ?)", (cid, cols["json"]))

    @staticmethod
    def _update(db: Any, cid: str, version: int, cols: dict[str, Any], now: str) -> None:
        """Write version ``version`` over ``version - 1``; refused if another workstation
        wrote since this one read (optimistic versioning: never a silent overwrite)."""
        cur = db.execute(
            "UPDATE consultations SET version = :version, patient_name = :patient_name, "
            "patient_id = :patient_id, search_text = :search_text, visit_date = :visit_date, "
            "condition_id = :condition_id, physician = :physician, updated_at = :now, "
            "teach_back_follow_up = :follow_up, acknowledged = :acknowledged "
            "WHERE id = :id AND version = :previous",
            {**cols, "id": cid, "now": now, "version": version, "previous": version - 1})
        if cur.rowcount != 1:
            raise StaleRecord(STALE)
        db.execute("UPDATE consultation_data SET json = ? WHERE id = ?", (cols["json"], cid))

    @staticmethod
    def _current(db: Any, cid: str) -> Row | None:
        return db.execute(
            "SELECT c.status, c.version, d.json FROM consultations c "
            "JOIN consultation_data d ON d.id = c.id WHERE c.id = ?", (cid,)).fetchone()

    @staticmethod
    def _check_version(row: Row, expected_version: int | None) -> None:
        if expected_version is not None and row["version"] != expected_version:
            raise StaleRecord(STALE)

    @retried
    def save_draft(self, actor: Actor, consultation: Consultation,
                   expected_version: int | None = None) -> bool:
        """Create or update a draft. Returns False when nothing had changed (nothing written).

        ``expected_version``: the version this workstation opened; if the stored one is newer
        (saved on another workstation meanwhile), :class:`StaleRecord` and nothing is written.
        """
        self.store.ensure_writable()
        self._require(actor, "physician")
        text = consultation_to_json(consultation)
        cols = self._columns(consultation, text)
        now = audit.now_utc()
        with self.store.transaction() as db:
            row = self._current(db, consultation.consultation_id)
            if row is None:
                self._insert(db, consultation.consultation_id, "draft", cols, now)
                audit.append(db, actor.actor, "create", consultation.consultation_id,
                             version=1, sha256=_sha256(text.encode()))
                return True
            if row["status"] != "draft":
                raise StoreError(QT_TRANSLATE_NOOP(
                    "Records", "This consultation is completed; changes need an amendment, "
                    "which keeps the earlier version."))
            if row["json"] == text:
                return False
            self._check_version(row, expected_version)
            version = row["version"] + 1
            self._update(db, consultation.consultation_id, version, cols, now)
            audit.append(db, actor.actor, "edit", consultation.consultation_id,
                         version=version, sha256=_sha256(text.encode()))
            return True

    def _snapshot(self, db: Any, actor: Actor, cid: str, version: int,
                  status: str, reason: str, text: str) -> None:
        db.execute(
            "INSERT INTO consultation_versions (consultation_id, version, status, saved_at, "
            "saved_by, reason, json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (cid, version, status, audit.now_utc(), actor.actor, reason, text))

    @retried
    def complete(self, actor: Actor, consultation_id: str) -> None:
        """draft -> completed; the completed version is kept for good."""
        self.store.ensure_writable()
        self._require(actor, "physician")
        with self.store.transaction() as db:
            row = self._current(db, consultation_id)
            if row is None:
                raise RecordNotFound(f"No consultation with ID {consultation_id!r}.")
            if row["status"] != "draft":
                return
            done = db.execute("UPDATE consultations SET status = 'completed', updated_at = ? "
                              "WHERE id = ? AND version = ? AND status = 'draft'",
                              (audit.now_utc(), consultation_id, row["version"]))
            if done.rowcount != 1:
                raise StaleRecord(STALE)
            self._snapshot(db, actor, consultation_id, row["version"], "completed", "completed",
                           row["json"])
            audit.append(db, actor.actor, "complete", consultation_id, version=row["version"],
                         sha256=_sha256(row["json"].encode()))

    @retried
    def amend(self, actor: Actor, consultation: Consultation, reason: str,
              expected_version: int | None = None) -> int:
        """Change a completed consultation; the earlier version stays. Returns the new version.

        ``expected_version`` as for :meth:`save_draft`."""
        self.store.ensure_writable()
        self._require(actor, "physician")
        if not reason.strip():
            raise ConsultaidError(QT_TRANSLATE_NOOP("Records", "Give a reason for the amendment."))
        cid = consultation.consultation_id
        text = consultation_to_json(consultation)
        cols = self._columns(consultation, text)
        with self.store.transaction() as db:
            row = self._current(db, cid)
            if row is None:
                raise RecordNotFound(f"No consultation with ID {cid!r}.")
            if row["status"] == "draft":
                raise StoreError(QT_TRANSLATE_NOOP(
                    "Records", "This consultation is still a draft; save it instead."))
            if (self.retrying and expected_version is not None
                    and row["version"] == expected_version + 1 and row["json"] == text):
                return int(row["version"])  # written by an attempt whose answer was lost
            self._check_version(row, expected_version)
            version = row["version"] + 1
            self._update(db, cid, version, cols, audit.now_utc())
            self._snapshot(db, actor, cid, version, row["status"], reason.strip(), text)
            audit.append(db, actor.actor, "amend", cid, version=version,
                         sha256=_sha256(text.encode()))
        return int(version)

    @retried
    def get(self, actor: Actor, consultation_id: str) -> tuple[Consultation, RecordSummary]:
        """Open a record (audited as a view). Front desk gets summaries and the stored
        handouts, never the full clinical record (issue 12.10)."""
        self._require(actor, "physician", "system")
        row = self._row(consultation_id)
        if not self.store.read_only:
            with self.store.transaction() as db:
                audit.append(db, actor.actor, "view", consultation_id, version=row["version"])
        matches = not verifying.one_record(self.db, self.store.bytes_of("d.json"),
                                           consultation_id, fold)
        summary = dataclasses.replace(self._summary(row), matches_audit=matches)
        return consultation_from_json(row["json"]), summary

    @retried
    def versions(self, consultation_id: str) -> list[tuple[int, str, str, str]]:
        """(version, status, saved_at, reason) of every kept version, oldest first."""
        rows = self.db.execute(
            "SELECT version, status, saved_at, reason FROM consultation_versions "
            "WHERE consultation_id = ? ORDER BY version", (consultation_id,))
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    # -- handouts -------------------------------------------------------------------------------
    @retried
    def record_handout(self, actor: Actor, consultation_id: str, pdf: bytes, pack_version: str,
                       settings: ClinicSettings, action: str = "print") -> StoredHandout:
        """Keep the exact PDF given to the patient; completes a draft first."""
        self.store.ensure_writable()
        self._require(actor, "physician")
        if action not in ("print", "save-pdf"):
            raise ValueError(action)
        self.complete(actor, consultation_id)
        settings_json = json.dumps(dataclasses.asdict(settings), default=str, sort_keys=True,
                                   ensure_ascii=False)
        digest = _sha256(pdf)
        now = audit.now_utc()
        with self.store.transaction() as db:
            row = db.execute("SELECT version FROM consultations WHERE id = ?",
                             (consultation_id,)).fetchone()
            again = db.execute(
                "SELECT * FROM handouts WHERE consultation_id = ? ORDER BY id DESC LIMIT 1",
                (consultation_id,)).fetchone()
            if (self.retrying and again is not None and again["sha256"] == digest
                    and again["consultation_version"] == row["version"]
                    and again["created_by"] == actor.actor):
                # These very bytes were stored for this version by an attempt whose answer
                # was lost (the server went away at its COMMIT): not a second handout.
                return self._stored(again)
            handout_id = int(db.execute(
                "INSERT INTO handouts (consultation_id, consultation_version, created_at, "
                "created_by, sha256, pack_version, settings_json, pdf) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (consultation_id, row["version"], now, actor.actor, digest, pack_version,
                 settings_json, pdf)).fetchone()[0])
            db.execute("UPDATE consultations SET status = 'handout_given', updated_at = ? "
                       "WHERE id = ?", (now, consultation_id))
            audit.append(db, actor.actor, action, consultation_id, handout=handout_id,
                         sha256=digest)
        return StoredHandout(handout_id, consultation_id, row["version"], now,
                             digest, pack_version, settings_json, pdf)

    @retried
    def latest_handout(self, consultation_id: str) -> StoredHandout | None:
        row = self.db.execute(
            "SELECT * FROM handouts WHERE consultation_id = ? ORDER BY id DESC LIMIT 1",
            (consultation_id,)).fetchone()
        return None if row is None else self._stored(row)

    @staticmethod
    def _stored(row: Row) -> StoredHandout:
        return StoredHandout(row["id"], row["consultation_id"], row["consultation_version"],
                             row["created_at"], row["sha256"], row["pack_version"],
                             row["settings_json"], bytes(row["pdf"]))

    @retried
    def handouts(self, consultation_id: str) -> list[StoredHandout]:
        """Every handout given for a consultation, oldest first (a signature drawn on screen
        adds a version; the earlier one stays)."""
        rows = self.db.execute("SELECT * FROM handouts WHERE consultation_id = ? ORDER BY id",
                               (consultation_id,)).fetchall()
        return [self._stored(r) for r in rows]

    @retried
    def reprint(self, actor: Actor, consultation_id: str) -> StoredHandout:
        """The handout exactly as given (byte-identical), for front desk or physician."""
        self.store.ensure_writable()
        self._require(actor, "physician", "front_desk", "system")
        handout = self.latest_handout(consultation_id)
        if handout is None:
            raise RecordNotFound(QT_TRANSLATE_NOOP(
                "Records", "No handout has been given for this consultation yet."))
        if (_sha256(handout.pdf) != handout.sha256
                or not verifying.handout_vouched(self.db, handout.id, consultation_id,
                                                 handout.sha256)):
            # Its checksum column alone proves nothing: whoever replaced the PDF could write
            # that too. The genuine audit entry that gave it must name these very bytes.
            raise StoreError(QT_TRANSLATE_NOOP(
                "Records", "The stored handout does not match its checksum; run 'consultaid "
                "records verify' and restore a backup."))
        with self.store.transaction() as db:
            audit.append(db, actor.actor, "reprint", consultation_id, handout=handout.id,
                         sha256=handout.sha256)
        return handout

    @retried
    def acknowledge(self, actor: Actor, consultation_id: str, ack: Acknowledgement,
                    signed_pdf: bytes | None = None,
                    settings: ClinicSettings | None = None) -> int:
        """Record the patient's acknowledgement of receipt and discussion (not consent).

        ``ack.handout_sha256`` must name the latest stored handout of this consultation, and
        ``ack.pack_version`` its pack version. With a drawn signature, ``signed_pdf`` is the
        handout carrying it: stored as a *new* handout-as-given version (the earlier one stays
        as it was). The record gets a new kept version; both are audited. Returns the version.
        """
        self.store.ensure_writable()
        self._require(actor, "physician")
        found = acknowledging.problems(ack)
        if not ack.at or not ack.handout_sha256:
            found.append("it has no time or no handout")
        if found:
            raise ConsultaidError(f"The acknowledgement was not recorded: {found[0]}.")
        if (ack.method == "drawn") != (signed_pdf is not None):
            raise ValueError("a drawn signature, and only that, comes with its signed handout")
        with self.store.transaction() as db:
            row = self._current(db, consultation_id)
            if row is None:
                raise RecordNotFound(f"No consultation with ID {consultation_id!r}.")
            consultation = consultation_from_json(row["json"])
            if self.retrying and consultation.acknowledgement == ack:
                return int(row["version"])  # recorded by an attempt whose answer was lost
            given = db.execute(
                "SELECT id, sha256, pack_version, settings_json FROM handouts "
                "WHERE consultation_id = ? ORDER BY id DESC LIMIT 1",
                (consultation_id,)).fetchone()
            if row["status"] != "handout_given" or given is None:
                raise StoreError(QT_TRANSLATE_NOOP(
                    "Records", "Give the handout first (print it or save it as a PDF); the "
                    "acknowledgement refers to the handout as given."))
            if given["sha256"] != ack.handout_sha256 or given["pack_version"] != ack.pack_version:
                raise StaleRecord(QT_TRANSLATE_NOOP(
                    "Records", "The acknowledgement refers to another version of the handout "
                    "than the one stored last; open the record again."))
            if consultation.acknowledgement is not None:
                raise StoreError(QT_TRANSLATE_NOOP(
                    "Records", "This consultation already has an acknowledgement on record."))
            consultation.acknowledgement = ack
            text = consultation_to_json(consultation)
            version = row["version"] + 1
            self._update(db, consultation_id, version, self._columns(consultation, text),
                         ack.at)
            self._snapshot(db, actor, consultation_id, version, row["status"],
                           "acknowledgement", text)
            audit.append(db, actor.actor, "acknowledge", consultation_id, version=version,
                         sha256=_sha256(text.encode()), method=ack.method,
                         handout_sha256=ack.handout_sha256)
            if signed_pdf is not None:
                settings_json = (given["settings_json"] if settings is None else json.dumps(
                    dataclasses.asdict(settings), default=str, sort_keys=True,
                    ensure_ascii=False))
                digest = _sha256(signed_pdf)
                handout_id = int(db.execute(
                    "INSERT INTO handouts (consultation_id, consultation_version, created_at, "
                    "created_by, sha256, pack_version, settings_json, pdf) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (consultation_id, version, audit.now_utc(), actor.actor, digest,
                     ack.pack_version, settings_json, signed_pdf)).fetchone()[0])
                audit.append(db, actor.actor, "signed-handout", consultation_id,
                             handout=handout_id, sha256=digest, replaces=int(given["id"]))
        return int(version)

    # -- finding --------------------------------------------------------------------------------
    @staticmethod
    def _summary(row: Row) -> RecordSummary:
        return RecordSummary(row["id"], row["status"], row["version"], row["patient_name"],
                             row["patient_id"], row["visit_date"], row["condition_id"],
                             row["physician"], row["updated_at"])

    @staticmethod
    def _where(query: SearchQuery) -> tuple[str, list[object]]:
        clauses: list[str] = []
        args: list[object] = []
        text = fold(query.text.strip())
        if text:
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append("search_text LIKE ? ESCAPE '\\'")
            args.append(f"%{escaped}%")
        if query.date_from:
            clauses.append("visit_date >= ?")
            args.append(query.date_from.isoformat())
        if query.date_to:
            clauses.append("visit_date <= ?")
            args.append(query.date_to.isoformat())
        if query.condition_id:
            clauses.append("condition_id = ?")
            args.append(query.condition_id)
        if query.status:
            clauses.append("status = ?")
            args.append(query.status)
        if query.teach_back_follow_up:
            clauses.append("teach_back_follow_up = 1")
        if query.not_acknowledged:
            clauses.append("acknowledged = 0")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    @retried
    def summary(self, consultation_id: str) -> RecordSummary | None:
        """The list row of one record (no clinical content, so not audited as a view)."""
        row = self.db.execute(
            "SELECT id, status, version, patient_name, patient_id, visit_date, condition_id, "
            "physician, updated_at FROM consultations WHERE id = ?",
            (consultation_id,)).fetchone()
        return None if row is None else self._summary(row)

    @retried
    def search(self, query: SearchQuery, limit: int = 200, offset: int = 0) -> list[RecordSummary]:
        """Newest visits first, one page at a time."""
        where, args = self._where(query)
        rows = self.db.execute(
            "SELECT id, status, version, patient_name, patient_id, visit_date, condition_id, "
            f"physician, updated_at FROM consultations{where} "
            "ORDER BY visit_date DESC, id LIMIT ? OFFSET ?", [*args, limit, offset])
        return [self._summary(r) for r in rows]

    @retried
    def change_token(self) -> tuple[int, str]:
        """Changes whenever a record is added or changed (a handout stored, a status moved),
        on any workstation: the records view polls it to show others' work within seconds."""
        try:
            row = self.db.execute("SELECT count(*), max(updated_at) "
                                  "FROM consultations").fetchone()
        except sqlite3.Error as exc:  # (callers catch consultaid's errors only)
            raise StoreBusy(str(exc)) from None
        return int(row[0]), str(row[1] or "")

    @retried
    def count(self, query: SearchQuery) -> int:
        where, args = self._where(query)
        return int(self.db.execute(f"SELECT count(*) FROM consultations{where}",
                                   args).fetchone()[0])

    # -- moving records -------------------------------------------------------------------------
    @retried
    def import_json(self, actor: Actor, text: str | bytes, source: str,
                    pack: ContentPack | None = None) -> str:
        """Import one record; a malformed file writes nothing. Returns the consultation ID.

        With ``pack`` (every import a person makes), a record the app could not use with it is
        refused, as the screen and the handout would refuse it: answers to items the checklist
        lacks, choices it does not offer, impossible values, a condition or language it does
        not have, teach-back points not in its script; and an acknowledgement, which names a
        handout this installation never gave. (Without it: generated test data.)
        """
        self.store.ensure_writable()
        self._require(actor, "physician", "system")
        consultation = consultation_from_json(text)
        if pack is not None:
            check_usable(consultation, pack)
            if consultation.acknowledgement is not None:
                # The handout it names was given elsewhere: this installation never stored it.
                raise RecordError("acknowledgement", "refers to a handout this installation "
                                  "never gave; the patient acknowledges a handout given here "
                                  "(records move with their handouts by 'records migrate')")
        cid = consultation.consultation_id
        stored = consultation_to_json(consultation)
        cols = self._columns(consultation, stored)
        now = audit.now_utc()
        with self.store.transaction() as db:
            existing = self._current(db, cid)
            if (self.retrying and existing is not None and existing["json"] == stored
                    and existing["version"] == 1):
                return cid  # imported by an attempt whose answer was lost
            if existing is not None:
                raise StoreError(f"{source}: a consultation with ID {cid!r} is already stored")
            self._insert(db, cid, "completed", cols, now)
            self._snapshot(db, actor, cid, 1, "completed", "imported", stored)
            audit.append(db, actor.actor, "import", cid, version=1,
                         sha256=_sha256(stored.encode()))
        return cid

    @retried
    def export_json(self, actor: Actor, consultation_id: str) -> str:
        self._require(actor, "physician", "system")
        row = self._row(consultation_id)
        if not self.store.read_only:
            with self.store.transaction() as db:
                audit.append(db, actor.actor, "export", consultation_id, version=row["version"])
        return str(row["json"])

    @retried
    def export_record(self, actor: Actor, consultation_id: str, fmt: str
                      ) -> tuple[Consultation, RecordSummary, list[StoredHandout]]:
        """A record and its handouts as given, for an export in another form than its own JSON
        (``fmt``: "fhir"), audited as "export" with that format.

        What leaves for another system must be what consultaid wrote: a record that fails its
        own verification (:func:`consultaid.records.verify.one_record`), or a handout whose
        bytes no genuine audit entry vouches for, is refused and nothing is audited. Front desk
        is refused (the whole clinical record): :meth:`export_handouts` is theirs."""
        self._require(actor, "physician", "system")
        row, given = self._verified_for_export(consultation_id)
        if not self.store.read_only:
            with self.store.transaction() as db:
                audit.append(db, actor.actor, "export", consultation_id,
                             version=row["version"], format=fmt)
        return consultation_from_json(row["json"]), self._summary(row), given

    @retried
    def export_handouts(self, actor: Actor, consultation_id: str, fmt: str) -> HandoutExport:
        """The handouts as given and who they were given to, for front desk (or a physician)
        to send to the health record: no clinical field of the record leaves with them.

        Audited as "export" with ``fmt`` and ``part`` "handouts"; refused, with nothing audited,
        when no handout was given or the record or a handout fails its verification."""
        self._require(actor, "physician", "front_desk", "system")
        row, given = self._verified_for_export(consultation_id)
        if not given:
            raise RecordNotFound(QT_TRANSLATE_NOOP(
                "Records", "No handout has been given for this consultation yet."))
        if not self.store.read_only:
            with self.store.transaction() as db:
                audit.append(db, actor.actor, "export", consultation_id,
                             version=row["version"], format=fmt, part="handouts")
        consultation = consultation_from_json(row["json"])
        return HandoutExport(self._summary(row), consultation.patient, consultation.physician,
                             consultation.visit_date, consultation.handout.language, given)

    @retried
    def audit_trail(self, actor: Actor, consultation_id: str
                    ) -> list[tuple[audit.AuditEntry, str]]:
        """Every audit entry about one record, oldest first, each with the name of the account
        that made it ("" for the command line or an account no longer known): for a
        physician's export of the whole record."""
        self._require(actor, "physician", "system")
        names = {f"user:{r[0]}": str(r[1])
                 for r in self.db.execute("SELECT id, name FROM users").fetchall()}
        return [(e, names.get(e.actor, "")) for e in audit.entries(self.db, consultation_id)]

    def _verified_for_export(self, consultation_id: str) -> tuple[Row, list[StoredHandout]]:
        """The record's row and its handouts, refused (StoreError) unless both verify."""
        row = self._row(consultation_id)
        if verifying.one_record(self.db, self.store.bytes_of("d.json"), consultation_id, fold):
            raise StoreError(QT_TRANSLATE_NOOP(
                "Records", "consultation {cid} does not match its audit log (changed outside "
                "consultaid), so it was not exported; run 'consultaid records verify'"
            ).format(cid=consultation_id))
        given = self.handouts(consultation_id)
        for handout in given:
            if (_sha256(handout.pdf) != handout.sha256
                    or not verifying.handout_vouched(self.db, handout.id, consultation_id,
                                                     handout.sha256)):
                raise StoreError(QT_TRANSLATE_NOOP(
                    "Records", "handout {handout} of consultation {cid} does not match its "
                    "checksum or the audit log, so nothing was exported; run 'consultaid "
                    "records verify'").format(handout=handout.id, cid=consultation_id))
        return row, given

    # -- checking -------------------------------------------------------------------------------
    # -- the second physician's review (issue 11.1; rules in records.reviews) ------------------
    @retried
    def sign_review(self, reviewer_name: str, pin: str, consultation_id: str, decision: str,
                    comment: str = "") -> SignedReview:
        """A physician other than the consultation's owner signs its review with their PIN."""
        return reviews.sign(self, reviewer_name, pin, consultation_id, decision, comment)

    @retried
    def signed_review(self, consultation_id: str) -> SignedReview | None:
        """The latest signed review of a consultation (current or not: see review_state)."""
        return reviews.latest(self, consultation_id)

    @retried
    def waiting_for_review(self, user: User) -> list[RecordSummary]:
        """Drafts ``user`` could review now (created by another physician, not yet covered)."""
        self._require(user, "physician")
        return reviews.waiting_for(self, user)

    def verify(self, *, with_anchor: bool = True) -> list[str]:
        """Integrity check, the audit chain, every row against it both ways
        (:mod:`consultaid.records.verify`), and the chain against this computer's anchor
        (:mod:`consultaid.records.anchor`; ``with_anchor`` False leaves that out)."""
        ok, message = self.store.integrity_ok()
        if not ok:
            return [f"database integrity check failed: {message}"]
        problems: list[str] = []
        broken = audit.first_broken_entry(self.db)
        if broken:
            problems.append(broken)
        rolled_back = anchor.problem(self.db, self.store.place) if with_anchor else None
        if rolled_back:
            problems.append(rolled_back)
        records, kept, handouts = verifying.from_audit(self.db)
        # Bytes, not text: a damaged row must not be decoded (SQLite would quote it, patient
        # data and all, in its error message).
        problems += verifying.record_problems(self.db, self.store.bytes_of("d.json"), records,
                                              fold)
        problems += verifying.kept_problems(self.db, self.store.bytes_of("json"), kept)
        problems += verifying.handout_problems(self.db, handouts)
        problems += account_seal.problems(self.db)
        problems += reviews.problems(self.db)
        if server_calls.enforced(self.db):  # the server's own MAC chain, checked there
            problems += server_calls.problems(self.db)
        return problems

    def accept_restore(self, actor: Actor) -> None:
        """After a backup was restored on purpose: if the restored database verifies in every
        other way, its last audit entry becomes this computer's anchor (audited)."""
        self._require(actor, "physician", "system")
        problems = self.verify(with_anchor=False)
        if problems:
            raise StoreError(f"the restored records do not verify ({problems[0]}); the restore "
                             "was not accepted")
        last = audit.head(self.db)
        if last is not None:
            anchor.write(self.db, self.store.place, *last, force=True)
        if self.store.held and not hold.reason(self.db, self.store.schema_version(),
                                               self.store.place):
            self.store.release()
        with self.store.transaction() as db:
            audit.append(db, actor.actor, "restore-accepted", "",
                         seq=last[0] if last else 0)


def check_usable(consultation: Consultation, pack: ContentPack) -> None:
    """Raise RecordError naming the first field the app could not use with ``pack``."""
    result = evaluate_screening(consultation, pack.checklist, pack.rules)
    if result.problems:
        first = result.problems[0]
        raise RecordError(f"screening.{first.item_id}", first.message)
    problem = pack.condition_problem(consultation.condition_id)
    if problem:
        raise RecordError("condition_id", problem)
    if consultation.handout.language not in LANGUAGES:
        raise RecordError("handout.language", "is not a language consultaid has (known: "
                          f"{', '.join(sorted(LANGUAGES))})")
    points = {p.id for p in pack.script.points}
    for i, point in enumerate(consultation.teach_back.points):
        if point.point_id not in points:
            raise RecordError(f"teach_back.points[{i}].point_id",
                              "is not a point of the expectations script")
