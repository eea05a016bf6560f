"""The follow-up table model: Qt's model tester plus edits, inserts, removals and moves."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from consultaid.domain.consultation import FollowUpRow
from consultaid.ui.wizard.follow_up_model import FollowUpTableModel

ROWS = [FollowUpRow("Week 1", "Phone call", "Nurse"),
        FollowUpRow("Month 3", "Review visit", "Physician"),
        FollowUpRow("Month 6", "Blood tests", "Lab")]


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    seen: list[list[FollowUpRow]] = []
    model = FollowUpTableModel(ROWS, seen.append)
    qtmodeltester.check(model, force_py=True)
    model.insertRows(1, 2)
    model.setData(model.index(1, 0), "Day 2")
    model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    model.removeRows(0, 1)
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)


def test_edits_reach_the_callback_and_leave_the_input_alone() -> None:
    seen: list[list[FollowUpRow]] = []
    model = FollowUpTableModel(ROWS, seen.append)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "What"
    assert model.data(model.index(1, 1)) == "Review visit"
    assert model.setData(model.index(1, 1), "Review visit with X-ray")
    assert seen[-1][1] == FollowUpRow("Month 3", "Review visit with X-ray", "Physician")
    assert ROWS[1].what == "Review visit"  # the caller's rows are copies
    assert not model.setData(model.index(1, 1), "x", Qt.ItemDataRole.DisplayRole)


def test_move_up_and_down() -> None:
    seen: list[list[FollowUpRow]] = []
    model = FollowUpTableModel(ROWS, seen.append)
    assert model.move_down(0)
    assert [r.when for r in model.rows()] == ["Month 3", "Week 1", "Month 6"]
    assert model.move_up(2)
    assert [r.when for r in model.rows()] == ["Month 3", "Month 6", "Week 1"]
    assert not model.move_up(0)
    assert not model.move_down(2)
    assert [r.when for r in seen[-1]] == ["Month 3", "Month 6", "Week 1"]


def test_insert_and_remove_bounds() -> None:
    model = FollowUpTableModel(ROWS)
    assert model.insertRows(3, 1)
    assert model.rowCount() == 4 and model.rows()[3] == FollowUpRow()
    assert not model.insertRows(9, 1)
    assert not model.removeRows(3, 2)
    assert model.removeRows(0, 4)
    assert model.rowCount() == 0
    assert model.data(model.index(0, 0)) is None
