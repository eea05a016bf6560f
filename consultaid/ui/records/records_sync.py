"""The consultation on screen and its record: status, autosave, amendments, the handout as
given, crash recovery and opening a stored record.

Where a save goes is decided by :func:`consultaid.session.saving.save_target`; this carries it
out and says what happened.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.vocabulary import RecordStatus
from consultaid.services import handout_content
from consultaid.session.saving import SaveTarget, status_label
from consultaid.ui.messages import ask_amendment_reason, ask_yes
from consultaid.ui.records.draft_saver import DraftSaver
from consultaid.ui.records.kept_here import KeptHere
from consultaid.ui.records.records_ops import RecordsOps
from consultaid.ui.translation import translated

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from consultaid.content.pack import ContentPack
    from consultaid.records.service import RecordsService, RecordSummary, StoredHandout
    from consultaid.settings import ClinicSettings
    from consultaid.ui.access.access_model import AccessModel
    from consultaid.ui.state import ConsultationState


class RecordsView(Protocol):
    """What the records controller needs of the window: where to go and what to say."""

    def show_message(self, text: str, error: bool = False, source: str = "",
                     lasting: bool = False) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def show_wizard(self) -> None: ...
    def go_to(self, index: int) -> None: ...
    def say_opened(self, text: str) -> None: ...
    def say_reconnecting(self, text: str) -> None: ...

UNFINISHED_KEY = "records/unfinished"
"""The draft being worked on, as "<consultation ID>|<user ID>"; removed on a clean close."""
AUTOSAVE_MS = 1500


class RecordsController(QObject):
    draft_saved = Signal(str)
    """A draft was written to the records (its consultation ID)."""
    handout_recorded = Signal(str)
    """The handout as given was stored with the record (its SHA-256)."""

    def __init__(self, state: ConsultationState, access: AccessModel, window: RecordsView,
                 dialog_parent: QWidget, save_target: Callable[[], SaveTarget],
                 maybe_save: Callable[[], bool], restart_steps: Callable[[bool], None],
                 pack: ContentPack, settings: Callable[[], ClinicSettings]) -> None:
        """``save_target``: where a save goes now; ``maybe_save``: ask before unsaved changes
        are dropped; ``restart_steps``: the steps list starts again (True: a stored or saved
        consultation, seen when made); ``settings``: the clinic's settings now."""
        super().__init__(dialog_parent)
        self.state, self.access, self.window = state, access, window
        self.dialog_parent, self.save_target = dialog_parent, save_target
        self.maybe_save = maybe_save
        self.restart_steps, self.pack, self.settings = restart_steps, pack, settings
        self.record_version: int | None = None
        """The stored version this screen was opened from or last saved (issue 13.2: a save
        over a newer version from another workstation is refused)."""
        self._told_amendment = False
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self._autosave_tick)
        self.kept = KeptHere(self, access, window, dialog_parent=dialog_parent, parent=self)
        self._stored: Consultation | None = None
        """The consultation as the records hold it (a copy), to tell a reprint variant (only
        the handout's language, size or paper differ) from an amendment."""
        self._saver: DraftSaver | None = None
        self._known: RecordSummary | None = None
        """The summary of a record being opened (its status needs no second question)."""
        self.looking_up: str | None = None
        """The consultation whose status the records are being asked for."""
        self.opening = False
        """A stored record is being read on the records thread."""
        self._edits = 0
        """Edits made on screen, counted: a background save of an older snapshot leaves the
        screen unsaved."""
        self.state.edited.connect(self.on_edited)
        access.ops_changed.connect(lambda ops: ops.reconnecting.connect(window.say_reconnecting))
        self.state.replaced.connect(self.on_replaced)

    @property
    def record_status(self) -> str | None:
        """The current consultation's status in the records (None: not stored there); the
        state holds it, so that its overview reads it."""
        return self.state.record_status

    @record_status.setter
    def record_status(self, status: str | None) -> None:
        self.state.set_record_status(status)

    def handout_given(self) -> bool:
        return self.state.overview.handout_given

    def flush(self) -> None:
        """A pending autosave is written now (before a question or a close)."""
        self.settle()
        if self.autosave_timer.isActive():
            self.autosave_now()

    # Autosave on a background thread (issue 12.6: a busy or absent records never freezes
    # the window); the explicit saves below wait for it, then run here. -----------------------
    @property
    def ops(self) -> RecordsOps | None:
        """The runner every records call goes through (the access model's)."""
        return self.access.ops

    def _background(self) -> DraftSaver | None:
        ops = self.ops
        if ops is None:
            return None
        if self._saver is None or self._saver.ops is not ops:
            self._saver = DraftSaver(self, ops)
            self._saver.ready.connect(self._background_done)
        return self._saver

    def save_in_background(self) -> None:
        """At the lock: unsaved changes go to the records now, without waiting for them."""
        if self.state.dirty or self.autosave_timer.isActive():
            self.autosave_in_background()

    def autosave_in_background(self) -> None:
        self.autosave_timer.stop()
        self.kept.retry_timer.stop()
        saver, user = self._background(), self.access.user
        if saver is None or user is None or self.save_target() is not SaveTarget.DRAFT:
            return
        if saver.busy:
            self.autosave_timer.start()  # the newer changes go once this save is done
            return
        saver.start(user, copy.deepcopy(self.state.consultation), self.record_version,
                    self._edits)

    def settle(self) -> None:
        """Wait for a background save, and take in what it did (before a synchronous save, a
        question or a close)."""
        if self._saver is not None and self._saver.busy:
            self._saver.wait()
            self._background_done()

    def _background_done(self) -> None:
        from consultaid.records.errors import StoreUnavailable  # (records are open by now)

        outcome = self._saver.take() if self._saver is not None else None
        if outcome is None:
            return
        snapshot = outcome.snapshot
        here = snapshot.consultation_id == self.state.consultation.consultation_id
        if isinstance(outcome.problem, StoreUnavailable):
            self.kept.keep_draft(outcome.problem, snapshot, outcome.expected_version)
        elif outcome.problem is not None:
            self.window.show_message(self.tr(
                    "The draft could not be kept in the records: {problem}").format(
                    problem=outcome.problem), error=True)
        elif here:
            if outcome.changed and self.record_version == outcome.expected_version:
                self.record_version = (self.record_version or 0) + 1
            self._saved(snapshot, clean=self._edits == outcome.edits)

    def close(self) -> None:
        """The window closes or the records change: end the background connection."""
        if self._saver is not None:
            self._saver.close()
            self._background_done()
            self._saver = None
        self.access.close()

    def on_replaced(self) -> None:
        """Find out whether this consultation is already stored, and in what state."""
        self.autosave_timer.stop()
        self.kept.retry_timer.stop()
        self._told_amendment = False
        cid = self.state.consultation.consultation_id
        known, self._known = self._known, None
        ops = self.ops
        if known is not None and known.id == cid:
            self._status_found(cid, known)  # (opened from the records: its status came along)
        elif ops is None:
            self._status_found(cid, None)
        else:
            self._status_found(cid, None)
            self.looking_up = cid  # edits wait for the answer before anything is saved

            def found(summary: RecordSummary | None) -> None:
                if self.looking_up == cid:
                    self.looking_up = None
                    self._status_found(cid, summary)

            def unknown(_exc: ConsultaidError) -> None:
                if self.looking_up == cid:
                    self.looking_up = None

            ops.run(lambda records: records.summary(cid), found, unknown, name="status")

    def _status_found(self, cid: str, found: RecordSummary | None) -> None:
        """The records said whether (and how) the consultation on screen is stored."""
        if cid != self.state.consultation.consultation_id:
            return  # another consultation is on screen by now
        self.record_status = found.status if found else None
        self.record_version = found.version if found else None
        self._stored = copy.deepcopy(self.state.consultation) if self.record_status else None
        self.restart_steps(self.record_status is not None or self.state.path is not None)
        if self.record_status == RecordStatus.DRAFT and self.access.user is not None:
            self._remember_unfinished()
        else:
            QSettings().remove(UNFINISHED_KEY)

    def _remember_unfinished(self) -> None:
        user = self.access.user
        assert user is not None
        QSettings().setValue(UNFINISHED_KEY,
                             f"{self.state.consultation.consultation_id}|{user.id}")

    def forget_unfinished(self) -> None:
        QSettings().remove(UNFINISHED_KEY)

    def on_edited(self) -> None:
        self._edits += 1
        target = self.save_target()
        if target in (SaveTarget.DRAFT, SaveTarget.AMENDMENT):
            self.autosave_timer.start()
        if target is SaveTarget.AMENDMENT and not self._told_amendment:
            self._told_amendment = True
            self.window.show_message(self.tr(
                    "This consultation is completed. Your changes become an amendment when "
                    "you save (File > Save); the earlier version is kept."))

    def _autosave_tick(self) -> None:
        """About 1.5 s after the last change: a draft to the records, or — while they do not
        answer — to this computer only (and tried again); an amendment in progress to this
        computer (it reaches the records with its reason)."""
        if self.looking_up is not None:
            self.autosave_timer.start()  # where it goes is not known yet
            return
        target = self.save_target()
        if target is SaveTarget.AMENDMENT:
            if self.state.dirty and not self.presentation_only():
                self.kept.keep_amendment()
        elif self.kept.waiting and target is SaveTarget.DRAFT:
            self.kept.keep_draft(None)
        else:
            self.autosave_in_background()

    def autosave_now(self) -> bool:
        """Write the draft now, here (File > Save, before a handout; the timer saves in the
        background about 1.5 s after the last change)."""
        self.settle()
        self.autosave_timer.stop()
        self.kept.retry_timer.stop()
        if self.save_target() is not SaveTarget.DRAFT:
            return False
        ops, user = self.access.ops, self.access.user
        assert ops is not None and user is not None
        consultation = self.state.consultation
        snapshot, expected = copy.deepcopy(consultation), self.record_version
        from consultaid.records.errors import StoreUnavailable  # (records are open by now)
        try:
            # The version this screen holds: saved elsewhere meanwhile -> refused, not lost.
            # On the records thread; the window paints meanwhile (issue 27).
            if ops.wait(lambda records: records.save_draft(user, snapshot,
                                                           expected_version=expected),
                        writes=True, name="save-draft-now"):
                self.record_version = (self.record_version or 0) + 1
        except StoreUnavailable as exc:
            self.kept.keep_draft(exc)
            return False
        except ConsultaidError as exc:
            self.window.show_message(self.tr(
                    "The draft could not be kept in the records: {exc}").format(exc=exc),
                                     error=True)
            return False
        self._saved(consultation, clean=True)
        return True

    def _saved(self, consultation: Consultation, clean: bool) -> None:
        """The records hold ``consultation`` as a draft now (``clean``: as on screen)."""
        if self.kept.saved(consultation.consultation_id):
            self.window.show_message(self.tr(
                    "The records answer again: the draft kept on this computer is now "
                    "saved in the records."))
        self.record_status = RecordStatus.DRAFT
        self._remember_unfinished()
        if clean:
            self.state.mark_clean()
        self._stored = copy.deepcopy(consultation)
        self.draft_saved.emit(consultation.consultation_id)

    def save_to_records(self) -> bool:
        """File > Save with records: the draft now, or an amendment with its reason."""
        if self.save_target() is SaveTarget.DRAFT:
            if not self.autosave_now():
                return False
            self.window.statusBar().showMessage(self.tr("Saved as a draft in the records."), 8000)
            return True
        if not self.state.dirty:
            return True
        reason = ask_amendment_reason(self.dialog_parent)
        if reason is None:
            self.window.show_message(self.tr("The amendment was not saved: a reason is needed."),
                                     error=True)
            return False
        ops, user = self.access.ops, self.access.user
        assert ops is not None and user is not None
        cid = self.state.consultation.consultation_id
        snapshot, expected = copy.deepcopy(self.state.consultation), self.record_version

        def amend(records: RecordsService) -> tuple[int, list[Any]]:
            version = records.amend(user, snapshot, reason, expected_version=expected)
            # Count the amendments people made, not the database's saves (autosaves bump it).
            return version, [v for v in records.versions(cid)
                             if v[3] not in (RecordStatus.COMPLETED, "imported")]

        try:
            self.record_version, made = ops.wait(amend, writes=True, name="amend")
        except ConsultaidError as exc:
            self.window.show_message(self.tr("The amendment was not saved: {exc}").format(exc=exc),
                    error=True)
            return False
        self.state.mark_clean()
        self._stored = copy.deepcopy(self.state.consultation)
        self.kept.saved(cid)
        self.window.show_message(self.tr(
                "Amendment {max} saved; the earlier version is kept.").format(
                max=max(1, len(made))))
        return True

    # The handout as given ------------------------------------------------------------------
    def presentation_only(self) -> bool:
        """Whether the screen differs from the stored record only in how the handout is made
        (its language, large print, paper): a copy of it is a reprint variant, no amendment."""
        if self._stored is None:
            return False
        current = copy.copy(self.state.consultation)
        current.handout = self._stored.handout
        return current == self._stored

    def prepare_to_give(self) -> bool:
        """Before a handout is written or printed: on a completed record whose clinical content
        changed, the amendment (with its reason) is saved first; Cancel stops everything, so
        nothing reaches the disk or the printer that the record would not hold."""
        if (self.save_target() is not SaveTarget.AMENDMENT or not self.state.dirty
                or self.presentation_only()):
            return True
        if self.save_to_records():
            return True
        self.window.show_message(self.tr(
                "Nothing was saved or printed: the changes to this completed consultation "
                "need an amendment, with its reason, first. The handout as given is "
                "unchanged."), error=True)
        return False

    def record_handout(self, pdf: object, action: str) -> None:
        """Store the exact bytes that were written or printed with the record."""
        target = self.save_target()
        records, user = self.access.records, self.access.user
        variant = target is SaveTarget.AMENDMENT and self.state.dirty and self.presentation_only()
        if not isinstance(pdf, bytes) or records is None or target is SaveTarget.REFUSED:
            return
        if target is SaveTarget.FILE:
            self.window.show_message(self.tr(
                    "The handout was not stored with the record, because the records "
                    "database is read-only (see the message above)."),
                                     error=True)
            return
        save_first = target is SaveTarget.DRAFT
        if save_first:
            self.settle()  # (an autosave already running goes first)
            self.autosave_timer.stop()
            self.kept.retry_timer.stop()
        elif self.state.dirty and not variant and not self.save_to_records():
            self.window.show_message(self.tr(
                    "The handout was not stored with the record, because the changes were "
                    "not saved as an amendment."), error=True)
            return
        ops = self.ops
        assert user is not None and ops is not None
        snapshot = copy.deepcopy(self.state.consultation)
        cid, expected, edits = snapshot.consultation_id, self.record_version, self._edits
        pack, settings = self.pack, self.settings()
        draft_failed: list[bool] = []
        from consultaid.records.errors import StoreUnavailable  # (records are open by now)

        def store(records: RecordsService) -> tuple[bool, StoredHandout]:
            """(records thread) The draft as on screen, then the handout as given."""
            changed = False
            if save_first:
                draft_failed.append(True)
                changed = records.save_draft(user, snapshot, expected_version=expected)
                draft_failed.clear()
            used = handout_content(snapshot, pack)[0]
            return changed, records.record_handout(user, cid, pdf, used.provenance, settings,
                                                   action=action)

        def stored(result: tuple[bool, StoredHandout]) -> None:
            changed, handout = result
            if save_first:
                if changed and self.record_version == expected:
                    self.record_version = (self.record_version or 0) + 1
                self._saved(snapshot, clean=self._edits == edits)
            self._handout_stored(handout, variant)

        def refused(exc: ConsultaidError) -> None:
            if draft_failed and isinstance(exc, StoreUnavailable):
                self.kept.keep_draft(exc)
            elif draft_failed:
                self.window.show_message(self.tr(
                        "The draft could not be kept in the records: {exc}").format(exc=exc),
                                         error=True)
            else:
                self.window.show_message(self.tr(
                        "The handout was not stored with the record: {exc}").format(exc=exc),
                                         error=True)

        ops.run(store, stored, refused, writes=True, name="record-handout")

    def _handout_stored(self, stored: StoredHandout, variant: bool) -> None:
        self.record_status = RecordStatus.HANDOUT_GIVEN
        QSettings().remove(UNFINISHED_KEY)
        if variant:  # (its language, size or paper are not worth an amendment)
            self.state.mark_clean()
            self.window.show_message(self.tr(
                    "Stored as a reprint variant of the handout as given; the consultation "
                    "itself is unchanged."))
        self.window.statusBar().showMessage(self.tr(
                "The handout as given is stored with the record."),
                                            8000)
        self.handout_recorded.emit(stored.sha256)

    # Crash recovery and opening stored records ---------------------------------------------
    def unfinished_draft(self) -> str | None:
        """The ID of this user's draft left open by a crash, if it is still a draft."""
        value = QSettings().value(UNFINISHED_KEY, "")
        cid, _, user_id = str(value or "").partition("|")
        records, user = self.access.records, self.access.user
        if not cid or user is None or user_id != str(user.id) or records is None:
            return None
        found = records.summary(cid)
        return cid if found is not None and found.status == RecordStatus.DRAFT else None

    def offer_unfinished(self) -> None:
        """After a crash: "You have an unfinished consultation for … Open it?"."""
        if self.kept.offer():
            return
        cid = self.unfinished_draft()
        records = self.access.records
        if cid is None or records is None:
            return
        found = records.summary(cid)
        assert found is not None
        try:
            when = dt.datetime.fromisoformat(found.updated_at).astimezone()
            stamp = when.strftime("%Y-%m-%d %H:%M")
        except ValueError:
            stamp = found.updated_at
        who = found.patient_name.strip() or self.tr("a patient without a name yet")
        if ask_yes(self.dialog_parent, self.tr("Unfinished consultation"),
                   self.tr("You have an unfinished consultation for {who} from {stamp}. "
                           "Open it?").format(who=who, stamp=stamp)):
            self.open_record(cid, ask=False)
        else:
            QSettings().remove(UNFINISHED_KEY)

    def open_record(self, consultation_id: str, ask: bool = True) -> bool:
        """Open a stored consultation in the wizard (physicians only; audited as a view)."""
        records, user = self.access.records, self.access.user
        if (records is None or user is None or self.access.locked
                or not self.access.physician):
            return False
        if ask and not self.maybe_save():
            return False
        ops = self.ops
        if ops is None or self.opening:
            return False
        self.opening = True

        def opened(got: tuple[Consultation, RecordSummary]) -> None:
            self.opening = False
            if self.access.user is not user or self.access.locked:
                return  # signed out or locked meanwhile: nothing of it is shown
            self._show_opened(*got)

        def refused(exc: ConsultaidError) -> None:
            self.opening = False
            self.window.show_message(self.tr("The consultation could not be opened: {exc}").format(
                    exc=exc), error=True)

        ops.run(lambda r: r.get(user, consultation_id), opened, refused, writes=True,
                name="open")
        return True

    def _show_opened(self, consultation: Consultation, summary: RecordSummary) -> None:
        self._known = summary
        self.state.replace(consultation)
        self.window.show_wizard()
        self.window.go_to(0)
        self.window.say_opened(self.tr(
                "Opened the consultation of {visit_date} ({status_label}).").format(
                visit_date=summary.visit_date,
                status_label=translated(status_label(summary.status))))
        if not summary.matches_audit:
            self.window.show_message(
                self.tr("This record does not match its audit log: it was changed outside "
                        "consultaid. Do not rely on it until the clinic's IT person has "
                        "checked the records (consultaid records verify) or restored them "
                        "from a backup."), error=True)
