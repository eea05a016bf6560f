"""The records table model (checked by qtmodeltester) and the records view's search."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import consultation_to_json
from consultaid.records.service import RecordsService, SearchQuery, SystemActor
from consultaid.records.users import User
from consultaid.ui.records.records_model import COLUMNS, RecordsTableModel
from consultaid.ui.records.records_page import RecordsPage

NAMES = ["Maria Example", "José Núñez", "Ann Brown", "Li Wei", "Fatima Haddad"]


@pytest.fixture
def filled(service: RecordsService, physician: User, pack: ContentPack) -> RecordsService:
    """75 records: 5 names x 15 visits, conditions in turn, the first 10 left as drafts."""
    base = example_consultation(pack)
    conditions = sorted(pack.conditions)
    admin = SystemActor("test")
    for number in range(75):
        c = copy.deepcopy(base)
        c.consultation_id = f"rec-{number:03d}"
        c.patient.name = f"{NAMES[number % 5]} {number}"
        c.patient.clinic_patient_id = f"CL-{number:04d}"
        c.visit_date = dt.date(2026, 1, 1) + dt.timedelta(days=number)
        c.condition_id = conditions[number % len(conditions)]
        if number < 10:
            service.save_draft(physician, c)
        else:
            service.import_json(admin, consultation_to_json(c), "test")
    return service


def test_model_passes_qtmodeltester_while_paging(qtmodeltester: ModelTester,
                                                filled: RecordsService) -> None:
    model = RecordsTableModel(filled, page_size=20)
    model.set_query(SearchQuery())
    assert model.rowCount() == 20 and model.columnCount() == len(COLUMNS)
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)  # it fetches more pages itself, too
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 75
    dates = [model.data(model.index(r, 0)) for r in range(75)]
    assert dates == sorted(dates, reverse=True)  # newest visit first
    first = model.index(0, 1)
    assert model.data(first) == "Fatima Haddad 74"
    assert model.data(model.index(0, 2)) == "CL-0074"
    assert model.data(model.index(74, 4)) == "Draft"
    assert model.data(model.index(0, 4)) == "Completed"
    assert model.data(first, Qt.ItemDataRole.UserRole) == "rec-074"
    model.set_query(SearchQuery(text="nunez"))  # accents and case ignored
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 15 and not model.canFetchMore(QModelIndex())
    assert all("José Núñez" in model.data(model.index(r, 1)) for r in range(15))


def test_filters_narrow_the_model(filled: RecordsService, pack: ContentPack) -> None:
    model = RecordsTableModel(filled, {k: v.title for k, v in pack.conditions.items()},
                              page_size=100)
    model.set_query(SearchQuery(status="draft"))
    assert model.rowCount() == 10
    model.set_query(SearchQuery(date_from=dt.date(2026, 1, 3), date_to=dt.date(2026, 1, 7)))
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        f"2026-01-0{d}" for d in (7, 6, 5, 4, 3)]
    condition = sorted(pack.conditions)[0]
    model.set_query(SearchQuery(condition_id=condition))
    assert model.rowCount() > 0
    assert {model.data(model.index(r, 3)) for r in range(model.rowCount())} == {
        pack.conditions[condition].title}
    model.set_query(SearchQuery(text="CL-0042"))
    assert model.rowCount() == 1 and model.data(model.index(0, 1)) == "Ann Brown 42"


def test_records_view_searches_as_you_type(qtbot: QtBot, filled: RecordsService,
                                          physician: User, pack: ContentPack) -> None:
    page = RecordsPage(filled, pack)
    qtbot.addWidget(page)
    page.set_user(physician)
    page.show()
    page.apply_filters()
    assert page.model.rowCount() == 75
    page.search.setFocus()
    qtbot.keyClicks(page.search, "ann b")
    qtbot.waitUntil(lambda: page.model.rowCount() == 15, timeout=2000)
    assert all(page.model.data(page.model.index(r, 1)).startswith("Ann Brown")
               for r in range(15))
    page.status.setCurrentIndex(page.status.findData("draft"))
    assert page.model.rowCount() == 2  # Ann Brown 2 and 7 are the drafts
    page.select_row(0)
    assert page.view_button.isEnabled() and page.open_button.isEnabled()
    with qtbot.waitSignal(page.open_requested) as opened:
        page.open_button.click()
    assert opened.args == ["rec-007"]
    page.view_button.click()  # a draft has no handout yet: said so, nothing shown
    assert page.viewer is None
