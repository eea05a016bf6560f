"""The records controller on its own (issue 27): autosave, File > Save and amendments through
the records runner, with a real temporary database and scripted questions; no window."""

from __future__ import annotations

import copy

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, Review
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.saving import SaveTarget
from consultaid.ui.records.records_sync import UNFINISHED_KEY
from tests.ui.controller_parts import Controllers, FakeQuestions
from tests.ui.driving import type_into


def signed_in(qtbot: QtBot, parts: Controllers, physician: User) -> None:
    parts.control.signed_in(physician)
    qtbot.waitUntil(lambda: parts.access.ops is not None and not parts.access.ops.busy)


def name_field(qtbot: QtBot, parts: Controllers) -> QLineEdit:
    """A patient-name field wired to the state as the patient page wires it."""
    field = QLineEdit()
    qtbot.addWidget(field)
    field.textEdited.connect(
        lambda text: parts.state.edit(lambda c: setattr(c.patient, "name", text)))
    field.show()
    qtbot.waitExposed(field)
    return field


def shown(qtbot: QtBot, parts: Controllers, consultation: Consultation) -> None:
    """``consultation`` on screen, its status asked of the records."""
    parts.state.replace(consultation)
    qtbot.waitUntil(lambda: parts.records.looking_up is None)


def test_typing_autosaves_a_draft_in_the_background(
        qtbot: QtBot, controllers: Controllers, service: RecordsService,
        physician: User) -> None:
    parts = controllers
    signed_in(qtbot, parts, physician)
    assert parts.window.save_target() is SaveTarget.DRAFT
    field = name_field(qtbot, parts)
    type_into(qtbot, field, "Maria Nunez")
    assert parts.state.dirty and parts.records.autosave_timer.isActive()
    cid = parts.state.consultation.consultation_id
    with qtbot.waitSignal(parts.records.draft_saved, timeout=4000) as saved:
        pass
    assert saved.args == [cid]
    qtbot.waitUntil(lambda: not parts.state.dirty)
    summary = service.summary(cid)
    assert summary is not None and summary.status == "draft"
    assert summary.patient_name == "Maria Nunez"
    assert parts.state.record_status == "draft"
    assert QSettings().value(UNFINISHED_KEY) == f"{cid}|{physician.id}"
    assert parts.window.messages == []


def test_file_save_writes_the_draft_now(
        qtbot: QtBot, controllers: Controllers, service: RecordsService, physician: User,
        pack: ContentPack) -> None:
    parts = controllers
    signed_in(qtbot, parts, physician)
    example = copy.deepcopy(example_consultation(pack))
    shown(qtbot, parts, example)
    parts.state.edit(lambda c: setattr(c.patient, "name", "Li Wei"))
    assert parts.records.save_to_records()
    assert not parts.records.autosave_timer.isActive()  # written now, not later
    assert not parts.state.dirty
    assert parts.records.record_version == 1
    assert parts.window.status_bar.currentMessage() == "Saved as a draft in the records."
    stored, summary = service.get(physician, example.consultation_id)
    assert stored.patient.name == "Li Wei" and summary.status == "draft"
    parts.state.edit(lambda c: setattr(c.patient, "name", "Li Wei Chen"))
    assert parts.records.save_to_records()  # the version this screen holds: accepted
    assert parts.records.record_version == 2
    assert service.get(physician, example.consultation_id)[0].patient.name == "Li Wei Chen"


def test_a_completed_record_changes_only_by_an_amendment_with_a_reason(
        qtbot: QtBot, controllers: Controllers, service: RecordsService, physician: User,
        pack: ContentPack, questions: FakeQuestions) -> None:
    parts = controllers
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()
    service.save_draft(physician, example)
    service.complete(physician, example.consultation_id)
    signed_in(qtbot, parts, physician)
    shown(qtbot, parts, copy.deepcopy(example))
    assert parts.state.record_status == "completed"
    assert parts.window.save_target() is SaveTarget.AMENDMENT
    field = name_field(qtbot, parts)
    type_into(qtbot, field, "Corrected Name")
    assert any("amendment" in text for text in parts.window.texts())
    qtbot.wait(1800)  # longer than the autosave's pause: still no draft over a completed record
    assert parts.state.dirty
    assert [v[3] for v in service.versions(example.consultation_id)] == ["completed"]

    questions.reasons.append(None)  # cancelled: nothing is saved
    assert not parts.records.save_to_records()
    assert parts.window.messages[-1] == (
        "The amendment was not saved: a reason is needed.", True)
    assert parts.state.dirty

    questions.reasons.append("Name was misspelt")
    assert parts.records.save_to_records()
    assert questions.asked == ["Reason for the amendment"] * 2
    assert not parts.state.dirty
    assert [v[3] for v in service.versions(example.consultation_id)] == [
        "completed", "Name was misspelt"]
    assert parts.window.texts()[-1] == "Amendment 1 saved; the earlier version is kept."
    stored, _summary = service.get(physician, example.consultation_id)
    assert stored.patient.name == "Corrected Name"
