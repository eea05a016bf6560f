"""Issues 25–27 in the real window: what the records layer does not vouch for never shows as
true. A review inserted with SQL does not make a consultation "May proceed" anywhere on the
window. Records are opened with real clicks in the records view. (The tamper banner for every
kind of record is in test_record_tampered_gui.py.)"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Review
from consultaid.domain.screening import Verdict
from consultaid.domain.signed_review import answers_digest
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import settle, sign_in
from tests.ui.test_refresh_guard import visible_texts

MakeWindow = Callable[..., MainWindow]
TAMPERED = "does not match its audit log"


def open_record(qtbot: QtBot, win: MainWindow, consultation_id: str) -> str:
    """Find the record in the records view and open it with a click; what the bar says."""
    win.show_records()
    page = win.records_page
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    rows = [page.model.summary(r).id for r in range(page.model.rowCount())]
    page.select_row(rows.index(consultation_id))
    win.message_bar.hide()
    QTest.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)  # (read on the records thread)
    assert win.state.consultation.consultation_id == consultation_id
    return win.message_bar.text.text() if win.message_bar.isVisible() else ""


def test_a_review_inserted_with_sql_does_not_let_the_window_say_may_proceed(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow) -> None:
    other = service.create_user(physician, "Dr Lee Okafor", "physician", "864213")
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()
    example.physician = "Dr Ada Test"
    service.save_draft(physician, example)
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    open_record(qtbot, win, example.consultation_id)
    page = win.screening_page
    assert page.banner.verdict is Verdict.NEEDS_REVIEW  # the draft needs a second physician

    stored, _summary = service.get(physician, example.consultation_id)
    service.db.execute(
        "INSERT INTO reviews (consultation_id, reviewer_id, decision, comment, answers_sha256, "
        "signed_at) VALUES (?, ?, 'agreed', '', ?, '2026-12-01T10:00:00.000+00:00')",
        (example.consultation_id, other.id, answers_digest(stored)))
    assert service.signed_review(example.consultation_id) is None

    open_record(qtbot, win, example.consultation_id)
    assert page.banner.verdict is Verdict.NEEDS_REVIEW
    assert "Reviewed by" not in page.review_status.text()
    assert "Waiting for a second physician" in page.review_status.text()
    assert win.state.consultation.review.reviewer == ""
    win.go_to(0)  # every step's text, with the screening on screen
    win.go_to(1)
    shown = visible_texts(win)
    assert pack.verdicts[Verdict.MAY_PROCEED].label not in shown
    assert "Reviewed by" not in shown
