"""Data never runs as HTML in the app: markup in every field shows as typed (issue 10.2)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, FollowUpRow, consultation_to_json
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui import plain_text, wheel_guard
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import sign_in

BANNER = "<font size=6 color=green>NO ALLERGIES - MAY PROCEED</font>"
IMAGE = '<img src="/nonexistent/consultaid-probe.png">'
HELD_OUT = ["<b>bold</b> & <i>x</i>", "<table><tr><td>cell</td></tr></table>",
            "Ana\u202eLOCAL\u202c 😀 \x07bell", "<a href='file:///etc/passwd'>link</a>",
            "<span style='font-size:300pt'>HUGE</span> &lt;b&gt; &amp; \x1b[31m\x0b\x7f",
            "<h1>" + "W&" * 80 + "</h1>"]
PAYLOADS = [BANNER, IMAGE, *HELD_OUT]


def hostile(pack: ContentPack, payload: str) -> Consultation:
    """The example consultation with ``payload`` in every field a person types."""
    c = example_consultation(pack)
    c.patient.name = f"{payload} Name"
    c.patient.clinic_patient_id = payload[:40]
    c.physician = f"Dr {payload}"
    c.notes = payload
    c.teach_back.note = payload
    c.teach_back.questions = payload
    for point in c.teach_back.points:
        point.patient_words = payload
    c.review.comment = payload
    c.follow_up.append(FollowUpRow(when=payload, what=payload, who=payload))
    for item in pack.checklist.items:
        if item.kind == "text":
            c.screening[item.id] = payload
    return c


def rendered(label: QLabel) -> str:
    """What a person reads on ``label``."""
    text = label.text()
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.PlainText or (fmt == Qt.TextFormat.AutoText
                                          and not Qt.mightBeRichText(text)):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def check_labels(root: QWidget, payload: str) -> int:
    """Every visible label under ``root`` shows ``payload`` literally, if at all."""
    seen = 0
    marker = "NO ALLERGIES" if payload == BANNER else None
    for label in [root, *root.findChildren(QLabel)] if isinstance(root, QLabel) else \
            root.findChildren(QLabel):
        if not label.isVisible():
            continue
        assert label.textFormat() != Qt.TextFormat.AutoText, label.text()[:80]
        shown = rendered(label)
        if payload not in label.text() and (marker is None or marker not in shown):
            # the program's own headings and words are drawn, never shown as tags
            assert not re.search(r"</?(h[1-6]|b|p|br|ul|li)\b", shown), shown[:120]
        if marker and marker in shown:
            assert BANNER in shown, shown[:200]
            seen += 1
        elif payload in label.text():
            assert payload in shown, shown[:200]
            seen += 1
    return seen


@pytest.fixture
def guarded_window(window: MainWindow) -> Iterator[MainWindow]:
    wheel_guard.install()  # what the app installs after its first paint
    yield window


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_step_shows_markup_as_typed(qtbot: QtBot, guarded_window: MainWindow,
                                          pack: ContentPack, tmp_path: Path,
                                          payload: str) -> None:
    window = guarded_window
    path = tmp_path / "hostile.json"
    path.write_text(consultation_to_json(hostile(pack, payload)), encoding="utf-8")
    assert window.documents.open_file(path)
    seen = check_labels(window, payload)  # the message bar names the file, the title too
    for index in range(len(window.pages)):
        window.go_to(index)
        qtbot.wait(5)
        seen += check_labels(window, payload)
    del seen  # the wizard shows typed data in fields; labels are checked where they hold it
    # Tooltips that can hold typed data are escaped.
    model = window.follow_up_page.model
    tip = model.data(model.index(model.rowCount() - 1, 1), Qt.ItemDataRole.ToolTipRole)
    doc = QTextDocument()
    doc.setHtml(str(tip))
    words = " ".join(payload.split())  # a tooltip folds white space (a vertical tab too)
    assert words in " ".join(doc.toPlainText().split()) or "\x07" in payload


def test_dialogs_show_markup_as_typed(qtbot: QtBot, guarded_window: MainWindow,
                                      pack: ContentPack, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box (e.g. "Save changes to <name>?") and Settings show data literally."""
    window = guarded_window
    path = tmp_path / "hostile.json"
    path.write_text(consultation_to_json(hostile(pack, BANNER)), encoding="utf-8")
    assert window.documents.open_file(path)
    checked: list[int] = []

    def inspect_open_dialogs() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                check_labels(widget, BANNER)
                checked.append(1)
                widget.reject()

    box = QMessageBox(QMessageBox.Icon.Question, "Save changes?",
                      f"Save the changes to {window.state.consultation.patient.name}?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    box.show()
    qtbot.waitExposed(box)
    inspect_open_dialogs()
    window.settings.clinic_name = BANNER
    from consultaid.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window.languages, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    inspect_open_dialogs()
    assert len(checked) == 2


def test_records_view_shows_markup_as_typed(qtbot: QtBot, service: RecordsService,
                                            physician: User, pack: ContentPack,
                                            make_window: Callable[[RecordsService], MainWindow],
                                            ) -> None:
    """A hostile account name and patient name reach labels and messages, literally."""
    service.save_draft(physician, hostile(pack, BANNER))
    service.create_user(physician, BANNER, "physician", "864209")
    win = make_window(service)
    wheel_guard.install()
    sign_in(qtbot, win, BANNER, "864209")
    assert check_labels(win, BANNER) >= 1  # "Signed in: <font ...>" in the status bar
    win.show_records()
    page = win.records_page
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.select_row(0)
    page.view_button.click()  # no handout given yet: the message names the patient
    assert BANNER in win.message_bar.text.text()
    assert check_labels(win, BANNER) >= 2
    model = page.model
    names = [str(model.data(model.index(0, c))) for c in range(model.columnCount())]
    assert any(BANNER in n for n in names)


def test_tooltip_helper_escapes() -> None:
    doc = QTextDocument()
    doc.setHtml(plain_text.tooltip(f"{IMAGE}\nsecond line"))
    assert IMAGE in doc.toPlainText() and "second line" in doc.toPlainText()


def test_an_overlays_refusal_is_plain_before_the_first_paint(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The message bar quotes a refused overlay's rule id at start-up, before the app-wide guard
    is installed (it waits for the first paint): the label is plain from construction."""
    from consultaid.content.loader import load_content
    from consultaid.resources import content_dir
    from consultaid.ui.live_text import LiveLabel

    rules = (content_dir() / "en" / "rules.toml").read_text(encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "rules.toml").write_text(
        rules + f'\n[[rule]]\nid = "{BANNER}"\nverdict = "needs_review"\n'
        'when = { item = "nothing", is_true = true }\nphysician = "x"\npatient = "x"\n',
        encoding="utf-8")
    warnings = load_content("en", overlay_root=tmp_path).warnings
    assert len(warnings) == 1 and BANNER in warnings[0]
    label = LiveLabel("Message")  # never polished: no guard has seen it
    qtbot.addWidget(label)
    label.setText(f"{BANNER} {warnings[0]}")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert rendered(label) == label.text()
