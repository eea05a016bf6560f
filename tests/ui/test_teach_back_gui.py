"""Teach-back point by point, driven with real key and mouse events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.ui.state import ConsultationState
from consultaid.ui.wizard.expectations_page import ExpectationsPage
from consultaid.ui.wizard.patient_page import PatientPage
from consultaid.ui.wizard.wizard_view import WizardView
from tests.ui.driving import choose, type_into


def make_page(qtbot: QtBot, pack: ContentPack) -> ExpectationsPage:
    page = ExpectationsPage(ConsultationState(), pack)
    qtbot.addWidget(page)
    page.resize(1000, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_each_outcome_is_recorded_with_the_patients_words(qtbot: QtBot,
                                                          pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    points = [p.id for p in pack.script.points]
    assert len(points) >= 3
    assert "point 1, 2, 3" in page.attention.text()
    choose(qtbot, page.rows.outcomes[points[0]], "Understood")
    choose(qtbot, page.rows.outcomes[points[1]], "Re-taught")
    choose(qtbot, page.rows.outcomes[points[2]], "Not yet")
    type_into(qtbot, page.rows.words[points[0]], "It may not work for me.")
    type_into(qtbot, page.questions, "How many injections?")
    tb = page.state.consultation.teach_back
    assert [tb.outcome(pid) for pid in points[:3]] == [
        "understood", "retaught_understood", "not_yet_understood"]
    assert tb.point(points[0]).patient_words == "It may not work for me."  # type: ignore[union-attr]
    assert tb.questions == "How many injections?"
    # Only the point not yet understood (and any not checked) still needs attention.
    pending = [str(n) for n, pid in enumerate(points, 1)
               if tb.outcome(pid) in ("", "not_yet_understood")]
    assert page.attention.text() == (
        f"⚠ Teach-back still needs attention for point {', '.join(pending)}.")


def test_tab_reaches_the_words_after_the_outcome(qtbot: QtBot, pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    first = pack.script.points[0].id
    combo = page.rows.outcomes[first]
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    words = page.rows.words[first]
    qtbot.waitUntil(words.hasFocus)
    qtbot.keyClicks(words, "Not a cure")
    tb = page.state.consultation.teach_back
    assert tb.outcome(first) == "understood"
    assert tb.point(first).patient_words == "Not a cure"  # type: ignore[union-attr]


def test_each_row_says_which_point_it_is(qtbot: QtBot, pack: ContentPack) -> None:
    """Issue 26.10: rows read "Point 1…9", so the physician scrolled up to see each point."""
    page = make_page(qtbot, pack)
    for number, point in enumerate(pack.script.points, start=1):
        combo = page.rows.outcomes[point.id]
        label = next(w for w in page.rows.findChildren(QLabel) if w.buddy() is combo)
        assert label.text().startswith(f"{number}. {point.say[:12]}"), label.text()
        assert point.say in label.toolTip()


def test_one_action_marks_the_rest_understood(qtbot: QtBot, pack: ContentPack) -> None:
    page = make_page(qtbot, pack)
    points = [p.id for p in pack.script.points]
    choose(qtbot, page.rows.outcomes[points[1]], "Not yet")
    choose(qtbot, page.rows.outcomes[points[2]], "Re-taught")
    page.rest_understood.setFocus()
    qtbot.keyClick(page.rest_understood, Qt.Key.Key_Space)
    tb = page.state.consultation.teach_back
    assert tb.outcome(points[0]) == "understood"
    assert tb.outcome(points[1]) == "not_yet_understood"  # what was said stays
    assert tb.outcome(points[2]) == "retaught_understood"
    assert all(tb.outcome(pid) == "understood" for pid in points[3:])
    assert page.attention.text() == "⚠ Teach-back still needs attention for point 2."
    assert not page.rest_understood.isEnabled()


def test_the_focus_ring_shows_after_ctrl_page_down_on_every_step(qtbot: QtBot,
                                                                 wizard: WizardView) -> None:
    window = wizard  # the steps as the window shows them
    window.resize(1100, 760)
    patient = window.pages[0]
    assert isinstance(patient, PatientPage)
    qtbot.mouseClick(patient.name, Qt.MouseButton.LeftButton)
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, False)  # as after a click
    for index in range(1, len(window.pages)):
        focused = QApplication.focusWidget()
        assert focused is not None
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, False)
        qtbot.keyClick(focused, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert window.current_step() == index
        now = QApplication.focusWidget()
        assert now is not None and window.pages[index].isAncestorOf(now), index
        assert window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange), index
