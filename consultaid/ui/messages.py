"""Telling and asking: the message bar, and every question the window puts to the user.

Controllers report through :class:`MessageBar` (via the window's ``show_message``) and ask
through the functions here, so that a question is worded once and tests answer it in one place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QToolButton,
    QWidget,
)

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.style import named
from consultaid.ui.translation import translate

JSON_FILTER = QT_TRANSLATE_NOOP("Messages", "Consultation record (*.json)")


class MessageBar(QFrame):
    """A dismissable line for errors and notices (Escape closes), in one fixed place: under the
    page, above the status bar, so that nothing on the page moves when it appears (a row about
    to be double-clicked in Records stays where it was; issue 26.4).

    A message about the consultation on screen goes when another one is shown
    (:meth:`forget_consultation`) unless it is ``lasting`` (about the installation: the content
    pack, the records); one said for a cause (``source``) goes when that cause does
    (:meth:`retract`).
    """

    visibility_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "messageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.text = LiveLabel(self.tr("Message"))  # what it says is read out, problems at once
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText(self.tr("✕ Close"))
        close.setAccessibleName(self.tr("Close message"))
        close.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self.source = ""
        self.lasting = False
        self.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    def retract(self, source: str) -> None:
        """The cause of the message from ``source`` has gone: so does the message."""
        if self.isVisible() and self.source == source:
            self.hide()

    def forget_consultation(self) -> None:
        """Another consultation is on screen: what was said about the last one goes."""
        if not self.lasting:
            self.hide()

    def show_message(self, text: str, error: bool, source: str = "",
                     lasting: bool = False) -> None:
        self.source = source
        self.lasting = lasting
        shown = (self.tr("⚠ Problem: ") if error else "ℹ ") + text
        if shown == self.text.text():
            self.text.say(shown, urgent=error)  # the same problem again is still said again
        self.text.setText(shown)
        self.setProperty("kind", "error" if error else "info")
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()


def ask_save_changes(parent: QWidget) -> str:
    """"save", "discard" or "cancel" for a consultation with unsaved changes."""
    answer = QMessageBox.question(
        parent, translate("Messages", "Save changes?"),
        translate("Messages", "This consultation has changes that are not saved. Save them first?"),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    return "discard" if answer == QMessageBox.StandardButton.Discard else "cancel"


def ask_yes(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def ask_amendment_reason(parent: QWidget) -> str | None:
    """The reason for changing a completed consultation; None when cancelled or left empty."""
    reason, ok = QInputDialog.getText(
        parent, translate("Messages", "Reason for the amendment"),
        translate("Messages",
                "This consultation is completed. Say why it is being changed (kept with "
                "the record; the earlier version stays):"))
    return reason.strip() if ok and reason.strip() else None


def ask_open_path(parent: QWidget, title: str, folder: str, filter_: str = JSON_FILTER) -> str:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, filter_)
    return name


def ask_save_path(parent: QWidget, title: str, start: str, filter_: str = JSON_FILTER) -> str:
    name, _ = QFileDialog.getSaveFileName(parent, title, start, filter_)
    return name
