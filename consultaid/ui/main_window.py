"""The main window: it builds the parts and wires them; it decides and stores nothing itself.

Where each behaviour lives (see also ``consultaid/ui/__init__.py``): the step list and pages in
:mod:`~consultaid.ui.wizard`, menus in :mod:`~consultaid.ui.actions`, JSON files in
:mod:`~consultaid.ui.documents`, sign-in and locking in :mod:`~consultaid.ui.access`, drafts,
amendments and the handout as given in :mod:`~consultaid.ui.records`. The rules (step states,
who may do what, where a save goes) are Qt-free in :mod:`consultaid.session`.

Start-up: the app builds only the shell (``MainWindow(None)``: a line saying consultaid is
opening) and calls :meth:`MainWindow.finish` once it has painted. So this module imports at the
top only what the shell needs; everything else is imported in :meth:`finish` (even touching
``Qt``'s namespace costs about 15 ms, a fifth of a bare window's start).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from consultaid.ui import window_geometry

if TYPE_CHECKING:  # imported when first needed: the window paints before they load
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog

    from consultaid.content.pack import ContentPack
    from consultaid.domain.consultation import Consultation
    from consultaid.records.service import RecordsService
    from consultaid.records.users import User
    from consultaid.session.access import Access
    from consultaid.session.saving import SaveTarget
    from consultaid.session.steps import Step
    from consultaid.settings import ClinicSettings
    from consultaid.ui.access.access_controller import AccessController
    from consultaid.ui.access.access_page import AccessPage
    from consultaid.ui.actions import Slot, WindowActions
    from consultaid.ui.documents import DocumentController
    from consultaid.ui.live_text import LiveLabel
    from consultaid.ui.messages import MessageBar
    from consultaid.ui.records.health_record_export import HealthRecordExport
    from consultaid.ui.records.records_page import RecordsPage
    from consultaid.ui.records.records_sync import RecordsController
    from consultaid.ui.records.review_control import ReviewControl
    from consultaid.ui.state import ConsultationState
    from consultaid.ui.wizard.condition_page import ConditionPage
    from consultaid.ui.wizard.expectations_page import ExpectationsPage
    from consultaid.ui.wizard.follow_up_page import FollowUpPage
    from consultaid.ui.wizard.handout_page import BuildPdf, HandoutPage
    from consultaid.ui.wizard.patient_page import PatientPage
    from consultaid.ui.wizard.screening_page import ScreeningPage
    from consultaid.ui.wizard.wizard_view import WizardView

PageT = TypeVar("PageT", bound=QWidget)


class MainWindow(QMainWindow):
    """The consultation wizard. ``build_pdf`` makes the handout PDF (injected by the app)."""

    finished = Signal()
    """The window is built: the sign-in page, menus, the first and last steps (emitted once;
    see :meth:`finish`). The steps between are built when first needed, or by
    :meth:`build_pages`."""
    pages_built = Signal()
    """:meth:`build_pages` built the last step not built yet."""

    def __init__(self, pack: ContentPack | None, settings: ClinicSettings | None = None,
                 build_pdf: BuildPdf | None = None, warnings: list[str] | None = None,
                 languages: list[str] | None = None, settings_file: Path | None = None,
                 parent: QWidget | None = None, sign_in_required: bool = False) -> None:
        """``sign_in_required``: start on the access page until :meth:`attach_records`.

        With ``pack`` None only the shell is built (the access page saying the records are
        opening): it paints at once, and the app calls :meth:`finish` once the content is loaded.
        """
        super().__init__(parent)
        from consultaid.ui.access.access_model import AccessModel

        self.access_model = AccessModel(self)
        """Who is signed in, the records and their runner, the lock (the access controller
        changes them; the window and the controllers read them)."""
        self.pending_record: Path | None = None
        """A JSON record named on the command line, opened once someone is signed in."""
        self.settings_file = settings_file
        self.records_page: RecordsPage | None = None
        self.is_finished = False
        self.setWindowTitle("consultaid")
        window_geometry.restore(self)  # fits the screen; then as the user left it
        self.opening = QLabel()
        self.retranslate_shell()
        self.root = QStackedWidget()
        self.root.addWidget(self.opening)
        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.addWidget(self.root, 1)
        self.setCentralWidget(central)
        self._sign_in_required = sign_in_required
        if pack is not None:
            self.finish(pack, settings, build_pdf, warnings, languages)

    def retranslate_shell(self) -> None:
        """The shell's words in the app's language now (it may be set again once the
        settings are read in full: see consultaid.app.confirm_language)."""
        if not self.is_finished:
            self.opening.setText(self.tr("Opening consultaid…"))

    def finish(self, pack: ContentPack, settings: ClinicSettings | None = None,
               build_pdf: BuildPdf | None = None, warnings: list[str] | None = None,
               languages: list[str] | None = None, pages_later: bool = False) -> None:
        """Build the pages, menus and controllers for ``pack`` (once).

        ``pages_later``: build only the first and last steps now (the others when first
        needed, or with :meth:`build_pages`), so that the sign-in page is ready sooner."""
        from consultaid.settings import ClinicSettings
        from consultaid.ui import wheel_guard
        from consultaid.ui.access.access_controller import AccessController
        from consultaid.ui.access.access_page import AccessPage
        from consultaid.ui.actions import WindowActions
        from consultaid.ui.documents import DocumentController
        from consultaid.ui.live_text import LiveLabel
        from consultaid.ui.messages import MessageBar
        from consultaid.ui.records.acknowledgement_sync import AcknowledgementController
        from consultaid.ui.records.health_record_export import HealthRecordExport
        from consultaid.ui.records.records_sync import RecordsController
        from consultaid.ui.records.review_control import ReviewControl
        from consultaid.ui.state import ConsultationState

        self.pack = pack
        self.settings = settings or ClinicSettings()
        self.languages = languages or [pack.language]
        self.state: ConsultationState = ConsultationState(self.new_consultation_value(), self,
                                                          pack)
        self.state.jurisdiction = lambda: self.settings.regulatory_jurisdiction
        if not self._sign_in_required:
            # The wheel never changes an answer. (With sign-in, the guard comes when the steps
            # or the records are first shown: nothing before sign-in holds an answer.)
            wheel_guard.install_after_first_paint(self)
        self.message_bar: MessageBar = MessageBar()
        self.central_layout.addWidget(self.message_bar)  # below the page: nothing moves
        # First, so that what the others say about the new consultation stays.
        self.state.replaced.connect(self.message_bar.forget_consultation)
        self.access_page: AccessPage = AccessPage()
        self.root.addWidget(self.access_page)
        self.user_label: LiveLabel = LiveLabel(self.tr("Signed-in user"))
        self.user_label.setText(self.tr("Not signed in"))
        self.statusBar().addPermanentWidget(self.user_label)
        self._build_wizard(build_pdf)
        # Another consultation: every page is built before it is shown, so that a page that
        # cannot show it says so at once (no handout from it), built or not before.
        self.state.replaced.connect(lambda: self.wizard.pages)
        self.records_sync: RecordsController = RecordsController(
            self.state, self.access_model, self, dialog_parent=self,
            save_target=self.save_target, maybe_save=lambda: self.documents.maybe_save(),
            restart_steps=self.wizard.restart, pack=self.pack,
            settings=lambda: self.settings)
        self.acknowledging = AcknowledgementController(
            self.state, self.access_model, self.handout_page.acknowledgement, pack,
            settings=lambda: self.settings, builder=lambda: self.handout_page.build_pdf,
            say=self.show_message, parent=self)
        self.review_control: ReviewControl = ReviewControl(
            self.state, self.access_model, self.review_status,
            save_target=self.save_target, save_draft_now=self.records_sync.autosave_now,
            open_record=self.records_sync.open_record, dialog_parent=self)
        records = self.records_sync
        self.documents: DocumentController = DocumentController(
            self.state, self, save_target=self.save_target, flush=records.flush,
            discard_kept=records.kept.discard, save_to_records=records.save_to_records,
            dialog_parent=self)
        self.access_control: AccessController = AccessController(
            self, self.access_model, self.access_page, state=self.state,
            records_sync=self.records_sync, documents=self.documents,
            lock_minutes=self.settings.lock_minutes, dialog_parent=self)
        self.health_record: HealthRecordExport = HealthRecordExport(
            self.state, self.access_model, self, self, pack, lambda: self.settings,
            lambda: self.settings_file, self._chosen_in_records, records.autosave_in_background)
        self.menu_actions: WindowActions = WindowActions(self, self._slots())
        recent = self.menu_actions.recent_menu
        recent.aboutToShow.connect(lambda: self.documents.fill_recent(recent))
        self._add_status_bar(warnings or [])
        self._connect_signals()
        self.go_to(0)
        self.wizard.update_steps()
        if not pages_later:
            self.wizard.pages  # noqa: B018 (builds every step now)
        self.is_finished = True
        self.root.removeWidget(self.opening)
        self.opening.deleteLater()
        if self._sign_in_required:
            self.access_control.show_access()
        else:
            self.root.setCurrentWidget(self.wizard)
            self.update_title()
            self.apply_access()
        self.finished.emit()

    def _build_wizard(self, build_pdf: BuildPdf | None) -> None:
        """The wizard with its first and last pages; the steps between are built when first
        needed, or one per idle moment once the window is finished (:meth:`build_pages`)."""
        from consultaid.ui.wizard.handout_page import HandoutPage
        from consultaid.ui.wizard.patient_page import PatientPage
        from consultaid.ui.wizard.review_line import review_status_line
        from consultaid.ui.wizard.wizard_view import WizardView

        state, pack = self.state, self.pack
        self.patient_page: PatientPage = PatientPage(state, self.languages)
        self.review_status: LiveLabel = review_status_line()
        """The screening page's review line (the review control fills it from the start)."""
        self.handout_page: HandoutPage = HandoutPage(state, pack, self.settings, build_pdf,
                                                     self.languages)
        self.wizard: WizardView = WizardView(state, pack, [
            self.patient_page, self._new_screening_page, self._new_condition_page,
            self._new_expectations_page, self._new_follow_up_page, self.handout_page])
        self.root.insertWidget(0, self.wizard)

    def _new_screening_page(self) -> ScreeningPage:
        from consultaid.ui.wizard.screening_page import ScreeningPage

        page = ScreeningPage(self.state, self.pack, review_status=self.review_status)
        page.review_requested.connect(self.review_control.ask)
        return self._page_made(page)

    def _new_condition_page(self) -> ConditionPage:
        from consultaid.ui.wizard.condition_page import ConditionPage

        page = ConditionPage(self.state, self.pack)
        page.condition_chosen.connect(lambda chosen: self.follow_up_page.offer_template(chosen))
        return self._page_made(page)

    def _new_expectations_page(self) -> ExpectationsPage:
        from consultaid.ui.wizard.expectations_page import ExpectationsPage

        return self._page_made(ExpectationsPage(self.state, self.pack))

    def _new_follow_up_page(self) -> FollowUpPage:
        from consultaid.ui.wizard.follow_up_page import FollowUpPage

        return self._page_made(FollowUpPage(self.state, self.pack))

    def _page_made(self, page: PageT) -> PageT:
        from PySide6.QtWidgets import QPushButton

        for button in page.findChildren(QPushButton):
            button.setAutoDefault(True)  # as _connect_signals does for the pages built first
        return page

    @property
    def pages(self) -> list[QWidget]:
        """Every step's page (built now if some were not yet)."""
        return self.wizard.pages

    @property
    def screening_page(self) -> ScreeningPage:
        return cast("ScreeningPage", self.wizard.page(1))

    @property
    def condition_page(self) -> ConditionPage:
        return cast("ConditionPage", self.wizard.page(2))

    @property
    def expectations_page(self) -> ExpectationsPage:
        return cast("ExpectationsPage", self.wizard.page(3))

    @property
    def follow_up_page(self) -> FollowUpPage:
        return cast("FollowUpPage", self.wizard.page(4))

    def build_pages(self) -> None:
        """Build the steps not built yet, one per idle moment (the window stays responsive);
        ``pages_built`` says when the last is done."""
        from PySide6.QtCore import QTimer

        def next_one() -> None:
            if self.wizard.build_next():
                QTimer.singleShot(0, self, next_one)
            else:
                self.pages_built.emit()

        QTimer.singleShot(0, self, next_one)

    def _slots(self) -> dict[str, Slot]:
        d, a = self.documents, self.access_control
        return {"new": d.new_consultation, "open": d.ask_open, "save": d.save,
                "save_as": d.save_as, "import": d.ask_import, "export": d.ask_export,
                "health_record": self.health_record.start,
                "records": self.show_records,
                "waiting": lambda: self.review_control.show_waiting(),
                "accounts": a.show_accounts,
                "change_pin": a.change_own_pin,
                "settings": self.open_settings, "lock": a.lock, "sign_out": a.sign_out,
                "quit": self.close, "shortcuts": self.show_shortcuts, "about": self.show_about}

    def _add_status_bar(self, warnings: list[str]) -> None:
        pack = self.pack
        due = self.tr(" — DUE FOR REVIEW") if pack.is_due_for_review() else ""
        self.pack_label = QLabel(self.tr(
                "Content pack {provenance}, reviewed {last_reviewed}{due}").format(
                provenance=pack.provenance,
                last_reviewed=pack.last_reviewed,
                due=due))
        self.statusBar().insertPermanentWidget(0, self.pack_label)
        if pack.is_due_for_review():
            self.wizard.review_note.setText(self.tr(
                    "⚠ The content pack was due for review on {review_by}.").format(
                    review_by=pack.review_by))
        for warning in warnings:
            self.show_message(warning, error=True, lasting=True)

    def _connect_signals(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut
        from PySide6.QtWidgets import QPushButton

        from consultaid.ui.wizard import fresh_start

        self.wizard.add_shortcuts(self)
        self.wizard.problem.connect(self._page_problem)
        self.wizard.step_chosen.connect(self._jump_to_missing)
        # Escape closes the message bar only while it is shown, so that elsewhere it keeps
        # its usual meaning (e.g. cancel editing a table cell).
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.message_bar.hide)
        self.escape.setEnabled(False)
        self.message_bar.visibility_changed.connect(self.escape.setEnabled)
        self.handout_page.message.connect(self.show_message)
        self.handout_page.handout_given.connect(self.records_sync.record_handout)
        self.handout_page.before_giving = self.records_sync.prepare_to_give
        self.review_control.said.connect(
            lambda text, error: self.show_message(text, error, source="review"))
        self.review_control.unsaid.connect(lambda: self.message_bar.retract("review"))
        self.state.changed.connect(self.review_control.show)
        self.review_control.show()
        self.state.replaced.connect(lambda: fresh_start.scroll_to_top(self.wizard))
        self.state.changed.connect(self.update_title)
        self.state.dirty_changed.connect(self.setWindowModified)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses the focused button, as in dialogs

    # Who is at the screen (owned by the access model) ----------------------------------------
    @property
    def records(self) -> RecordsService | None:
        return self.access_model.records

    @records.setter
    def records(self, records: RecordsService | None) -> None:
        self.access_model.records = records

    @property
    def user(self) -> User | None:
        return self.access_model.user

    @user.setter
    def user(self, user: User | None) -> None:
        self.access_model.user = user

    @property
    def locked(self) -> bool:
        return self.access_model.locked

    @locked.setter
    def locked(self, locked: bool) -> None:
        self.access_model.locked = locked

    # What the others ask of the window ------------------------------------------------------
    def new_consultation_value(self) -> Consultation:
        """A blank consultation; the signed-in physician is its physician."""
        from consultaid.domain.consultation import Consultation, HandoutOptions

        physician = self.user.name if self.user is not None and self.is_physician() else ""
        return Consultation(physician=physician, handout=HandoutOptions(
            language=self.settings.default_language or self.pack.language,
            paper=self.settings.paper))

    def access(self) -> Access:
        from consultaid.session.access import Access, AccessState

        if self.locked:
            state = AccessState.LOCKED
        elif self.user is not None:
            state = AccessState.SIGNED_IN
        elif self.records is None and self.root.currentWidget() is not self.access_page:
            state = AccessState.NO_RECORDS
        else:
            state = AccessState.SIGNED_OUT
        read_only = self.records is not None and self.records.health().read_only
        return Access(state, self.user.role if self.user is not None else None, read_only)

    def apply_access(self) -> None:
        from consultaid.session.access import AccessState

        access = self.access()
        menus = access.state in (AccessState.NO_RECORDS, AccessState.SIGNED_IN)
        if menus and self._sign_in_required:
            self._guard_answers()  # (before any dialog the menus open; else after the paint)
        self.menu_actions.apply(access.permissions, menus=menus)

    def save_target(self) -> SaveTarget:
        from consultaid.session.saving import save_target

        return save_target(self.access(), self.records_sync.record_status)

    def is_physician(self) -> bool:
        return self.access_model.physician

    def focus_first_field(self) -> None:
        """The cursor in the patient's name (a new consultation starts there)."""
        self.patient_page.name.setFocus()

    def _jump_to_missing(self, index: int) -> None:
        """A step picked in the sidebar: the cursor goes to the first thing it still needs."""
        from consultaid.session.steps import Step

        c = self.state.consultation
        if index == Step.SCREENING and (missing := self.state.overview.unanswered_items):
            self.screening_page.focus_item(missing[0])
        elif index == Step.PATIENT and not c.patient.name.strip():
            self.patient_page.name.setFocus()

    def _page_problem(self, text: str) -> None:
        self.handout_page.clear_shown()
        self.show_message(text, error=True)

    def _chosen_in_records(self) -> str | None:
        """The record chosen in the records list, while that list is on screen."""
        page = self.records_page
        chosen = page.selected() if page is not None and self.root.currentWidget() is page else None
        return chosen.id if chosen is not None else None

    def add_records_page(self, service: RecordsService) -> None:
        from consultaid.ui import wheel_guard

        self.records_page = wheel_guard.set_aside_while(lambda: self._new_records_page(service))

    def _new_records_page(self, service: RecordsService) -> RecordsPage:
        from consultaid.ui.records.records_page import RecordsPage

        ops = self.access_model.ops  # every search and reprint on the records thread
        page = RecordsPage(ops if ops is not None else service, self.pack)
        page.open_requested.connect(self.records_sync.open_record)
        page.back_requested.connect(self.show_wizard)
        page.message.connect(self.show_message)
        self.root.addWidget(page)
        return page

    def attach_records(self, service: RecordsService) -> None:
        self.access_control.attach_records(service)

    def records_unavailable(self, problem: str) -> None:
        self.access_control.records_unavailable(problem)

    def open_pending(self) -> None:
        if self.pending_record is not None:
            path, self.pending_record = self.pending_record, None
            self.documents.open_file(path)

    # Navigation and what is shown -----------------------------------------------------------
    def go_to(self, index: int) -> None:
        self.wizard.go_to(index)

    def current_step(self) -> Step:
        return self.wizard.current_step()

    def show_message(self, text: str, error: bool = False, source: str = "",
                     lasting: bool = False) -> None:
        """Tell the user something in plain words, once (the message bar; see MessageBar for
        ``source`` and ``lasting``)."""
        self.statusBar().clearMessage()  # never the same sentence twice on screen
        self.message_bar.show_message(text, error, source, lasting)

    def say_reconnecting(self, text: str) -> None:
        """A records call is being tried again after the server went away: say so, go on."""
        self.statusBar().showMessage(text, 10000)

    def show_transport_warning(self, text: str) -> None:
        """The records server is reached in plain text on purpose: said in the status bar for
        as long as the window is open."""
        from consultaid.ui.live_text import LiveLabel

        self.transport_label = LiveLabel(self.tr("Records connection"))
        self.transport_label.setText(f"⚠ {text}")
        self.transport_label.setWordWrap(False)
        self.statusBar().addPermanentWidget(self.transport_label)

    def say_opened(self, text: str) -> None:
        """Say a record was opened, unless it cannot be shown: then that is what is said."""
        from consultaid.ui.refresh_guard import CANNOT_SCREEN

        self.show_message(CANNOT_SCREEN if self.wizard.any_failed() else text,
                          error=self.wizard.any_failed())

    def update_title(self) -> None:
        if self.locked or (self.records is not None and self.user is None):
            self.setWindowTitle("consultaid")  # no patient's name while nobody may see it
            return
        if self.records_page is not None and self.root.currentWidget() is self.records_page:
            self.setWindowTitle(self.tr("Records — consultaid"))
            return
        name = self.state.consultation.patient.name.strip() or self.tr("New consultation")
        where = f" — {self.state.path.name}" if self.state.path else ""
        self.setWindowTitle(self.tr("{name}{where}[*] — consultaid").format(name=name, where=where))

    def dialogs(self) -> list[QDialog]:
        from PySide6.QtWidgets import QDialog

        return self.findChildren(QDialog)

    def focus_next_patient(self) -> None:
        if not self.state.consultation.patient.name and self.wizard.stack.currentIndex() == 0:
            self.patient_page.name.setFocus()  # the next patient's name goes here

    def show_wizard(self) -> None:
        if self.locked:
            return
        if self.is_physician() or self.records is None:
            # Any step not built yet in an idle moment is built now, before the steps show:
            # Next then never waits for a page (issue 29).
            self.wizard.pages  # noqa: B018
            self._guard_answers()
            self.root.setCurrentWidget(self.wizard)
            self.update_title()
            self.wizard.page(self.wizard.stack.currentIndex()).setFocus()

    def _guard_answers(self) -> None:
        """The wheel and Alt+letter never change an answer from now on (see wheel_guard; with
        sign-in required, installed here, once the menus or the steps or the records are
        offered: the application-wide filter then costs the start nothing)."""
        from consultaid.ui import wheel_guard

        wheel_guard.install()

    def show_records(self) -> None:
        if self.records_page is None or self.user is None or self.locked:
            return
        self._guard_answers()
        self.root.setCurrentWidget(self.records_page)
        self.update_title()
        self.records_page.start_new_search()  # the last patient's search is not the next's
        self.records_page.search.setFocus()

    # Settings, shortcuts, About ---------------------------------------------------------------
    def open_settings(self) -> None:
        from consultaid.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.languages, self.settings_file, self)
        if dialog.exec() and dialog.saved_settings is not None:
            self.settings = dialog.saved_settings
            self.handout_page.set_settings(self.settings)
            self.state.recompute()
            self.access_control.idle.set_minutes(self.settings.lock_minutes)
            self.show_message(self.tr("Settings saved."))

    def about_text(self) -> str:
        from consultaid.ui.about import about_text

        return about_text(self.pack)

    def show_shortcuts(self) -> None:
        from consultaid.ui.shortcuts_help import ShortcutsDialog

        ShortcutsDialog.show_for(self)

    def show_about(self) -> None:
        from consultaid.ui.about import show_about

        show_about(self, self.pack)

    # Closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.is_finished:  # closed while still opening: nothing to keep yet
            window_geometry.remember(self)
            event.accept()
            return
        if self.locked and self.state.dirty:
            # Changes that are not in the records (an amendment in progress, or a draft the
            # records could not take) would be lost, and the lock screen may not show them.
            event.ignore()
            self.access_page.show_error(
                self.tr("There are changes that are not saved yet. Unlock first, then "
                        "close consultaid."))
            return
        if self.locked or self.documents.maybe_save():
            # A preview build nobody will see: queued ones never start, and a running one is
            # short (texts are capped), so closing never waits long for it.
            self.handout_page.runner.cancel_pending()
            self.handout_page.runner.wait(3000)
            if not self.locked and self.user is not None:
                self.records_sync.forget_unfinished()  # a clean close: nothing to recover
            self.access_control.idle.stop()
            self.records_sync.close()
            window_geometry.remember(self)
            event.accept()
        else:
            event.ignore()
