"""Dates are typed (YYYY-MM-DD or the locale's short date), may be blank, leave on Tab, say when
they are not a date and keep what was typed; the calendar opens near a sensible date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from consultaid.domain.dates import birth_date_problem, parse_iso_date
from consultaid.settings import ClinicSettings, settings_path
from consultaid.ui.date_field import DateField, parse_typed_date
from consultaid.ui.records.records_page import RecordsPage
from consultaid.ui.settings_dialog import SettingsDialog
from consultaid.ui.wizard.patient_page import PatientPage
from tests.ui.driving import click


def type_date(qtbot: QtBot, field: DateField, text: str) -> None:
    """Click into the field, select what is there, type ``text`` and press Tab."""
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(field.line, text)
    else:
        qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)


@pytest.fixture
def us_locale() -> Iterator[None]:
    saved = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(saved)


def test_birth_date_typed_then_tab_moves_on(qtbot: QtBot, patient_page: PatientPage) -> None:
    page = patient_page
    type_date(qtbot, page.date_of_birth, "1961-03-15")
    assert page.state.consultation.patient.date_of_birth == dt.date(1961, 3, 15)
    assert page.date_of_birth.line.text() == "1961-03-15"
    assert page.patient_id.hasFocus()  # Tab left the date field for the next one
    assert not page.date_of_birth.error.isVisible()


def test_a_date_that_is_not_one_is_told_and_kept(qtbot: QtBot, patient_page: PatientPage) -> None:
    page = patient_page
    type_date(qtbot, page.date_of_birth, "1961-03-15")
    type_date(qtbot, page.date_of_birth, "1961-13-45")
    assert page.date_of_birth.line.text() == "1961-13-45"  # kept, to be corrected
    assert page.date_of_birth.error.isVisible()
    assert "not a date" in page.date_of_birth.error.text()
    assert page.state.consultation.patient.date_of_birth is None  # not the old one either
    type_into_name = page.name
    qtbot.keyClicks(type_into_name, "Ada")  # another edit refreshes the page: the text stays
    assert page.date_of_birth.line.text() == "1961-13-45"
    type_date(qtbot, page.date_of_birth, "15/3/1961 and more")
    assert "not a date" in page.date_of_birth.error.text()
    type_date(qtbot, page.date_of_birth, "1961-03-15")
    assert not page.date_of_birth.error.isVisible()
    assert page.state.consultation.patient.date_of_birth == dt.date(1961, 3, 15)


def test_a_date_may_be_left_blank(qtbot: QtBot, patient_page: PatientPage) -> None:
    page = patient_page
    type_date(qtbot, page.date_of_birth, "1961-03-15")
    type_date(qtbot, page.date_of_birth, "")
    assert page.state.consultation.patient.date_of_birth is None
    assert not page.date_of_birth.error.isVisible()


def test_the_visit_date_is_needed_and_kept_until_a_new_one_is_typed(
        qtbot: QtBot, patient_page: PatientPage) -> None:
    page = patient_page
    before = page.state.consultation.visit_date
    type_date(qtbot, page.visit_date, "")
    assert page.state.consultation.visit_date == before
    assert "needed" in page.visit_date.error.text() and page.visit_date.line.text() == ""
    type_date(qtbot, page.visit_date, "2026-11-02")
    assert page.state.consultation.visit_date == dt.date(2026, 11, 2)
    assert not page.visit_date.error.isVisible()


def test_the_locale_short_date_is_understood(qtbot: QtBot, patient_page: PatientPage,
                                              us_locale: None) -> None:
    page = patient_page
    type_date(qtbot, page.date_of_birth, "3/15/61")
    assert page.state.consultation.patient.date_of_birth == dt.date(1961, 3, 15)
    assert page.date_of_birth.line.text() == "1961-03-15"  # shows how it was read
    type_date(qtbot, page.date_of_birth, "3/15/1961")
    assert page.state.consultation.patient.date_of_birth == dt.date(1961, 3, 15)


def test_a_birth_date_after_the_visit_warns(qtbot: QtBot, patient_page: PatientPage) -> None:
    page = patient_page
    type_date(qtbot, page.visit_date, "2026-11-02")
    type_date(qtbot, page.date_of_birth, "2027-01-05")
    assert page.date_of_birth.error.isVisible()
    assert "after the visit date" in page.date_of_birth.error.text()
    type_date(qtbot, page.date_of_birth, "1961-03-15")
    assert not page.date_of_birth.error.isVisible()


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_calendar_opens_fifty_years_back_for_a_birth_date_and_today_elsewhere(
        qtbot: QtBot, patient_page: PatientPage) -> None:
    birth = patient_page.date_of_birth
    qtbot.mouseClick(birth.line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(birth.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert birth.popup is not None
    qtbot.waitUntil(birth.popup.isVisible)
    shown = birth.popup.calendar.selectedDate()
    assert abs(shown.year() - (dt.date.today().year - 50)) <= 1
    qtbot.keyClick(birth.popup.calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not birth.popup.isVisible())

    assert QApplication.activePopupWidget() is None


def test_settings_checked_on_is_typed(qtbot: QtBot) -> None:
    dialog = SettingsDialog(ClinicSettings(), ["en"], settings_path())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_date(qtbot, dialog.regulatory_checked_on, "2026-11-20")
    assert dialog.current_settings().regulatory_checked_on == dt.date(2026, 11, 20)
    type_date(qtbot, dialog.regulatory_checked_on, "20 Nov")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.isVisible() and dialog.saved_settings is None  # nothing saved, nothing lost
    assert "not a date" in dialog.regulatory_checked_on.error.text()
    assert dialog.regulatory_checked_on.line.text() == "20 Nov"
    assert not settings_path().exists()


def test_records_date_filters_are_typed(qtbot: QtBot, records_page: RecordsPage) -> None:
    page = records_page
    type_date(qtbot, page.date_from, "2026-01-03")
    type_date(qtbot, page.date_to, "2026-01-07")
    query = page.current_query()
    assert (query.date_from, query.date_to) == (dt.date(2026, 1, 3), dt.date(2026, 1, 7))
    type_date(qtbot, page.date_from, "")
    assert page.current_query().date_from is None


def test_typed_date_rules() -> None:
    assert parse_iso_date("1961-3-5") == dt.date(1961, 3, 5)
    assert parse_iso_date("1961-02-30") is None
    assert parse_iso_date("not given9610315") is None
    assert parse_typed_date("1961/03/15") == dt.date(1961, 3, 15)
    assert birth_date_problem(dt.date(2027, 1, 1), dt.date(2026, 1, 1))
    assert birth_date_problem(dt.date(1961, 1, 1), dt.date(2026, 1, 1)) == ""
    assert birth_date_problem(None, dt.date(2026, 1, 1)) == ""


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_calendar_takes_a_typed_year(qtbot: QtBot, patient_page: PatientPage) -> None:
    """Issue 26.11: reaching 1961 took 15 clicks; now: Alt+Down, 1961, Enter, arrows, Enter."""
    birth = patient_page.date_of_birth
    qtbot.mouseClick(birth.line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(birth.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = birth.popup
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    assert popup.year.hasFocus()
    qtbot.keyClicks(popup.year, "1961")
    assert popup.calendar.yearShown() == 1961
    qtbot.keyClick(popup.year, Qt.Key.Key_Return)
    assert popup.calendar.hasFocus()
    start = popup.calendar.selectedDate()
    assert start.year() == 1961
    view = QApplication.focusWidget()
    assert view is not None
    qtbot.keyClick(view, Qt.Key.Key_Right)
    with qtbot.waitSignal(birth.dateChanged):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    picked = start.addDays(1)
    assert patient_page.state.consultation.patient.date_of_birth == dt.date(
        picked.year(), picked.month(), picked.day())
    assert not popup.isVisible()
