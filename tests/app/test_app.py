"""The composition root: diagnostics, the calm exception hook, settings problems at start-up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from consultaid.app import create_window, install_excepthook
from consultaid.app.diagnostics import run_self_test, sign_in_self_test_user
from consultaid.settings import settings_path
from consultaid.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=ROOT, check=False)


def test_measure_startup_prints_milliseconds() -> None:
    done = run_main("--measure-startup")
    assert done.returncode == 0, done.stderr
    match = re.fullmatch(r"startup_ms=(\d+)\nready_ms=(\d+)\nrecords_ms=(\d+)\n"
                         r"pages_ms=(\d+)\npeak_kib=(\d+)\n", done.stdout)
    assert match, done.stdout
    painted, ready, records, pages = (int(match.group(n)) for n in range(1, 5))
    assert painted <= ready  # the shell paints before all is built
    assert ready <= records <= pages  # the steps between, in idle moments, once signing in


def test_the_shell_paints_first_then_the_sign_in_page(qtbot: QtBot) -> None:
    """Start-up (issue 18): the window shows "Opening…" at once; finish() builds the rest."""
    from consultaid.app import finish_window, open_shell

    win = open_shell()
    qtbot.addWidget(win)
    assert not win.is_finished
    assert win.windowTitle() == "consultaid"
    assert win.root.currentWidget() is win.opening
    with qtbot.waitSignal(win.finished):
        finish_window(win)
    assert win.is_finished
    assert win.root.currentWidget() is win.access_page  # asks who is there; no patient shown
    assert not win.menuBar().isEnabled()


def test_self_test_leaves_nothing_behind(tmp_path: Path) -> None:
    """Issue 12: it left /tmp/consultaid-self-test-* folders with a records database."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(scratch)}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(scratch.iterdir()) == []


def test_self_test_walks_every_step(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sign_in_self_test_user(window)  # (a temporary records database: see conftest)
    summary = run_self_test(app, window, tmp_path)
    assert summary.startswith("self-test ok: 6 steps")
    assert (tmp_path / "example-handout.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "saved-consultation.json").is_file()


def test_self_test_command_reports_one_line() -> None:
    done = run_main("--self-test")
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.match(r"self-test ok: 6 steps, verdict 'May proceed to evaluation', handout "
                    r"\d+ page\(s\) \d+ kB, stored in the records", lines[0]), lines[0]
    # A temporary database, never the clinic's:
    assert not (Path(os.environ["CONSULTAID_DATA_DIR"]) / "consultaid.sqlite3").exists()


def test_records_open_off_the_ui_thread_then_ask_for_the_first_account(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consultaid.app import start_records
    from consultaid.ui.access.access_page import Mode

    monkeypatch.setenv("CONSULTAID_DB", str(tmp_path / "db" / "records.sqlite3"))
    win = create_window(sign_in_required=True)
    qtbot.addWidget(win)
    assert win.root.currentWidget() is win.access_page
    assert win.access_page.mode is Mode.OPENING
    start_records(win)
    qtbot.waitUntil(lambda: win.access_page.mode is Mode.FIRST_ACCOUNT, timeout=10000)
    assert win.records is not None and not win.records.store.read_only
    assert (tmp_path / "db" / "records.sqlite3").is_file()
    win.records.store.close()


def test_excepthook_shows_a_calm_message(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(lambda: None)
    try:
        raise ValueError("boom")
    except ValueError as exc:
        sys.excepthook(ValueError, exc, exc.__traceback__)
    assert len(shown) == 1 and "still open" in shown[0]
    assert "boom" not in shown[0]  # never an exception's text on screen (issue 18)
    err = capsys.readouterr().err
    assert "ValueError" in err and "test_app.py" in err  # type and place, for the log
    assert "boom" not in err  # never the message: it may hold patient data


def test_broken_settings_file_gives_defaults_and_a_message(qtbot: QtBot) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[clinic]\nname = 3\n", encoding="utf-8")
    win = create_window()
    qtbot.addWidget(win)
    assert win.settings.clinic_name == ""
    assert "clinic settings could not be used" in win.message_bar.text.text()
    assert "[clinic] name" in win.message_bar.text.text()


def test_the_apps_own_settings_file_is_private(qtbot: QtBot) -> None:
    """Issue 12.12: QSettings (recent files, whose paths may name patients) was 0644."""
    from PySide6.QtCore import QSettings

    from consultaid.app import make_settings_private

    QSettings().setValue("recent_files", ["/clinic/Maria Example.json"])
    make_settings_private()
    path = Path(QSettings().fileName())
    assert path.stat().st_mode & 0o777 == 0o600
    QSettings().setValue("recent_files", ["/clinic/other.json"])
    QSettings().sync()
    assert path.stat().st_mode & 0o777 == 0o600  # kept when Qt rewrites the file


def test_lang_is_an_app_option_not_a_record_to_open(qapp: object) -> None:
    """Issue 26.6: ``main.py --lang es`` read "es" as a record ("es could not be read")."""
    from PySide6.QtCore import QCoreApplication

    from consultaid.app import _parse, start_language
    from consultaid.ui.translation import install_translators

    args = _parse(["--lang", "es"])
    assert args.lang == "es" and args.record is None
    assert _parse(["--lang", "es", "visit.json"]).record == "visit.json"
    try:
        assert start_language("es") == "es"
        assert QCoreApplication.translate("AccessPage", "consultaid is locked") == \
            "consultaid está bloqueado"
        assert start_language("xx") == "en"  # no such translation: English, and said
    finally:
        install_translators("en")


def test_lang_reaches_the_running_app() -> None:
    done = run_main("--lang", "es", "--self-test")
    assert done.returncode == 0, done.stderr
    assert "could not be read" not in done.stdout + done.stderr
