"""Issue 16.4 on the steps with their controllers: the handout is in the patient's language,
chosen on the Patient step by its own name ("Español"), whatever language the visit uses; the
record keeps which pack wrote it."""

from __future__ import annotations

import copy

from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from consultaid.app import build_pdf
from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.services import content_for
from consultaid.session.steps import Step
from tests.helpers import text_of
from tests.ui.conftest import sign_in
from tests.ui.controller_parts import MakeWizardControllers
from tests.ui.driving import choose


def test_a_spanish_handout_from_an_english_visit(
        qtbot: QtBot, pack: ContentPack, service: RecordsService, physician: User,
        make_wizard_controllers: MakeWizardControllers) -> None:
    win = make_wizard_controllers(service, ("en", "es"), build_pdf=build_pdf)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.state.replace(copy.deepcopy(example_consultation(pack)))
    win.go_to(int(Step.PATIENT))
    choose(qtbot, win.patient_page.language, "Español")  # keyboard, as in the visit
    assert win.state.consultation.handout.language == "es"
    note = win.patient_page.translation_note
    assert note.isVisible() and "draft translation that no qualified medical translator" \
        in note.text()
    choose(qtbot, win.patient_page.language, "English")
    assert not note.isVisible()
    choose(qtbot, win.patient_page.language, "Español")
    win.go_to(int(Step.HANDOUT))
    page = win.handout_page
    assert page.language.currentText() == "Español"
    qtbot.waitUntil(lambda: page.pdf_bytes is not None and not page.runner.busy
                    and page.document.status() == QPdfDocument.Status.Ready, timeout=20000)
    pdf = page.pdf_bytes or b""
    assert b"/Lang (es" in pdf or b"/Lang(es" in pdf
    spanish = content_for("es").pack
    words = " ".join(text_of(pdf, " ").split())
    assert "16 de noviembre de 2026" in words  # the visit date, written for the patient
    assert "November" not in words and "Your decision" not in words  # no English body
    # the result in the patient's language (the 2027.01 sheets speak to "usted" less often)
    assert any(outcome.heading in words for outcome in spanish.handout.outcomes.values())
    # The handout as given names the Spanish pack that wrote it.
    with qtbot.waitSignal(win.records_sync.handout_recorded, timeout=10000):
        win.records_sync.record_handout(pdf, "save-pdf")  # (stored on the records thread)
    stored = service.latest_handout(win.state.consultation.consultation_id)
    assert stored is not None and stored.pdf == pdf
    assert stored.pack_version == spanish.provenance
    win.state.mark_clean()
