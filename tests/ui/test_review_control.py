"""The review control on its own (issue 27): the state's review mirrors only a review the
records vouch for. A real temporary database, an access model, a label; no window."""

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
