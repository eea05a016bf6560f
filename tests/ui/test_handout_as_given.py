"""Issue 11.3–11.4: the handout as given is exactly what was given. On a completed record a
change of clinical content is an amendment asked for *before* anything is written or printed;
a large-print, Letter or Spanish copy of an unchanged record is a reprint variant (no reason
asked); whatever reaches the disk is byte for byte what the record stores; an amendment in
progress survives a crash. The steps and the records controllers without the window
(``make_wizard_controllers``); the physician's answers are scripted (``questions``)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records import pending
from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.records.users import User
from consultaid.session.steps import Step
from consultaid.settings import ClinicSettings
from tests.ui.controller_parts import (
    FakeQuestions,
    MakeWizardControllers,
    WizardControllers,
    settle,
    sign_in,
)
from tests.ui.driving import choose, type_into
from tests.ui.fake_handout import fake_build_handout


@pytest.fixture
def given(qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
          make_wizard_controllers: MakeWizardControllers) -> WizardControllers:
    """A completed record whose handout was given, open on a physician's steps."""
    example = copy.deepcopy(example_consultation(pack))
    service.save_draft(physician, example)
    service.record_handout(physician, example.consultation_id,
                           fake_build_handout(example, pack, ClinicSettings()),
                           pack.provenance, ClinicSettings())
    win = make_wizard_controllers(service, ("en", "es"))
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.window.show_records()
    settle(qtbot, win)
    assert win.records_page is not None
    win.records_page.select_row(0)
    QTest.mouseClick(win.records_page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)  # (read on the records thread)
    assert win.records_sync.record_status == "handout_given" and not win.state.dirty
    return win


REASON = "Reason for the amendment"


def asked_for_a_reason(questions: FakeQuestions,
                       answer: str | None) -> Callable[[], list[str]]:
    """``answer`` is the physician's when the amendment's reason is asked (None: cancelled);
    what is returned tells each time it was asked from now on."""
    start = len(questions.asked)
    questions.reasons.append(answer)
    return lambda: [asked for asked in questions.asked[start:] if asked == REASON]


def versions(service: RecordsService, win: WizardControllers) -> list[str]:
    return [v[3] for v in service.versions(win.state.consultation.consultation_id)]


def test_cancelling_the_amendment_writes_no_file(
        qtbot: QtBot, tmp_path: Path, given: WizardControllers, service: RecordsService,
        questions: FakeQuestions) -> None:
    win = given
    before = service.latest_handout(win.state.consultation.consultation_id)
    type_into(qtbot, win.patient_page.name, "Corrected Name")  # clinical content
    win.go_to(int(Step.HANDOUT))
    asked = asked_for_a_reason(questions, None)  # the physician cancels
    target = tmp_path / "handout.pdf"
    win.handout_page.save_pdf(target)
    assert asked(), "the amendment's reason is asked before the file is written"
    assert not target.exists()
    assert "Nothing was saved or printed" in win.message_bar.text.text()
    after = service.latest_handout(win.state.consultation.consultation_id)
    assert after is not None and before is not None and after.sha256 == before.sha256
    assert versions(service, win) == ["completed"]
    assert win.state.dirty  # the changes are still on screen


def test_an_amendment_is_saved_first_then_the_file_is_what_the_record_stores(
        qtbot: QtBot, tmp_path: Path, given: WizardControllers, service: RecordsService,
        questions: FakeQuestions) -> None:
    win = given
    type_into(qtbot, win.patient_page.name, "Corrected Name")
    win.go_to(int(Step.HANDOUT))
    asked = asked_for_a_reason(questions, "Name was misspelt")
    target = tmp_path / "handout.pdf"
    with qtbot.waitSignal(win.records_sync.handout_recorded, timeout=10000):
        win.handout_page.save_pdf(target)
    assert len(asked()) == 1
    assert versions(service, win) == ["completed", "Name was misspelt"]
    stored = service.latest_handout(win.state.consultation.consultation_id)
    assert stored is not None and stored.pdf == target.read_bytes()
    assert not win.state.dirty


@pytest.mark.parametrize("change", ["large print", "paper", "language"])
def test_a_reprint_variant_asks_no_reason_and_is_stored_as_given(
        qtbot: QtBot, tmp_path: Path, given: WizardControllers, service: RecordsService,
        questions: FakeQuestions, change: str) -> None:
    win = given
    win.go_to(int(Step.PATIENT))
    page = win.patient_page
    if change == "large print":
        page.large_print.setFocus()
        QTest.keyClick(page.large_print, Qt.Key.Key_Space)
    elif change == "paper":
        win.go_to(int(Step.HANDOUT))
        choose(qtbot, win.handout_page.paper, "US Letter")
    else:
        choose(qtbot, page.language, "Español")
    assert win.state.dirty
    asked = asked_for_a_reason(questions, "should not be asked")
    win.go_to(int(Step.HANDOUT))
    target = tmp_path / "variant.pdf"
    with qtbot.waitSignal(win.records_sync.handout_recorded, timeout=10000):
        win.handout_page.save_pdf(target)
    assert asked() == []
    assert versions(service, win) == ["completed"]  # no amendment
    stored = service.latest_handout(win.state.consultation.consultation_id)
    assert stored is not None and stored.pdf == target.read_bytes()
    assert "reprint variant" in win.message_bar.text.text()
    assert not win.state.dirty


def test_an_amendment_in_progress_survives_a_crash(
        qtbot: QtBot, given: WizardControllers, service: RecordsService, physician: User,
        records_db: Path, make_wizard_controllers: MakeWizardControllers,
        questions: FakeQuestions) -> None:
    win = given
    cid = win.state.consultation.consultation_id
    type_into(qtbot, win.patient_page.name, "Corrected After Crash")
    qtbot.waitUntil(lambda: bool(pending.for_user(physician.id)), timeout=5000)
    assert pending.for_user(physician.id)[0].kind == "amendment"
    # kill -9: no clean close. The next start offers it back; saving asks the reason.
    win.records_sync.autosave_timer.stop()
    questions.yes.append(True)
    fresh = RecordsService(Store(records_db))
    again = make_wizard_controllers(fresh)
    sign_in(qtbot, again, "Dr Ada Test", "123456")
    assert again.patient_page.name.text() == "Corrected After Crash"
    assert again.state.dirty
    asked = asked_for_a_reason(questions, "Name corrected after a crash")
    assert again.documents.save()
    assert len(asked()) == 1
    assert fresh.get(physician, cid)[0].patient.name == "Corrected After Crash"
    assert pending.for_user(physician.id) == []
    fresh.store.close()


def test_cancelling_the_amendment_prints_nothing(
        qtbot: QtBot, given: WizardControllers, service: RecordsService,
        questions: FakeQuestions, monkeypatch: pytest.MonkeyPatch) -> None:
    win = given
    type_into(qtbot, win.patient_page.name, "Corrected Name")
    win.go_to(int(Step.HANDOUT))
    page = win.handout_page
    qtbot.waitUntil(lambda: page.pdf_bytes is not None and not page.runner.busy
                    and not page.timer.isActive(), timeout=10000)
    sent: list[bytes] = []
    monkeypatch.setattr(page.printer, "start", sent.append)
    asked = asked_for_a_reason(questions, None)
    QTest.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked()), timeout=5000)
    assert sent == [] and versions(service, win) == ["completed"]
    assert "Nothing was saved or printed" in win.message_bar.text.text()
