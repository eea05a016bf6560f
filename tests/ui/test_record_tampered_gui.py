"""Issue 12.1: a record changed outside consultaid says so when it is opened, for every kind
of record exactly when ``records verify`` fails for it (the records controller opening it
from the real records view; no window)."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.acknowledgement import Acknowledgement, clean_strokes, stamp
from consultaid.domain.consultation import Consultation, Review, consultation_to_json
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from tests.ui.controller_parts import Controllers, settle, sign_in
from tests.ui.fake_handout import fake_build_handout


def open_first_record(qtbot: QtBot, win: Controllers) -> str:
    win.window.show_records()
    settle(qtbot, win)
    page = win.window.records_page
    assert page is not None
    page.select_row(0)
    QTest.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)  # (read on the records thread)
    return win.window.message_bar.text.text()


def test_a_record_changed_outside_consultaid_is_flagged_when_opened(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        controllers: Controllers) -> None:
    example = copy.deepcopy(example_consultation(pack))
    service.save_draft(physician, example)
    win = controllers
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert "does not match its audit log" not in open_first_record(qtbot, win)
    stored = service.db.execute("SELECT json FROM consultation_data").fetchone()[0]
    assert "Maria Example" in stored
    service.db.execute("UPDATE consultation_data SET json = ?",
                       (stored.replace("Maria Example", "Maria Changed"),))
    shown = open_first_record(qtbot, win)
    assert "does not match its audit log: it was changed outside consultaid" in shown


# Every kind of record (issues 25-27): the banner shows exactly when ``records verify`` fails
TAMPERED = "does not match its audit log"


def open_record(qtbot: QtBot, win: Controllers, consultation_id: str) -> str:
    """Find the record in the records view and open it with a click; what the bar says."""
    win.window.show_records()
    page = win.window.records_page
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    rows = [page.model.summary(r).id for r in range(page.model.rowCount())]
    page.select_row(rows.index(consultation_id))
    bar = win.window.message_bar
    bar.hide()
    QTest.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)  # (read on the records thread)
    assert win.state.consultation.consultation_id == consultation_id
    return bar.text.text() if bar.isVisible() else ""


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
        controllers: Controllers, kind: str) -> None:
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()
    cid = KINDS[kind](service, physician, example, pack)
    win = controllers
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
