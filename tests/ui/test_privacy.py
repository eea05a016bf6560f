"""No patient's name in suggested file names or print job names (issue 12.12)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from consultaid import printing
from consultaid.content.pack import ContentPack
from consultaid.session.saving import SaveTarget
from consultaid.settings import ClinicSettings
from consultaid.ui.documents import DocumentController
from consultaid.ui.wizard.handout_page import HandoutPage
from tests.ui.conftest import choose_condition, new_state, shown_alone
from tests.ui.fake_handout import fake_build_handout
from tests.ui.test_documents import View


def test_suggested_file_names_do_not_name_the_patient(
        qtbot: QtBot, pack: ContentPack, monkeypatch: pytest.MonkeyPatch) -> None:
    """File > Save As… and the Handout step's Save PDF…, each built as the window builds it."""
    state = new_state(pack)
    view = View()
    qtbot.addWidget(view)
    documents = DocumentController(state, view, save_target=lambda: SaveTarget.FILE,
                                   flush=lambda: None, discard_kept=lambda: None,
                                   save_to_records=lambda: False, dialog_parent=view)
    handout_page = HandoutPage(state, pack, ClinicSettings(clinic_name="Riverside Joint Clinic"),
                               fake_build_handout, ["en"])
    shown_alone(qtbot, handout_page, before_close=lambda page: page.runner.wait(10000))
    state.edit(lambda c: setattr(c.patient, "name", "Maria Privata"))
    choose_condition(handout_page)
    offered: list[str] = []

    def dialog(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    documents.save_as()
    handout_page.ask_save_pdf()
    assert len(offered) == 2
    assert all("Maria" not in name and "Privata" not in name for name in offered)
    assert offered[1].endswith(".pdf") and offered[0].endswith(".json")
    assert printing.JOB_TITLE == "consultaid handout"  # every print job's name
    state.mark_clean()
