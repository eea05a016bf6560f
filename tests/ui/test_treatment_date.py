"""The treatment date on the Follow-up step, typed with real key events: the handout built from
the steps then has the "After your treatment" sheet, with the visits' dates counted from it
(issue 28); without a date it has none. How the field keeps a date is the Follow-up page's
alone."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from consultaid.app import build_pdf
from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.screening import Verdict
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.steps import Step
from consultaid.ui.wizard.follow_up_page import FollowUpPage
from tests.helpers import text_of
from tests.ui.conftest import page_alone, sign_review
from tests.ui.controller_parts import MakeWizardControllers, WizardControllers
from tests.ui.test_review_gui import open_example


def _squashed(pdf: bytes) -> str:
    text = text_of(pdf, "")
    return re.sub(r"\s+", "", text)


def _handout_from_window(qtbot: QtBot, window: WizardControllers) -> bytes:
    """The Handout step's own preview, built by the real builder from the steps' state."""
    page = window.handout_page
    with qtbot.waitSignal(page.preview_ready, timeout=30000):
        window.go_to(int(Step.HANDOUT))
    assert page.pdf_bytes is not None
    return page.pdf_bytes


def test_typed_treatment_date_adds_the_after_treatment_sheet(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers) -> None:
    # May proceed (the second physician signs the review), no treatment date yet.
    window = open_example(qtbot, service, make_wizard_controllers, pack, physician)
    sign_review(qtbot, window, "Dr Lee Okafor", "864213")
    assert window.screening_page.banner.verdict is Verdict.MAY_PROCEED
    window.handout_page.build_pdf = build_pdf
    after = re.sub(r"\s+", "", pack.handout.headings["after"])
    assert after not in _squashed(_handout_from_window(qtbot, window))

    window.go_to(int(Step.FOLLOW_UP))
    field = window.follow_up_page.treatment_date
    assert field.isVisible() and field.value() is None
    field.setFocus()
    QTest.keyClicks(field.line, "2026-12-01")
    QTest.keyClick(field.line, Qt.Key.Key_Tab)  # leaving the field, as a user moves on
    assert window.state.consultation.treatment_date == dt.date(2026, 12, 1)
    assert field.line.text() == "2026-12-01" and not field.error.isVisible()

    text = _squashed(_handout_from_window(qtbot, window))
    assert after in text
    # "2 weeks" after 1 December 2026, on the sheet as a date to keep.
    assert "15December2026" in text


def test_a_loaded_date_is_shown_and_clearing_it_clears_the_record(
        qtbot: QtBot, pack: ContentPack) -> None:
    page = page_alone(qtbot, FollowUpPage, pack)  # the Follow-up step on its own
    booked = example_consultation(pack)
    booked.treatment_date = dt.date(2026, 12, 1)
    page.state.replace(booked)
    field = page.treatment_date
    assert field.line.text() == "2026-12-01"  # a loaded record shows its date
    field.setFocus()
    QTest.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field.line, Qt.Key.Key_Delete)
    QTest.keyClick(field.line, Qt.Key.Key_Tab)
    assert page.state.consultation.treatment_date is None


def test_a_typo_is_not_taken_for_a_date(qtbot: QtBot, pack: ContentPack) -> None:
    page = page_alone(qtbot, FollowUpPage, pack)  # the Follow-up step on its own
    page.state.replace(example_consultation(pack))
    field = page.treatment_date
    field.setFocus()
    QTest.keyClicks(field.line, "2026-13-01")
    QTest.keyClick(field.line, Qt.Key.Key_Tab)
    assert page.state.consultation.treatment_date is None
    assert field.error.isVisible() and field.line.text() == "2026-13-01"
