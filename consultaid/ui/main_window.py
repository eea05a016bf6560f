"""The main window: a sidebar of steps, the pages, Back/Next, the File and Help menus.

The window owns the :class:`ConsultationState` and wires the pages to it. It keeps work safe:
Save/Open of the JSON record, a question before unsaved changes are dropped, and every
problem told in plain words in the message bar.
"""

from __future__ import annotations

import datetime as dt
import html
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consultaid import __version__
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import (
    Consultation,
    HandoutOptions,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.errors import ConsultaidError
from consultaid.fileio import RECORD_LIMIT, FileRefused, atomic_write_text, read_limited
from consultaid.services import screen
from consultaid.settings import ClinicSettings
from consultaid.ui import focus, fresh_start, plain_text, wheel_guard, window_geometry
from consultaid.ui.access_page import AccessPage
from consultaid.ui.condition_page import ConditionPage
from consultaid.ui.expectations_page import ExpectationsPage
from consultaid.ui.follow_up_page import FollowUpPage
from consultaid.ui.handout_page import BuildPdf, HandoutPage
from consultaid.ui.idle import IdleWatcher
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.patient_page import PatientPage
from consultaid.ui.refresh_guard import CANNOT_SCREEN, GuardedPage, log_failure
from consultaid.ui.screening_page import ScreeningPage
from consultaid.ui.state import ConsultationState
from consultaid.ui.steps import Step, StepState, step_status

if TYPE_CHECKING:  # the records modules are imported once the database is open
    from consultaid.records.service import RecordsService
    from consultaid.records.users import User
    from consultaid.ui.records_page import RecordsPage

GIVEN_STATUSES = ("handout_given", "completed")
"""Record states in which the handout was given (the sidebar shows the Handout step done)."""
RECENT_KEY = "recent_files"
UNFINISHED_KEY = "records/unfinished"
"""The draft being worked on, as "<consultation ID>|<user ID>"; removed on a clean close."""
AUTOSAVE_MS = 1500
ROLE_NAMES = {"physician": "Physician", "front_desk": "Front desk"}
MAX_RECENT = 8
JSON_FILTER = "Consultation record (*.json)"
STYLE = """
#messageBar[kind="error"] { border: 2px solid #b3261e; background: #fdecea; }
#messageBar[kind="info"] { border: 1px solid #1b5e20; background: #edf7ed; }
#verdictBanner[verdict="may_proceed"] { border: 2px solid #1b5e20; background: #edf7ed; }
#verdictBanner[verdict="needs_review"] { border: 2px solid #8a6d00; background: #fff8e1; }
#verdictBanner[verdict="deferred"] { border: 2px solid #8a4b00; background: #fff1e0; }
#verdictBanner[verdict="not_eligible"] { border: 2px solid #b3261e; background: #fdecea; }
#inlineError { color: #b3261e; }
"""


class MessageBar(QFrame):
    """A dismissable line at the top of the window for errors and notices (Escape closes)."""

    visibility_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.text = LiveLabel("Message")  # what it says is read out, problems at once
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕ Close")
        close.setAccessibleName("Close message")
        close.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    def show_message(self, text: str, error: bool) -> None:
        shown = ("⚠ Problem: " if error else "ℹ ") + text
        if shown == self.text.text():
            self.text.say(shown, urgent=error)  # the same problem again is still said again
        self.text.setText(shown)
        self.setProperty("kind", "error" if error else "info")
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()


def read_only_message(path: Path, problem: str) -> str:
    """Why nothing is written to the records, what to do, and where the latest backup is."""
    from consultaid.records.store import latest_backup

    backup = latest_backup(path)
    where = (f"The latest backup is {backup}; to restore it, see \"Records, backups and "
             "restoring\" in the README." if backup else
             "No backup was found next to it; ask your IT contact before going on.")
    return (f"The records database {path} failed its check at start-up, so it is open "
            f"read-only: nothing is written to it (no drafts, no handouts, no changes). {where} "
            "You can keep working: consultations can still be saved and opened as JSON files "
            f"(File > Save As…, Open…). Technical detail: {problem.replace(chr(10), '; ')}")


class MainWindow(QMainWindow):
    """The consultation wizard. ``build_pdf`` makes the handout PDF (injected by the app)."""

    step_changed = Signal(int)
    draft_saved = Signal(str)
    """A draft was written to the records (its consultation ID)."""
    handout_recorded = Signal(str)
    """The handout as given was stored with the record (its SHA-256)."""

    def __init__(self, pack: ContentPack, settings: ClinicSettings | None = None,
                 build_pdf: BuildPdf | None = None, warnings: list[str] | None = None,
                 languages: list[str] | None = None, settings_file: Path | None = None,
                 parent: QWidget | None = None, sign_in_required: bool = False) -> None:
        """``sign_in_required``: start on the access page until :meth:`attach_records`."""
        super().__init__(parent)
        self.records: RecordsService | None = None
        self.user: User | None = None
        self.record_status: str | None = None
        self.seen_steps: set[Step] = set()
        """Steps shown for the consultation on screen (a proposed plan is not done unseen)."""
        """The current consultation's status in the records (None: not stored there)."""
        self.locked = False
        self._told_amendment = False
        self.pending_record: Path | None = None
        """A JSON record named on the command line, opened once someone is signed in."""
        self.pack = pack
        self.settings = settings or ClinicSettings()
        self.settings_file = settings_file
        self.languages = languages or [pack.language]
        self.state = ConsultationState(self._new_consultation(), self)
        self.setStyleSheet(STYLE)
        window_geometry.restore(self)  # fits the screen; then as the user left it
        wheel_guard.install_after_first_paint(self)  # the wheel never changes an answer

        self.message_bar = MessageBar()
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Steps")
        self.sidebar.setAccessibleDescription("The consultation's steps and their state")
        self.sidebar.setWordWrap(True)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget()
        self.patient_page = PatientPage(self.state, self.languages)
        self.screening_page = ScreeningPage(self.state, pack)
        self.condition_page = ConditionPage(self.state, pack)
        self.expectations_page = ExpectationsPage(self.state, pack)
        self.follow_up_page = FollowUpPage(self.state, pack)
        self.handout_page = HandoutPage(self.state, pack, self.settings, build_pdf,
                                        self.languages)
        self.pages: list[QWidget] = [self.patient_page, self.screening_page, self.condition_page,
                                     self.expectations_page, self.follow_up_page,
                                     self.handout_page]
        self.frames = [GuardedPage(page) for page in self.pages]
        for step, frame in zip(Step, self.frames, strict=True):
            frame.failed_changed.connect(self._on_page_failed)
            self.stack.addWidget(frame)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, int(step))
            self.sidebar.addItem(item)

        self.back_button = QPushButton("◀ &Back")
        self.back_button.setAccessibleName("Back to the previous step")
        self.next_button = QPushButton("&Next ▶")
        self.next_button.setAccessibleName("Next step")
        self.position = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.position)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        steps_label = QLabel("St&eps:")
        steps_label.setBuddy(self.sidebar)
        side_layout.addWidget(steps_label)
        side_layout.addWidget(self.sidebar, 1)
        self.review_note = QLabel()
        self.review_note.setWordWrap(True)
        side_layout.addWidget(self.review_note)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addWidget(self.stack, 1)
        main_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(side)
        splitter.addWidget(main)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.fontMetrics().horizontalAdvance("M") * 22, 1000])
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.addWidget(self.message_bar)
        self.root = QStackedWidget()
        self.root.addWidget(splitter)
        self.wizard = splitter
        self.access_page = AccessPage()
        self.root.addWidget(self.access_page)
        self.records_page: RecordsPage | None = None
        central_layout.addWidget(self.root, 1)
        self.setCentralWidget(central)
        self._shown_before_lock: QWidget = self.wizard

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.idle = IdleWatcher(self.settings.lock_minutes, self)
        self.idle.idle.connect(self.lock)
        self.access_page.create_requested.connect(self._create_first_account)
        self.access_page.sign_in_requested.connect(self._sign_in)
        self.access_page.unlock_requested.connect(self._unlock)
        self.access_page.sign_out_requested.connect(self.sign_out)
        self.access_page.continue_requested.connect(self.continue_without_records)

        self._build_menus()
        self.sidebar.currentRowChanged.connect(self.go_to)
        self.back_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() + 1))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.next_button.click())
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.back_button.click())
        QShortcut(QKeySequence("Ctrl+Return"), self, lambda: self.next_button.click())
        # Escape closes the message bar only while it is shown, so that elsewhere it keeps
        # its usual meaning (e.g. cancel editing a table cell).
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.message_bar.hide)
        self.escape.setEnabled(False)
        self.message_bar.visibility_changed.connect(self.escape.setEnabled)
        for step in Step:
            QShortcut(QKeySequence(f"Ctrl+{int(step) + 1}"), self,
                      lambda s=int(step): self.go_to(s))
        self.condition_page.condition_chosen.connect(self.follow_up_page.offer_template)
        self.handout_page.message.connect(self.show_message)
        self.handout_page.saved.connect(lambda _p: self.update_steps())
        self.handout_page.handout_given.connect(self._record_handout)
        self.state.edited.connect(self._on_edited)
        self.state.replaced.connect(self._on_replaced)
        self.state.replaced.connect(lambda: fresh_start.scroll_to_top(self.wizard))
        self.state.changed.connect(self.update_steps)
        self.state.changed.connect(self._update_title)
        self.state.dirty_changed.connect(self.setWindowModified)

        due = " — DUE FOR REVIEW" if pack.is_due_for_review() else ""
        self.pack_label = QLabel(f"Content pack {pack.provenance}, reviewed {pack.last_reviewed}"
                                 f"{due}")
        self.statusBar().addPermanentWidget(self.pack_label)
        self.user_label = LiveLabel("Signed-in user")
        self.user_label.setText("Not signed in")
        self.statusBar().addPermanentWidget(self.user_label)
        if pack.is_due_for_review():
            self.review_note.setText(f"⚠ The content pack was due for review on "
                                     f"{pack.review_by}.")
        for warning in warnings or []:
            self.show_message(warning, error=True)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses the focused button, as in dialogs
        self.go_to(0)
        self.update_steps()
        self._update_title()
        if sign_in_required:
            self._show_access()

    # Building ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = self._action(file_menu, "&New", QKeySequence.StandardKey.New,
                                       self.new_consultation)
        self.open_action = self._action(file_menu, "&Open…", QKeySequence.StandardKey.Open,
                                        self.ask_open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.save_action = self._action(file_menu, "&Save", QKeySequence.StandardKey.Save,
                                        self.save)
        self.save_as_action = self._action(file_menu, "Save &As…",
                                           QKeySequence.StandardKey.SaveAs, self.save_as)
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "&Import JSON…", None, self.ask_import)
        self.export_action = self._action(file_menu, "&Export JSON…", None, self.ask_export)
        file_menu.addSeparator()
        self.records_action = self._action(file_menu, "Re&cords…", QKeySequence("Ctrl+R"),
                                           self.show_records)
        self.records_action.setEnabled(False)
        self.accounts_action = self._action(file_menu, "A&dd account…", None,
                                            self.add_account)
        self.accounts_action.setEnabled(False)
        file_menu.addSeparator()
        self.settings_action = self._action(file_menu, "Se&ttings…",
                                            QKeySequence.StandardKey.Preferences,
                                            self.open_settings)
        file_menu.addSeparator()
        self.lock_action = self._action(file_menu, "&Lock now", QKeySequence("Ctrl+L"),
                                        self.lock)
        self.sign_out_action = self._action(file_menu, "Sign o&ut", None, self.sign_out)
        self.lock_action.setEnabled(False)
        self.sign_out_action.setEnabled(False)
        self._action(file_menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents,
                     self.show_shortcuts)
        self._action(help_menu, "&About consultaid", None, self.show_about)

    def _action(self, menu: QMenu, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[call-overload]
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _new_consultation(self) -> Consultation:
        """A blank consultation; the signed-in physician is its physician."""
        physician = self.user.name if self.user is not None and self.is_physician() else ""
        return Consultation(physician=physician, handout=HandoutOptions(
            language=self.settings.default_language or self.pack.language,
            paper=self.settings.default_paper))

    # Navigation --------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Show step ``index`` (clamped); the sidebar and buttons follow."""
        index = max(0, min(index, len(self.pages) - 1))
        before = QApplication.focusWidget()
        if self.stack.currentIndex() != index:
            self.stack.setCurrentIndex(index)
            if before is not None and self.stack.isAncestorOf(before):
                focus.focus_first_field(self.pages[index])  # not left on a hidden field
        if self.sidebar.currentRow() != index:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(index)
            self.sidebar.blockSignals(False)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        self.position.setText(f"Step {index + 1} of {len(self.pages)}: {Step(index).title}")
        if Step(index) not in self.seen_steps:
            self.seen_steps.add(Step(index))
            self.update_steps()
        self.step_changed.emit(index)

    def current_step(self) -> Step:
        return Step(self.stack.currentIndex())

    def _on_page_failed(self) -> None:
        """One page cannot show this consultation: no handout from it, and say so."""
        failed = any(frame.failed for frame in self.frames[:-1])
        self.frames[-1].report("another step", ok=not failed)
        if failed:
            self.handout_page.clear_shown()
            self.show_message(CANNOT_SCREEN, error=True)

    def update_steps(self) -> None:
        """Refresh the sidebar's state for each step (words and a sign, not colour)."""
        try:
            self._update_steps()
        except Exception:
            log_failure("update_steps")
            for step in Step:
                item = self.sidebar.item(int(step))
                item.setText(f"⚠ {int(step) + 1}. {step.title}\n    cannot be shown")
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"Step {int(step) + 1}, {step.title}: cannot be shown.")
                item.setToolTip(CANNOT_SCREEN)
            self.frames[-1].report("steps", ok=False)
            self.handout_page.clear_shown()
            self.show_message(CANNOT_SCREEN, error=True)
            return
        self.frames[-1].report("steps", ok=True)

    def _update_steps(self) -> None:
        c = self.state.consultation
        result = screen(c, self.pack)
        for step in Step:
            given = self.handout_page.handout_made or self.record_status in GIVEN_STATUSES
            status = step_status(step, c, self.pack, result, given, frozenset(self.seen_steps))
            item = self.sidebar.item(int(step))
            detail = f"\n    {status.detail}" if status.detail else ""
            item.setText(f"{status.state.sign} {int(step) + 1}. {step.title}\n"
                         f"    {status.state.value}{detail}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"Step {int(step) + 1}, {step.title}: {status.state.value}. "
                         f"{status.detail}")
            item.setToolTip(plain_text.tooltip(status.detail or status.state.value))
            font = item.font()
            font.setBold(status.state is StepState.NEEDS_ATTENTION)
            item.setFont(font)

    def _update_title(self) -> None:
        if self.locked or (self.records is not None and self.user is None):
            self.setWindowTitle("consultaid")  # no patient's name while nobody may see it
            return
        if self.records_page is not None and self.root.currentWidget() is self.records_page:
            self.setWindowTitle("Records — consultaid")
            return
        name = self.state.consultation.patient.name.strip() or "New consultation"
        where = f" — {self.state.path.name}" if self.state.path else ""
        self.setWindowTitle(f"{name}{where}[*] — consultaid")

    # Messages ----------------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False) -> None:
        """Tell the user something in plain words (message bar plus status bar)."""
        self.message_bar.show_message(text, error)
        self.statusBar().showMessage(text, 10000)

    # Files -------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask before unsaved changes are dropped; False means: stay (Cancel, or Save failed)."""
        if self.autosave_timer.isActive():
            self.autosave_now()
        if not self.state.dirty:
            return True
        answer = QMessageBox.question(
            self, "Save changes?",
            "This consultation has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_consultation(self) -> None:
        if self.maybe_save():
            self.state.replace(self._new_consultation())
            self.go_to(0)
            self.patient_page.name.setFocus()  # the next patient's name goes here
            self.statusBar().showMessage("New consultation", 5000)

    def ask_open(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self, "Open consultation", self._folder(),
                                              JSON_FILTER)
        if name:
            self.open_file(Path(name))

    def read_record(self, path: Path) -> Consultation | None:
        try:
            text = read_limited(path, RECORD_LIMIT).decode("utf-8")
            return consultation_from_json(text)
        except FileRefused as exc:
            self.show_message(str(exc), error=True)
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            self.show_message(f"{path} could not be read ({reason}).", error=True)
        except ConsultaidError as exc:
            self.show_message(f"{path} is not a consultation record this version can open: {exc}",
                              error=True)
        return None

    def open_file(self, path: Path) -> bool:
        """Open a saved record (no question asked: callers ask first)."""
        consultation = self.read_record(path)
        if consultation is None:
            return False
        self.state.replace(consultation, path)
        self._add_recent(path)
        self.go_to(0)
        self._say_opened(f"Opened {path}.")
        return True

    def _say_opened(self, text: str) -> None:
        """Say a record was opened, unless it cannot be shown: then that is what is said."""
        if any(frame.failed for frame in self.frames):
            self.show_message(CANNOT_SCREEN, error=True)
        else:
            self.show_message(text)

    def save(self) -> bool:
        """With records: keep the draft or the amendment there; otherwise the JSON file."""
        if not self._may_edit():
            return False
        if self._records_writable():
            return self.save_to_records()
        if self.state.path is None:
            return self.save_as()
        return self.save_to(self.state.path)

    def _may_edit(self) -> bool:
        """Front desk changes nothing clinical (the records service refuses it too)."""
        if self.records is not None and self.user is not None and not self.is_physician():
            self.show_message("Front desk cannot change or save consultations; a physician "
                              "can.", error=True)
            return False
        return True

    def save_as(self) -> bool:
        if not self._may_edit():
            return False
        c = self.state.consultation
        # No patient's name in a file name: folders, backups and the recent list show them.
        name_part = f"{c.visit_date}-{c.consultation_id[:8]}"
        start = str(Path(self._folder()) / f"consultation-{name_part}.json")
        name, _ = QFileDialog.getSaveFileName(self, "Save consultation", start, JSON_FILTER)
        return bool(name) and self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        """Write the record atomically; on failure say why and keep it unsaved."""
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        try:
            atomic_write_text(path, consultation_to_json(self.state.consultation))
        except ConsultaidError as exc:
            self.show_message(f"The consultation was not saved: {exc}", error=True)
            return False
        self.state.mark_saved(path)
        self._add_recent(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 8000)
        return True

    def ask_import(self) -> None:
        """Bring in a JSON record as a new, unsaved consultation."""
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self, "Import consultation JSON", self._folder(),
                                              "JSON (*.json)")
        if not name:
            return
        consultation = self.read_record(Path(name))
        if consultation is not None:
            self.state.replace(consultation)
            self.state.edit(lambda _c: None)  # imported: not yet saved anywhere
            self.go_to(0)
            self.show_message(f"Imported {name}. Save it to keep it.")

    def ask_export(self) -> None:
        """Write a copy of the record as JSON without changing where it is saved."""
        name, _ = QFileDialog.getSaveFileName(self, "Export consultation JSON", self._folder(),
                                              "JSON (*.json)")
        if not name:
            return
        try:
            atomic_write_text(Path(name), consultation_to_json(self.state.consultation))
        except ConsultaidError as exc:
            self.show_message(f"The export failed: {exc}", error=True)
            return
        self.show_message(f"Exported to {name}.")

    def _folder(self) -> str:
        if self.state.path is not None:
            return str(self.state.path.parent)
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def recent_files(self) -> list[str]:
        value = QSettings().value(RECENT_KEY, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value or []] if isinstance(value, list) else []

    def _add_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        files = [entry] + [f for f in self.recent_files() if f != entry]
        QSettings().setValue(RECENT_KEY, files[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            none = self.recent_menu.addAction("(no recent files)")
            none.setEnabled(False)
            return
        for number, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(plain_text.tooltip(name))
            action.triggered.connect(lambda _c=False, n=name: self._open_recent(n))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear list", lambda: QSettings().remove(RECENT_KEY))

    def _open_recent(self, name: str) -> None:
        if not self.maybe_save():
            return
        if not Path(name).is_file():
            QSettings().setValue(RECENT_KEY, [f for f in self.recent_files() if f != name])
            self.show_message(f"{name} is no longer there (moved or deleted); it was taken off "
                              "the recent files.", error=True)
            return
        self.open_file(Path(name))

    # Settings and About ------------------------------------------------------------------
    def open_settings(self) -> None:
        from consultaid.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.languages, self.settings_file, self)
        if dialog.exec() and dialog.saved_settings is not None:
            self.settings = dialog.saved_settings
            self.handout_page.set_settings(self.settings)
            self.idle.set_minutes(self.settings.lock_minutes)
            self.show_message("Settings saved.")

    def about_text(self) -> str:
        pack = self.pack
        due = (f"<p><b>⚠ The content pack is due for review</b> (review by {pack.review_by}).</p>"
               if pack.is_due_for_review() else
               f"<p>The content pack is within its review period (review by {pack.review_by}).</p>")
        return (f"<h3>consultaid {html.escape(__version__)}</h3>"
                "<p>An offline consultation aid for clinics that discuss MSC therapy.</p>"
                f"<p>Content pack: {html.escape(pack.title)}, version {html.escape(pack.version)}"
                f" ({html.escape(pack.language)})<br/>Last reviewed: {pack.last_reviewed}<br/>"
                f"Review by: {pack.review_by}</p>{due}")

    def show_shortcuts(self) -> None:
        from consultaid.ui.shortcuts_help import ShortcutsDialog

        ShortcutsDialog.show_for(self)

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.NoIcon, "About consultaid", self.about_text(),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.RichText)  # written here; the pack's words are escaped
        box.exec()

    # Closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked and self.state.dirty:
            # Changes that are not in the records (an amendment in progress, or a draft the
            # records could not take) would be lost, and the lock screen may not show them.
            event.ignore()
            self.access_page.show_error(
                "There are changes that are not saved yet. Unlock first, then close consultaid.")
            return
        if self.locked or self.maybe_save():
            # A preview build nobody will see: queued ones never start, and a running one is
            # short (texts are capped), so closing never waits long for it.
            self.handout_page.runner.cancel_pending()
            self.handout_page.runner.wait(3000)
            if not self.locked and self.user is not None:
                QSettings().remove(UNFINISHED_KEY)  # a clean close: nothing to recover
            self.idle.stop()
            window_geometry.remember(self)
            event.accept()
        else:
            event.ignore()

    # Records: opening, people and roles --------------------------------------------------
    def _show_access(self) -> None:
        """Nothing but the access page: no patient on screen, no menu that reaches one."""
        self.root.setCurrentWidget(self.access_page)
        self.menuBar().setEnabled(False)
        for action in (self.new_action, self.open_action, self.save_action,
                       self.save_as_action, self.import_action, self.export_action,
                       self.settings_action, self.records_action, self.accounts_action,
                       self.lock_action, self.sign_out_action):
            action.setEnabled(False)
        self.access_page.focus_first()

    def attach_records(self, service: RecordsService) -> None:
        """The records database is open: say if it is read-only, then ask who is there."""
        from consultaid.ui.records_page import RecordsPage

        self.records = service
        self.records_page = RecordsPage(service, self.pack)
        self.records_page.open_requested.connect(self.open_record)
        self.records_page.back_requested.connect(self.show_wizard)
        self.records_page.message.connect(self.show_message)
        self.root.addWidget(self.records_page)
        store = service.store
        if store.read_only and not store.damaged:
            self.show_message(f"The records are open read-only: {store.problem}. Nothing is "
                              "lost and no backup is needed; ask the clinic's IT person to give "
                              "this account write access, then start consultaid again.",
                              error=True)
        elif store.read_only:
            self.show_message(read_only_message(store.path, store.problem), error=True)
        try:
            has_users = service.has_users()
        except (sqlite3.Error, ConsultaidError) as exc:
            self.records_unavailable(f"The records database cannot be read ({exc}).")
            return
        if not has_users and store.read_only:
            self.records_unavailable("The records database cannot be written, so no account "
                                     "can be created.")
        elif not has_users:
            self.access_page.show_first_account()
            self._show_access()
        else:
            self.access_page.show_sign_in()
            self._show_access()

    def records_unavailable(self, problem: str) -> None:
        """The records cannot be used at all: offer to work with JSON files only."""
        self.access_page.show_unavailable(
            f"{problem} You can continue without records: consultations are then saved and "
            "opened as JSON files only, and no handout is stored.")
        self._show_access()

    def continue_without_records(self) -> None:
        self.records = None
        self.user = None
        self.user_label.setText("Records not available")
        self._apply_role()
        self.menuBar().setEnabled(True)
        self.show_wizard()
        self._open_pending()

    def _open_pending(self) -> None:
        if self.pending_record is not None:
            path, self.pending_record = self.pending_record, None
            self.open_file(path)

    def _create_first_account(self, name: str, pin: str) -> None:
        if self.records is None:
            return
        try:
            user = self.records.create_user(None, name, "physician", pin)
        except ConsultaidError as exc:
            self.access_page.show_error(str(exc))
            return
        self.signed_in(user)

    def _sign_in(self, name: str, pin: str) -> None:
        if self.records is None:
            return
        try:
            user = self.records.sign_in(name, pin)
        except (ConsultaidError, sqlite3.Error) as exc:
            self.access_page.show_error(str(exc))
            return
        self.signed_in(user)

    def signed_in(self, user: User) -> None:
        """Show what this user's role may use, and offer an unfinished draft back."""
        self.user = user
        self.locked = False
        self.user_label.setText(f"Signed in: {user.name} ({ROLE_NAMES.get(user.role, user.role)})")
        physician = user.role == "physician"
        self._apply_role()
        self.menuBar().setEnabled(True)
        assert self.records_page is not None
        self.records_page.set_user(user)
        self.idle.start()
        untouched = (not self.state.dirty and self.state.path is None
                     and self.record_status is None and not self.state.consultation.physician
                     and not self.state.consultation.patient.name)
        if physician and untouched:
            # A default, not an edit: nothing to save or autosave until the user changes something.
            self.state.consultation.physician = user.name
            self.state.changed.emit()
        self._update_title()
        if physician:
            self.show_wizard()
            self.offer_unfinished()
            self._open_pending()
        else:
            self.show_records()

    def _apply_role(self) -> None:
        """Enable exactly what the signed-in user may use; nothing while locked or signed out.

        (A disabled menu bar alone would still leave the actions' shortcuts working.)
        """
        signed_in = self.user is not None and not self.locked
        physician = signed_in and self.is_physician()
        no_records = self.records is None and self.user is None and not self.locked
        for action in (self.new_action, self.open_action, self.save_action,
                       self.save_as_action, self.import_action, self.export_action,
                       self.settings_action):
            action.setEnabled(physician or no_records)
        self.recent_menu.setEnabled(physician or no_records)
        self.records_action.setEnabled(signed_in and self.records is not None)
        self.accounts_action.setEnabled(physician and self.records is not None
                                        and not self.records.store.read_only)
        self.lock_action.setEnabled(signed_in)
        self.sign_out_action.setEnabled(signed_in)

    def add_account(self) -> None:
        """A physician adds a front-desk or physician account."""
        from consultaid.ui.accounts_dialog import AddAccountDialog

        if self.records is None or self.user is None or not self.is_physician():
            return
        dialog = AddAccountDialog(self.records, self.user, self)
        if dialog.exec() and dialog.created is not None:
            role = ROLE_NAMES.get(dialog.created.role, dialog.created.role).lower()
            self.show_message(f"Account added: {dialog.created.name} ({role}).")

    def is_physician(self) -> bool:
        return self.user is not None and self.user.role == "physician"

    def _records_writable(self) -> bool:
        return (self.records is not None and self.is_physician()
                and not self.records.store.read_only)

    def show_wizard(self) -> None:
        if self.locked:
            return
        if self.is_physician() or self.records is None:
            self.root.setCurrentWidget(self.wizard)
            self._update_title()
            self.pages[self.stack.currentIndex()].setFocus()

    def show_records(self) -> None:
        if self.records_page is None or self.user is None or self.locked:
            return
        self.root.setCurrentWidget(self.records_page)
        self._update_title()
        self.records_page.apply_filters()
        self.records_page.search.setFocus()

    def sign_out(self) -> None:
        """Keep the work, forget who is signed in, and ask again."""
        if self.user is None:
            return
        if self.locked:
            self.autosave_now()
        elif not self.maybe_save():
            return
        if self.records is not None:
            self.records.log(self.user, "sign-out")
        self.idle.stop()
        self.user = None
        self.locked = False
        self.user_label.setText("Not signed in")
        if self.records_page is not None:
            self.records_page.clear()
        self.state.replace(self._new_consultation())
        self.go_to(0)
        self.message_bar.hide()
        self.statusBar().clearMessage()
        self.access_page.show_sign_in()
        self._show_access()
        self._update_title()

    # Records: drafts, amendments, handouts -----------------------------------------------
    def _on_replaced(self) -> None:
        """Find out whether this consultation is already stored, and in what state."""
        self.autosave_timer.stop()
        self._told_amendment = False
        self.record_status = None
        if self.records is not None:
            try:
                found = self.records.summary(self.state.consultation.consultation_id)
            except sqlite3.Error:
                found = None
            self.record_status = found.status if found else None
        # A stored or saved record was seen when it was made; a new one starts unseen.
        stored = self.record_status is not None or self.state.path is not None
        self.seen_steps = set(Step) if stored else {Step(self.stack.currentIndex())}
        if self.record_status == "draft" and self.user is not None:
            self._remember_unfinished()
        else:
            QSettings().remove(UNFINISHED_KEY)

    def _remember_unfinished(self) -> None:
        assert self.user is not None
        QSettings().setValue(UNFINISHED_KEY,
                             f"{self.state.consultation.consultation_id}|{self.user.id}")

    def _on_edited(self) -> None:
        if not self._records_writable():
            return
        if self.record_status in (None, "draft"):
            self.autosave_timer.start()
        elif not self._told_amendment:
            self._told_amendment = True
            self.show_message("This consultation is completed. Your changes become an "
                              "amendment when you save (File > Save); the earlier version "
                              "is kept.")

    def autosave_now(self) -> bool:
        """Write the draft now (the timer does this about 1.5 s after the last change)."""
        self.autosave_timer.stop()
        if not self._records_writable() or self.record_status not in (None, "draft"):
            return False
        assert self.records is not None and self.user is not None
        consultation = self.state.consultation
        try:
            self.records.save_draft(self.user, consultation)
        except ConsultaidError as exc:
            self.show_message(f"The draft could not be kept in the records: {exc}", error=True)
            return False
        self.record_status = "draft"
        self._remember_unfinished()
        self.state.mark_clean()
        self.draft_saved.emit(consultation.consultation_id)
        return True

    def save_to_records(self) -> bool:
        """File > Save with records: the draft now, or an amendment with its reason."""
        if self.record_status in (None, "draft"):
            if not self.autosave_now():
                return False
            self.statusBar().showMessage("Saved as a draft in the records.", 8000)
            return True
        if not self.state.dirty:
            return True
        reason, ok = QInputDialog.getText(
            self, "Reason for the amendment",
            "This consultation is completed. Say why it is being changed (kept with the "
            "record; the earlier version stays):")
        if not ok or not reason.strip():
            self.show_message("The amendment was not saved: a reason is needed.", error=True)
            return False
        assert self.records is not None and self.user is not None
        cid = self.state.consultation.consultation_id
        try:
            self.records.amend(self.user, self.state.consultation, reason)
            # Count the amendments people made, not the database's saves (autosaves bump it).
            made = [v for v in self.records.versions(cid) if v[3] not in ("completed", "imported")]
        except ConsultaidError as exc:
            self.show_message(f"The amendment was not saved: {exc}", error=True)
            return False
        self.state.mark_clean()
        self.show_message(f"Amendment {max(1, len(made))} saved; the earlier version is kept.")
        return True

    def _record_handout(self, pdf: object, action: str) -> None:
        """Store the exact bytes that were written or printed with the record."""
        if not isinstance(pdf, bytes) or self.records is None or not self.is_physician():
            return
        if self.records.store.read_only:
            self.show_message("The handout was not stored with the record, because the "
                              "records database is read-only (see the message above).",
                              error=True)
            return
        if self.record_status in (None, "draft"):
            if not self.autosave_now():
                return
        elif self.state.dirty and not self.save_to_records():
            self.show_message("The handout was not stored with the record, because the "
                              "changes were not saved as an amendment.", error=True)
            return
        assert self.user is not None
        cid = self.state.consultation.consultation_id
        try:
            stored = self.records.record_handout(self.user, cid, pdf, self.pack.provenance,
                                                 self.settings, action=action)
        except ConsultaidError as exc:
            self.show_message(f"The handout was not stored with the record: {exc}", error=True)
            return
        self.record_status = "handout_given"
        QSettings().remove(UNFINISHED_KEY)
        self.statusBar().showMessage("The handout as given is stored with the record.", 8000)
        self.handout_recorded.emit(stored.sha256)

    def unfinished_draft(self) -> str | None:
        """The ID of this user's draft left open by a crash, if it is still a draft."""
        value = QSettings().value(UNFINISHED_KEY, "")
        cid, _, user_id = str(value or "").partition("|")
        if not cid or self.user is None or user_id != str(self.user.id) or self.records is None:
            return None
        found = self.records.summary(cid)
        return cid if found is not None and found.status == "draft" else None

    def offer_unfinished(self) -> None:
        """After a crash: "You have an unfinished consultation for … Open it?"."""
        cid = self.unfinished_draft() if self.records is not None else None
        if cid is None or self.records is None:
            return
        found = self.records.summary(cid)
        assert found is not None
        try:
            when = dt.datetime.fromisoformat(found.updated_at).astimezone()
            stamp = when.strftime("%Y-%m-%d %H:%M")
        except ValueError:
            stamp = found.updated_at
        who = found.patient_name.strip() or "a patient without a name yet"
        answer = QMessageBox.question(
            self, "Unfinished consultation",
            f"You have an unfinished consultation for {who} from {stamp}. Open it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.open_record(cid, ask=False)
        else:
            QSettings().remove(UNFINISHED_KEY)

    def open_record(self, consultation_id: str, ask: bool = True) -> bool:
        """Open a stored consultation in the wizard (physicians only; audited as a view)."""
        if self.records is None or self.user is None or not self.is_physician() or self.locked:
            return False
        if ask and not self.maybe_save():
            return False
        try:
            consultation, summary = self.records.get(self.user, consultation_id)
        except ConsultaidError as exc:
            self.show_message(f"The consultation could not be opened: {exc}", error=True)
            return False
        self.state.replace(consultation)
        self.show_wizard()
        self.go_to(0)
        status = {"draft": "draft", "completed": "completed",
                  "handout_given": "handout given"}.get(summary.status, summary.status)
        self._say_opened(f"Opened the consultation of {summary.visit_date} ({status}).")
        return True

    # Records: locking --------------------------------------------------------------------
    def lock(self) -> None:
        """Hide every patient detail until the signed-in user's PIN is entered again."""
        if self.user is None or self.locked:
            return
        # Lock first, save afterwards: a busy or failing database must never keep the patient
        # on screen (issue 12.7). The save and the audit entry are best effort.
        self.locked = True
        self.idle.stop()
        current = self.root.currentWidget()
        self._shown_before_lock = (current if current is not None
                                   and current is not self.access_page else self.wizard)
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        if self.records_page is not None:
            self.records_page.clear()
        self.message_bar.hide()
        self.statusBar().clearMessage()
        self.access_page.show_locked(self.user.name)
        self._show_access()
        self._update_title()
        try:
            self.autosave_now()
            if self.records is not None:
                self.records.log(self.user, "lock")
        except Exception:  # the screen is locked already; the draft stays in the window
            log_failure("saving or auditing at lock")

    def _unlock(self, pin: str) -> None:
        if self.user is None or self.records is None:
            return
        from consultaid.records.service import SignInPaused

        try:
            again = self.records.sign_in(self.user.name, pin)
        except SignInPaused as exc:
            self.access_page.show_error(str(exc))
            return
        except (ConsultaidError, sqlite3.Error):
            self.access_page.show_error("That PIN is not right. Try again, or sign out.")
            return
        if again.id != self.user.id:
            self.access_page.show_error("That PIN is not right. Try again, or sign out.")
            return
        self.locked = False
        self.records.log(self.user, "unlock")
        self._apply_role()
        self.menuBar().setEnabled(True)
        self.root.setCurrentWidget(self._shown_before_lock)
        if self._shown_before_lock is self.records_page and self.records_page is not None:
            self.records_page.apply_filters()
        self.idle.start()
        self._update_title()
