"""Help > About consultaid: the version and the content pack's review state."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from consultaid.content.pack import ContentPack
from consultaid.ui.translation import translate


def about_text(pack: ContentPack) -> str:
    from consultaid import __version__

    due = (translate("About",
            "<p><b>⚠ The content pack is due for review</b> (review by {review_by}).</p>").format(
            review_by=pack.review_by)
           if pack.is_due_for_review() else
           translate("About", "<p>The content pack is within its review period (review by "
                   "{review_by}).</p>").format(review_by=pack.review_by))
    return (translate("About",
            "<h3>consultaid {escape}</h3><p>An offline consultation aid for clinics that "
            "discuss MSC therapy.</p><p>Content pack: {escape2}, version {escape3} "
            "({escape4})<br/>Last reviewed: {last_reviewed}<br/>Review by: "
            "{review_by}</p>{due}").format(
            escape=html.escape(__version__),
            escape2=html.escape(pack.title),
            escape3=html.escape(pack.version),
            escape4=html.escape(pack.language),
            last_reviewed=pack.last_reviewed,
            review_by=pack.review_by,
            due=due))


def show_about(parent: QWidget, pack: ContentPack) -> None:
    box = QMessageBox(QMessageBox.Icon.NoIcon, translate("About", "About consultaid"), about_text(
            pack),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText)  # written here; the pack's words are escaped
    box.exec()
