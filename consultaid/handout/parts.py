"""Small flowable helpers shared by the story and the document: PDF bookmarks."""

from __future__ import annotations

from reportlab.platypus import Flowable


def outline(flowable: Flowable, *entries: tuple[str, str]) -> Flowable:
    """Mark ``flowable`` so the document bookmarks the page it lands on."""
    flowable._consultaid_outline = entries
    return flowable


class OutlineMark(Flowable):
    """An invisible mark inside a box or table that bookmarks the page it is drawn on.

    A box or table may be split across pages and its parts would not carry a bookmark, so the
    mark sits in the first cell and registers itself when drawn.
    """

    def __init__(self, *entries: tuple[str, str]) -> None:
        super().__init__()
        self.entries = entries
        self.drawn = False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.drawn:  # a repeated header row draws the mark again on the next page
            return
        self.drawn = True
        for key, title in self.entries:
            self.canv.hold_outline(key, title)
