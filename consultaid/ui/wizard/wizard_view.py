"""The wizard: the step list, the six pages, Back/Next and the keyboard shortcuts between steps.

It reads each step's state from :mod:`consultaid.session.steps` (the rules live there) and shows
it as words and a sign, never colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consultaid.content.pack import ContentPack
from consultaid.session.steps import Step
from consultaid.ui.refresh_guard import CANNOT_SCREEN, GuardedPage, log_failure
from consultaid.ui.state import ConsultationState
from consultaid.ui.translation import translated
from consultaid.ui.wizard import focus
from consultaid.ui.wizard.step_model import StepDelegate, StepListModel


class WizardView(QSplitter):
    """Steps on the left, the current page and Back/Next on the right."""

    step_changed = Signal(int)
    step_chosen = Signal(int)
    """The user picked a step in the sidebar (the window then jumps to what is missing)."""
    problem = Signal(str)
    """A page cannot show this consultation (say so; no handout from it)."""

    def __init__(self, state: ConsultationState, pack: ContentPack,
                 pages: list[QWidget]) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.state = state
        state.read_with(pack)
        self.pack = pack
        self.pages = pages
        self.seen_steps: set[Step] = set()
        """Steps shown for the consultation on screen (a proposed plan is not done unseen)."""
        state.set_seen(frozenset())
        self.steps = StepListModel(self)
        """Each step's state from the Overview, in roles (the sidebar shows it)."""
        self.sidebar = QListView()
        self.sidebar.setModel(self.steps)
        self.sidebar.setItemDelegate(StepDelegate(self.sidebar))
        self.sidebar.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.sidebar.setAccessibleName(self.tr("Steps"))
        self.sidebar.setAccessibleDescription(self.tr("The consultation's steps and their state"))
        self.sidebar.setWordWrap(True)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget()
        self.frames = [GuardedPage(page) for page in pages]
        for frame in self.frames:
            frame.failed_changed.connect(self._on_page_failed)
            self.stack.addWidget(frame)
        self.back_button = QPushButton(self.tr("◀ &Back"))
        self.back_button.setAccessibleName(self.tr("Back to the previous step"))
        self.next_button = QPushButton(self.tr("&Next ▶"))
        self.next_button.setAccessibleName(self.tr("Next step"))
        self.position = QLabel()
        self.review_note = QLabel()
        self.review_note.setWordWrap(True)
        self._lay_out()
        self.sidebar.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._chosen(current.row()))
        self.back_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() + 1))
        state.overview_changed.connect(self.update_steps)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.position)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        steps_label = QLabel(self.tr("St&eps:"))
        steps_label.setBuddy(self.sidebar)
        side_layout.addWidget(steps_label)
        side_layout.addWidget(self.sidebar, 1)
        side_layout.addWidget(self.review_note)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addWidget(self.stack, 1)
        main_layout.addLayout(buttons)
        self.setChildrenCollapsible(False)
        self.addWidget(side)
        self.addWidget(main)
        self.setStretchFactor(1, 1)
        self.setSizes([self.fontMetrics().horizontalAdvance("M") * 22, 1000])

    def add_shortcuts(self, window: QWidget) -> None:
        """Ctrl+PgDown/PgUp/Return and Ctrl+1…6, anywhere in ``window``."""
        QShortcut(QKeySequence("Ctrl+PgDown"), window, lambda: self.next_button.click())
        QShortcut(QKeySequence("Ctrl+PgUp"), window, lambda: self.back_button.click())
        QShortcut(QKeySequence("Ctrl+Return"), window, lambda: self.next_button.click())
        for step in Step:
            QShortcut(QKeySequence(f"Ctrl+{int(step) + 1}"), window,
                      lambda s=int(step): self.go_to(s))

    def go_to(self, index: int) -> None:
        """Show step ``index`` (clamped); the sidebar and buttons follow."""
        index = max(0, min(index, len(self.pages) - 1))
        before = QApplication.focusWidget()
        if self.stack.currentIndex() != index:
            self.stack.setCurrentIndex(index)
            if before is not None and self.stack.isAncestorOf(before):
                focus.focus_first_field(self.pages[index])  # not left on a hidden field
        if self.sidebar.currentIndex().row() != index:
            selection = self.sidebar.selectionModel()
            selection.blockSignals(True)
            self.sidebar.setCurrentIndex(self.steps.index(index))
            selection.blockSignals(False)
            self.sidebar.viewport().update()  # (the selection moved without its signals)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        self.position.setText(self.tr("Step {number} of {total}: {title}").format(
                number=index + 1, total=len(self.pages), title=translated(Step(index).title)))
        if Step(index) not in self.seen_steps:
            self.seen_steps.add(Step(index))
            self.state.set_seen(frozenset(self.seen_steps))
        self.step_changed.emit(index)

    def _chosen(self, index: int) -> None:
        self.go_to(index)
        self.step_chosen.emit(index)

    def current_step(self) -> Step:
        return Step(self.stack.currentIndex())

    def restart(self, stored: bool) -> None:
        """Another consultation: a stored or saved one was seen when made; a new one unseen."""
        self.seen_steps = set(Step) if stored else {self.current_step()}
        self.state.set_seen(frozenset(self.seen_steps))

    def _on_page_failed(self) -> None:
        """One page cannot show this consultation: no handout from it, and say so."""
        failed = any(frame.failed for frame in self.frames[:-1])
        self.frames[-1].report(self.tr("another step"), ok=not failed)
        if failed:
            self.problem.emit(CANNOT_SCREEN)

    def any_failed(self) -> bool:
        return any(frame.failed for frame in self.frames)

    def update_steps(self) -> None:
        """Refresh the sidebar's state for each step (words and a sign, not colour)."""
        try:
            self._update_steps()
        except Exception:
            log_failure("update_steps")
            self.steps.show(None)
            self.frames[-1].report("steps", ok=False)
            self.problem.emit(CANNOT_SCREEN)
            return
        self.frames[-1].report("steps", ok=True)

    def _update_steps(self) -> None:
        self.steps.show(self.state.overview.steps)
