"""Follow-up template offers, printing, and names for every control, on the steps alone
(the letters of a step with the menus are in test_room_details.py)."""

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
from consultaid.ui.wizard.condition_page import ConditionPage
from consultaid.ui.wizard.follow_up_page import FollowUpPage
from consultaid.ui.wizard.handout_page import HandoutPage
from consultaid.ui.wizard.wizard_view import WizardView
from tests.ui.conftest import choose_condition, page_of
from tests.ui.driving import choose, click


def other_condition(pack: ContentPack) -> str:
    return next(p.title for p in pack.conditions.values() if p.id != "osteoarthritis")


def test_template_replaces_untouched_plan_and_asks_before_edited(
        qtbot: QtBot, wizard: WizardView, pack: ContentPack,
        monkeypatch: pytest.MonkeyPatch) -> None:
    state = page_of(wizard, ConditionPage).state
    follow_up = page_of(wizard, FollowUpPage)
    wizard.go_to(int(Step.CONDITION))
    combo = page_of(wizard, ConditionPage).condition
    choose(qtbot, combo, "Osteoarthritis")
    assert state.consultation.follow_up == list(pack.conditions["osteoarthritis"].follow_up)
    second = other_condition(pack)
    choose(qtbot, combo, second)  # untouched template: replaced without a question
    chosen = pack.condition(state.consultation.condition_id)
    assert chosen is not None and state.consultation.follow_up == list(chosen.follow_up)

    wizard.go_to(int(Step.FOLLOW_UP))
    click(qtbot, follow_up.add_button)
    follow_up.model.setData(follow_up.model.index(
        follow_up.model.rowCount() - 1, 0), "Next year")
    edited = list(state.consultation.follow_up)
    assert len(edited) == len(chosen.follow_up) + 1
    asked: list[str] = []

    def say_no(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[1])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", say_no)
    wizard.go_to(int(Step.CONDITION))
    choose(qtbot, combo, "Osteoarthritis")
    assert asked == ["Replace the follow-up plan?"]
    assert state.consultation.follow_up == edited  # "No" keeps the edited plan
    assert FollowUpRow("Next year", "", "") not in chosen.follow_up


def test_print_renders_every_page(qtbot: QtBot, wizard: WizardView, tmp_path: Path) -> None:
    handout_page = page_of(wizard, HandoutPage)
    choose_condition(handout_page)
    with qtbot.waitSignal(handout_page.preview_ready, timeout=10000):
        wizard.go_to(int(Step.HANDOUT))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    handout_page.render_to(printer)
    assert len(PdfReader(target).pages) == handout_page.document.pageCount() == 1


def test_every_control_has_an_accessible_name(wizard: WizardView) -> None:
    kinds = (QLineEdit, QComboBox, QPlainTextEdit, QDateEdit, QAbstractButton, QTableView)
    unnamed = []
    for page in wizard.pages:
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


def test_every_field_has_a_label_buddy(wizard: WizardView) -> None:
    buddies = {id(label.buddy()) for label in wizard.findChildren(QLabel) if label.buddy()}
    fields = (QLineEdit, QComboBox, QPlainTextEdit, QDateEdit, QTableView, QPdfView)
    unlabelled = []
    for page in wizard.pages:
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, fields) or id(widget) in buddies:
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QDateEdit):
                continue
            if widget.accessibleName().endswith(": unit"):
                continue  # the unit beside a measurement, named after the labelled value
            unlabelled.append(f"{type(page).__name__}: {widget.accessibleName()}")
    assert unlabelled == []
