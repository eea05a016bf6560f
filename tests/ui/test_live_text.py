"""A screen reader hears what the message bar, the preview status, the handout warning, the
signed-in label and inline problems show, and errors are announced at once. Each is tested
where it lives: the steps, the Patient page, the access controller with the records view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.ui.wizard.handout_page import HandoutPage
from consultaid.ui.wizard.patient_page import PatientPage
from consultaid.ui.wizard.screening_page import ScreeningPage
from consultaid.ui.wizard.wizard_view import WizardView
from tests.ui.conftest import choose_condition, enter_pin, page_of
from tests.ui.controller_parts import Controllers
from tests.ui.driving import choose, click


def heard(widget: QWidget) -> str:
    """What assistive technology reads for ``widget``: its name and its description."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None
    return (f"{iface.text(QAccessible.Text.Name)} | "
            f"{iface.text(QAccessible.Text.Description)}")


def test_preview_status_and_handout_warning_are_heard(qtbot: QtBot, wizard: WizardView) -> None:
    page = page_of(wizard, HandoutPage)
    choose_condition(page)
    with qtbot.waitSignal(page.status.announced, timeout=10000) as said:
        qtbot.keyClick(wizard, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert "Preview up to date" in said.args[0]
    assert "Preview up to date" in heard(page.status)
    assert heard(page.status).startswith("Preview status | ")
    assert "expectations points are not covered" in heard(page.warning)


def test_errors_in_the_message_bar_and_sign_in_label_are_heard(
        qtbot: QtBot, controllers: Controllers, service: RecordsService, physician: User,
        pack: ContentPack) -> None:
    """The access page, the signed-in label and the message bar, as the access controller
    and the records view drive them (no window)."""
    parts = controllers
    service.save_draft(physician, example_consultation(pack))
    with qtbot.waitSignal(parts.page.error.announced) as said:
        enter_pin(qtbot, parts.page, parts.control, "Dr Ada Test", "9999")  # a wrong PIN
    assert "not right" in said.args[0] or "PIN" in said.args[0]
    assert said.args[0] in heard(parts.page.error)

    enter_pin(qtbot, parts.page, parts.control, "Dr Ada Test", "123456")
    assert "Signed in: Dr Ada Test" in heard(parts.window.user_label)
    parts.window.show_records()
    page = parts.window.records_page
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(page.model.index(0, 1)).center())
    bar = parts.window.message_bar
    with qtbot.waitSignal(bar.text.announced) as said:
        click(qtbot, page.view_button)  # no handout given yet: a problem
    assert "No handout has been given" in said.args[0]
    assert "No handout has been given" in heard(bar.text)
    with qtbot.waitSignal(bar.text.announced) as again:
        click(qtbot, page.view_button)  # the same problem twice is said twice
    assert again.args[0] == said.args[0]


def test_an_inline_date_problem_is_heard(qtbot: QtBot, patient_page: PatientPage) -> None:
    field = patient_page.date_of_birth
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field.line, "1961-02-30")
    with qtbot.waitSignal(field.error.announced) as said:
        qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert "not a date" in said.args[0]
    assert "not a date" in heard(field.error)
    assert "not a date" in heard(field.line)  # the field itself describes its problem


def test_a_new_verdict_is_announced(qtbot: QtBot, wizard: WizardView) -> None:
    qtbot.keyClick(wizard, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    screening = page_of(wizard, ScreeningPage)
    infection = next(f for f in screening.fields.values()
                     if hasattr(f, "combo") and f.item.id == "infection")
    with qtbot.waitSignal(screening.banner.title.announced) as said:
        choose(qtbot, infection.options, "Active now")
    assert "Verdict: Deferred" in said.args[0]
    assert "Deferred" in heard(screening.banner.title)
