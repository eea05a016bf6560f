"""JSON files: New, Open, Open Recent, Save, Save As, Import and Export, and the recent list.

The window asks; this does the file work and says what happened through the window's message
bar. Whether a save goes to the records or to a file is decided by
:func:`consultaid.session.saving.save_target`. It is built from what it uses: the state, the
window as a :class:`DocumentView` (where to go, what to say, whom to ask), and the records
controller's three entry points as callables.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMenu, QStatusBar, QWidget

from consultaid.domain.consultation import (
    Consultation,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.errors import ConsultaidError
from consultaid.fileio import RECORD_LIMIT, FileRefused, atomic_write_text, read_limited
from consultaid.session.saving import SaveTarget
from consultaid.ui import messages, plain_text
from consultaid.ui.messages import ask_open_path, ask_save_changes
from consultaid.ui.state import ConsultationState

RECENT_KEY = "recent_files"
MAX_RECENT = 8


class DocumentView(Protocol):
    """What the file commands need of the window (the dialogs' parent too)."""

    def go_to(self, index: int) -> None: ...
    def show_message(self, text: str, error: bool = False, source: str = "",
                     lasting: bool = False) -> None: ...
    def say_opened(self, text: str) -> None: ...
    def update_title(self) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def new_consultation_value(self) -> Consultation: ...
    def focus_first_field(self) -> None: ...


class DocumentController(QObject):
    def __init__(self, state: ConsultationState, window: DocumentView,
                 save_target: Callable[[], SaveTarget], flush: Callable[[], None],
                 discard_kept: Callable[[], None], save_to_records: Callable[[], bool],
                 dialog_parent: QWidget) -> None:
        """``flush``: a pending autosave is written now; ``discard_kept``: a draft kept on
        this computer is dropped; ``save_to_records``: File > Save with records;
        ``dialog_parent``: the questions' window."""
        super().__init__(dialog_parent)
        self.dialog_parent = dialog_parent
        self.state, self.window, self.save_target = state, window, save_target
        self.flush, self.discard_kept, self.save_to_records = flush, discard_kept, save_to_records

    # Asking before work is dropped --------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask before unsaved changes are dropped; False means: stay (Cancel, or Save failed)."""
        self.flush()
        if not self.state.dirty:
            return True
        answer = ask_save_changes(self.dialog_parent)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.discard_kept()
            return True
        return False

    def new_consultation(self) -> None:
        if self.maybe_save():
            self.state.replace(self.window.new_consultation_value())
            self.window.go_to(0)
            self.window.focus_first_field()  # the next patient's name goes here
            self.window.statusBar().showMessage(self.tr("New consultation"), 5000)

    # Opening -----------------------------------------------------------------------------
    def ask_open(self) -> None:
        if not self.maybe_save():
            return
        name = ask_open_path(self.dialog_parent, self.tr("Open consultation"), self.folder())
        if name:
            self.open_file(Path(name))

    def read_record(self, path: Path) -> Consultation | None:
        say = self.window.show_message
        try:
            text = read_limited(path, RECORD_LIMIT).decode("utf-8")
            return consultation_from_json(text)
        except FileRefused as exc:
            say(str(exc), error=True)
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or self.tr("it is not readable text")
            say(self.tr("{path} could not be read ({reason}).").format(
                    path=path, reason=reason), error=True)
        except ConsultaidError as exc:
            say(self.tr("{path} is not a consultation record this version can open: {exc}").format(
                    path=path, exc=exc), error=True)
        return None

    def open_file(self, path: Path) -> bool:
        """Open a saved record (no question asked: callers ask first)."""
        consultation = self.read_record(path)
        if consultation is None:
            return False
        self.state.replace(consultation, path)
        self.add_recent(path)
        self.window.go_to(0)
        self.window.say_opened(self.tr("Opened {path}.").format(path=path))
        return True

    def ask_import(self) -> None:
        """Bring in a JSON record as a new, unsaved consultation."""
        if not self.maybe_save():
            return
        name = ask_open_path(self.dialog_parent, self.tr("Import consultation JSON"), self.folder(),
                             self.tr("JSON (*.json)"))
        if not name:
            return
        consultation = self.read_record(Path(name))
        if consultation is not None:
            self.state.replace(consultation)
            self.state.edit(lambda _c: None)  # imported: not yet saved anywhere
            self.window.go_to(0)
            self.window.show_message(self.tr("Imported {name}. Save it to keep it.").format(
                    name=name))

    # Saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        """With records: keep the draft or the amendment there; otherwise the JSON file."""
        target = self.save_target()
        if target is SaveTarget.REFUSED:
            self.window.show_message(self.tr(
                    "Front desk cannot change or save consultations; a physician can."), error=True)
            return False
        if target is not SaveTarget.FILE:
            return self.save_to_records()
        if self.state.path is None:
            return self.save_as()
        return self.save_to(self.state.path)

    def save_as(self) -> bool:
        if self.save_target() is SaveTarget.REFUSED:
            self.window.show_message(self.tr(
                    "Front desk cannot change or save consultations; a physician can."), error=True)
            return False
        c = self.state.consultation
        # No patient's name in a file name: folders, backups and the recent list show them.
        name_part = f"{c.visit_date}-{c.consultation_id[:8]}"
        start = str(Path(self.folder()) / f"consultation-{name_part}.json")
        name = messages.ask_save_path(self.dialog_parent, self.tr("Save consultation"), start)
        return bool(name) and self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        """Write the record atomically; on failure say why and keep it unsaved."""
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        try:
            atomic_write_text(path, consultation_to_json(self.state.consultation))
        except ConsultaidError as exc:
            self.window.show_message(self.tr("The consultation was not saved: {exc}").format(
                    exc=exc), error=True)
            return False
        self.state.mark_saved(path)
        self.add_recent(path)
        self.window.update_title()
        self.window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 8000)
        return True

    def ask_export(self) -> None:
        """Write a copy of the record as JSON without changing where it is saved."""
        name = messages.ask_save_path(self.dialog_parent, self.tr("Export consultation JSON"),
                                      self.folder(), self.tr("JSON (*.json)"))
        if not name:
            return
        try:
            atomic_write_text(Path(name), consultation_to_json(self.state.consultation))
        except ConsultaidError as exc:
            self.window.show_message(self.tr("The export failed: {exc}").format(exc=exc),
                    error=True)
            return
        self.window.show_message(self.tr("Exported to {name}.").format(name=name))

    # Recent files ------------------------------------------------------------------------
    def folder(self) -> str:
        if self.state.path is not None:
            return str(self.state.path.parent)
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def recent_files(self) -> list[str]:
        value = QSettings().value(RECENT_KEY, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value or []] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        files = [entry] + [f for f in self.recent_files() if f != entry]
        QSettings().setValue(RECENT_KEY, files[:MAX_RECENT])

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        files = self.recent_files()
        if not files:
            none = menu.addAction(self.tr("(no recent files)"))
            none.setEnabled(False)
            return
        for number, name in enumerate(files, start=1):
            action = menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(plain_text.tooltip(name))
            action.triggered.connect(lambda _c=False, n=name: self.open_recent(n))
        menu.addSeparator()
        menu.addAction(self.tr("Clear list"), lambda: QSettings().remove(RECENT_KEY))

    def open_recent(self, name: str) -> None:
        if not self.maybe_save():
            return
        if not Path(name).is_file():
            QSettings().setValue(RECENT_KEY, [f for f in self.recent_files() if f != name])
            self.window.show_message(self.tr(
                    "{name} is no longer there (moved or deleted); it was taken off the "
                    "recent files.").format(name=name), error=True)
            return
        self.open_file(Path(name))
