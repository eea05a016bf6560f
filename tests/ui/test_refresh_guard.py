"""A record that cannot be shown never leaves the previous patient on screen (issue 10.1)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import consultation_to_json
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.main_window import MainWindow
from consultaid.ui.refresh_guard import CANNOT_SCREEN

FIRST = "Alma Firstpatient"
SECOND = "Bruno Secondpatient"


def visible_texts(window: MainWindow) -> str:
    """Every piece of text a person can see in the window right now."""
    texts: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    for row in range(window.wizard.steps.rowCount()):
        texts.append(str(window.wizard.steps.index(row).data()))
    return "\n".join(texts)


def write_record(path: Path, pack: ContentPack, name: str, **screening: object) -> Path:
    consultation = example_consultation(pack)
    consultation.patient.name = name
    consultation.screening.update(screening)
    path.write_text(consultation_to_json(consultation), encoding="utf-8")
    return path


def test_a_400_digit_number_is_refused_when_opened(window: MainWindow, pack: ContentPack,
                                                   tmp_path: Path) -> None:
    first = write_record(tmp_path / "first.json", pack, FIRST)
    assert window.documents.open_file(first)
    data = json.loads((tmp_path / "first.json").read_text())
    data["patient"]["name"] = SECOND
    data["screening"]["cancer_status"] = "active"
    text = json.dumps(data).replace('"value": 4.2', '"value": ' + "9" * 400)
    second = tmp_path / "second.json"
    second.write_text(text, encoding="utf-8")
    assert not window.documents.open_file(second)  # refused with a message naming the problem
    assert "too long to be a real value" in window.message_bar.text.text()
    assert window.state.consultation.patient.name == FIRST  # the open one is untouched


# (page, where its refresh gets help from, the name of that helper): each is made to fail for the
# second patient only, so each page's refresh in turn fails on a real "open another record".
PAGE_HOOKS = [
    ("patient_page", "module", "birth_date_problem"),
    ("screening_page", "instance", "result"),
    ("condition_page", "module", "panel_html"),
    ("expectations_page", "instance", "uncovered"),
    ("follow_up_page", "instance", "_note_template"),
    ("handout_page", "instance", "_update_warning"),
]


@pytest.mark.parametrize(("page_name", "kind", "helper"), PAGE_HOOKS)
def test_a_page_that_fails_never_shows_the_previous_patient(
        qtbot: QtBot, window: MainWindow, pack: ContentPack, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        page_name: str, kind: str, helper: str) -> None:
    first = write_record(tmp_path / "first.json", pack, FIRST)
    second = write_record(tmp_path / "second.json", pack, SECOND, cancer_status="active")
    data = json.loads(second.read_text())
    data["condition_id"] = "autoimmune"  # a different panel, so the condition page redraws it
    second.write_text(json.dumps(data), encoding="utf-8")
    assert window.documents.open_file(first)
    page = getattr(window, page_name)
    window.go_to(window.pages.index(page))
    qtbot.waitUntil(page.isVisible)

    owner: object = sys.modules[type(page).__module__] if kind == "module" else page
    original = getattr(owner, helper)

    def failing(*args: object, **kwargs: object) -> object:
        if window.state.consultation.patient.name == SECOND:
            raise OverflowError(f"{SECOND} 1961-03-15")  # this text must never be shown
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, helper, failing)
    assert window.documents.open_file(second)
    shown = visible_texts(window)
    assert FIRST not in shown
    assert "May proceed" not in shown
    assert "1961-03-15" not in shown  # the exception's text is never shown
    assert CANNOT_SCREEN in window.message_bar.text.text()
    window.go_to(window.pages.index(page))  # the step itself shows the problem, not the page
    shown = visible_texts(window)
    assert not page.isVisible()
    assert CANNOT_SCREEN in shown
    assert FIRST not in shown
    assert window.handout_page.pdf_bytes is None
    assert not window.handout_page.save_button.isVisible()
    assert "OverflowError" in capsys.readouterr().err  # logged: its type and place only

    # Opening a record that can be shown brings every page back.
    assert window.documents.open_file(first)
    window.go_to(window.pages.index(page))
    qtbot.waitUntil(page.isVisible)
    assert CANNOT_SCREEN not in visible_texts(window).replace(window.message_bar.text.text(), "")


def test_no_condition_no_handout_and_no_internal_names(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 18: a new consultation showed "condition_id: unknown condition ''" on the Handout
    step; now it says what to do, and Save PDF… and Print… are off, with the reason."""
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.handout_page
    qtbot.waitUntil(page.isVisible)
    assert "Choose the patient's condition in step 3" in page.status.text()
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()
    assert "step 3" in page.save_button.toolTip()
    shown = visible_texts(window)
    assert "condition_id" not in shown and "unknown condition" not in shown
    window.state.edit(lambda c: setattr(c, "condition_id", "osteoarthritis"))
    qtbot.waitUntil(lambda: page.pdf_bytes is not None, timeout=10000)
    assert page.save_button.isEnabled() and page.print_button.isEnabled()


def test_follow_up_is_done_only_once_it_was_seen(qtbot: QtBot, window: MainWindow,
                                               pack: ContentPack) -> None:
    """Issue 18: choosing a condition fills the plan from its template; the step said "done"
    before the physician had looked at it."""
    from consultaid.session.steps import Step
    from tests.ui.driving import choose

    def sidebar(step: Step) -> str:
        return str(window.wizard.steps.index(int(step)).data())

    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    condition = pack.condition("osteoarthritis")
    assert condition is not None
    choose(qtbot, window.condition_page.condition, condition.title)
    assert window.state.consultation.follow_up  # the template's plan
    assert "check it" in sidebar(Step.FOLLOW_UP) and "done" not in sidebar(Step.FOLLOW_UP)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert "done" in sidebar(Step.FOLLOW_UP)


def test_a_record_whose_handout_was_given_shows_the_handout_done(
        qtbot: QtBot, pack: ContentPack, service: RecordsService, physician: User,
        make_window: Callable[[RecordsService], MainWindow]) -> None:
    from consultaid.session.steps import Step
    from consultaid.settings import ClinicSettings
    from tests.ui.conftest import settle, sign_in
    from tests.ui.fake_handout import tiny_pdf

    example = example_consultation(pack)
    service.save_draft(physician, example)
    service.record_handout(physician, example.consultation_id, tiny_pdf(["Given"]),
                           pack.version, ClinicSettings())
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.records_sync.open_record(example.consultation_id, ask=False)
    settle(qtbot, win)  # (read on the records thread)
    assert "done" in win.wizard.steps.index(int(Step.HANDOUT)).data()
    assert "done" in win.wizard.steps.index(int(Step.FOLLOW_UP)).data()  # a stored plan was seen
