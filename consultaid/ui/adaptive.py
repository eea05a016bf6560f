"""Layouts that fit small and zoomed screens.

At 1024×768, or at 200 % scale, the screening page's checklist and verdict side by side need
more width than the window has: the verdict was cut to "May proceed to evalu…". The
:class:`AdaptiveSplitter` puts its panes side by side while their contents fit and stacks them
(the second under the first) when they do not, so nothing needs a sideways scroll.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScrollArea, QSplitter, QWidget


def _needed_width(pane: QWidget) -> int:
    """The narrowest a pane can be without a sideways scroll bar."""
    inner = pane.widget() if isinstance(pane, QScrollArea) else None
    if isinstance(pane, QScrollArea) and inner is not None:
        # The vertical bar's width is the style's scroll-bar extent (asked of the bar, not the
        # style: that would make PySide6 build QStyle's ~600 enum members, ~7 ms at start-up).
        bar = pane.verticalScrollBar().sizeHint().width()
        return inner.minimumSizeHint().width() + bar + 2 * pane.frameWidth()
    return pane.minimumSizeHint().width()


class AdaptiveSplitter(QSplitter):
    """Side by side when wide enough, else one above the other (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)

    def needed_width(self) -> int:
        panes = [w for i in range(self.count()) if (w := self.widget(i)) is not None]
        widths = [_needed_width(p) for p in panes]
        return sum(widths) + self.handleWidth() * (len(panes) - 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.needed_width()
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if wanted != self.orientation():
            self.setOrientation(wanted)
            pane = self.widget(1)
            if not wide and self.count() == 2 and pane is not None:
                # The second pane (the verdict) gets the height its contents ask for, up to half.
                height = event.size().height()
                second = min(pane.sizeHint().height(), height // 2)
                self.setSizes([height - second, second])
        super().resizeEvent(event)
