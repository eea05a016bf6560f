"""Help > About consultaid: the version and the content pack's review state."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from consultaid.content.pack import ContentPack
from consultaid.ui.languages import language_name
from consultaid.ui.translation import current_language, status_sentence, translate


def about_text(pack: ContentPack) -> str:
    from consultaid import __version__

    due = (translate("About",
            "<p><b>⚠ The content pack is due for review</b> (review by {review_by}).</p>").format(
            review_by=pack.review_by)
           if pack.is_due_for_review() else
           translate("About", "<p>The content pack is within its review period (review by "
                   "{review_by}).</p>").format(review_by=pack.review_by))
    return (translate("About",
            "<h3>consultaid {version}</h3><p>An offline consultation aid for clinics that "
            "discuss MSC therapy.</p><p>Content pack: {title}, version {pack_version} "
            "({language})<br/>Last reviewed: {last_reviewed}<br/>Review by: "
            "{review_by}</p>{due}").format(
            version=html.escape(__version__),
            title=html.escape(pack.title),
            pack_version=html.escape(pack.version),
            language=html.escape(language_name(pack.language)),
            last_reviewed=pack.last_reviewed,
            review_by=pack.review_by,
            due=due)) + _translation_note()


def _translation_note() -> str:
    """Who translated the app's words into the language on screen, and whether it was reviewed."""
    sentence = status_sentence(current_language())
    return f"<p>{html.escape(sentence)}</p>" if sentence else ""


def show_about(parent: QWidget, pack: ContentPack) -> None:
    box = QMessageBox(QMessageBox.Icon.NoIcon, translate("About", "About consultaid"),
                      about_text(pack), QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText)  # written here; the pack's words are escaped
    box.exec()
