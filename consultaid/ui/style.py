"""The few colours the window sets beyond the platform's style, in one place.

Each sheet is set on its own widget (:func:`named`), not on the window: a style sheet on the
window puts every widget in it under Qt's style-sheet style, whose polishing cost about a fifth
of building all the pages at start-up (issue 29). A widget's own sheet styles it and its
children only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

SHEETS = {
    "messageBar": """
#messageBar[kind="error"] { border: 2px solid #b3261e; background: #fdecea; }
#messageBar[kind="info"] { border: 1px solid #1b5e20; background: #edf7ed; }
""",
    "verdictBanner": """
#verdictBanner[verdict="may_proceed"] { border: 2px solid #1b5e20; background: #edf7ed; }
#verdictBanner[verdict="needs_review"] { border: 2px solid #8a6d00; background: #fff8e1; }
#verdictBanner[verdict="deferred"] { border: 2px solid #8a4b00; background: #fff1e0; }
#verdictBanner[verdict="not_eligible"] { border: 2px solid #b3261e; background: #fdecea; }
""",
    "inlineError": "#inlineError { color: #b3261e; }",
}


def named(widget: QWidget, name: str) -> None:
    """Give ``widget`` the object name ``name`` and that name's colours."""
    widget.setObjectName(name)
    widget.setStyleSheet(SHEETS[name])
