"""The window with the real handout builder, as the app composes it: preview, variant, save."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from consultaid.app import create_window
from consultaid.content.example import example_consultation
from consultaid.domain.consultation import consultation_to_json
from consultaid.domain.screening import Verdict
from consultaid.session.steps import Step
from consultaid.ui.main_window import MainWindow
from tests.helpers import text_of
from tests.ui.driving import choose, click


@pytest.fixture
def app_window(qtbot: QtBot) -> MainWindow:
    win = create_window()

    def forget(w: MainWindow) -> None:
        w.handout_page.runner.wait(30000)
        w.state.mark_saved(w.state.path or Path("unused.json"))

    qtbot.addWidget(win, before_close_func=forget)
    win.show()
    return win


def test_example_to_saved_handout_and_not_eligible_variant(
        qtbot: QtBot, app_window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = app_window
    pack = window.pack
    record = tmp_path / "example.json"
    record.write_text(consultation_to_json(example_consultation(pack)), encoding="utf-8")
    assert window.documents.open_file(record)
    page = window.handout_page
    with qtbot.waitSignal(page.preview_ready, timeout=60000):
        window.go_to(int(Step.HANDOUT))
    assert page.document.pageCount() >= 2

    target = tmp_path / "handout.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(page.saved, timeout=60000):
        click(qtbot, page.save_button)
    reader = PdfReader(target)
    assert reader.metadata is not None and reader.metadata.title
    saved = re.sub(r"\s+", " ", text_of(target.read_bytes()))
    assert "Maria Example" in saved
    # The file's typed review is no signed review: it cannot reach "may proceed" (issue 11.1).
    assert pack.handout.outcomes[Verdict.NEEDS_REVIEW].heading in saved
    assert pack.handout.outcomes[Verdict.MAY_PROCEED].heading not in saved

    window.go_to(int(Step.SCREENING))
    choose(qtbot, window.screening_page.fields["cancer_status"].options, "Active cancer")
    with qtbot.waitSignal(page.preview_ready, timeout=60000):
        window.go_to(int(Step.HANDOUT))
    variant = re.sub(r"\s+", " ", text_of(page.pdf_bytes or b""))
    assert pack.handout.outcomes[Verdict.NOT_ELIGIBLE].heading in variant
    assert pack.handout.outcomes[Verdict.NEEDS_REVIEW].heading not in variant
