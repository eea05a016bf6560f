"""A small pad to sign on screen with a mouse, a pen or a finger.

Pen and touch input reach it as mouse events (Qt turns tablet and touch input that a widget
does not take itself into mouse events), so one path serves all three. Points are kept in pad
units (see :mod:`consultaid.domain.acknowledgement`), whatever the pad's size on screen, and
handed out rounded and capped for the record.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain.acknowledgement import PAD_HEIGHT, PAD_WIDTH, clean_strokes


class SignaturePad(QWidget):
    """Draw with the left button held down; each press starts a new stroke."""

    changed = Signal()
    """A stroke was finished or the pad was cleared."""

    def __init__(self, parent: QWidget | None = None, scale: float = 1.0) -> None:
        """``scale``: the pad's size on screen against its units (0.5: a small copy to show)."""
        super().__init__(parent)
        self._strokes: list[list[tuple[float, float]]] = []
        self._drawing = False
        self.read_only = False
        self.setFixedSize(round(PAD_WIDTH * scale), round(PAD_HEIGHT * scale))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setAccessibleDescription(self.tr(
                "Sign here with the mouse, a pen or a finger. Without a mouse or pen, "
                "choose 'Signed on paper' or 'Verbal'."))

    # Reading and setting ----------------------------------------------------------------------
    def strokes(self) -> list[list[list[int]]]:
        """The strokes as stored in the record (pad units, rounded, capped)."""
        return clean_strokes(self._strokes)

    def set_strokes(self, strokes: list[list[list[int]]]) -> None:
        """Show a stored signature."""
        self._strokes = [[(float(x), float(y)) for x, y in stroke] for stroke in strokes]
        self.update()

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not self.strokes()

    # Input ------------------------------------------------------------------------------------
    def _to_pad(self, event: QMouseEvent) -> tuple[float, float]:
        pos = event.position()
        return (pos.x() * PAD_WIDTH / max(1, self.width()),
                pos.y() * PAD_HEIGHT / max(1, self.height()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.read_only:
            super().mousePressEvent(event)
            return
        self._drawing = True
        self._strokes.append([self._to_pad(event)])
        self.update()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._drawing:
            super().mouseMoveEvent(event)
            return
        self._strokes[-1].append(self._to_pad(event))
        self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._drawing or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._drawing = False
        self._strokes[-1].append(self._to_pad(event))
        self.update()
        self.changed.emit()
        event.accept()

    # Painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#7F8C8D"), 1, Qt.PenStyle.DashLine))
        base = self.height() * 0.8
        painter.drawLine(QPointF(8, base), QPointF(self.width() - 8, base))
        painter.setPen(QPen(QColor("#1B2631"), 2, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        sx, sy = self.width() / PAD_WIDTH, self.height() / PAD_HEIGHT
        for stroke in self._strokes:
            path = QPainterPath(QPointF(stroke[0][0] * sx, stroke[0][1] * sy))
            for x, y in stroke[1:]:
                path.lineTo(x * sx, y * sy)
            if len(stroke) == 1:
                painter.drawPoint(path.currentPosition())
            painter.drawPath(path)
        painter.setPen(QPen(QColor("#7F8C8D"), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()


class SigningDialog(QDialog):
    """The patient signs here, in a dialog of its own, so that the Handout step keeps the
    preview's room (issue 26.7: with the pad on the page the preview shrank to ~150 px)."""

    def __init__(self, strokes: list[list[list[int]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign on screen"))
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr("Sign in the box with the mouse, a pen or a finger, then "
                                 "click Done."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.pad = SignaturePad(scale=1.5)
        self.pad.set_strokes(strokes)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QDialogButtonBox()
        self.clear_button = buttons.addButton(self.tr("Clear signat&ure"),
                                              QDialogButtonBox.ButtonRole.ResetRole)
        self.done_button = buttons.addButton(self.tr("&Done"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.clear_button.clicked.connect(self.pad.clear)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
