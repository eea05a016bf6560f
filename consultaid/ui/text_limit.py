"""Long texts stop at the record's limit, with a counter the user can see.

The record refuses texts longer than its limits (``consultaid.domain.consultation``: notes and
the patient's own words 10,000 characters, a comment 2,000, names 200). A one-line field simply
takes no more (``setMaxLength``); a text box shows "1,234 of 10,000 characters" under it and, at
the limit, drops what would go beyond it (typed or pasted) and says so.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from consultaid.ui.live_text import LiveLabel
from consultaid.ui.translation import app_locale


class LengthCounter(LiveLabel):
    """The counter under a text box."""

    def __init__(self, edit: QPlainTextEdit, max_chars: int) -> None:
        super().__init__(self.tr("Length of ") + (edit.accessibleName() or self.tr("the text")))
        self.edit = edit
        self.max_chars = max_chars
        self.setObjectName("lengthCounter")
        # The document's signal, not the editor's: a page fills the editor with its signals
        # blocked (forms.set_plain), and the counter must follow that too.
        edit.document().contentsChanged.connect(self._enforce)
        self._show(len(edit.toPlainText()), cut=False)

    def _enforce(self) -> None:
        text = self.edit.toPlainText()
        excess = len(text) - self.max_chars
        if excess > 0:
            # Drop what was just typed or pasted beyond the limit, where the cursor is.
            cursor = self.edit.textCursor()
            end = cursor.position()
            start = max(0, end - excess)
            cursor.setPosition(start)
            cursor.setPosition(start + excess, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()  # emits textChanged again, now within the limit
            self._show(self.max_chars, cut=True)
            return
        self._show(len(text), cut=False)

    def _show(self, length: int, *, cut: bool) -> None:
        number = app_locale().toString
        text = self.tr("{length} of {max_chars} characters").format(
                length=number(length), max_chars=number(self.max_chars))
        if cut:
            text = (self.tr("⚠ {text}: that is the limit, so the rest was not added. Shorten the "
                    "text to add more.").format(text=text))
        if cut or not self.text().startswith("⚠") or length < self.max_chars:
            self.setText(text)


def limit_text(edit: QPlainTextEdit, max_chars: int) -> LengthCounter:
    """Cap ``edit`` at ``max_chars``; returns the counter to place under it."""
    return LengthCounter(edit, max_chars)
