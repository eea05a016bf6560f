"""GUI test set-up: the bundled pack, QSettings in a temp folder, a window with a test builder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from consultaid.content.loader import load_content
from consultaid.content.pack import ContentPack
from consultaid.settings import ClinicSettings
from consultaid.ui.main_window import MainWindow
from tests.ui.fake_handout import fake_build_handout


@pytest.fixture(scope="session")
def pack() -> ContentPack:
    result = load_content("en", overlay_root=None)
    assert not result.warnings
    return result.pack


@pytest.fixture(autouse=True)
def temp_qsettings(tmp_path: Path, qapp: QCoreApplication) -> Iterator[Path]:
    """Recent files and other QSettings go to a temp INI folder, never the real profile."""
    folder = tmp_path / "qsettings"
    QCoreApplication.setOrganizationName("consultaid-tests")
    QCoreApplication.setApplicationName("consultaid-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings().clear()


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box nobody answers would hang the run: fail instead (tests patch theirs)."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture
def window(qtbot: QtBot, pack: ContentPack) -> Iterator[MainWindow]:
    win = MainWindow(pack, ClinicSettings(clinic_name="Riverside Joint Clinic"),
                     build_pdf=fake_build_handout, languages=["en"])

    def forget_changes(w: MainWindow) -> None:
        w.handout_page.runner.wait(10000)
        w.state.mark_saved(w.state.path or Path("unused.json"))

    qtbot.addWidget(win, before_close_func=forget_changes)
    win.show()
    qtbot.waitExposed(win)
    yield win
