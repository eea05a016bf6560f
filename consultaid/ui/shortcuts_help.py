"""Help > Keyboard shortcuts: every shortcut the window has, listed from the window itself.

Menu actions are read from the window's QActions, so the list cannot go stale; the few keys that
are not menu items (step navigation, Escape, date fields, tables) are described here.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

OTHER_KEYS = (
    ("Ctrl+PgDown, Ctrl+Return", "Next step"),
    ("Ctrl+PgUp", "Previous step"),
    ("Ctrl+1 … Ctrl+6", "Go to step 1 … 6"),
    ("Alt + underlined letter", "Go to the field with that label, or press that button"),
    ("Tab, Shift+Tab", "Next / previous field"),
    ("Alt+Down or F4", "In a date field: open the calendar (Enter picks the day)"),
    ("F2", "In the follow-up plan: edit the chosen cell"),
    ("Ctrl+Z", "In the follow-up plan: bring back the row just removed"),
    ("Escape", "Close the message at the top of the window"),
)


def menu_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``window`` that has a shortcut."""
    found: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys and action.text():
            found.append((keys, action.text().replace("&", "").rstrip("…")))
    return found


class ShortcutsDialog(QDialog):
    """A read-only table of keys; one per window, shown beside it (not modal)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts — consultaid")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Keyboard shortcuts")
        rows = [*menu_shortcuts(window), *OTHER_KEYS]
        self.text.setHtml("<table cellpadding='4'>" + "".join(
            f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
            for keys, what in rows) + "</table>")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.horizontalAdvance("M") * 40, metrics.lineSpacing() * 28)

    @classmethod
    def show_for(cls, window: QWidget) -> ShortcutsDialog:
        dialog = window.findChild(cls)
        if not isinstance(dialog, cls):
            dialog = cls(window)
        dialog.show()
        dialog.activateWindow()
        return dialog
