"""Start-up (issue 29): what loads before the first paint, and that the shortcuts taken to keep
it small give the same answers as the full code."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from consultaid.app import app_language_setting, settings_file
from consultaid.settings import ClinicSettings, load_settings, settings_path

ROOT = Path(__file__).resolve().parents[2]


def test_settings_file_is_the_settings_modules(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONSULTAID_SETTINGS", raising=False)
    monkeypatch.setenv("CONSULTAID_CONFIG_DIR", str(tmp_path / "config"))
    assert settings_file() == settings_path()
    monkeypatch.setenv("CONSULTAID_SETTINGS", str(tmp_path / "x.toml"))
    assert settings_file() == settings_path() == tmp_path / "x.toml"


@pytest.mark.parametrize("text", [
    None,  # no file: the defaults
    '[app]\nlanguage = "es"\n',
    '[app]\nlanguage = "system"\n',
    '[app]\nlanguage = "es"\n[security]\nlock_minutes = 0\n',  # unusable: the defaults
    '[app]\nlanguage = "es"\n[nonsense]\nx = 1\n',
    "[app]\nlanguage = 3\n",
    "not toml at all = = =\n",
    b"[app]\nlanguage = \"\xff\"\n",  # not UTF-8
])
def test_the_app_speaks_what_the_settings_say(text: str | bytes | None, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             qapp: object) -> None:
    """Quick before the first paint, put right once the settings are read in full (before
    any page is built): the language is the one the settings module gives."""
    from consultaid.app import confirm_language, start_language
    from consultaid.settings import SettingsError
    from consultaid.ui.translation import current_language, install_translators, resolve_language

    path = tmp_path / "settings.toml"
    monkeypatch.setenv("CONSULTAID_SETTINGS", str(path))
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    elif text is not None:
        path.write_bytes(text)
    try:
        setting = load_settings().app_language
    except SettingsError:
        setting = ClinicSettings().app_language
    try:
        start_language()
        if text is None or ("nonsense" not in str(text) and "lock_minutes" not in str(text)):
            assert app_language_setting() == setting  # (a usable file: right at once)
        confirm_language(setting)
        assert current_language() == resolve_language(setting)
    finally:
        install_translators("en")


def test_a_broken_link_is_no_settings_file(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.toml"
    path.symlink_to(tmp_path / "gone.toml")
    monkeypatch.setenv("CONSULTAID_SETTINGS", str(path))
    assert load_settings() == ClinicSettings()
    assert app_language_setting() == ClinicSettings().app_language == "system"


def run_app_script(script: str, home: Path) -> subprocess.CompletedProcess[str]:
    """``python -c script`` offscreen, with its settings and data in ``home`` (no settings
    file), from the project's folder; raises if it fails."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "CONSULTAID_CONFIG_DIR": str(home / "config"),
           "CONSULTAID_DATA_DIR": str(home / "data"),
           "CONSULTAID_SETTINGS": str(home / "config" / "settings.toml")}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env=env, cwd=ROOT, check=True)


SHELL_MODULES = """
import sys, time
sys.argv = ["main.py", "--measure-startup"]
import consultaid.app.startup_probe as probe
seen = []
first = probe.FirstPaint.__init__
def init(self, on_paint):
    def painted():
        seen.extend(m for m in sys.modules if m.startswith("consultaid") or m in
                    ("tomllib", "dataclasses", "locale"))
        on_paint()
    first(self, painted)
probe.FirstPaint.__init__ = init
from consultaid.app import main
main(started=time.perf_counter())
print("\\n".join(sorted(seen)))
"""


def test_the_shell_paints_before_the_settings_and_content_load(tmp_path: Path) -> None:
    """With no settings file, the shell's first paint needs neither the settings module nor
    the TOML parser (nor argparse's locale), nor anything of the content, the records or the
    pages."""
    done = run_app_script(SHELL_MODULES, tmp_path)
    loaded = set(done.stdout.split())
    assert "consultaid.ui.main_window" in loaded  # (the probe saw the paint)
    unexpected = {m for m in loaded if m in ("tomllib", "dataclasses", "locale",
                                             "consultaid.settings")
                  or m.startswith(("consultaid.content", "consultaid.records",
                                   "consultaid.ui.wizard", "consultaid.session"))}
    assert not unexpected, unexpected


def test_a_settings_file_unusable_after_all_means_the_defaults_language(
        qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read quickly, the file says Spanish; read in full it is unusable (its defaults apply,
    "system", English here): the shell said "Abriendo…", every page is in English."""
    from PySide6.QtCore import QCoreApplication
    from pytestqt.qtbot import QtBot

    from consultaid.app import finish_window, open_shell, start_language
    from consultaid.ui.translation import current_language, install_translators

    assert isinstance(qtbot, QtBot)
    path = tmp_path / "settings.toml"
    path.write_text('[app]\nlanguage = "es"\n[security]\nlock_minutes = 0\n', encoding="utf-8")
    monkeypatch.setenv("CONSULTAID_SETTINGS", str(path))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    try:
        assert start_language() == "es"  # (the quick read)
        win = open_shell()
        qtbot.addWidget(win)
        assert win.opening.text() == "Abriendo consultaid…"
        finish_window(win)
        assert current_language() == "en"
        assert QCoreApplication.translate("AccessPage", "consultaid is locked") == \
            "consultaid is locked"
        assert win.wizard.next_button.text() == "&Next ▶"
        win.state.mark_saved(Path("unused.json"))
    finally:
        install_translators("en")


@pytest.mark.parametrize("text", [
    "",
    '[app]\nlanguage = "es"\n',
    "[app]\nlanguage = 'es'  # Spanish\n",
    '# settings\n[clinic]\nname = "A = B [clinic]"\n\n[ app ]\n  language   =   "es"\n',
    '[clinic]\nname = "x"\n[security]\nlock_minutes = 5\n',
    '[app]\nlanguage = "system"\n[handout]\nlanguage = "es"\n',
    '[handout]\nlanguage = "es"\n[app]\n',
    'app.language = "es"\n',
    'app = { language = "es" }\n',
    '[app]\nlanguage = """es"""\n',
    '[app]\nlanguage = "e\\u0073"\n',
    '[clinic]\nnames = [\n  "a",\n  "b",\n]\n[app]\nlanguage = "es"\n',
    '[[app]]\nlanguage = "es"\n',
    '["app"]\nlanguage = "es"\n',
    '[app]\nlanguage = 3\n',
])
def test_the_plain_reading_agrees_with_toml_or_leaves_it_to_toml(text: str) -> None:
    """What the quick reading finds is what tomllib finds (None: tomllib is asked). Where
    the two could differ on a file that is not TOML, the settings read in full put it right
    before any page is built (confirm_language)."""
    import tomllib

    from consultaid.app import _app_language_line

    found = _app_language_line(text)
    if found is None:
        return
    table = tomllib.loads(text).get("app")
    expected = table.get("language", "system") if isinstance(table, dict) else "system"
    assert found == expected


def test_a_file_the_settings_window_saved_is_read_plainly(tmp_path: Path) -> None:
    from consultaid.app import _app_language_line
    from consultaid.settings import save_settings

    settings = ClinicSettings(clinic_name='Ann "A" [clinic] = x', address="1 Road\nTown",
                              regulatory_text="Line one\nline two = [x]", app_language="es",
                              regulatory_checked_on=dt.date(2026, 1, 2), email="a@b.example")
    path = save_settings(settings, tmp_path / "settings.toml")
    text = path.read_text(encoding="utf-8")
    assert _app_language_line(text) in ("es", None)
    assert _app_language_line(save_settings(ClinicSettings(app_language="es"),
                                            tmp_path / "plain.toml").read_text()) == "es"


@pytest.mark.parametrize("argv", [[], ["--measure-startup"], ["--self-test"],
                                  ["--self-test", "--measure-startup", "--self-test"]])
def test_the_usual_arguments_are_read_as_argparse_reads_them(argv: list[str]) -> None:
    from consultaid.app import _parse, _parser

    assert _parse(argv) == _parser().parse_known_args(argv)[0]
    assert vars(_parse(argv)).keys() == vars(_parser().parse_known_args(argv)[0]).keys()
