"""The screening page: inline range errors, ``show_if``, the live verdict and the review."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.screening import Verdict
from consultaid.ui.state import ConsultationState
from consultaid.ui.wizard.screening_page import ScreeningPage
from tests.ui.driving import choose, type_into


def make_page(qtbot: QtBot, pack: ContentPack,
              state: ConsultationState | None = None) -> ScreeningPage:
    page = ScreeningPage(state or ConsultationState(), pack)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_negative_crp_shows_inline_error_and_is_not_used(qtbot: QtBot, pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    crp = page.fields["crp"]
    type_into(qtbot, crp.line, "-3")
    assert crp.error.isVisible()
    assert "impossible (negative)" in crp.error.text()
    assert crp.error.text().startswith("⚠")
    assert page.state.consultation.screening["crp"] == {"value": -3, "unit": "mg_per_l"}
    assert "CRP" in page.banner.body.text() and "negative" in page.banner.body.text()

    type_into(qtbot, crp.line, "4.5")
    assert not crp.error.isVisible()
    assert page.state.consultation.screening["crp"] == {"value": 4.5, "unit": "mg_per_l"}


def test_measurement_unit_and_range(qtbot: QtBot, pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    crp = page.fields["crp"]
    type_into(qtbot, crp.line, "60")
    choose(qtbot, crp.unit, "mg/dL")  # 60 mg/dL = 600 mg/L, above the plausible maximum
    assert crp.error.isVisible() and "above the highest plausible value" in crp.error.text()
    choose(qtbot, crp.unit, "mg/L")
    assert not crp.error.isVisible()


def test_text_that_is_not_a_number_is_explained(qtbot: QtBot, pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    esr = page.fields["esr"]
    type_into(qtbot, esr.line, "high")
    assert "'high' is not a number" in esr.error.text()
    assert "esr" not in page.state.consultation.screening


def test_show_if_reveals_remission_years(qtbot: QtBot, pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    years = page.fields["cancer_remission_years"]
    assert not years.isVisible()
    choose(qtbot, page.fields["cancer_status"].options, "In remission")
    assert years.isVisible()
    choose(qtbot, page.fields["cancer_status"].options, "No history")
    assert not years.isVisible()


def test_verdict_banner_follows_answers(qtbot: QtBot, pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    needs_review = pack.verdicts[Verdict.NEEDS_REVIEW].label
    assert page.banner.verdict is Verdict.NEEDS_REVIEW
    assert needs_review in page.banner.title.text()
    assert "Second physician review pending" in page.banner.body.text()

    choose(qtbot, page.fields["infection"].options, "Active now")
    assert page.banner.verdict is Verdict.DEFERRED
    assert pack.verdicts[Verdict.DEFERRED].label in page.banner.title.text()
    assert "Active infection" in page.banner.body.text()

    choose(qtbot, page.fields["cancer_status"].options, "Active cancer")
    assert page.banner.verdict is Verdict.NOT_ELIGIBLE
    body = page.banner.body.text()
    # Every reason is listed, not just the deciding one.
    assert "Active or uncontrolled cancer" in body and "Active infection" in body
    assert page.banner.title.text().count("✗") == 1  # a sign, not colour alone

    choose(qtbot, page.fields["cancer_status"].options, "No history")
    choose(qtbot, page.fields["infection"].options, "None")
    assert page.banner.verdict is Verdict.NEEDS_REVIEW


def test_the_review_is_signed_not_typed(qtbot: QtBot, pack: ContentPack) -> None:
    """The review is signed in the records (tests/ui/test_review_gui.py): the page has no
    free-text reviewer or decision any more, only the Review… button and the review's state."""
    page = make_page(qtbot, pack, ConsultationState(example_consultation(pack)))
    assert not hasattr(page, "reviewer") and not hasattr(page, "decision")
    assert page.review_button.text() == "&Review…"
    assert page.review_status.accessibleName() == "Second physician's review"


def test_every_field_has_a_label_and_an_accessible_name(qtbot: QtBot, pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    for item_id, field in page.fields.items():
        assert field.focus_target.accessibleName(), item_id
    assert page.fields["crp"].unit.accessibleName() == "CRP (C-reactive protein): unit"
    qtbot.keyClick(page, Qt.Key.Key_Tab)  # keyboard focus can enter the page
