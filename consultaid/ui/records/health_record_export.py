"""File > Export for the health record…: a stored record as FHIR R4 JSON for the clinic's EHR.

What leaves, and for whom, is decided below the window (:func:`consultaid.fhir.export.
export_for_health_record` and the records service): a physician gets the whole document, front
desk the handouts as given only; the records refuse front desk the whole record whatever this
menu offers. This asks which record and where to save it, runs the export and the file's atomic
write on the records thread (:class:`~consultaid.ui.records.records_ops.RecordsOps`: the UI
thread never calls the records), and says what was, and was not, exported.

Which record: the one chosen in the records list while that list is on screen (front desk is
only ever there), otherwise the consultation on screen once it is in the records.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from consultaid.content.pack import ContentPack
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.vocabulary import RecordStatus
from consultaid.fileio import atomic_write_text
from consultaid.services import content_for
from consultaid.settings import ClinicSettings, patient_id_system
from consultaid.ui import messages
from consultaid.ui.access.access_model import AccessModel
from consultaid.ui.state import ConsultationState
from consultaid.ui.translation import translate, translated

if TYPE_CHECKING:
    from consultaid.records.service import RecordsService

FOLDER_KEY = "export/health_record_folder"
"""Where the last export for the health record was saved (the next one starts there)."""


class ExportView(Protocol):
    """What the export needs of the window: a place to say things."""

    def show_message(self, text: str, error: bool = False, source: str = "",
                     lasting: bool = False) -> None: ...


@dataclass(frozen=True)
class Exported:
    path: Path
    notes: list[str]
    documents: int
    whole: bool
    """The whole document (a physician's); False: the handouts as given only."""


class HealthRecordExport(QObject):
    """Asks for a file, exports on the records thread, says what happened."""

    exported = Signal(str)
    """The file was written (its path)."""

    def __init__(self, state: ConsultationState, access: AccessModel, view: ExportView,
                 dialog_parent: QWidget, pack: ContentPack,
                 settings: Callable[[], ClinicSettings],
                 settings_file: Callable[[], Path | None],
                 chosen_in_records: Callable[[], str | None],
                 save_draft: Callable[[], None]) -> None:
        """``chosen_in_records``: the record chosen in the records list while it is shown
        (None otherwise); ``save_draft``: queue the autosave of the draft on screen (on the same
        records thread, so the export that follows holds it)."""
        super().__init__(dialog_parent)
        self.state, self.access, self.view = state, access, view
        self.dialog_parent, self.pack = dialog_parent, pack
        self.settings, self.settings_file = settings, settings_file
        self.chosen_in_records, self.save_draft = chosen_in_records, save_draft
        self.running = False

    # Which record, and where to ----------------------------------------------------------
    def _record(self) -> tuple[str | None, str]:
        """The record to export and, when there is none, what to say instead."""
        chosen = self.chosen_in_records()
        if chosen is not None:
            return chosen, ""
        if not self.access.physician:
            return None, translate("HealthRecordExport",
                                   "Choose a consultation in the records list first.")
        if self.state.record_status is None:
            return None, translate(
                "HealthRecordExport", "This consultation is not in the records yet, so "
                "there is nothing to export for the health record. Enter the patient's name "
                "first: the draft is then kept in the records.")
        return self.state.consultation.consultation_id, ""

    def default_path(self, consultation_id: str) -> Path:
        """No patient's name in a file name: folders, backups and mail show them."""
        folder = str(QSettings().value(FOLDER_KEY, "") or "") or str(Path.home())
        return Path(folder) / f"health-record-{consultation_id[:8]}.json"

    def ask_path(self, consultation_id: str) -> Path | None:
        """The file dialog (it asks before replacing a file); a name typed without .json gets
        it, and replacing that file is asked about too."""
        name = messages.ask_save_path(
            self.dialog_parent, translate("HealthRecordExport", "Export for the health record"),
            str(self.default_path(consultation_id)),
            translate("HealthRecordExport", "FHIR JSON (*.json)"))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
            if path.exists() and not messages.ask_yes(
                    self.dialog_parent, translate("HealthRecordExport", "Replace the file?"),
                    translate("HealthRecordExport", "{name} already exists. Replace it?"
                              ).format(name=path.name)):
                return None
        return path

    # The export --------------------------------------------------------------------------
    def start(self) -> bool:
        """File > Export for the health record…; False when nothing was started."""
        user, ops = self.access.user, self.access.ops
        if user is None or ops is None or self.access.locked:
            return False
        if self.running:
            self.view.show_message(translate(
                "HealthRecordExport", "An export for the health record is still being "
                "written; wait a moment."), error=True)
            return False
        cid, problem = self._record()
        if cid is None:
            self.view.show_message(problem, error=True)
            return False
        path = self.ask_path(cid)
        if path is None:
            return False
        if not os.access(path.parent, os.W_OK | os.X_OK):
            # Said before the export, which the records audit: never "exported" with no file.
            self.view.show_message(translate(
                "HealthRecordExport", "Nothing was exported: the folder {folder} cannot be "
                "written to. Choose another folder.").format(folder=path.parent), error=True)
            return False
        QSettings().setValue(FOLDER_KEY, str(path.parent))
        unsaved = ""
        if cid == self.state.consultation.consultation_id and self.access.physician:
            if self.state.record_status == RecordStatus.DRAFT:
                self.save_draft()  # queued first: the export holds what is on screen
            elif self.state.dirty:
                unsaved = translate(
                    "HealthRecordExport", "The changes on screen are not in it: they reach "
                    "the records as an amendment once saved (File > Save).")
        settings, pack = self.settings(), self.pack
        settings_file = self.settings_file()

        def pack_for(language: str) -> ContentPack:
            return pack if language == pack.language else content_for(language).pack

        def export(records: RecordsService) -> Exported:
            """(records thread) The export, then the file, written atomically."""
            from consultaid.fhir.export import export_for_health_record

            made = export_for_health_record(records, user, cid, pack_for, settings,
                                            patient_id_system(settings_file))
            atomic_write_text(path, made.text(), mode=0o600)  # it holds patient data
            documents = sum(1 for e in made.bundle["entry"]
                            if e["resource"]["resourceType"] == "DocumentReference")
            return Exported(path, made.notes, documents, made.bundle["type"] == "document")

        def done(result: Exported) -> None:
            self.running = False
            self.view.show_message(self.said(result, unsaved), lasting=True)
            self.exported.emit(str(result.path))

        def refused(exc: ConsultaidError) -> None:
            self.running = False
            self.view.show_message(translate(
                "HealthRecordExport", "Nothing was exported for the health record: {exc}"
                ).format(exc=exc), error=True)

        self.running = True
        ops.run(export, done, refused, writes=True, name="export-health-record")
        return True

    @staticmethod
    def said(result: Exported, unsaved: str = "") -> str:
        if result.whole:
            first = translate("HealthRecordExport",
                              "Exported the consultation for the health record to {path}."
                              ).format(path=result.path)
        else:
            first = translate("HealthRecordExport",
                              "Exported the handouts as given ({count}), and nothing "
                              "clinical, for the health record to {path}."
                              ).format(count=result.documents, path=result.path)
        notes = [_sentence(translated(n)) for n in result.notes if not _handouts_only(n)]
        return " ".join([first, *notes, *([unsaved] if unsaved else [])])


def _handouts_only(note: str) -> bool:
    """The note that says a front-desk export holds the handouts only (said already)."""
    from consultaid.fhir.export import HANDOUTS_ONLY

    return getattr(note, "source", None) == HANDOUTS_ONLY



def _sentence(note: str) -> str:
    """The export's notes are lines (the command line prints them so); here they are sentences
    in a row, each started with a capital and ended with a full stop."""
    note = note.strip()
    if note and note[0].islower():
        note = note[0].upper() + note[1:]
    return note if note.endswith((".", "!", "?", "…")) else note + "."
