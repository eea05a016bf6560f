"""The records service: every read and write of consultations goes through here.

Roles are enforced here, not only in widgets: front desk can search, view and print or reprint a
stored handout, and can change no clinical field. Every change and every view is audited in the
same transaction as the change itself.

:class:`RecordsService` is the one door the ui, the command line and the FHIR export use. Each
method is one whole call, tried again whole while the server is away (:func:`retried`), and
hands the work to the module that does that job:

- :mod:`~consultaid.records.accounts` — who may act, creating and changing accounts;
- :mod:`~consultaid.records.signing_in` — signing in, confirming a PIN, the pauses;
- :mod:`~consultaid.records.consultations` — save, complete, amend, open, kept versions;
- :mod:`~consultaid.records.finding` — summaries, search, count, the change token;
- :mod:`~consultaid.records.handouts` — the handout as given, reprints, acknowledgements;
- :mod:`~consultaid.records.reviews` — the second physician's signed review;
- :mod:`~consultaid.records.exchange` — import and export, the audit trail of a record;
- :mod:`~consultaid.records.checking` — health, ``records verify``, accepting a restore;
- :mod:`~consultaid.records.events` — lock, unlock and other events that change no data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from consultaid.content.pack import ContentPack
from consultaid.domain.acknowledgement import Acknowledgement
from consultaid.domain.consultation import Consultation
from consultaid.domain.signed_review import SignedReview
from consultaid.records import (
    accounts,
    audit,
    checking,
    consultations,
    events,
    exchange,
    finding,
    handouts,
    reviews,
    signing_in,
)
from consultaid.records.accounts import Account as Account
from consultaid.records.base import STATUSES as STATUSES
from consultaid.records.base import Actor as Actor
from consultaid.records.base import PermissionDenied as PermissionDenied
from consultaid.records.base import RecordNotFound as RecordNotFound
from consultaid.records.base import RecordsStore
from consultaid.records.base import RecordSummary as RecordSummary
from consultaid.records.base import SignInPaused as SignInPaused
from consultaid.records.base import Status as Status
from consultaid.records.base import SystemActor as SystemActor
from consultaid.records.checking import Health as Health
from consultaid.records.consultations import STALE as STALE
from consultaid.records.events import LOGGABLE as LOGGABLE
from consultaid.records.exchange import HandoutExport as HandoutExport
from consultaid.records.exchange import check_usable as check_usable
from consultaid.records.finding import SearchQuery as SearchQuery
from consultaid.records.finding import fold as fold
from consultaid.records.handouts import StoredHandout as StoredHandout
from consultaid.records.retry import retried
from consultaid.records.store import Store
from consultaid.records.store import StoreBusy as StoreBusy
from consultaid.records.store import StoreUnavailable as StoreUnavailable
from consultaid.records.users import Role, User
from consultaid.settings import ClinicSettings

if TYPE_CHECKING:
    from consultaid.records.pg_store import PgStore

MAX_PIN_FAILURES = signing_in.MAX_PIN_FAILURES
PIN_PAUSE_MINUTES = signing_in.PIN_PAUSE_MINUTES
"""After five wrong PINs an account cannot sign in for five minutes; see records.signing_in for
this and the installation-wide limit."""


def _stores_share_one_interface(sqlite: Store, server: PgStore) -> tuple[RecordsStore, ...]:
    """(For mypy --strict: both stores satisfy the written :class:`RecordsStore` Protocol.)"""
    return sqlite, server


class RecordsService:
    """The records, for one connection to a store (a :class:`RecordsStore`: the SQLite file
    or the PostgreSQL server); the :class:`~consultaid.records.base.Backend` its job modules
    take."""

    def __init__(self, store: RecordsStore) -> None:
        self.store = store
        self.reconnecting: list[Callable[[], None]] = []
        """Told before a call is tried again after the server went away (records.retry)."""
        self.in_retry = False
        self.retrying = False
        """The call running now is a second (or later) attempt (records.retry)."""

    def health(self) -> Health:
        """Read-only or not, why, where, the latest backup and how the server is reached."""
        return checking.health(self.store)

    def close(self) -> None:
        """Close this service's connection (a twin's, when its thread is done)."""
        self.store.close()

    def twin(self) -> RecordsService:
        """The same records through a second connection, for one other thread's work (the
        app's background autosave); close its store when done."""
        return RecordsService(self.store.twin())

    @property
    def db(self) -> Any:
        """The store's connection (sqlite3.Connection or pg_store.PgConnection)."""
        return self.store.db

    # -- accounts and signing in (records.accounts, .signing_in; records.events) ----------------
    @retried
    def has_users(self) -> bool:
        return accounts.has_users(self)

    @retried
    def create_user(self, creator: Actor | None, name: str, role: Role, pin: str) -> User:
        """The first account (``creator`` None) must be a physician; later ones need one."""
        return accounts.create(self, creator, name, role, pin)

    @retried
    def users(self) -> list[User]:
        return accounts.active_users(self)

    @retried
    def sign_in(self, name: str, pin: str) -> User:
        """The account if ``pin`` is its PIN (rules and rate limits: records.signing_in)."""
        return signing_in.sign_in(self, name, pin)

    @retried
    def all_accounts(self) -> list[Account]:
        """Every account, active or not, for File > Accounts… (never deleted: the audit log
        names them)."""
        return accounts.Accounts(self).list()

    @retried
    def set_account_active(self, actor: Actor, user_id: int, active: bool) -> None:
        """Deactivate (it can no longer sign in or act) or reactivate an account; physicians
        only, and never the last active physician."""
        if active:
            accounts.Accounts(self).reactivate(actor, user_id)
        else:
            accounts.Accounts(self).deactivate(actor, user_id)

    @retried
    def reset_pin(self, actor: Actor, user_id: int, new_pin: str) -> None:
        """A physician gives another account a new PIN, to be changed at its next sign-in."""
        accounts.Accounts(self).reset_pin(actor, user_id, new_pin)

    @retried
    def change_pin(self, user: User, current_pin: str, new_pin: str) -> None:
        """The signed-in account changes its own PIN, confirming the current one."""
        accounts.Accounts(self).change_pin(user, current_pin, new_pin)

    @retried
    def log(self, actor: Actor, action: str, record_id: str = "") -> None:
        """Record a lock, unlock or similar event that changes no data, for the caller itself
        (only those in :data:`LOGGABLE`)."""
        events.log(self, actor, action, record_id)

    # -- consultations (records.consultations) --------------------------------------------------
    @retried
    def save_draft(self, actor: Actor, consultation: Consultation,
                   expected_version: int | None = None) -> bool:
        """Create or update a draft. Returns False when nothing had changed (nothing written).

        ``expected_version``: the version this workstation opened; if the stored one is newer
        (saved on another workstation meanwhile), :class:`StaleRecord` and nothing is written.
        """
        return consultations.save_draft(self, actor, consultation, expected_version)

    @retried
    def complete(self, actor: Actor, consultation_id: str) -> None:
        """draft -> completed; the completed version is kept for good."""
        consultations.complete(self, actor, consultation_id)

    @retried
    def amend(self, actor: Actor, consultation: Consultation, reason: str,
              expected_version: int | None = None) -> int:
        """Change a completed consultation; the earlier version stays. Returns the new version.

        ``expected_version`` as for :meth:`save_draft`."""
        return consultations.amend(self, actor, consultation, reason, expected_version)

    @retried
    def get(self, actor: Actor, consultation_id: str) -> tuple[Consultation, RecordSummary]:
        """Open a record (audited as a view). Front desk gets summaries and the stored
        handouts, never the full clinical record (issue 12.10)."""
        return consultations.get(self, actor, consultation_id)

    @retried
    def versions(self, consultation_id: str) -> list[tuple[int, str, str, str]]:
        """(version, status, saved_at, reason) of every kept version, oldest first."""
        return consultations.versions(self, consultation_id)

    # -- handouts (records.handouts) ------------------------------------------------------------
    @retried
    def record_handout(self, actor: Actor, consultation_id: str, pdf: bytes, pack_version: str,
                       settings: ClinicSettings, action: str = "print") -> StoredHandout:
        """Keep the exact PDF given to the patient; completes a draft first."""
        return handouts.record(self, actor, consultation_id, pdf, pack_version, settings,
                               action)

    @retried
    def latest_handout(self, consultation_id: str) -> StoredHandout | None:
        return handouts.latest(self, consultation_id)

    @retried
    def handouts(self, consultation_id: str) -> list[StoredHandout]:
        """Every handout given for a consultation, oldest first (a signature drawn on screen
        adds a version; the earlier one stays)."""
        return handouts.given(self, consultation_id)

    @retried
    def reprint(self, actor: Actor, consultation_id: str) -> StoredHandout:
        """The handout exactly as given (byte-identical), for front desk or physician."""
        return handouts.reprint(self, actor, consultation_id)

    @retried
    def acknowledge(self, actor: Actor, consultation_id: str, ack: Acknowledgement,
                    signed_pdf: bytes | None = None,
                    settings: ClinicSettings | None = None) -> int:
        """Record the patient's acknowledgement of receipt and discussion (not consent); with
        a drawn signature, ``signed_pdf`` is stored as a new handout-as-given version. Returns
        the record's new version (rules: :func:`consultaid.records.handouts.acknowledge`)."""
        return handouts.acknowledge(self, actor, consultation_id, ack, signed_pdf, settings)

    # -- finding (records.finding) --------------------------------------------------------------
    @retried
    def summary(self, consultation_id: str) -> RecordSummary | None:
        """The list row of one record (no clinical content, so not audited as a view)."""
        return finding.summary(self, consultation_id)

    @retried
    def search(self, query: SearchQuery, limit: int = 200, offset: int = 0) -> list[RecordSummary]:
        """Newest visits first, one page at a time."""
        return finding.search(self, query, limit, offset)

    @retried
    def change_token(self) -> tuple[int, str]:
        """Changes whenever a record is added or changed, on any workstation: the records
        view polls it to show others' work within seconds."""
        return finding.change_token(self)

    @retried
    def count(self, query: SearchQuery) -> int:
        return finding.count(self, query)

    # -- moving records (records.exchange) ------------------------------------------------------
    @retried
    def import_json(self, actor: Actor, text: str | bytes, source: str,
                    pack: ContentPack | None = None) -> str:
        """Import one record; a malformed file writes nothing. Returns the consultation ID.
        With ``pack`` (every import a person makes), a record the app could not use with it
        is refused (:func:`consultaid.records.exchange.import_json`)."""
        return exchange.import_json(self, actor, text, source, pack)

    @retried
    def export_json(self, actor: Actor, consultation_id: str) -> str:
        return exchange.export_json(self, actor, consultation_id)

    @retried
    def export_record(self, actor: Actor, consultation_id: str, fmt: str
                      ) -> tuple[Consultation, RecordSummary, list[StoredHandout]]:
        """A record and its handouts as given, for an export in another form than its own JSON
        (``fmt``: "fhir"); refused unless both verify. Physicians only."""
        return exchange.export_record(self, actor, consultation_id, fmt)

    @retried
    def export_handouts(self, actor: Actor, consultation_id: str, fmt: str) -> HandoutExport:
        """The handouts as given and who they were given to, for front desk (or a physician)
        to send to the health record: no clinical field of the record leaves with them."""
        return exchange.export_handouts(self, actor, consultation_id, fmt)

    @retried
    def audit_trail(self, actor: Actor, consultation_id: str
                    ) -> list[tuple[audit.AuditEntry, str]]:
        """Every audit entry about one record, oldest first, with the name of the account
        that made each: for a physician's export of the whole record."""
        return exchange.audit_trail(self, actor, consultation_id)

    # -- the second physician's review (issue 11.1; records.reviews) -----------------------------
    @retried
    def sign_review(self, reviewer_name: str, pin: str, consultation_id: str, decision: str,
                    comment: str = "") -> SignedReview:
        """A physician other than the consultation's owner signs its review with their PIN."""
        return reviews.sign(self, reviewer_name, pin, consultation_id, decision, comment)

    @retried
    def review_candidates(self, consultation_id: str) -> tuple[str, list[User]]:
        """Who could sign a consultation's review: the audit actor that created it ("user:3";
        "" if unknown: that physician may not review their own) and every active account."""
        return reviews.owner(self, consultation_id), accounts.active_users(self)

    @retried
    def signed_review(self, consultation_id: str) -> SignedReview | None:
        """The latest signed review of a consultation (current or not: see review_state)."""
        return reviews.latest(self, consultation_id)

    @retried
    def waiting_for_review(self, user: User) -> list[RecordSummary]:
        """Drafts ``user`` could review now (created by another physician, not yet covered)."""
        accounts.require(self, user, "physician")
        return reviews.waiting_for(self, user)

    # -- checking (records.checking) ------------------------------------------------------------
    def verify(self, *, with_anchor: bool = True) -> list[str]:
        """Integrity check, the audit chain, every row against it both ways, and the chain
        against this computer's anchor (``with_anchor`` False leaves that out)."""
        return checking.verify(self, with_anchor=with_anchor)

    def accept_restore(self, actor: Actor) -> None:
        """After a backup was restored on purpose: if the restored database verifies in every
        other way, its last audit entry becomes this computer's anchor (audited)."""
        checking.accept_restore(self, actor)
