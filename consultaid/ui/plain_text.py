"""Text from a record, a content pack or a file name is shown as text, never run as HTML.

Qt guesses whether a label's or tooltip's text is HTML ("rich text"). A patient named
``<font size=6 color=green>NO ALLERGIES - MAY PROCEED</font>`` would then draw a green banner,
and ``<img src="/dev/zero">`` would make Qt read that file. So:

* every ``QLabel`` left on Qt's guess (``AutoText``) is switched to plain text when Qt first
  polishes it (the application-wide guard in :mod:`consultaid.ui.wheel_guard` calls
  :func:`make_plain`); a label that really holds HTML is made with :func:`rich_label` or
  :func:`heading`, whose callers escape every piece of data they put in;
* tooltips that can hold data go through :func:`tooltip`, which escapes them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget


def make_plain(widget: QObject) -> None:
    """Show ``widget``'s text literally unless it was made rich on purpose."""
    if isinstance(widget, QLabel) and widget.textFormat() == Qt.TextFormat.AutoText:
        widget.setTextFormat(Qt.TextFormat.PlainText)


def rich_label(markup: str, parent: QWidget | None = None) -> QLabel:
    """A label that shows HTML the program wrote (escape any data in ``markup`` first)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(markup)
    return label


def heading(text: str, level: int = 2) -> QLabel:
    """A page or section heading."""
    label = rich_label(f"<h{level}>{html.escape(text)}</h{level}>")
    label.setAccessibleName(text)
    return label


def tooltip(text: str) -> str:
    """``text`` as a tooltip Qt shows literally (tooltips, too, are guessed to be HTML)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br/>") + "</qt>"
