"""Teach-back point by point, driven with real key and mouse events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.ui.expectations_page import ExpectationsPage
from consultaid.ui.state import ConsultationState
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
