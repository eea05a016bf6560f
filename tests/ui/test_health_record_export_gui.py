"""File > Export for the health record… (issue 31): a physician saves the whole
FHIR document of the record on screen, front desk the handouts as given of the record chosen
in the list; both files pass both validators, the PDF in them is the stored handout byte for
byte, every export is audited, nothing runs on the UI thread, and refusals are one sentence in
the message bar (no traceback, no file). On the steps with their controllers and the real menus
(``make_wizard_controllers``), not the whole window."""

from __future__ import annotations

import base64
import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records import audit
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.fhir.checks import of_type, unresolved
from tests.fhir.validators import errors, validate
from tests.records.conftest import drop_guard
from tests.ui.conftest import activate, settle, sign_in
from tests.ui.controller_parts import MakeWizardControllers, WizardControllers
from tests.ui.fake_handout import tiny_pdf


def store(service: RecordsService, physician: User, pack: ContentPack, name: str,
          handout: bool = True) -> str:
    record = copy.deepcopy(example_consultation(pack))
    record.consultation_id = str(uuid.uuid4())
    record.patient.name = name
    service.save_draft(physician, record)
    if handout:
        service.record_handout(physician, record.consultation_id, tiny_pdf([name]),
                               pack.version, ClinicSettings())
    return record.consultation_id


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Any]:
    """The save dialog answers with a file in the test's folder; what it was asked is kept."""
    asked: list[Any] = []
    target = tmp_path / "out" / "for-the-ehr.json"
    target.parent.mkdir()

    def answer(_parent: object, title: str, start: str, filter_: str) -> str:
        asked.append((title, start, filter_))
        return str(target)

    monkeypatch.setattr("consultaid.ui.messages.ask_save_path", answer)
    asked.append(target)
    return asked


def export_by_menu(qtbot: QtBot, win: WizardControllers) -> None:
    """File > Export for the health record…, and wait for the records thread's answer."""
    action = win.menu_actions.health_record_action
    assert action.isEnabled()
    action.trigger()
    settle(qtbot, win)


def find(qtbot: QtBot, win: WizardControllers, name: str) -> None:
    """In the records list: type the name, Enter chooses the first match."""
    page = win.records_page
    assert page is not None and win.root.currentWidget() is page
    page.search.setFocus()
    qtbot.keyClicks(page.search, name)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, win)  # searched again on the records thread, then to the results
    chosen = page.selected()
    assert chosen is not None and chosen.patient_name == name


def exports(service: RecordsService) -> list[tuple[str, dict[str, Any]]]:
    return [(e.record_id, e.detail) for e in audit.entries(service.db) if e.action == "export"]


def test_a_physician_exports_the_record_on_screen_whole(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers, save_to: list[Any]) -> None:
    cid = store(service, physician, pack, "Beto Bravo")
    store(service, physician, pack, "Ana Alba")
    win = make_wizard_controllers(service)
    activate(qtbot, win.frame)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    qtbot.keyClick(win.frame, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # File > Records…
    find(qtbot, win, "Beto Bravo")
    page = win.records_page
    assert page is not None
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # a physician opens it
    settle(qtbot, win)
    assert win.root.currentWidget() is win.wizard
    assert win.state.consultation.consultation_id == cid

    with qtbot.waitSignal(win.health_record.exported, timeout=30000):
        export_by_menu(qtbot, win)
    target: Path = save_to[0]
    (title, start, filter_) = save_to[1]
    assert title == "Export for the health record" and filter_ == "FHIR JSON (*.json)"
    assert Path(start).name == f"health-record-{cid[:8]}.json"  # no patient's name
    assert "Beto" not in start
    bundle = json.loads(target.read_text(encoding="utf-8"))
    assert errors(validate([target])[str(target)]) == []
    assert unresolved(bundle) == []
    assert bundle["type"] == "document"
    assert of_type(bundle, "QuestionnaireResponse") and of_type(bundle, "Encounter")
    (document,) = of_type(bundle, "DocumentReference")
    stored = service.handouts(cid)
    assert base64.b64decode(document["content"][0]["attachment"]["data"]) == stored[0].pdf
    assert target.stat().st_mode & 0o077 == 0  # patient data: the user's alone
    said = win.message_bar.text.text()
    assert f"Exported the consultation for the health record to {target}." in said
    assert exports(service) == [(cid, {"format": "fhir", "version": 1})]
    ops = win.records_sync.ops
    assert ops is not None and not ops.ui_thread_ran_a_call


def test_front_desk_exports_the_handouts_of_the_chosen_record_only(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers, save_to: list[Any]) -> None:
    cid = store(service, physician, pack, "Carla Cruz")
    store(service, physician, pack, "Ana Alba")
    service.create_user(physician, "Fran Desk", "front_desk", "567890")
    win = make_wizard_controllers(service)
    activate(qtbot, win.frame)
    sign_in(qtbot, win, "Fran Desk", "567890")
    acts = win.menu_actions
    assert not acts.export_action.isEnabled()  # the consultation's own JSON: not theirs
    find(qtbot, win, "Carla Cruz")
    with qtbot.waitSignal(win.health_record.exported, timeout=30000):
        export_by_menu(qtbot, win)
    target: Path = save_to[0]
    bundle = json.loads(target.read_text(encoding="utf-8"))
    assert errors(validate([target])[str(target)]) == []
    assert unresolved(bundle) == []
    assert bundle["type"] == "collection"
    assert sorted({e["resource"]["resourceType"] for e in bundle["entry"]}) == [
        "DocumentReference", "Organization", "Patient", "Practitioner"]
    (document,) = of_type(bundle, "DocumentReference")
    pdf = base64.b64decode(document["content"][0]["attachment"]["data"], validate=True)
    stored = service.latest_handout(cid)
    assert stored is not None and pdf == stored.pdf  # byte for byte as given
    said = win.message_bar.text.text()
    assert ("Exported the handouts as given (1), and nothing clinical, for the health record "
            f"to {target}.") in said
    assert exports(service) == [(cid, {"format": "fhir", "part": "handouts", "version": 1})]
    ops = win.records_sync.ops
    assert ops is not None and not ops.ui_thread_ran_a_call


def test_front_desk_is_told_what_cannot_be_exported_and_no_file_is_made(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers, save_to: list[Any]) -> None:
    store(service, physician, pack, "Dora Diaz", handout=False)
    service.create_user(physician, "Fran Desk", "front_desk", "567890")
    win = make_wizard_controllers(service)
    activate(qtbot, win.frame)
    sign_in(qtbot, win, "Fran Desk", "567890")
    page = win.records_page
    assert page is not None
    page.table.clearSelection()
    export_by_menu(qtbot, win)
    assert "Choose a consultation in the records list first." in win.message_bar.text.text()
    assert len(save_to) == 1  # the dialog was never opened

    find(qtbot, win, "Dora Diaz")
    export_by_menu(qtbot, win)
    said = win.message_bar.text.text()
    assert said.startswith("⚠ Problem: Nothing was exported for the health record: No "
                           "handout has been given for this consultation yet.")
    assert not save_to[0].exists() and exports(service) == []


def test_no_handout_given_is_said_and_a_tampered_record_is_refused(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers, save_to: list[Any]) -> None:
    plain = store(service, physician, pack, "Eva Elm", handout=False)
    changed = store(service, physician, pack, "Fabio Fox")
    win = make_wizard_controllers(service)
    activate(qtbot, win.frame)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    qtbot.keyClick(win.frame, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    find(qtbot, win, "Eva Elm")
    with qtbot.waitSignal(win.health_record.exported, timeout=30000):
        export_by_menu(qtbot, win)  # from the list: the chosen record
    target: Path = save_to[0]
    assert of_type(json.loads(target.read_text(encoding="utf-8")), "DocumentReference") == []
    assert (f"Consultation {plain} has no handout given: exported without a "
            "DocumentReference.") in win.message_bar.text.text()
    target.unlink()

    drop_guard(service.store, "handouts_no_update", "handouts")
    with service.store.transaction() as db:
        db.execute("UPDATE handouts SET pdf = ? WHERE consultation_id = ?",
                   (tiny_pdf(["someone else"]), changed))
    page = win.records_page
    assert page is not None
    page.search.clear()
    find(qtbot, win, "Fabio Fox")
    export_by_menu(qtbot, win)
    said = win.message_bar.text.text()
    assert said.startswith("⚠ Problem: Nothing was exported for the health record: handout ")
    assert "does not match its checksum or the audit log" in said
    assert "Traceback" not in said and not target.exists()
    assert [cid for cid, _ in exports(service)] == [plain]


def test_a_new_consultation_not_yet_stored_has_nothing_to_export(
        qtbot: QtBot, service: RecordsService, physician: User,
        make_wizard_controllers: MakeWizardControllers, save_to: list[Any]) -> None:
    win = make_wizard_controllers(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.root.currentWidget() is win.wizard
    export_by_menu(qtbot, win)
    assert "This consultation is not in the records yet" in win.message_bar.text.text()
    assert len(save_to) == 1 and exports(service) == []


def test_a_name_typed_without_json_never_replaces_a_file_silently(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    store(service, physician, pack, "Gil Gray")
    kept = tmp_path / "ehr.json"
    kept.write_text("kept", encoding="utf-8")
    monkeypatch.setattr("consultaid.ui.messages.ask_save_path",
                        lambda *_a: str(tmp_path / "ehr"))
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    win = make_wizard_controllers(service)
    activate(qtbot, win.frame)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    qtbot.keyClick(win.frame, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    find(qtbot, win, "Gil Gray")
    export_by_menu(qtbot, win)
    assert asked == ["ehr.json already exists. Replace it?"]
    assert kept.read_text(encoding="utf-8") == "kept" and exports(service) == []


def test_a_change_not_yet_autosaved_is_in_the_export(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers, save_to: list[Any]) -> None:
    """The draft on screen is saved on the records thread first, then exported."""
    cid = store(service, physician, pack, "Hugo Hill", handout=False)
    win = make_wizard_controllers(service)
    activate(qtbot, win.frame)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.records_sync.open_record(cid, ask=False)
    settle(qtbot, win)
    name = win.patient_page.name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, "-Hale")
    assert win.records_sync.autosave_timer.isActive()  # not saved yet
    with qtbot.waitSignal(win.health_record.exported, timeout=30000):
        export_by_menu(qtbot, win)
    bundle = json.loads(save_to[0].read_text(encoding="utf-8"))
    assert of_type(bundle, "Patient")[0]["name"][0]["text"] == "Hugo Hill-Hale"
    assert [a for a, _ in ((e.action, e.record_id) for e in audit.entries(service.db, cid))
            ][-2:] == ["edit", "export"]


def test_a_folder_that_cannot_be_written_is_said_before_anything_is_exported(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    store(service, physician, pack, "Ines Ivy")
    monkeypatch.setattr("consultaid.ui.messages.ask_save_path",
                        lambda *_a: str(tmp_path / "no-such-folder" / "ehr.json"))
    win = make_wizard_controllers(service)
    activate(qtbot, win.frame)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    qtbot.keyClick(win.frame, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    find(qtbot, win, "Ines Ivy")
    export_by_menu(qtbot, win)
    assert "cannot be written to. Choose another folder." in win.message_bar.text.text()
    assert exports(service) == []  # not audited as exported
