"""When a clinic's overlay is in force, the verdict says so (issue 10.3)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from consultaid.content.loader import load_content
from consultaid.resources import content_dir
from consultaid.settings import ClinicSettings
from consultaid.ui.main_window import MainWindow
from tests.ui.fake_handout import fake_build_handout


def test_the_verdict_banner_names_the_clinics_changes(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "overlay"
    (root / "en").mkdir(parents=True)
    handout = (content_dir() / "en" / "handout.toml").read_text(encoding="utf-8")
    (root / "en" / "handout.toml").write_text(handout, encoding="utf-8")
    pack = load_content("en", overlay_root=root).pack
    assert pack.overlay_files == ("handout.toml",)
    win = MainWindow(pack, ClinicSettings(), build_pdf=fake_build_handout, languages=["en"])
    qtbot.addWidget(win)
    win.show()
    win.go_to(1)
    banner = win.screening_page.banner
    assert "Wording or rules changed by the clinic (handout.toml)" in banner.body.text()
    assert "changed by the clinic" in win.pack_label.text()
