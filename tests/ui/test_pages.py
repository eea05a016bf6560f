"""Follow-up template offers, printing, and names for every control."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import FollowUpRow
from consultaid.session.steps import Step
from consultaid.ui.main_window import MainWindow
from tests.ui.conftest import choose_condition
from tests.ui.driving import choose, click


def other_condition(pack: ContentPack) -> str:
    return next(p.title for p in pack.conditions.values() if p.id != "osteoarthritis")


def test_template_replaces_untouched_plan_and_asks_before_edited(
        qtbot: QtBot, window: MainWindow, pack: ContentPack,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.go_to(int(Step.CONDITION))
    combo = window.condition_page.condition
    choose(qtbot, combo, "Osteoarthritis")
    assert window.state.consultation.follow_up == list(pack.conditions["osteoarthritis"].follow_up)
    second = other_condition(pack)
    choose(qtbot, combo, second)  # untouched template: replaced without a question
    chosen = pack.condition(window.state.consultation.condition_id)
    assert chosen is not None and window.state.consultation.follow_up == list(chosen.follow_up)

    window.go_to(int(Step.FOLLOW_UP))
    click(qtbot, window.follow_up_page.add_button)
    window.follow_up_page.model.setData(window.follow_up_page.model.index(
        window.follow_up_page.model.rowCount() - 1, 0), "Next year")
    edited = list(window.state.consultation.follow_up)
    assert len(edited) == len(chosen.follow_up) + 1
    asked: list[str] = []

    def say_no(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[1])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", say_no)
    window.go_to(int(Step.CONDITION))
    choose(qtbot, combo, "Osteoarthritis")
    assert asked == ["Replace the follow-up plan?"]
    assert window.state.consultation.follow_up == edited  # "No" keeps the edited plan
    assert FollowUpRow("Next year", "", "") not in chosen.follow_up


def test_print_renders_every_page(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    choose_condition(window)
    with qtbot.waitSignal(window.handout_page.preview_ready, timeout=10000):
        window.go_to(int(Step.HANDOUT))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    window.handout_page.render_to(printer)
    assert len(PdfReader(target).pages) == window.handout_page.document.pageCount() == 1


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    kinds = (QLineEdit, QComboBox, QPlainTextEdit, QDateEdit, QAbstractButton, QTableView)
    unnamed = []
    for page in window.pages:
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, kinds):
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QDateEdit):
                continue  # the line edit inside a combo or date box
            if type(widget).__name__ in {"QScrollBar", "QToolButton"}:
                continue
            name = widget.accessibleName()
            if isinstance(widget, QAbstractButton):
                name = name or widget.text()
            if not name.strip():
                unnamed.append(f"{type(page).__name__}: {type(widget).__name__}")
    assert unnamed == []


def test_every_field_has_a_label_buddy(window: MainWindow) -> None:
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    fields = (QLineEdit, QComboBox, QPlainTextEdit, QDateEdit, QTableView, QPdfView)
    unlabelled = []
    for page in window.pages:
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, fields) or id(widget) in buddies:
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QDateEdit):
                continue
            if widget.accessibleName().endswith(": unit"):
                continue  # the unit beside a measurement, named after the labelled value
            unlabelled.append(f"{type(page).__name__}: {widget.accessibleName()}")
    assert unlabelled == []


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" in a label or button text."""
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].lower() if at >= 0 and at + 1 < len(cleaned) else None


def test_no_mnemonic_is_used_twice_on_a_step(window: MainWindow) -> None:
    for step in Step:
        window.go_to(int(step))
        texts = [a.text() for a in window.menuBar().actions()]
        for widget in window.findChildren(QWidget):
            if not widget.isVisible():
                continue
            labelled = isinstance(widget, QLabel) and widget.buddy() is not None
            if labelled or isinstance(widget, QAbstractButton):
                texts.append(widget.text())
        letters = [m for m in map(mnemonic, texts) if m]
        repeated = {m for m in letters if letters.count(m) > 1}
        assert not repeated, (step.title, sorted(t for t in texts if mnemonic(t) in repeated))
