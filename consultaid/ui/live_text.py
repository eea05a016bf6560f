"""Status and message text a screen reader hears, not only sees.

A label with a fixed accessible name ("Message", "Preview status") told a screen-reader user
nothing about what it showed, so an error went unheard. A :class:`LiveLabel` keeps its name (what
it is) and puts the text it shows in its accessible description; when the text is important
(an error, a result the user waits for) it also asks assistive technology to announce it
(``QAccessibleAnnouncementEvent``, Qt 6.8 and later: assertive for problems, polite otherwise).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QWidget


def plain(text: str) -> str:
    """What a screen reader should say for a label's text (rich text reduced to words)."""
    if "<" not in text:
        return text
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(text).toPlainText()


def announce(widget: QWidget, message: str, urgent: bool = False) -> None:
    """Ask assistive technology to read ``message`` now (nothing happens when none listens)."""
    if not message.strip():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


class LiveLabel(QLabel):
    """A label whose visible text is also its accessible description, announced when it matters.

    ``announced`` carries each message handed to assistive technology (tests listen to it).
    """

    announced = Signal(str)

    def __init__(self, name: str, announce_changes: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Plain from the start, not only once the app-wide guard polishes it: the message bar
        # shows an overlay's refusal (which quotes the overlay's ids) before the first paint.
        # A caller that writes HTML on purpose (the verdict title) makes it rich afterwards.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(name)
        self.announce_changes = announce_changes

    def setText(self, text: str) -> None:
        """Show ``text``; screen readers get it too (see the class docstring)."""
        changed = text != self.text()
        super().setText(text)
        spoken = plain(text)
        self.setAccessibleDescription(spoken)
        progress = spoken.rstrip().endswith("…")  # "Building the handout…": the result is said
        if changed and self.announce_changes and spoken.strip() and not progress:
            self.say(spoken, urgent=spoken.lstrip().startswith("⚠"))

    def say(self, message: str, urgent: bool = False) -> None:
        announce(self, message, urgent)
        self.announced.emit(message)
