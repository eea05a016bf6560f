"""Issues 25–27 in the real window: what the records layer does not vouch for never shows as
true. A review inserted with SQL does not make a consultation "May proceed"; a record whose JSON
was changed with SQL shows the tamper banner exactly when ``records verify`` would fail for it,
for every kind of record. Records are opened with real clicks in the records view."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.acknowledgement import Acknowledgement, clean_strokes, stamp
from consultaid.domain.consultation import Consultation, Review, consultation_to_json
from consultaid.domain.screening import Verdict
from consultaid.domain.signed_review import answers_digest
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import settle, sign_in
from tests.ui.fake_handout import fake_build_handout
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


def _draft(service: RecordsService, user: User, c: Consultation, _pack: ContentPack) -> str:
    service.save_draft(user, c)
    return c.consultation_id


def _completed(service: RecordsService, user: User, c: Consultation, pack: ContentPack) -> str:
    service.save_draft(user, c)
    service.complete(user, c.consultation_id)
    return c.consultation_id


def _given(service: RecordsService, user: User, c: Consultation, pack: ContentPack) -> str:
    service.save_draft(user, c)
    service.record_handout(user, c.consultation_id,
                           fake_build_handout(c, pack, ClinicSettings()), pack.provenance,
                           ClinicSettings())
    return c.consultation_id


def _acknowledged(service: RecordsService, user: User, c: Consultation,
                  pack: ContentPack) -> str:
    cid = _given(service, user, c, pack)
    given = service.latest_handout(cid)
    assert given is not None
    strokes = clean_strokes([[(10.4, 50.6), (60, 90), (120, 20)], [(200, 60)]])
    ack = Acknowledgement(method="drawn", at=stamp(), handout_sha256=given.sha256,
                          pack_version=given.pack_version, strokes=strokes)
    signed = copy.deepcopy(c)
    signed.acknowledgement = ack
    service.acknowledge(user, cid, ack, signed_pdf=fake_build_handout(signed, pack,
                                                                       ClinicSettings()),
                        settings=ClinicSettings())
    return cid


def _amended(service: RecordsService, user: User, c: Consultation, pack: ContentPack) -> str:
    cid = _given(service, user, c, pack)
    c.teach_back.note = "It may not work for me, and I may need more than one treatment."
    service.amend(user, c, "The patient's words, in full.")
    return cid


def _imported(service: RecordsService, user: User, c: Consultation, pack: ContentPack) -> str:
    return service.import_json(user, consultation_to_json(c), "visit.json", pack)


KINDS = {"draft": _draft, "completed": _completed, "handout given": _given,
         "acknowledged, drawn": _acknowledged, "amended": _amended, "imported": _imported}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_tamper_banner_shows_exactly_when_verify_fails_for_the_record(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow, kind: str) -> None:
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()
    cid = KINDS[kind](service, physician, example, pack)
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert TAMPERED not in open_record(qtbot, win, cid)
    assert service.verify() == []

    stored = service.db.execute("SELECT json FROM consultation_data WHERE id = ?",
                                (cid,)).fetchone()[0]
    assert "Maria Example" in stored
    service.db.execute("UPDATE consultation_data SET json = ? WHERE id = ?",
                       (stored.replace("Maria Example", "Maria Changed"), cid))
    assert any(cid in problem for problem in service.verify()), service.verify()
    shown = open_record(qtbot, win, cid)
    assert f"{TAMPERED}: it was changed outside consultaid" in shown
