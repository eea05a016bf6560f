"""The steps list as data: one row per step, its state and reason in roles (Picard's
``LogItemModel`` with ``LevelRole`` is the model), and a delegate that draws a step that needs
attention in bold. The view and the tests read the roles; the words are made from them."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from consultaid.session.steps import Step, StepState, StepStatus
from consultaid.ui import plain_text
from consultaid.ui.refresh_guard import CANNOT_SCREEN
from consultaid.ui.translation import translate, translated

StepRole = Qt.ItemDataRole.UserRole
"""The row's :class:`Step` (as an int)."""
StepStateRole = Qt.ItemDataRole.UserRole + 1
"""The step's :class:`StepState`, or None while the steps cannot be shown."""
DetailRole = Qt.ItemDataRole.UserRole + 2
"""The short reason beside the state, in the app's language ("" if none)."""

AnyIndex = QModelIndex | QPersistentModelIndex


class StepListModel(QAbstractListModel):
    """The six steps and the state the consultation's Overview gives each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: Mapping[Step, StepStatus] | None = {
            step: StepStatus(StepState.NOT_STARTED) for step in Step}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(Step)

    def show(self, steps: Mapping[Step, StepStatus] | None) -> None:
        """The steps' states now (None: they cannot be shown; each row says so)."""
        changed = [step for step in Step
                   if self._steps is None or steps is None or self._steps[step] != steps[step]]
        self._steps = dict(steps) if steps is not None else None
        if changed:
            self.dataChanged.emit(self.index(int(changed[0])), self.index(int(changed[-1])))

    def status(self, step: Step) -> StepStatus | None:
        return self._steps[step] if self._steps is not None else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(Step):
            return None
        step = Step(index.row())
        status = self.status(step)
        number, title = int(step) + 1, translated(step.title)
        if role == StepRole:
            return int(step)
        if role == StepStateRole:
            return status.state if status is not None else None
        if status is None:
            return self._cannot_be_shown(role, number, title)
        state, detail = translated(status.state.label), translated(status.detail)
        if role == DetailRole:
            return detail
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{status.state.sign} {number}. {title}\n    {state}"
                    + (f"\n    {detail}" if detail else ""))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return translate("WizardView", "Step {number}, {title}: {state}. {detail}").format(
                number=number, title=title, state=state, detail=detail)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_text.tooltip(detail or state)
        return None

    @staticmethod
    def _cannot_be_shown(role: int, number: int, title: str) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("WizardView", "⚠ {number}. {title}\n    cannot be shown").format(
                number=number, title=title)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return translate("WizardView", "Step {number}, {title}: cannot be shown.").format(
                number=number, title=title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return CANNOT_SCREEN
        if role == DetailRole:
            return ""
        return None


class StepDelegate(QStyledItemDelegate):
    """Draws a step that needs attention in bold (as well as its sign and words)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(StepStateRole) is StepState.NEEDS_ATTENTION:
            option.font.setBold(True)
