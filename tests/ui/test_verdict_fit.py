"""Issue 26.7: the verdict, its reasons and Review… are in sight together, at 1024×768 and on a
small (zoomed) window with many reasons; the signature pad leaves the preview its room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from consultaid.session.steps import Step
from consultaid.ui.main_window import MainWindow

MANY_REASONS = {
    "infection": "active", "cancer_status": "uncontrolled", "pregnancy": True,
    "unstable_condition": True, "autoimmune": "flare", "severe_immunosuppression": True,
    "blood_count": "abnormal", "liver_function": "abnormal", "kidney_function": "abnormal",
    "glucose_hba1c": "abnormal", "crp": {"value": 480, "unit": "mg_per_l"},
    "medication_flags": ["immunosuppressants", "biologics", "anticoagulants",
                         "long_term_steroids"],
}


def fully_in_sight(widget: QWidget) -> bool:
    """Every pixel of ``widget`` is on screen: not scrolled away, not cut by its parents."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == QRect(
        0, 0, widget.width(), widget.height())


@pytest.mark.parametrize("size", [(1024, 740), (760, 560)])
def test_verdict_reasons_and_review_are_in_sight_together(
        qtbot: QtBot, window: MainWindow, size: tuple[int, int]) -> None:
    window.showNormal()
    window.resize(*size)
    window.state.edit(lambda c: c.screening.update(MANY_REASONS))
    window.go_to(int(Step.SCREENING))
    page = window.screening_page
    qtbot.waitUntil(lambda: window.width() == size[0])
    qtbot.waitUntil(lambda: fully_in_sight(page.review_button))
    assert page.banner.body.text().count("<li>") >= 8  # many reasons
    assert fully_in_sight(page.banner.title)
    assert fully_in_sight(page.review_button)
    assert page.banner.reasons.isVisible() and page.banner.reasons.height() >= 40
    # Reading every reason never hides the verdict or the button.
    bar = page.banner.reasons.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert fully_in_sight(page.banner.title) and fully_in_sight(page.review_button)
