"""Where the keyboard focus goes when a step opens: its first field, not wherever it was.

Moving to the next step with Ctrl+PgDown left the focus on a hidden field of the previous step
(Qt then moves it somewhere arbitrary, often outside the page), so a keyboard user had to hunt
for the first question. :func:`focus_first_field` puts it on the page's first field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


def first_field(page: QWidget) -> QWidget | None:
    """The first field in ``page``'s tab order (a scroll area around the fields does not count)."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None and not isinstance(widget, QScrollArea)):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_first_field(page: QWidget) -> None:
    """Focus ``page``'s first field."""
    target = first_field(page)
    if target is not None:
        target.setFocus(Qt.FocusReason.TabFocusReason)
        # The focus ring shows where it went (a check box's ring is drawn only after a
        # keyboard focus change; issue 26.10).
        target.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
