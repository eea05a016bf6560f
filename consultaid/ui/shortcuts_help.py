"""Help > Keyboard shortcuts: every shortcut the window has, listed from the window itself.

Menu actions are read from the window's QActions, so the list cannot go stale; the few keys that
are not menu items (step navigation, Escape, date fields, tables) are described here.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui.translation import translated

OTHER_KEYS = (
    ("Ctrl+PgDown, Ctrl+Return", QT_TRANSLATE_NOOP("ShortcutsHelp", "Next step")),
    ("Ctrl+PgUp", QT_TRANSLATE_NOOP("ShortcutsHelp", "Previous step")),
    ("Ctrl+1 … Ctrl+6", QT_TRANSLATE_NOOP("ShortcutsHelp", "Go to step 1 … 6")),
    (QT_TRANSLATE_NOOP("ShortcutsHelp", "Alt + underlined letter"),
     QT_TRANSLATE_NOOP("ShortcutsHelp", "Go to the field with that label, or press that button")),
    ("Tab, Shift+Tab", QT_TRANSLATE_NOOP("ShortcutsHelp", "Next / previous field")),
    (QT_TRANSLATE_NOOP("ShortcutsHelp", "Alt+Down or F4"),
     QT_TRANSLATE_NOOP("ShortcutsHelp",
                       "In a date field: open the calendar (Enter picks the day)")),
    ("F2", QT_TRANSLATE_NOOP("ShortcutsHelp", "In the follow-up plan: edit the chosen cell")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("ShortcutsHelp",
                                 "In the follow-up plan: bring back the row just removed")),
    (QT_TRANSLATE_NOOP("ShortcutsHelp", "Escape"),
     QT_TRANSLATE_NOOP("ShortcutsHelp", "Close the message at the top of the window")),
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
        self.setWindowTitle(self.tr("Keyboard shortcuts — consultaid"))
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Keyboard shortcuts"))
        rows = [*menu_shortcuts(window), *OTHER_KEYS]
        self.text.setHtml("<table cellpadding='4'>" + "".join(
            f"<tr><td><b>{html.escape(translated(keys))}</b></td>"
            f"<td>{html.escape(translated(what))}</td></tr>"
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
