"""The clinic's settings: one documented TOML file in the user's config folder.

``CONSULTAID_SETTINGS`` points at another file. A missing file gives the defaults; a broken one
raises :class:`SettingsError` naming the key. The GUI's settings dialog edits the same file.

Example ``settings.toml``::

    [clinic]
    name = "Riverside Joint Clinic"
    address = "12 River Road, Springfield"
    phone = "+1 555 0100"
    email = "info@riverside.example"
    website = "https://riverside.example"
    logo = "/path/to/logo.png"          # PNG or JPEG

    [regulatory]
    jurisdiction = "US-CA"               # ISO 3166-2: US, US-CA, US-UT, US-NY, DE, ... A state
                                         # whose law requires a notice gets it printed word for
                                         # word on the handout (and `consultaid poster`)
    text = "..."                         # leave out to use the content pack's default (US) text
    checked_on = 2026-11-23

    [handout]
    funding_statement = "The clinic is privately funded and charges for this treatment."
    price = "$6,500 in total: cell collection, preparation, one injection, 4 check-ups"
    paper = "a4"                         # a4 or letter; leave out for the jurisdiction's
                                         # usual paper (Letter in the US, A4 elsewhere)
    language = "en"

    [security]
    lock_minutes = 5                     # lock the app after this many idle minutes (1-240)

    [app]
    language = "system"                  # the app's own words: system, en or es (the
                                         # handouts' language is chosen per patient)

``[clinic] patient_id_system`` (a URI, e.g. "urn:oid:1.2.3.4" or "https://riverside.example/
patient-id") names where the clinic's patient IDs are unique: the FHIR export writes it as the
patient identifier's system. IT sets it in the file (like ``[records]``); the app's Settings
window leaves it as it is (:func:`patient_id_system`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP, joined
from consultaid.fileio import TEXT_FILE_LIMIT, FileRefused, atomic_write_text, read_limited
from consultaid.paths import config_dir

PAPER_SIZES = ("a4", "letter")
LETTER_JURISDICTIONS = ("US",)
"""Countries whose handouts default to US Letter (a state of one, "US-UT", counts too): Utah's
notice given to the patient must be at least 8.5 x 11 inches, which A4 is not."""
LOCK_MINUTES_RANGE = (1, 240)
JURISDICTION_CODE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
"""ISO 3166-2: a country (``DE``) or a subdivision (``US-CA``)."""
APP_LANGUAGE = re.compile(r"^(?:system|[a-z]{2,3})$")
"""``[app] language``: "system" (the computer's language) or an ISO 639 code such as "es"."""
JURISDICTIONS: dict[str, str] = {
    "US": QT_TRANSLATE_NOOP("Jurisdictions", "United States (federal rules only)"),
    "US-CA": QT_TRANSLATE_NOOP("Jurisdictions", "California, United States"),
    "US-FL": QT_TRANSLATE_NOOP("Jurisdictions", "Florida, United States"),
    "US-NY": QT_TRANSLATE_NOOP("Jurisdictions", "New York, United States"),
    "US-TX": QT_TRANSLATE_NOOP("Jurisdictions", "Texas, United States"),
    "US-UT": QT_TRANSLATE_NOOP("Jurisdictions", "Utah, United States"),
    "CA": QT_TRANSLATE_NOOP("Jurisdictions", "Canada"),
    "MX": QT_TRANSLATE_NOOP("Jurisdictions", "Mexico"),
    "GB": QT_TRANSLATE_NOOP("Jurisdictions", "United Kingdom"),
    "IE": QT_TRANSLATE_NOOP("Jurisdictions", "Ireland"),
    "DE": QT_TRANSLATE_NOOP("Jurisdictions", "Germany"),
    "FR": QT_TRANSLATE_NOOP("Jurisdictions", "France"),
    "ES": QT_TRANSLATE_NOOP("Jurisdictions", "Spain"),
    "IT": QT_TRANSLATE_NOOP("Jurisdictions", "Italy"),
    "NL": QT_TRANSLATE_NOOP("Jurisdictions", "Netherlands"),
    "AT": QT_TRANSLATE_NOOP("Jurisdictions", "Austria"),
    "CH": QT_TRANSLATE_NOOP("Jurisdictions", "Switzerland"),
    "AU": QT_TRANSLATE_NOOP("Jurisdictions", "Australia"),
    "JP": QT_TRANSLATE_NOOP("Jurisdictions", "Japan"),
    "KR": QT_TRANSLATE_NOOP("Jurisdictions", "Korea, Republic of"),
}
"""The jurisdictions offered in Settings (any other ISO 3166-2 code may be typed)."""


def jurisdiction_name(code: str) -> str:
    """"California, United States" for "US-CA"; an unlisted code as it is."""
    return JURISDICTIONS.get(code, code)


class SettingsError(ConsultaidError):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass
class ClinicSettings:
    clinic_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo_path: str = ""
    regulatory_jurisdiction: str = ""
    """ISO 3166-2 code of where the clinic works ("US-CA"); "" if not set."""
    regulatory_text: str = ""
    """Empty means: use the content pack's default regulatory text."""
    regulatory_checked_on: dt.date | None = None
    funding_statement: str = ""
    treatment_price: str = ""
    """The clinic's total price for the treatment, in its own words; printed by the risks."""
    default_paper: Literal["", "a4", "letter"] = ""
    """The clinic's own choice; "" (not chosen) follows the jurisdiction: see :attr:`paper`."""
    default_language: str = "en"
    lock_minutes: int = 5
    """Minutes without input before the app locks and hides patient data."""
    app_language: str = "system"
    """The language of the app's menus and messages: "system" (the computer's) or a code."""

    @property
    def paper(self) -> Literal["a4", "letter"]:
        """The paper a new consultation's handout gets: the clinic's choice when it made one,
        else Letter where the jurisdiction is the US (or one of its states), A4 elsewhere."""
        return default_paper_for(self.default_paper, self.regulatory_jurisdiction)


def default_paper_for(chosen: str, jurisdiction: str) -> Literal["a4", "letter"]:
    """``chosen`` when it is a paper size, else the usual paper of ``jurisdiction``."""
    if chosen == "letter":
        return "letter"
    if chosen == "a4":
        return "a4"
    country = jurisdiction.strip().upper().partition("-")[0]
    return "letter" if country in LETTER_JURISDICTIONS else "a4"


# (table, key) in the file for each field, in the order they are written.
LAYOUT: dict[str, tuple[str, str]] = {
    "clinic_name": ("clinic", "name"),
    "address": ("clinic", "address"),
    "phone": ("clinic", "phone"),
    "email": ("clinic", "email"),
    "website": ("clinic", "website"),
    "logo_path": ("clinic", "logo"),
    "regulatory_jurisdiction": ("regulatory", "jurisdiction"),
    "regulatory_text": ("regulatory", "text"),
    "regulatory_checked_on": ("regulatory", "checked_on"),
    "funding_statement": ("handout", "funding_statement"),
    "treatment_price": ("handout", "price"),
    "default_paper": ("handout", "paper"),
    "default_language": ("handout", "language"),
    "lock_minutes": ("security", "lock_minutes"),
    "app_language": ("app", "language"),
}


RECORDS_TABLE = "records"
PATIENT_ID_SYSTEM = ("clinic", "patient_id_system")
"""Read by :func:`patient_id_system`, not a field of :class:`ClinicSettings`: the Settings
window writes what it shows, and this is set in the file alone."""
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")


def settings_path() -> Path:
    override = os.environ.get("CONSULTAID_SETTINGS")
    return Path(override) if override else config_dir() / "settings.toml"


def validate_settings(settings: ClinicSettings) -> list[str]:
    """Problems a person must fix: ``"table.key: A full sentence saying what to do."`` — the
    key places the sentence beside its field in Settings; :func:`in_words` makes the whole
    line readable for a message naming the settings file."""
    problems: list[str] = []
    if settings.default_paper and settings.default_paper not in PAPER_SIZES:
        problems.append(_problem("handout.paper", QT_TRANSLATE_NOOP(
            "Settings", "The paper size {paper} is not one consultaid prints on; choose A4 or "
            "Letter.").format(paper=repr(settings.default_paper))))
    if not settings.default_language.strip():
        problems.append(_problem("handout.language", QT_TRANSLATE_NOOP(
            "Settings", "Choose the language the handouts are written in.")))
    if settings.logo_path and not Path(settings.logo_path).is_file():
        problems.append(_problem("clinic.logo", QT_TRANSLATE_NOOP(
            "Settings", "The logo file {path} does not exist; choose the clinic's logo again, "
            "or leave the logo empty.").format(path=settings.logo_path)))
    if settings.regulatory_text.strip() and settings.regulatory_checked_on is None:
        problems.append(_problem("regulatory.checked_on", QT_TRANSLATE_NOOP(
            "Settings", "Give the date the regulatory text was last checked (it is printed on "
            "every handout).")))
    if (settings.regulatory_checked_on is not None
            and settings.regulatory_checked_on > dt.date.today()):
        problems.append(_problem("regulatory.checked_on", QT_TRANSLATE_NOOP(
            "Settings", "The date is in the future; give the date the regulatory text was "
            "really checked.")))
    code = settings.regulatory_jurisdiction
    if code and not JURISDICTION_CODE.match(code):
        problems.append(_problem("regulatory.jurisdiction", QT_TRANSLATE_NOOP(
            "Settings", "{code} is not a jurisdiction code; choose one from the list (an ISO "
            "3166-2 code such as US, US-CA or DE).").format(code=repr(code))))
    if settings.email and "@" not in settings.email:
        problems.append(_problem("clinic.email", QT_TRANSLATE_NOOP(
            "Settings", "{email} is not an email address; write it as name@example.org, or "
            "leave it empty.").format(email=repr(settings.email))))
    if not APP_LANGUAGE.match(settings.app_language):
        problems.append(_problem("app.language", QT_TRANSLATE_NOOP(
            "Settings", "{language} is not a language the app knows; choose one from the "
            "list, or \"system\".").format(language=repr(settings.app_language))))
    low, high = LOCK_MINUTES_RANGE
    if (isinstance(settings.lock_minutes, bool) or not isinstance(settings.lock_minutes, int)
            or not low <= settings.lock_minutes <= high):
        problems.append(_problem("security.lock_minutes", QT_TRANSLATE_NOOP(
            "Settings", "The screen lock must be a whole number of minutes from {low} to "
            "{high}, not {value}.").format(low=low, high=high,
                                            value=repr(settings.lock_minutes))))
    return problems


def _problem(key: str, sentence: str) -> str:
    """``"table.key: sentence"``, the sentence still translatable for the window."""
    return joined("", (f"{key}: ", sentence))


def in_words(problem: str) -> str:
    """``"handout.paper: The paper …"`` -> ``"[handout] paper: The paper …"``: the key as
    it is written in the settings file, then the sentence."""
    key, sep, text = problem.partition(": ")
    table, dot, name = key.partition(".")
    if not sep or not dot:
        return problem
    return f"[{table}] {name}: {text}"


def _parsed(path: Path) -> dict[str, Any] | None:
    """The settings file parsed (None when there is none); SettingsError when it is unusable."""
    try:
        text = read_limited(path, TEXT_FILE_LIMIT).decode("utf-8")
    except FileNotFoundError:
        return None
    except FileRefused as exc:
        raise SettingsError(str(exc)) from None
    except UnicodeDecodeError:
        raise SettingsError(f"The settings file {path} is not UTF-8 text, so it was not "
                            "read; save it as UTF-8.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"The settings file {path} is not valid TOML ({exc}); fix that "
                            "line, or remove the file to start again from the defaults.") \
            from None
    return data


def patient_id_system(path: Path | None = None) -> str:
    """``[clinic] patient_id_system``: the URI the clinic's patient IDs are unique under (""
    when not set); SettingsError naming the key when it is not a URI."""
    path = path or settings_path()
    data = _parsed(path) or {}
    table, key = PATIENT_ID_SYSTEM
    value = data.get(table, {}).get(key, "") if isinstance(data.get(table), dict) else ""
    if not isinstance(value, str):
        raise SettingsError(_wrong(path, table, key, "text in quotes"))
    if value.strip() and not _URI.match(value.strip()):
        raise SettingsError(f"The settings file {path} has [{table}] {key} = {value!r}, which "
                            "is not a URI; write it as urn:oid:… or https://…, the name under "
                            "which the clinic's patient IDs are unique.")
    return value.strip()


def load_settings(path: Path | None = None) -> ClinicSettings:
    path = path or settings_path()
    data = _parsed(path)
    if data is None:
        return ClinicSettings()
    values: dict[str, Any] = {}
    known = {(t, k) for t, k in LAYOUT.values()} | {PATIENT_ID_SYSTEM}
    for table, content in data.items():
        if table == RECORDS_TABLE:
            continue  # where the records are: read and checked by consultaid.records.location
        if not isinstance(content, dict):
            raise SettingsError(f"The settings file {path} has {table} = … outside any "
                                "table; consultaid knows [clinic], [regulatory], [handout], "
                                "[security], [app] and [records]. Check its spelling and place.")
        for key in content:
            if (table, key) not in known:
                raise SettingsError(f"The settings file {path} has [{table}] {key}, which is "
                                    "not a setting consultaid knows; check its spelling.")
    for name, (table, key) in LAYOUT.items():
        if key not in data.get(table, {}):
            continue
        value = data[table][key]
        if name == "regulatory_checked_on":
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    value = None
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise SettingsError(_wrong(path, table, key, "a date written as YYYY-MM-DD"))
        elif name == "lock_minutes":
            if isinstance(value, bool) or not isinstance(value, int):
                raise SettingsError(_wrong(path, table, key, "a whole number of minutes"))
        elif not isinstance(value, str):
            raise SettingsError(_wrong(path, table, key, "text in quotes"))
        elif name == "regulatory_jurisdiction":
            value = _jurisdiction_code(value)
        values[name] = value
    settings = ClinicSettings(**values)
    patient_id_system(path)  # a wrong one is named wherever the settings are read
    problems = [p for p in validate_settings(settings) if not p.startswith("clinic.logo")]
    if problems:
        raise SettingsError(f"The settings file {path} has a problem with "
                            f"{in_words(problems[0])}")
    return settings


def _wrong(path: Path, table: str, key: str, what: str) -> str:
    return (f"The settings file {path} has [{table}] {key} set to something that is not "
            f"{what}; correct it in Settings or in the file.")


def _jurisdiction_code(value: str) -> str:
    """A code as written, or the code of a listed name (files from before codes were used)."""
    value = value.strip()
    if JURISDICTION_CODE.match(value.upper()):
        return value.upper()
    legacy = {"united states": "US", "usa": "US", "california": "US-CA", "utah": "US-UT"}
    by_name = {name.casefold(): code for code, name in JURISDICTIONS.items()}
    return legacy.get(value.casefold()) or by_name.get(value.casefold()) or value


HEADER = "consultaid clinic settings. Edit here or in the app (File > Settings)."


def settings_to_toml(settings: ClinicSettings, existing: str = "") -> str:
    """``settings`` as the text of ``settings.toml``, keeping what a person typed in
    ``existing`` (see settings_toml.py: tomlkit is imported only when settings are written, so
    reading them, which every command does, does not pay for it)."""
    from consultaid.settings_toml import settings_to_toml as write

    return write(settings, LAYOUT, HEADER, existing)


def save_settings(settings: ClinicSettings, path: Path | None = None) -> Path:
    """Validate and write atomically; raises SettingsError listing what must be fixed.

    The file is rewritten in place (see :func:`settings_to_toml`): what an IT person typed
    into it — comments, order, the ``[records]`` table — survives a save from the app."""
    problems = validate_settings(settings)
    if problems:
        raise SettingsError(" ".join(in_words(p) for p in problems))
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        existing = read_limited(path, TEXT_FILE_LIMIT).decode("utf-8")
    except (OSError, FileRefused, UnicodeDecodeError):
        existing = ""
    atomic_write_text(path, settings_to_toml(settings, existing))
    return path
