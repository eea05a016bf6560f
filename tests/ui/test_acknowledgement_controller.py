"""The acknowledgement controller on its own (issue 27): the consultation's state, an access
model and a real temporary records database; no window."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.acknowledgement import Acknowledgement
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from consultaid.ui.access.access_model import AccessModel
from consultaid.ui.records.acknowledgement_sync import AcknowledgementController
from consultaid.ui.state import ConsultationState
from consultaid.ui.wizard.acknowledgement_panel import AcknowledgementPanel
from tests.ui.fake_handout import fake_build_handout


@pytest.fixture
def access(service: RecordsService, physician: User) -> Iterator[AccessModel]:
    model = AccessModel()
    model.records = service
    model.user = physician
    yield model
    model.close()


def controller(qtbot: QtBot, state: ConsultationState, access: AccessModel, pack: ContentPack,
               said: list[str]) -> AcknowledgementController:
    panel = AcknowledgementPanel()
    qtbot.addWidget(panel)
    return AcknowledgementController(state, access, panel, pack,
                                     settings=ClinicSettings, builder=lambda: fake_build_handout,
                                     say=said.append)


def test_a_paper_acknowledgement_names_the_handout_as_given(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        access: AccessModel) -> None:
    example = copy.deepcopy(example_consultation(pack))
    service.save_draft(physician, example)
    given = service.record_handout(physician, example.consultation_id,
                                   fake_build_handout(example, pack, ClinicSettings()),
                                   pack.provenance, ClinicSettings())
    state = ConsultationState(example, pack=pack)
    state.set_record_status("handout_given")
    said: list[str] = []
    acks = controller(qtbot, state, access, pack, said)
    assert acks.panel.record_button.isEnabled()
    with qtbot.waitSignal(acks.recorded, timeout=10000) as recorded:
        acks.record(Acknowledgement(method="paper"))
    assert recorded.args == ["paper"]
    stored, _summary = service.get(physician, example.consultation_id)
    assert stored.acknowledgement is not None
    assert stored.acknowledgement.handout_sha256 == given.sha256
    assert state.consultation.acknowledgement == stored.acknowledgement  # shown as stored
    assert said == ["The acknowledgement is stored with the record."]


def test_no_acknowledgement_before_the_handout_is_given(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        access: AccessModel) -> None:
    example = copy.deepcopy(example_consultation(pack))
    service.save_draft(physician, example)
    state = ConsultationState(example, pack=pack)
    state.set_record_status("draft")
    said: list[str] = []
    acks = controller(qtbot, state, access, pack, said)
    with qtbot.assertNotEmitted(acks.recorded, wait=200):
        acks.record(Acknowledgement(method="paper"))
    assert "Give the handout first" in acks.panel.status.text()
    assert service.get(physician, example.consultation_id)[0].acknowledgement is None
    access.user = None  # signed out: it says who may record one
    assert "sign in as a physician" in acks.panel.status.text()
