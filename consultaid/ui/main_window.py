"""The main window: a sidebar of steps, the pages, Back/Next, the File and Help menus.

The window owns the :class:`ConsultationState` and wires the pages to it. It keeps work safe:
Save/Open of the JSON record, a question before unsaved changes are dropped, and every
problem told in plain words in the message bar.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
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
from consultaid.fileio import atomic_write_text
from consultaid.services import screen
from consultaid.settings import ClinicSettings
from consultaid.ui.condition_page import ConditionPage
from consultaid.ui.expectations_page import ExpectationsPage
from consultaid.ui.follow_up_page import FollowUpPage
from consultaid.ui.handout_page import BuildPdf, HandoutPage
from consultaid.ui.patient_page import PatientPage
from consultaid.ui.screening_page import ScreeningPage
from consultaid.ui.state import ConsultationState
from consultaid.ui.steps import Step, StepState, step_status

RECENT_KEY = "recent_files"
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
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Message")
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
        self.text.setText(("⚠ Problem: " if error else "ℹ ") + text)
        self.setProperty("kind", "error" if error else "info")
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()


class MainWindow(QMainWindow):
    """The consultation wizard. ``build_pdf`` makes the handout PDF (injected by the app)."""

    step_changed = Signal(int)

    def __init__(self, pack: ContentPack, settings: ClinicSettings | None = None,
                 build_pdf: BuildPdf | None = None, warnings: list[str] | None = None,
                 languages: list[str] | None = None, settings_file: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.settings = settings or ClinicSettings()
        self.settings_file = settings_file
        self.languages = languages or [pack.language]
        self.state = ConsultationState(self._new_consultation(), self)
        self.setStyleSheet(STYLE)
        self.resize(1280, 800)
        self.setMinimumSize(900, 600)

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
        for step, page in zip(Step, self.pages, strict=True):
            self.stack.addWidget(page)
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
        central_layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

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
        self.state.changed.connect(self.update_steps)
        self.state.changed.connect(self._update_title)
        self.state.dirty_changed.connect(self.setWindowModified)

        due = " — DUE FOR REVIEW" if pack.is_due_for_review() else ""
        self.pack_label = QLabel(f"Content pack {pack.version}, reviewed {pack.last_reviewed}"
                                 f"{due}")
        self.statusBar().addPermanentWidget(self.pack_label)
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
        self._action(file_menu, "&Import JSON…", None, self.ask_import)
        self._action(file_menu, "&Export JSON…", None, self.ask_export)
        file_menu.addSeparator()
        self._action(file_menu, "Se&ttings…", QKeySequence.StandardKey.Preferences,
                     self.open_settings)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About consultaid", None, self.show_about)

    def _action(self, menu: QMenu, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[call-overload]
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _new_consultation(self) -> Consultation:
        return Consultation(handout=HandoutOptions(
            language=self.settings.default_language or self.pack.language,
            paper=self.settings.default_paper))

    # Navigation --------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Show step ``index`` (clamped); the sidebar and buttons follow."""
        index = max(0, min(index, len(self.pages) - 1))
        if self.stack.currentIndex() != index:
            self.stack.setCurrentIndex(index)
        if self.sidebar.currentRow() != index:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(index)
            self.sidebar.blockSignals(False)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        self.position.setText(f"Step {index + 1} of {len(self.pages)}: {Step(index).title}")
        self.step_changed.emit(index)

    def current_step(self) -> Step:
        return Step(self.stack.currentIndex())

    def update_steps(self) -> None:
        """Refresh the sidebar's state for each step (words and a sign, not colour)."""
        c = self.state.consultation
        result = screen(c, self.pack)
        for step in Step:
            status = step_status(step, c, self.pack, result, self.handout_page.handout_made)
            item = self.sidebar.item(int(step))
            detail = f"\n    {status.detail}" if status.detail else ""
            item.setText(f"{status.state.sign} {int(step) + 1}. {step.title}\n"
                         f"    {status.state.value}{detail}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"Step {int(step) + 1}, {step.title}: {status.state.value}. "
                         f"{status.detail}")
            item.setToolTip(status.detail or status.state.value)
            font = item.font()
            font.setBold(status.state is StepState.NEEDS_ATTENTION)
            item.setFont(font)

    def _update_title(self) -> None:
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
            text = path.read_text(encoding="utf-8")
            return consultation_from_json(text)
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
        self.show_message(f"Opened {path}.")
        return True

    def save(self) -> bool:
        if self.state.path is None:
            return self.save_as()
        return self.save_to(self.state.path)

    def save_as(self) -> bool:
        c = self.state.consultation
        stem = "".join(ch if ch.isalnum() else "-" for ch in c.patient.name).strip("-")
        start = str(Path(self._folder()) / f"consultation-{stem or 'new'}-{c.visit_date}.json")
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
            action.setToolTip(name)
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

    def show_about(self) -> None:
        QMessageBox.about(self, "About consultaid", self.about_text())

    # Closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            self.handout_page.runner.wait(10000)
            event.accept()
        else:
            event.ignore()
