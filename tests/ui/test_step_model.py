"""The steps list as data (issue 27): roles carry each step's state and reason; the words and
the bold of a step that needs attention are made from them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from consultaid.session.steps import Step, StepState, StepStatus
from consultaid.ui.refresh_guard import CANNOT_SCREEN
from consultaid.ui.wizard.step_model import (
    DetailRole,
    StepDelegate,
    StepListModel,
    StepRole,
    StepStateRole,
)


def statuses(**changed: StepStatus) -> dict[Step, StepStatus]:
    steps = {step: StepStatus(StepState.NOT_STARTED) for step in Step}
    steps.update({Step[name.upper()]: status for name, status in changed.items()})
    return steps


def test_roles_say_each_steps_state(qtmodeltester: object) -> None:
    model = StepListModel()
    model.show(statuses(patient=StepStatus(StepState.DONE),
                        screening=StepStatus(StepState.IN_PROGRESS, "not answered: CRP")))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == len(Step)
    screening = model.index(int(Step.SCREENING))
    assert screening.data(StepRole) == int(Step.SCREENING)
    assert screening.data(StepStateRole) is StepState.IN_PROGRESS
    assert screening.data(DetailRole) == "not answered: CRP"
    assert screening.data() == "◐ 2. Screening\n    in progress\n    not answered: CRP"
    assert screening.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Step 2, Screening: in progress. not answered: CRP")
    assert model.index(0).data() == "✓ 1. Patient & visit\n    done"


def test_only_changed_rows_are_announced(qtbot: QtBot) -> None:
    model = StepListModel()
    model.show(statuses())
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.show(statuses(condition=StepStatus(StepState.DONE)))
    assert [changed.args[0].row(), changed.args[1].row()] == [int(Step.CONDITION)] * 2
    with qtbot.assertNotEmitted(model.dataChanged):
        model.show(statuses(condition=StepStatus(StepState.DONE)))


def test_steps_that_cannot_be_shown_say_so() -> None:
    model = StepListModel()
    model.show(None)
    row = model.index(int(Step.HANDOUT))
    assert row.data() == "⚠ 6. Handout\n    cannot be shown"
    assert row.data(Qt.ItemDataRole.ToolTipRole) == CANNOT_SCREEN
    assert row.data(StepStateRole) is None


def test_a_step_that_needs_attention_is_drawn_bold(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model = StepListModel(view)
    view.setModel(model)
    delegate = StepDelegate(view)
    model.show(statuses(follow_up=StepStatus(StepState.NEEDS_ATTENTION, "a row has no 'when'")))
    fonts = {}
    for step in (Step.FOLLOW_UP, Step.PATIENT):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, model.index(int(step)))
        fonts[step] = option.font.bold()
    assert fonts == {Step.FOLLOW_UP: True, Step.PATIENT: False}
