"""The settings dialog: problems shown beside their field, valid settings saved and re-read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from consultaid.settings import ClinicSettings, load_settings, settings_path
from consultaid.ui.settings_dialog import SettingsDialog
from tests.ui.driving import choose, click, type_into


def make_dialog(qtbot: QtBot, settings: ClinicSettings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings or ClinicSettings(), ["en"], settings_path())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save_button(dialog: SettingsDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(dialog.buttons.StandardButton.Save)


def test_problems_are_shown_inline_and_nothing_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot)
    type_into(qtbot, dialog.email, "not-an-email")
    type_into(qtbot, dialog.logo_path, str(tmp_path / "missing.png"))
    qtbot.keyClicks(dialog.regulatory_text, "Regulated as a medicinal product.")
    click(qtbot, save_button(dialog))
    assert dialog.isVisible() and dialog.saved_settings is None
    assert "is not an email address" in dialog.errors["email"].text()
    assert "does not exist" in dialog.errors["logo_path"].text()
    assert "Give the date" in dialog.errors["regulatory_checked_on"].text()
    assert not dialog.errors["clinic_name"].isVisible()
    assert not settings_path().exists()


def test_valid_settings_are_saved_and_read_back(qtbot: QtBot, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    dialog = make_dialog(qtbot)
    type_into(qtbot, dialog.clinic_name, "Riverside Joint Clinic")
    type_into(qtbot, dialog.email, "info@riverside.example")
    type_into(qtbot, dialog.phone, "+1 555 0100")
    type_into(qtbot, dialog.logo_path, str(logo))
    choose(qtbot, dialog.regulatory_jurisdiction, "California, United States (US-CA)")
    type_into(qtbot, dialog.treatment_price, "$6,500 in total")
    qtbot.keyClicks(dialog.regulatory_text, "Regulated by the FDA.")
    type_into(qtbot, dialog.regulatory_checked_on.line, "2026-11-20")
    qtbot.keyClicks(dialog.funding_statement, "Privately funded.")
    choose(qtbot, dialog.default_paper, "US Letter")
    type_into(qtbot, dialog.lock_minutes.lineEdit(), "10")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        click(qtbot, save_button(dialog))
    again = load_settings()
    assert again == dialog.saved_settings
    assert again.clinic_name == "Riverside Joint Clinic"
    assert again.regulatory_checked_on == dt.date(2026, 11, 20)
    assert again.default_paper == "letter"
    assert again.logo_path == str(logo)
    assert again.lock_minutes == 10
    assert again.regulatory_jurisdiction == "US-CA"
    assert again.treatment_price == "$6,500 in total"

    reopened = make_dialog(qtbot, again)
    assert reopened.current_settings() == again


def test_paper_not_chosen_stays_not_chosen(qtbot: QtBot) -> None:
    """A clinic that never chose a paper keeps following its jurisdiction (US: Letter) after
    a save from the dialog; choosing A4 there is an explicit choice that wins."""
    usual = ClinicSettings(regulatory_jurisdiction="US-UT")
    dialog = make_dialog(qtbot, usual)
    assert dialog.current_settings().default_paper == ""
    assert dialog.current_settings().paper == "letter"
    choose(qtbot, dialog.default_paper, "A4")
    assert dialog.current_settings().paper == "a4"
