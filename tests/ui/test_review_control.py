"""The review control on its own (issue 27): the state's review mirrors only a review the
records vouch for, and the dialog signs one through the records. A real temporary database,
an access model, a label; no window."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Review
from consultaid.domain.screening import Verdict
from consultaid.domain.signed_review import answers_digest
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.saving import SaveTarget
from consultaid.ui.access.access_model import AccessModel
from consultaid.ui.records.review_control import ReviewControl
from consultaid.ui.state import ConsultationState
from tests.ui.conftest import needing_review
from tests.ui.controller_parts import Controllers
from tests.ui.driving import choose, click


def test_only_a_review_the_records_vouch_for_counts(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack) -> None:
    other = service.create_user(physician, "Dr Lee Okafor", "physician", "864213")
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()
    service.save_draft(physician, example)
    access = AccessModel()
    access.records, access.user = service, physician
    parent = QWidget()
    qtbot.addWidget(parent)
    line = QLabel(parent)
    state = ConsultationState(pack=pack)
    control = ReviewControl(state, access, line, save_target=lambda: SaveTarget.DRAFT,
                            save_draft_now=lambda: True, open_record=lambda _cid: None,
                            dialog_parent=parent)
    state.changed.connect(control.show)
    state.replace(copy.deepcopy(example))
    assert state.overview.screening.verdict is Verdict.NEEDS_REVIEW
    assert "Waiting for a second physician" in line.text()

    service.db.execute(  # a review inserted with SQL, with the right answers
        "INSERT INTO reviews (consultation_id, reviewer_id, decision, comment, answers_sha256, "
        "signed_at) VALUES (?, ?, 'agreed', '', ?, '2026-12-01T10:00:00.000+00:00')",
        (example.consultation_id, other.id, answers_digest(example)))
    control.forget()
    state.rederive()
    assert state.consultation.review.reviewer == ""
    assert state.overview.screening.verdict is Verdict.NEEDS_REVIEW
    assert "Reviewed by" not in line.text()

    service.sign_review("Dr Lee Okafor", "864213", example.consultation_id, "agreed")
    control.forget()
    state.rederive()
    assert state.consultation.review.reviewer == "Dr Lee Okafor"
    assert state.overview.screening.verdict is Verdict.MAY_PROCEED
    assert "Reviewed by Dr Lee Okafor" in line.text()
    access.close()


def review_control(parts: Controllers) -> tuple[ReviewControl, QLabel, list[tuple[str, bool]]]:
    """Built as the window builds it, over the records controller's draft save; with the
    Screening step's review line and what it said."""
    line = QLabel(parts.window.wizard)
    said: list[tuple[str, bool]] = []
    control = ReviewControl(parts.state, parts.access, line,
                            save_target=parts.window.save_target,
                            save_draft_now=parts.records.autosave_now,
                            open_record=lambda _cid: None, dialog_parent=parts.window.frame)
    control.said.connect(lambda text, problem: said.append((text, problem)))
    return control, line, said


def test_the_review_dialog_signs_through_the_records(
        qtbot: QtBot, controllers: Controllers, service: RecordsService, physician: User,
        pack: ContentPack) -> None:
    """Built from the records controller's draft save, as the window builds it: the owner is
    never offered, a wrong PIN is said and counted, "does not agree" is signed."""
    parts = controllers
    service.create_user(physician, "Dr Lee Okafor", "physician", "864213")
    parts.control.signed_in(physician)
    example = needing_review(pack)
    parts.state.replace(example)
    qtbot.waitUntil(lambda: parts.records.looking_up is None)
    control, line, said = review_control(parts)
    parts.state.changed.connect(control.show)
    parts.state.edit(lambda _c: None)
    assert parts.state.overview.screening.verdict is Verdict.NEEDS_REVIEW
    assert "Waiting for a second physician" in line.text()

    control.ask()  # Screening > Review…: the draft goes to the records first
    assert service.summary(example.consultation_id) is not None
    dialog = control.dialog
    assert dialog is not None and dialog.isVisible()
    offered = [dialog.reviewer.itemText(i) for i in range(dialog.reviewer.count())]
    assert offered == ["Dr Lee Okafor"]  # never the signed-in owner
    assert dialog.treating.text() == "Dr Ada Test"
    qtbot.waitUntil(dialog.pin.hasFocus)
    choose(qtbot, dialog.decision, "Does not agree")
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, "000000")
    click(qtbot, dialog.sign_button)
    assert dialog.isVisible() and "do not match" in dialog.error.text()
    assert dialog.pin.text() == ""
    failures = service.db.execute(
        "SELECT count(*) FROM audit WHERE action = 'sign-in-failed'").fetchone()[0]
    assert failures == 1
    qtbot.keyClicks(dialog.pin, "864213")
    dialog.comment.setFocus()
    qtbot.keyClicks(dialog.comment, "Check the CRP again.")
    click(qtbot, dialog.sign_button)
    assert not dialog.isVisible()
    signed = service.signed_review(example.consultation_id)
    assert signed is not None and signed.decision == "not_agreed"
    assert signed.comment == "Check the CRP again."
    assert parts.state.overview.screening.verdict is Verdict.NOT_ELIGIBLE
    assert "Dr Lee Okafor" in line.text()
    assert said and not said[-1][1]  # said, not as a problem


def test_a_review_needs_someone_signed_in_and_a_draft(
        qtbot: QtBot, controllers: Controllers, physician: User, pack: ContentPack) -> None:
    parts = controllers
    control, _line, said = review_control(parts)
    control.ask()
    assert said == [("A review is signed in the records: sign in to use them first.", True)]
    assert control.dialog is None
