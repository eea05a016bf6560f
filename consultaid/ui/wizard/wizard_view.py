"""The wizard: the step list, the six pages, Back/Next and the keyboard shortcuts between steps.

It reads each step's state from :mod:`consultaid.session.steps` (the rules live there) and shows
it as words and a sign, never colour alone.

A page may be given as a function that builds it (issue 29): the step then holds an empty
placeholder until the page is first needed (shown, or asked for with :meth:`WizardView.page`) or
:meth:`WizardView.build_next` builds it in an idle moment. A page built late takes its place in
the tab order exactly where it would have been had it been built first (see
:meth:`WizardView._take_place`), so the keyboard moves through the steps as always.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
from consultaid.ui import wheel_guard
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
                 pages: Sequence[QWidget | Callable[[], QWidget]]) -> None:
        """``pages``: one per step, each a page or a function that builds it when needed."""
        super().__init__(Qt.Orientation.Horizontal)
        self.state = state
        state.read_with(pack)
        self.pack = pack
        self._pages: list[QWidget | None] = [p if isinstance(p, QWidget) else None for p in pages]
        self._builders: list[Callable[[], QWidget] | None] = [
            None if isinstance(p, QWidget) else p for p in pages]
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
        self.frames: list[GuardedPage | None] = []
        """Each built page in its frame (None: not built yet, it shows nothing and cannot
        fail; the step holds a placeholder)."""
        for page in self._pages:
            if page is None:
                self.frames.append(None)
                self.stack.addWidget(QWidget())  # the placeholder, where the page will go
                continue
            frame = GuardedPage(page)
            frame.failed_changed.connect(self._on_page_failed)
            self.frames.append(frame)
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

    # The pages, built when first needed ------------------------------------------------------
    @property
    def pages(self) -> list[QWidget]:
        """Every step's page (those not built yet are built now)."""
        return [self.page(index) for index in range(len(self._pages))]

    def page(self, index: int) -> QWidget:
        """Step ``index``'s page, built now if it was not yet."""
        page = self._pages[index]
        if page is None:
            page = self._build(index)
        return page

    def is_built(self, index: int) -> bool:
        return self._pages[index] is not None

    def all_built(self) -> bool:
        return all(page is not None for page in self._pages)

    def build_next(self) -> bool:
        """Build the first page not built yet (one idle slice); False when none is left."""
        for index, page in enumerate(self._pages):
            if page is None:
                self._build(index)
                return True
        return False

    def _build(self, index: int) -> QWidget:
        frame = wheel_guard.set_aside_while(lambda: self._frame(index))
        self.frames[index] = frame
        page = self._pages[index]
        assert page is not None
        return page

    def _frame(self, index: int) -> GuardedPage:
        """Step ``index``'s page built, in its frame, in its place in the stack."""
        builder = self._builders[index]
        assert builder is not None
        self._builders[index] = None
        page = builder()
        self._pages[index] = page
        frame = GuardedPage(page)
        frame.failed_changed.connect(self._on_page_failed)
        placeholder = self.stack.widget(index)
        assert placeholder is not None
        self.stack.insertWidget(index, frame)
        self._take_place(frame, placeholder)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        return frame

    def _take_place(self, frame: QWidget, placeholder: QWidget) -> None:
        """Move ``frame``'s fields in the tab order to where ``placeholder`` is.

        Qt puts a widget added to a window at the end of the window's tab order, after
        Back/Next and everything built since; the fields of a page built early sat between
        the page before it and Back. Only widgets that take the focus count (the order of the
        others is never seen), and the page's own order is kept."""
        fields = [widget for widget in _chain_within(frame)
                  if widget.focusPolicy() != Qt.FocusPolicy.NoFocus]
        # Qt moves only widgets that take the focus, after one that does: the placeholder
        # does, for this moment (it is hidden, and goes).
        placeholder.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        before = placeholder
        for widget in fields:
            QWidget.setTabOrder(before, widget)
            before = widget
        placeholder.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def go_to(self, index: int) -> None:
        """Show step ``index`` (clamped); the sidebar and buttons follow."""
        index = max(0, min(index, len(self._pages) - 1))
        before = QApplication.focusWidget()
        if self.stack.currentIndex() != index:
            page = self.page(index)
            self.stack.setCurrentIndex(index)
            if before is not None and self.stack.isAncestorOf(before):
                focus.focus_first_field(page)  # not left on a hidden field
        if self.sidebar.currentIndex().row() != index:
            selection = self.sidebar.selectionModel()
            selection.blockSignals(True)
            self.sidebar.setCurrentIndex(self.steps.index(index))
            selection.blockSignals(False)
            self.sidebar.viewport().update()  # (the selection moved without its signals)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self._pages) - 1)
        self.position.setText(self.tr("Step {number} of {total}: {title}").format(
                number=index + 1, total=len(self._pages), title=translated(Step(index).title)))
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
        failed = any(frame is not None and frame.failed for frame in self.frames[:-1])
        self._last_frame().report(self.tr("another step"), ok=not failed)
        if failed:
            self.problem.emit(CANNOT_SCREEN)

    def any_failed(self) -> bool:
        return any(frame is not None and frame.failed for frame in self.frames)

    def _last_frame(self) -> GuardedPage:
        """The last step's frame (the handout's: built first if it was not)."""
        self.page(len(self._pages) - 1)
        frame = self.frames[-1]
        assert frame is not None
        return frame

    def update_steps(self) -> None:
        """Refresh the sidebar's state for each step (words and a sign, not colour)."""
        try:
            self._update_steps()
        except Exception:
            log_failure("update_steps")
            self.steps.show(None)
            self._last_frame().report("steps", ok=False)
            self.problem.emit(CANNOT_SCREEN)
            return
        self._last_frame().report("steps", ok=True)

    def _update_steps(self) -> None:
        self.steps.show(self.state.overview.steps)


def _chain_within(root: QWidget) -> list[QWidget]:
    """``root`` and the widgets inside it, in tab order (Qt keeps them together)."""
    found = [root]
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and root.isAncestorOf(widget):
        found.append(widget)
        widget = widget.nextInFocusChain()
    return found
