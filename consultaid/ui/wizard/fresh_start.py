"""A new consultation starts at the top: every page scrolled back, no leftovers on screen.

After File > New the screening page kept its scroll position, the measurement units the last
patient's values used, and the focus sat wherever it was; a physician could start typing the next
patient into the wrong place. :func:`scroll_to_top` puts every scroll area back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def scroll_to_top(root: QWidget) -> None:
    """Scroll every scroll area under ``root`` back to its start."""
    for area in root.findChildren(QAbstractScrollArea):
        area.verticalScrollBar().setValue(area.verticalScrollBar().minimum())
        area.horizontalScrollBar().setValue(area.horizontalScrollBar().minimum())
