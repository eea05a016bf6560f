"""The screening step's line saying how the second physician's review stands.

The window makes it with the review control, before the screening page is built (the page
is built when first needed; see :mod:`consultaid.ui.wizard.wizard_view`), so this module is
small: it imports nothing of the page.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSizePolicy

from consultaid.ui.live_text import LiveLabel


def review_status_line() -> LiveLabel:
    """The line on the screening page saying how the second physician's review stands."""
    line = LiveLabel(QCoreApplication.translate("ScreeningPage", "Second physician's review"))
    line.setWordWrap(True)
    # A long sentence wraps to the panel; it never widens it (the verdict keeps its room).
    line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return line
