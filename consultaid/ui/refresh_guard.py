"""No view ever keeps another consultation's state because showing this one failed.

A page refreshes from the current consultation whenever it changes. If that refresh raises (a
record the screening cannot read, a bug), Qt would log the error and carry on, leaving the page
showing what it showed before: the *previous* patient's answers and verdict under the new
patient's name. Every page therefore sits in a :class:`GuardedPage`, and its refresh methods are
wrapped by :func:`guarded`: when one fails, the page's content is hidden and replaced by a plain
"this record cannot be screened" panel until a later refresh succeeds. Only the exception's type
and place are logged (its text may hold patient data); the user reads what to do, not the error.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui.style import named
from consultaid.ui.translation import translated

P = ParamSpec("P")
W = TypeVar("W", bound=QWidget)

CANNOT_SCREEN = (QT_TRANSLATE_NOOP("RefreshGuard",
        "This record cannot be screened: part of it could not be read, so nothing of it is "
        "shown here and no handout can be made from it. Nothing was changed. Open another "
        "record or start a new consultation (File > New), and tell the clinic's IT person "
        "which record this was."))


def log_failure(where: str) -> None:
    """Type and location of the exception being handled, never its message."""
    exc_type, _exc, tb = sys.exc_info()
    frames = traceback.extract_tb(tb)[-3:]
    name = exc_type.__qualname__ if exc_type else "error"
    place = "; ".join(f"{f.filename}:{f.lineno}" for f in frames)
    print(f"consultaid: {where} failed ({name} at {place})", file=sys.stderr)


class GuardedPage(QStackedWidget):
    """Shows a page, or, while its last refresh failed, a panel saying so instead."""

    failed_changed = Signal(bool)

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.addWidget(page)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.problem = QLabel(translated(CANNOT_SCREEN))
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        named(self.problem, "inlineError")
        self.problem.setAccessibleName(translated(CANNOT_SCREEN))
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.addWidget(panel)
        self._failed: set[str] = set()

    @property
    def failed(self) -> bool:
        return bool(self._failed)

    def report(self, what: str, ok: bool) -> None:
        """Record whether refresh ``what`` of the page succeeded, and show page or panel."""
        before = self.failed
        if ok:
            self._failed.discard(what)
        else:
            self._failed.add(what)
        self.setCurrentIndex(1 if self._failed else 0)
        if before != self.failed:
            self.failed_changed.emit(self.failed)


def _frame_of(widget: QWidget) -> GuardedPage | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, GuardedPage) and parent.page is widget:
            return parent
        parent = parent.parentWidget()
    return None


def guarded(method: Callable[Concatenate[W, P], None]) -> Callable[Concatenate[W, P], None]:
    """Wrap a page's refresh: on failure the page's frame hides it behind the problem panel.

    A page not (yet) placed in a :class:`GuardedPage` is disabled and emptied of focus instead,
    so that it can never be used with stale content either.
    """

    @functools.wraps(method)
    def wrapper(self: W, *args: P.args, **kwargs: P.kwargs) -> None:
        frame = _frame_of(self)
        try:
            method(self, *args, **kwargs)
        except Exception:
            log_failure(f"{type(self).__name__}.{method.__name__}")
            clear = getattr(self, "clear_shown", None)
            if callable(clear):
                clear()  # e.g. the handout page drops its PDF: nothing stale can be saved
            if frame is not None:
                frame.report(method.__name__, ok=False)
            else:
                self.setEnabled(False)
            return
        if frame is not None:
            frame.report(method.__name__, ok=True)
        else:
            self.setEnabled(True)

    return wrapper
