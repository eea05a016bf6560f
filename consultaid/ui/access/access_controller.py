"""Who is at the screen: attaching the records, the first account, sign-in and sign-out,
locking and unlocking, and the inactivity lock.

What each person may then use is :class:`consultaid.session.access.Access`; the window applies it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.domain.vocabulary import Role
from consultaid.session.access import role_label
from consultaid.ui.access.idle import IdleWatcher
from consultaid.ui.records.records_ops import RecordsOps, Unexpected
from consultaid.ui.translation import translate, translated

if TYPE_CHECKING:
    from consultaid.records.service import Health, RecordsService, SignInPaused
    from consultaid.records.users import User
    from consultaid.ui.access.access_model import AccessModel
    from consultaid.ui.access.access_page import AccessPage
    from consultaid.ui.access.access_window import AccessWindow
    from consultaid.ui.documents import DocumentController
    from consultaid.ui.records.records_sync import RecordsController
    from consultaid.ui.state import ConsultationState

WRONG_PIN = QT_TRANSLATE_NOOP("AccessController", "That PIN is not right. Try again, or sign out.")
PIN_CHANGE_DUE = (QT_TRANSLATE_NOOP("AccessController",
        "Please choose a new PIN now: yours was reset by someone else, or it is shorter "
        "than PINs may now be. Type the PIN you just signed in with, then the new one "
        "twice."))


def read_only_message(health: Health) -> str:
    """Why nothing is written to the records, what to do, and where the latest backup is."""
    backup = health.latest_backup
    where = (translate("AccessController",
            "The latest backup is {backup}; to restore it, see \"Records, backups and "
            "restoring\" in the README.").format(backup=backup) if backup else
             translate("AccessController",
                     "No backup was found next to it; ask your IT contact before going on."))
    return (translate("AccessController",
            "The records database {path} failed its check at start-up, so it is open "
            "read-only: nothing is written to it (no drafts, no handouts, no changes). "
            "{where} You can keep working: consultations can still be saved and opened as "
            "JSON files (File > Save As…, Open…). Technical detail: {detail}").format(
            path=health.place, where=where, detail=health.problem.replace(chr(10), '; ')))


class AccessController(QObject):
    def __init__(self, window: AccessWindow, access: AccessModel, page: AccessPage, *,
                 state: ConsultationState, records_sync: RecordsController,
                 documents: DocumentController, lock_minutes: int,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.dialog_parent = dialog_parent
        self.window = window
        self.access = access
        """Who is signed in, the records and their runner, the lock (this changes them)."""
        self.page = page
        self.state = state
        self.records_sync = records_sync
        self.documents = documents
        self.idle = IdleWatcher(lock_minutes, self)
        self.idle.idle.connect(self.lock)
        self._shown_before_lock: QWidget = window.wizard
        self._kept_dialogs: list[QDialog] = []
        """Dialogs open when the screen locked: hidden, and shown again on unlocking."""
        self._wrong_pins: dict[str, list[float]] = {}
        """When wrong PINs were typed here, per name (for the countdown of a pause)."""
        self.checking = False
        """A PIN (or the records' first answer) is being checked on the records thread."""
        self.page.create_requested.connect(self._create_first_account)
        self.page.sign_in_requested.connect(self._sign_in)
        self.page.unlock_requested.connect(self._unlock)
        self.page.sign_out_requested.connect(self.sign_out)
        self.page.continue_requested.connect(self.continue_without_records)

    def show_access(self) -> None:
        """Nothing but the access page: no patient on screen, no menu that reaches one."""
        self.window.root.setCurrentWidget(self.page)
        self.window.apply_access()
        self.page.focus_first()

    # Opening the records ------------------------------------------------------------------
    def attach_records(self, service: RecordsService) -> None:
        """The records database is open: say if it is read-only, then ask who is there."""
        w = self.window
        self.access.records = service
        w.add_records_page(service)
        self.state.rederive()  # the review is read from these records now
        store = service.health()
        if store.transport_warning:
            w.show_transport_warning(store.transport_warning)
        if store.read_only and not store.damaged:
            w.show_message(self.tr(
                    "The records are open read-only: {problem}. Nothing is lost and no "
                    "backup is needed; ask the clinic's IT person to give this account "
                    "write access, then start consultaid again.").format(problem=store.problem),
                           error=True, lasting=True)
        elif store.read_only:
            w.show_message(read_only_message(store), error=True,
                           lasting=True)
        self.checking = True

        def found(has_users: bool) -> None:
            self.checking = False
            if self.access.user is None:  # (nobody was signed in meanwhile, e.g. the self-test)
                self._ask_who(has_users, store.read_only)

        def unreadable(_exc: ConsultaidError) -> None:
            self.checking = False
            self.records_unavailable(self.tr("The records database cannot be read."))

        self._ops().run(lambda records: records.has_users(), found, unreadable, name="has-users")

    def _ops(self) -> RecordsOps:
        ops = self.access.ops
        assert ops is not None, "no records attached"
        return ops

    def _ask_who(self, has_users: bool, read_only: bool) -> None:
        """The records answered: the first account, or sign-in."""
        if not has_users and read_only:
            self.records_unavailable(self.tr(
                    "The records database cannot be written, so no account can be created."))
        elif not has_users:
            self.page.show_first_account()
            self.show_access()
        else:
            self.show_sign_in()

    def show_sign_in(self) -> None:
        """The sign-in page, offering the active accounts' names as the name is typed."""
        if self.access.records is not None:
            self._ops().run(lambda records: [u.name for u in records.users()],
                            self.page.set_names, lambda _exc: None,  # typed in full, as before
                            name="users")
        self.page.show_sign_in()
        self.show_access()

    def records_unavailable(self, problem: str) -> None:
        """The records cannot be used at all: offer to work with JSON files only."""
        self.page.show_unavailable(
            self.tr("{problem} You can continue without records: consultations are then "
                    "saved and opened as JSON files only, and no handout is stored.").format(
                    problem=problem))
        self.show_access()

    def continue_without_records(self) -> None:
        w = self.window
        self.access.records = None
        self.access.user = None
        w.user_label.setText(self.tr("Records not available"))
        w.show_wizard()
        w.apply_access()
        w.open_pending()

    # Signing in and out -------------------------------------------------------------------
    def _create_first_account(self, name: str, pin: str) -> None:
        if self.access.records is None or self.checking:
            return
        self.checking = True

        def created(user: User) -> None:
            self.checking = False
            self.signed_in(user)

        def refused(exc: ConsultaidError) -> None:
            self.checking = False
            self.page.show_error(str(exc))

        def create(records: RecordsService) -> User:
            """The account, then signed in with it as at every other start: the audit log
            and File > Accounts… show when its first session began."""
            records.create_user(None, name, Role.PHYSICIAN, pin)
            return records.sign_in(name, pin)

        self._ops().run(create, created, refused, writes=True, name="create-user")

    def _sign_in(self, name: str, pin: str) -> None:
        if self.access.records is None or self.checking:
            return
        from consultaid.records.service import SignInPaused

        self.checking = True  # (the PIN is hashed on the records thread: ~40 ms)

        def refused(exc: ConsultaidError) -> None:
            self.checking = False
            if isinstance(exc, SignInPaused):
                self.page.show_paused(str(exc), self._pause_seconds(name, exc))
            elif isinstance(exc, Unexpected):
                self.page.show_error(self.tr(
                        "The records cannot be read just now; try again in a moment."))
            else:
                self._note_wrong_pin(name)
                self.page.show_error(str(exc))

        def welcome(user: User) -> None:
            self.checking = False
            self.signed_in(user)

        self._ops().run(lambda records: records.sign_in(name, pin), welcome, refused,
                        name="sign-in")

    def signed_in(self, user: User) -> None:
        """Show what this user's role may use, and offer an unfinished draft back."""
        w = self.window
        self.access.user = user
        self.access.locked = False
        w.user_label.setText(self.tr("Signed in: {name} ({role_label})").format(
                name=user.name, role_label=translated(role_label(user.role))))
        physician = user.role == Role.PHYSICIAN
        w.apply_access()
        assert w.records_page is not None
        w.records_page.set_user(user)
        self.idle.start()
        state = self.state
        untouched = (not state.dirty and state.path is None
                     and self.records_sync.record_status is None
                     and not state.consultation.physician and not state.consultation.patient.name)
        if physician and untouched:
            # A default, not an edit: nothing to save or autosave until the user changes something.
            state.consultation.physician = user.name
            state.changed.emit()
        w.update_title()
        if physician:
            w.show_wizard()
            self.records_sync.offer_unfinished()
            w.open_pending()
            w.focus_next_patient()
        else:
            w.show_records()
        if user.pin_change_due:  # on top of whatever signing in showed
            self.change_own_pin(PIN_CHANGE_DUE)

    def sign_out(self) -> None:
        """Keep the work, forget who is signed in, and ask again."""
        w = self.window
        if self.access.user is None:
            return
        if self.access.locked:
            self.records_sync.autosave_now()
        elif not self.documents.maybe_save():
            return
        if self.access.records is not None:
            user = self.access.user
            self._ops().run(lambda records: records.log(user, "sign-out"), name="sign-out")
        self.idle.stop()
        self._drop_kept_dialogs()
        self.access.user = None
        self.access.locked = False
        w.user_label.setText(self.tr("Not signed in"))
        if w.records_page is not None:
            w.records_page.clear()
        self.state.replace(w.new_consultation_value())
        w.go_to(0)
        w.message_bar.hide()
        w.statusBar().clearMessage()
        self.show_sign_in()
        w.update_title()

    def show_accounts(self) -> None:
        """File > Accounts…: a physician lists, adds, deactivates accounts and resets PINs."""
        from consultaid.ui.access.accounts_list import AccountsDialog

        w = self.window
        records, user = self.access.records, self.access.user
        if records is None or user is None or not w.access().permissions.manage_accounts:
            return
        # Each of its calls runs on the records thread.
        dialog = AccountsDialog(self._ops(), user, self.dialog_parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def change_own_pin(self, reason: str = "") -> None:
        """File > Change my PIN…, or asked at sign-in when the PIN was reset or is short."""
        from consultaid.ui.access.accounts_dialog import PinDialog

        w = self.window
        records, user = self.access.records, self.access.user
        if records is None or user is None or not w.access().permissions.change_own_pin:
            return
        dialog = PinDialog(self._ops(), user, reason=reason, parent=self.dialog_parent)
        dialog.accepted.connect(lambda: w.show_message(self.tr("Your PIN was changed.")))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # Locking ------------------------------------------------------------------------------
    def lock(self) -> None:
        """Hide every patient detail until the signed-in user's PIN is entered again."""
        w = self.window
        if self.access.user is None or self.access.locked:
            return
        # Lock first, save afterwards: a busy or failing database must never keep the patient
        # on screen (issue 12.7). The save and the audit entry are best effort.
        self.access.locked = True
        self.idle.stop()
        current = w.root.currentWidget()
        self._shown_before_lock = (current if current is not None
                                   and current is not self.page else w.wizard)
        self._keep_dialogs()
        if w.records_page is not None:
            w.records_page.clear()
        w.message_bar.hide()
        w.statusBar().clearMessage()
        self.page.show_locked(self.access.user.name)
        self.show_access()
        w.update_title()
        # Both on the records thread: the lock screen is painted and never waits for them.
        self.records_sync.save_in_background()
        if self.access.records is not None:
            user = self.access.user
            self._ops().run(lambda records: records.log(user, "lock"), name="lock")

    def _unlock(self, pin: str) -> None:
        if self.access.user is None or self.access.records is None or self.checking:
            return
        from consultaid.records.service import SignInPaused

        user = self.access.user
        self.checking = True

        def refused(exc: ConsultaidError) -> None:
            self.checking = False
            if isinstance(exc, SignInPaused):
                self.page.show_paused(str(exc), self._pause_seconds(user.name, exc))
                return
            if not isinstance(exc, Unexpected):
                self._note_wrong_pin(user.name)
            self.page.show_error(translated(WRONG_PIN))

        def checked(again: User) -> None:
            self.checking = False
            if again.id != user.id or self.access.user is not user or not self.access.locked:
                self.page.show_error(translated(WRONG_PIN))
                return
            self._unlocked(user)

        self._ops().run(lambda records: records.sign_in(user.name, pin), checked, refused,
                        name="unlock")

    def _unlocked(self, user: User) -> None:
        w = self.window
        self.access.locked = False
        self._ops().run(lambda records: records.log(user, "unlock"), name="unlock-log")
        w.apply_access()
        w.root.setCurrentWidget(self._shown_before_lock)
        if self._shown_before_lock is w.records_page and w.records_page is not None:
            w.records_page.apply_filters()
        self.idle.start()
        w.update_title()
        self._show_kept_dialogs()

    # Dialogs under the lock (issue 26.5) -----------------------------------------------------
    def _keep_dialogs(self) -> None:
        """Hide the open dialogs, keeping what was typed in them except PINs; a dialog whose
        caller waits for its answer (``exec``) is cancelled as before."""
        for dialog in self.window.dialogs():
            if not dialog.isVisible():
                continue
            if dialog.windowModality() == Qt.WindowModality.ApplicationModal:
                dialog.reject()
                continue
            for edit in dialog.findChildren(QLineEdit):
                if edit.echoMode() != QLineEdit.EchoMode.Normal:
                    edit.clear()  # a PIN is typed again by whoever comes back
            dialog.hide()
            self._kept_dialogs.append(dialog)

    def _show_kept_dialogs(self) -> None:
        kept, self._kept_dialogs = self._kept_dialogs, []
        for dialog in kept:
            dialog.show()
            dialog.activateWindow()

    def _drop_kept_dialogs(self) -> None:
        kept, self._kept_dialogs = self._kept_dialogs, []
        for dialog in kept:
            dialog.reject()

    # Wrong PINs and pauses (issue 26.5) ------------------------------------------------------
    def _note_wrong_pin(self, name: str) -> None:
        self._wrong_pins.setdefault(name.strip().casefold(), []).append(time.monotonic())

    def _pause_seconds(self, name: str, exc: SignInPaused) -> int:
        """How long the records will refuse ``name``: ``exc.failures`` wrong PINs within the
        pause pause an account until the oldest of them is that old. Wrong PINs typed elsewhere
        are not known here, so without that many seen here it says the whole pause."""
        window = exc.seconds
        now = time.monotonic()
        seen = [t for t in self._wrong_pins.get(name.strip().casefold(), []) if now - t < window]
        if exc.failures and len(seen) >= exc.failures:
            return max(1, round(seen[-exc.failures] + window - now))
        return window
