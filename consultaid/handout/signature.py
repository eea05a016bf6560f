"""A signature drawn on screen, drawn again on the handout as vector lines.

The strokes come from the record (pad units, see :mod:`consultaid.domain.acknowledgement`) and
are scaled into the signature line's cell, keeping their proportions: the same record always
draws the same lines, so a reprint is the same page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from consultaid.domain.acknowledgement import PAD_HEIGHT, PAD_WIDTH
from consultaid.handout import styles as st


class DrawnSignature(Flowable):
    """The strokes, scaled to fit ``width`` x ``height`` points, lines of ``line_width``."""

    def __init__(self, strokes: list[list[list[int]]], width: float, height: float,
                 line_width: float = 1.1) -> None:
        super().__init__()
        self.strokes = strokes
        self.width = width
        self.height = height
        self.line_width = line_width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        scale = min(self.width / PAD_WIDTH, self.height / PAD_HEIGHT)
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(st.INK)
        canvas.setFillColor(st.INK)
        canvas.setLineWidth(self.line_width)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for stroke in self.strokes:
            # y grows downwards on the pad, upwards on the page.
            points = [(x * scale, self.height - y * scale) for x, y in stroke]
            if len(points) == 1:
                (x, y), = points
                canvas.circle(x, y, self.line_width / 2, stroke=0, fill=1)
                continue
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()
