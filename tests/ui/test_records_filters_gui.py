"""Issue 17.4 in the records view: "Teach-back needs follow-up" and "Not acknowledged", chosen
with the keyboard, narrow the list to the records that need it."""

from __future__ import annotations

import copy

from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.records.records_page import RecordsPage
from tests.ui.conftest import search_again
from tests.ui.driving import choose


def test_the_attention_filters(qtbot: QtBot, service: RecordsService, physician: User,
                               pack: ContentPack, records_page: RecordsPage) -> None:
    understood = copy.deepcopy(example_consultation(pack))
    understood.consultation_id, understood.patient.name = "ok", "Olga Understood"
    missed = copy.deepcopy(understood)
    missed.consultation_id, missed.patient.name = "missed", "Mona Missed"
    point = pack.script.points[0].id
    missed.teach_back.set_point(point, outcome="not_yet_understood")
    for c in (understood, missed):
        service.save_draft(physician, c)
    page = records_page
    search_again(qtbot, page)

    def names() -> list[str]:
        return sorted(page.model.summary(r).patient_name for r in range(page.model.rowCount()))

    assert names() == ["Mona Missed", "Olga Understood"]
    choose(qtbot, page.attention, "Teach-back needs follow-up")
    qtbot.waitUntil(lambda: names() == ["Mona Missed"], timeout=3000)
    choose(qtbot, page.attention, "Not acknowledged")  # no handout acknowledged yet: both
    qtbot.waitUntil(lambda: names() == ["Mona Missed", "Olga Understood"], timeout=3000)
    choose(qtbot, page.attention, "Any follow-up")
    qtbot.waitUntil(lambda: len(names()) == 2, timeout=3000)
