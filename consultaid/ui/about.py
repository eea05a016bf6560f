"""Help > About consultaid: the version and the content pack's review state."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from consultaid.content.pack import ContentPack


def about_text(pack: ContentPack) -> str:
    from consultaid import __version__

    due = (f"<p><b>⚠ The content pack is due for review</b> (review by {pack.review_by}).</p>"
           if pack.is_due_for_review() else
           f"<p>The content pack is within its review period (review by {pack.review_by}).</p>")
    return (f"<h3>consultaid {html.escape(__version__)}</h3>"
            "<p>An offline consultation aid for clinics that discuss MSC therapy.</p>"
            f"<p>Content pack: {html.escape(pack.title)}, version {html.escape(pack.version)}"
            f" ({html.escape(pack.language)})<br/>Last reviewed: {pack.last_reviewed}<br/>"
            f"Review by: {pack.review_by}</p>{due}")


def show_about(parent: QWidget, pack: ContentPack) -> None:
    box = QMessageBox(QMessageBox.Icon.NoIcon, "About consultaid", about_text(pack),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText)  # written here; the pack's words are escaped
    box.exec()
