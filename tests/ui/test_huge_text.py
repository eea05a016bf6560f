"""Huge text: fields stop at the record's limits with a visible counter; stale preview builds
never start (issue 10.6)."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import (
    NOTES_LIMIT,
    Consultation,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.errors import RecordError
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.wizard.condition_page import ConditionPage
from consultaid.ui.wizard.patient_page import PatientPage
from consultaid.ui.worker import LatestOnlyRunner
from tests.ui.conftest import page_alone


def test_pasting_a_huge_note_stops_at_the_limit_and_says_so(qtbot: QtBot,
                                                           pack: ContentPack) -> None:
    page = page_alone(qtbot, ConditionPage, pack)
    notes = page.notes
    notes.setFocus()
    QGuiApplication.clipboard().setText("word " * 20_000)  # 100,000 characters
    qtbot.keyClick(notes, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(notes.toPlainText()) == NOTES_LIMIT
    assert len(page.state.consultation.notes) == NOTES_LIMIT
    counters = [c for c in page.findChildren(LiveLabel) if c.objectName() == "lengthCounter"]
    assert counters and "that is the limit" in counters[0].text()
    assert "10,000 of 10,000 characters" in counters[0].text()
    qtbot.keyClicks(notes, "more")
    assert len(page.state.consultation.notes) == NOTES_LIMIT
    qtbot.keyClick(notes, Qt.Key.Key_Backspace)
    assert counters[0].text() == "9,999 of 10,000 characters"


def test_one_line_fields_take_no_more_than_a_record_holds(qtbot: QtBot,
                                                         patient_page: PatientPage) -> None:
    name = patient_page.name
    name.setFocus()
    qtbot.keyClicks(name, "N" * 250)
    assert len(patient_page.state.consultation.patient.name) == 200


def test_a_record_with_text_beyond_the_limit_is_refused() -> None:
    text = consultation_to_json(Consultation(notes="x" * (NOTES_LIMIT + 1)))
    with pytest.raises(RecordError, match="notes: is longer than 10,000 characters"):
        consultation_from_json(text)
    assert consultation_from_json(consultation_to_json(Consultation(notes="x" * NOTES_LIMIT)))


def test_stale_builds_never_start(qtbot: QtBot) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    runner = LatestOnlyRunner(pool=pool)
    started: list[int] = []
    lock = threading.Lock()

    def job(n: int) -> object:
        def work() -> int:
            with lock:
                started.append(n)
            time.sleep(0.2)
            return n
        return work

    with qtbot.waitSignal(runner.succeeded, timeout=10000) as blocker:
        for n in range(6):  # an option toggled six times while the first build runs
            runner.submit(job(n))
    assert blocker.args == [5]
    qtbot.waitUntil(lambda: not runner.busy)
    assert started[-1] == 5 and len(started) <= 2  # at most the one already running
    assert not set(started) & {1, 2, 3, 4}  # the stale ones never ran

    # Closing the window: the running build is left to end, the waiting one never starts,
    # and nothing is delivered to a page that is going away.
    started.clear()
    delivered: list[object] = []
    runner.succeeded.connect(delivered.append)
    runner.submit(job(7))
    qtbot.waitUntil(lambda: started == [7])
    runner.submit(job(8))
    runner.cancel_pending()
    assert runner.wait(5000)
    qtbot.wait(50)
    assert started == [7] and delivered == []


def test_the_counter_follows_a_record_that_is_opened(qtbot: QtBot, pack: ContentPack) -> None:
    """Pages fill their fields with signals blocked; the counter still shows the real length."""
    page = page_alone(qtbot, ConditionPage, pack)
    page.state.replace(Consultation(notes="x" * 1234))
    counters = [c for c in page.findChildren(LiveLabel) if c.objectName() == "lengthCounter"]
    assert counters[0].text() == "1,234 of 10,000 characters"
