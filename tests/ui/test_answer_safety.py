"""Issue 26.1 and 26.2: an answer changes only when the physician means it.

Seen in the room: after an answer was picked with the mouse its drop-down kept the focus, and
wheel notches over it turned "No history of cancer" into "Uncontrolled cancer"; Alt+C on a focused
drop-down picked "Chronic wounds", Alt+N turned "currently flaring" into "None known". Short
answer sets are now option buttons (all choices in sight), long lists stay drop-downs, and neither
changes under the wheel (focused or not) or under Alt+letter.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.domain.checklist import ChecklistItem, Option
from consultaid.ui import wheel_guard
from consultaid.ui.wizard.answer_fields import (
    ChoiceAnswer,
    MeasurementAnswer,
    MultiAnswer,
    answer_field,
)
from consultaid.ui.wizard.condition_page import ConditionPage
from consultaid.ui.wizard.option_buttons import OptionButtons
from consultaid.ui.wizard.patient_page import PatientPage
from consultaid.ui.wizard.screening_page import ScreeningPage
from tests.ui.conftest import page_alone
from tests.ui.driving import choose
from tests.ui.wheel import post_wheel

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def guarded(qtbot: QtBot) -> None:
    wheel_guard.install()  # what the window installs after its first paint
    qtbot.waitUntil(lambda: isinstance(QApplication.instance().findChild(
        wheel_guard.WheelGuard, "wheelGuard"), wheel_guard.WheelGuard))


@pytest.fixture
def screening(qtbot: QtBot, pack: ContentPack) -> ScreeningPage:
    """The Screening step alone, over a new consultation."""
    return page_alone(qtbot, ScreeningPage, pack)


def click_option(qtbot: QtBot, options: OptionButtons, index: int) -> None:
    button = options.buttons[index]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton,
                     pos=QPoint(button.height() // 2, button.height() // 2))


def test_short_answer_sets_are_option_buttons_with_every_choice_in_sight(
        screening: ScreeningPage) -> None:
    fields = screening.fields
    choices = [f for f in fields.values() if isinstance(f, ChoiceAnswer)]
    assert len(choices) >= 10
    for field in choices:
        assert field.options is not None and field.combo is None, field.item.id
    cancer = fields["cancer_status"]
    assert isinstance(cancer, ChoiceAnswer) and cancer.options is not None
    assert cancer.options.buttons[0].text() == "No history of cancer"
    assert screening.findChildren(QComboBox) == []


def test_a_focused_answer_keeps_its_value_under_the_wheel(qtbot: QtBot,
                                                          screening: ScreeningPage) -> None:
    """Pick with the mouse (the option keeps the focus), then turn the wheel over it."""
    screening.resize(1000, 640)
    page = screening
    scroll = page.checklist_scroll
    assert isinstance(scroll, QScrollArea)
    bar = scroll.verticalScrollBar()
    moved = 0
    for item_id, field in page.fields.items():
        if not isinstance(field, ChoiceAnswer) or not field.isVisible():
            continue
        assert field.options is not None
        scroll.ensureWidgetVisible(field)
        click_option(qtbot, field.options, len(field.options.buttons) - 1)
        focused = QApplication.focusWidget()
        assert focused is field.options.buttons[-1], item_id
        chosen = page.state.consultation.screening[item_id]
        for notches in (-1, -1, 1, 1, -2):
            before = bar.value()
            post_wheel(focused, notches)
            post_wheel(field.options, notches)
            moved += bar.value() != before
            assert page.state.consultation.screening[item_id] == chosen, item_id
            assert field.options.value() == chosen
    assert moved >= 5  # the wheel scrolled the checklist instead


def test_a_chosen_unit_keeps_its_value_under_the_wheel(qtbot: QtBot,
                                                       screening: ScreeningPage) -> None:
    page = screening
    crp = page.fields["crp"]
    assert isinstance(crp, MeasurementAnswer)
    qtbot.keyClicks(crp.line, "6")
    choose(qtbot, crp.unit, "mg/dL")
    assert crp.unit.buttons[1].hasFocus()
    for notches in (-1, 1, -1):
        post_wheel(crp.unit.buttons[1], notches)
        post_wheel(crp.unit, notches)
    assert page.state.consultation.screening["crp"] == {"value": 6, "unit": "mg_per_dl"}


def test_a_long_list_is_a_drop_down_that_never_takes_the_wheel(qtbot: QtBot) -> None:
    item = ChecklistItem("site", "Site", "choice", options=tuple(
        Option(f"s{i}", f"Site {i}") for i in range(7)))
    field = answer_field(item)
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    qtbot.waitActive(field)
    assert isinstance(field, ChoiceAnswer) and field.combo is not None
    combo = field.combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    with qtbot.waitSignal(field.edited):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.hasFocus() and field.raw() == "s0"
    for notches in (-1, -1, 1, -3):
        post_wheel(combo, notches)
    assert field.raw() == "s0"


def test_the_condition_drop_down_ignores_a_focused_wheel_and_alt_letters(
        qtbot: QtBot, pack: ContentPack) -> None:
    page = page_alone(qtbot, ConditionPage, pack)
    qtbot.keyClick(page.notes, Qt.Key.Key_O, ALT)  # "C&ondition:" moves the focus there
    assert page.condition.hasFocus()
    qtbot.keyClick(page.condition, Qt.Key.Key_Down)  # the physician picks the first condition
    chosen = page.state.consultation.condition_id
    assert chosen
    for notches in (-1, -1, 2, -1):
        post_wheel(page.condition, notches)
    for letter in (Qt.Key.Key_C, Qt.Key.Key_N, Qt.Key.Key_D, Qt.Key.Key_W):
        qtbot.keyClick(page.condition, letter, ALT)
    assert page.state.consultation.condition_id == chosen
    assert page.condition.hasFocus()


def test_alt_letter_on_a_focused_answer_picks_nothing(qtbot: QtBot,
                                                      screening: ScreeningPage) -> None:
    page = screening
    fields = page.fields
    autoimmune = fields["autoimmune"]
    assert isinstance(autoimmune, ChoiceAnswer) and autoimmune.options is not None
    choose(qtbot, autoimmune.options, "Yes, currently flaring")
    focused = QApplication.focusWidget()
    assert isinstance(focused, QWidget)
    for letter in (Qt.Key.Key_N, Qt.Key.Key_Y, Qt.Key.Key_C):
        qtbot.keyClick(focused, letter, ALT)
    assert page.state.consultation.screening["autoimmune"] == "flare"
    flags = fields["medication_flags"]
    assert isinstance(flags, MultiAnswer)
    first = next(iter(flags._boxes.values()))
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_I, ALT)
    qtbot.keyClick(first, Qt.Key.Key_N, ALT)
    assert not first.isChecked() and "medication_flags" not in (
        page.state.consultation.screening)


def test_a_check_box_letter_moves_the_focus_and_ticks_nothing(qtbot: QtBot,
                                                              patient_page: PatientPage) -> None:
    page = patient_page
    page.name.setFocus()
    qtbot.keyClick(page.name, Qt.Key.Key_G, ALT)  # "Lar&ge print"
    assert page.large_print.hasFocus()
    assert not page.large_print.isDown()  # a check box's own letter would press it (animated)
    assert not page.large_print.isChecked()
    assert page.state.consultation.handout.large_print is False


def test_option_buttons_are_cleared_by_delete_or_the_clear_button(
        qtbot: QtBot, screening: ScreeningPage) -> None:
    page = screening
    field = page.fields["infection"]
    assert isinstance(field, ChoiceAnswer) and field.options is not None
    assert not field.options.clear_button.isVisible()
    choose(qtbot, field.options, "Active now")
    assert page.state.consultation.screening["infection"] == "active"
    assert field.options.clear_button.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert "infection" not in page.state.consultation.screening
    choose(qtbot, field.options, "None")
    qtbot.mouseClick(field.options.clear_button, Qt.MouseButton.LeftButton)
    assert "infection" not in page.state.consultation.screening
    assert field.options.value() is None


def test_arrows_move_between_options_and_only_space_picks(qtbot: QtBot,
                                                          screening: ScreeningPage) -> None:
    page = screening
    for item_id in ("infection", "pregnancy"):  # a column of options, and a row
        field = page.fields[item_id]
        assert isinstance(field, ChoiceAnswer) and field.options is not None
        options = field.options
        options.setFocus()
        qtbot.waitUntil(options.buttons[0].hasFocus)
        qtbot.keyClick(options.buttons[0], Qt.Key.Key_Down)
        assert options.buttons[1].hasFocus() and options.value() is None
        qtbot.keyClick(options.buttons[1], Qt.Key.Key_Left)
        qtbot.keyClick(options.buttons[0], Qt.Key.Key_Right)
        assert options.buttons[1].hasFocus() and item_id not in (
            page.state.consultation.screening)
        qtbot.keyClick(options.buttons[1], Qt.Key.Key_Space)
        picked = options.value()
        assert picked is not None and page.state.consultation.screening[item_id] == picked
        qtbot.keyClick(options.buttons[1], Qt.Key.Key_Up)  # looking again changes nothing
        assert page.state.consultation.screening[item_id] == picked


def test_an_alt_letter_no_shortcut_takes_is_not_typed(qtbot: QtBot,
                                                      screening: ScreeningPage) -> None:
    """Seen under a real X server: with the window not the active one, Alt+I, Alt+A, Alt+C and
    Alt+F were typed into the birth date ("1961-12-07iacf")."""
    page = screening
    diagnosis = page.fields["diagnosis"]
    line = diagnosis.focus_target
    line.setFocus()
    qtbot.keyClicks(line, "Knee")
    for letter in (Qt.Key.Key_Z, Qt.Key.Key_Q, Qt.Key.Key_J):
        qtbot.keyClick(line, letter, ALT)
    assert page.state.consultation.screening["diagnosis"] == "Knee"


def test_answering_moves_nothing_on_the_page(qtbot: QtBot, screening: ScreeningPage) -> None:
    """The Clear button appearing once an answer is chosen must not push the next question
    down (the pointer would then be over another answer)."""
    page = screening
    fields = page.fields
    infection, after = fields["infection"], fields["severe_immunosuppression"]
    assert isinstance(infection, ChoiceAnswer) and infection.options is not None
    page.checklist_scroll.ensureWidgetVisible(after)
    before = after.mapTo(page, QPoint(0, 0))
    choose(qtbot, infection.options, "Active now")
    assert infection.options.clear_button.isVisible()
    QApplication.processEvents()  # the layouts settle (a posted layout request)
    assert after.mapTo(page, QPoint(0, 0)) == before
