"""Clinic settings: defaults, round trip, and a clear message naming the broken key."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from consultaid.settings import (
    ClinicSettings,
    SettingsError,
    load_settings,
    patient_id_system,
    save_settings,
    settings_path,
)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == ClinicSettings()


def test_env_var_points_at_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTAID_SETTINGS", str(tmp_path / "x.toml"))
    assert settings_path() == tmp_path / "x.toml"


def test_round_trip_with_awkward_text(tmp_path: Path) -> None:
    settings = ClinicSettings(
        clinic_name='Ann <b>& "Co" \\ 😀', address="1 Road\nTown", phone="+1 555",
        email="a@b.example", regulatory_jurisdiction="EU", regulatory_text="Text\twith tab",
        regulatory_checked_on=dt.date(2026, 1, 2), funding_statement="Private.",
        default_paper="letter", lock_minutes=12)
    path = save_settings(settings, tmp_path / "s.toml")
    assert "[security]\nlock_minutes = 12" in path.read_text(encoding="utf-8")
    assert load_settings(path) == settings


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[clinic\nname = 'x'", "is not valid TOML"),
        ("[clinic]\nnmae = 'x'", "has [clinic] nmae, which is not a setting consultaid knows"),
        ("[clinic]\nname = 5", "has [clinic] name set to something that is not text in "
         "quotes"),
        ("[handout]\npaper = 'a3'", "[handout] paper: The paper size 'a3' is not one "
         "consultaid prints on; choose A4 or Letter."),
        ("[regulatory]\nchecked_on = 'soon'", "[regulatory] checked_on set to something that "
         "is not a date written as YYYY-MM-DD"),
        ("[regulatory]\ntext = 'x'", "[regulatory] checked_on: Give the date the regulatory "
         "text was last checked"),
        ("colour = 'red'", "has colour = … outside any table"),
        ("[security]\nlock_minutes = '5'", "[security] lock_minutes set to something that is "
         "not a whole number of minutes"),
        ("[security]\nlock_minutes = true", "not a whole number of minutes"),
        ("[security]\nlock_minutes = 0", "[security] lock_minutes: The screen lock must be a "
         "whole number of minutes from 1 to 240, not 0."),
        ("[security]\nlock_minutes = 241", "from 1 to 240, not 241."),
        ("[security]\nlock_after = 5", "has [security] lock_after, which is not a setting"),
    ],
)
def test_broken_file_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(text)
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    said = str(info.value)  # a full sentence, for the person who opens the file
    assert said.startswith("The settings file ") and said.endswith("."), said


def test_save_refuses_invalid_settings(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"\[clinic\] logo: The logo file .* does not exist"):
        save_settings(ClinicSettings(logo_path=str(tmp_path / "missing.png")), tmp_path / "s.toml")
    assert not (tmp_path / "s.toml").exists()


def test_lock_minutes_default_and_file(tmp_path: Path) -> None:
    assert ClinicSettings().lock_minutes == 5
    path = tmp_path / "s.toml"
    path.write_text("[security]\nlock_minutes = 15\n")
    assert load_settings(path).lock_minutes == 15


@pytest.mark.parametrize(("written", "read"), [
    ('"US-CA"', "US-CA"), ('"us-ut"', "US-UT"), ('"DE"', "DE"),
    ('"United States"', "US"), ('"California"', "US-CA")])
def test_jurisdiction_is_an_iso_3166_2_code(tmp_path: Path, written: str, read: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f"[regulatory]\njurisdiction = {written}\n", encoding="utf-8")
    assert load_settings(path).regulatory_jurisdiction == read


def test_a_jurisdiction_that_is_no_code_is_refused_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[regulatory]\njurisdiction = "European Union"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[regulatory\] jurisdiction: .*ISO 3166-2"):
        load_settings(path)


def test_price_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings = ClinicSettings(treatment_price="$6,500 in total", regulatory_jurisdiction="US-UT")
    save_settings(settings, path)
    again = load_settings(path)
    assert again.treatment_price == "$6,500 in total" and again.regulatory_jurisdiction == "US-UT"
    assert 'price = "$6,500 in total"' in path.read_text(encoding="utf-8")


IT_FILE = '''# Riverside settings: maintained by IT (ticket 4711). Ask before changing.

[handout]
paper = "letter"   # the front desk printer only takes Letter
language = 'en'

# The clinic's own words, checked by the practice manager
[clinic]
name = "Riverside Joint Clinic"
phone = "+1 555 0100"  # the front desk
website = "https://riverside.example"

[records]
# the clinic's server; the password is in the file below
url = "postgresql://consultaid_ws@db.clinic.lan/consultaid?sslmode=verify-full"
password_file = "/etc/consultaid/db-password"
'''


def test_a_save_keeps_what_it_typed_comments_order_and_records(tmp_path: Path) -> None:
    """An IT person's comments, order and quoting survive a save from the app (issue 32)."""
    path = tmp_path / "settings.toml"
    path.write_text(IT_FILE, encoding="utf-8")
    settings = load_settings(path)
    settings.clinic_name = "Riverside Joint & Spine"
    settings.website = ""
    settings.email = "info@riverside.example"
    settings.lock_minutes = 10
    save_settings(settings, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Riverside settings: maintained by IT (ticket 4711).")
    assert 'paper = "letter"   # the front desk printer only takes Letter' in text
    assert "language = 'en'" in text  # unchanged values keep their quoting
    assert 'phone = "+1 555 0100"  # the front desk' in text
    assert "# The clinic's own words, checked by the practice manager\n[clinic]" in text
    assert 'name = "Riverside Joint & Spine"' in text
    assert "website" not in text
    # a new key goes under its table's last key, not under the next table's comment
    assert ('phone = "+1 555 0100"  # the front desk\nemail = "info@riverside.example"\n'
            in text)
    assert text.index("[handout]") < text.index("[clinic]") < text.index("[records]")
    assert ("[records]\n# the clinic's server; the password is in the file below\n"
            'url = "postgresql://consultaid_ws@db.clinic.lan/consultaid?sslmode=verify-full"\n'
            'password_file = "/etc/consultaid/db-password"\n') in text
    assert "[security]\nlock_minutes = 10" in text
    assert load_settings(path) == settings


def test_saving_the_same_settings_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(IT_FILE, encoding="utf-8")
    save_settings(load_settings(path), path)
    assert path.read_text(encoding="utf-8") == IT_FILE


def test_a_new_file_names_every_table(tmp_path: Path) -> None:
    path = save_settings(ClinicSettings(clinic_name="A"), tmp_path / "new.toml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# consultaid clinic settings.")
    for table in ("[clinic]", "[regulatory]", "[handout]", "[security]", "[app]"):
        assert table in text
    assert load_settings(path) == ClinicSettings(clinic_name="A")


def test_a_file_that_is_not_toml_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[clinic\nname = 'x'\n", encoding="utf-8")
    save_settings(ClinicSettings(clinic_name="B"), path)
    assert load_settings(path) == ClinicSettings(clinic_name="B")


def test_patient_id_system_is_read_and_kept_by_a_save_from_the_app(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[clinic]\nname = "A"\npatient_id_system = "urn:oid:1.2.3"  # IT\n',
                    encoding="utf-8")
    assert patient_id_system(path) == "urn:oid:1.2.3"
    save_settings(dataclasses.replace(load_settings(path), clinic_name="B"), path)
    assert patient_id_system(path) == "urn:oid:1.2.3"  # the Settings window never drops it
    assert 'patient_id_system = "urn:oid:1.2.3"  # IT' in path.read_text(encoding="utf-8")
    assert patient_id_system(tmp_path / "none.toml") == ""


def test_a_patient_id_system_that_is_no_uri_is_refused_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[clinic]\npatient_id_system = "clinic ids"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[clinic\] patient_id_system .* not a URI"):
        load_settings(path)
    path.write_text("[clinic]\npatient_id_system = 7\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[clinic\] patient_id_system"):
        patient_id_system(path)


@pytest.mark.parametrize(
    ("jurisdiction", "chosen", "paper"),
    [
        ("US", "", "letter"),
        ("US-UT", "", "letter"),
        ("US-CA", "", "letter"),
        ("us-ny", "", "letter"),
        ("DE", "", "a4"),
        ("MX", "", "a4"),
        ("", "", "a4"),
        ("US-UT", "a4", "a4"),  # the clinic's own choice wins
        ("DE", "letter", "letter"),
    ],
)
def test_paper_defaults_to_letter_in_the_us_unless_the_clinic_chose(
        jurisdiction: str, chosen: str, paper: str) -> None:
    settings = ClinicSettings(regulatory_jurisdiction=jurisdiction,
                              default_paper=chosen)  # type: ignore[arg-type]
    assert settings.paper == paper


def test_paper_left_out_of_the_file_follows_the_jurisdiction(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[regulatory]\njurisdiction = "US-UT"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.default_paper == "" and settings.paper == "letter"
    # Saved again, the paper stays unchosen: a later move abroad still gets A4.
    save_settings(settings, path)
    assert "paper" not in path.read_text(encoding="utf-8")
    moved = dataclasses.replace(load_settings(path), regulatory_jurisdiction="DE")
    assert moved.paper == "a4"
    path.write_text('[regulatory]\njurisdiction = "US-UT"\n[handout]\npaper = "a4"\n',
                    encoding="utf-8")
    assert load_settings(path).paper == "a4"
