"""Small flowable helpers shared by the story and the document: PDF bookmarks."""

from __future__ import annotations

from typing import Protocol, TypeVar, cast

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table
from reportlab.platypus.doctemplate import FrameBreak, NullActionFlowable

F = TypeVar("F", bound=Flowable)


def outline(flowable: F, *entries: tuple[str, str]) -> F:
    """Mark ``flowable`` so the document bookmarks the page it lands on (an attribute of our
    own on reportlab's object, read back by the document template)."""
    setattr(flowable, OUTLINE_ATTRIBUTE, entries)
    return flowable


OUTLINE_ATTRIBUTE = "_consultaid_outline"


class Outlining(Protocol):
    """The document's canvas (builder._DecoratedCanvas): it bookmarks the page it is on."""

    def hold_outline(self, key: str, title: str) -> None: ...


def hold_outline(canvas: Canvas, key: str, title: str) -> None:
    """Ask the document's canvas to bookmark this page."""
    cast(Outlining, canvas).hold_outline(key, title)


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
            hold_outline(self.canv, key, title)


class _Placement(Flowable):
    """A flowable that only decides where its content goes on the page: it always asks the
    frame to split it, and its ``split`` hands back the content, with a page break in front
    when the content must move to the next page."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 0xFFFFFF  # more than any page: the frame calls split()

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # At the top of a page, or outside any frame (as when measured on its own).
        return self.place(available_width, available_height,
                          at_top=at_page_top(self, outside=True))

    def place(self, width: float, height: float, *, at_top: bool) -> list[Flowable]:
        """What goes in ``height`` points: the content, or a page break and the content."""
        raise NotImplementedError

    def starts_here(self, width: float, height: float) -> bool:
        """Whether some of the content would be placed in ``height`` points below other
        content (a heading above it asks, to know whether it may stay on this page)."""
        placed = self.place(width, height, at_top=False)
        return bool(placed) and not isinstance(placed[0], type(FrameBreak))  # an instance


def at_page_top(flowable: Flowable, *, outside: bool) -> bool:
    """Whether the frame asking ``flowable`` to split is at the top of a page; ``outside``:
    the answer when no frame is asking (the frame sets ``_frame`` only while it asks)."""
    frame = getattr(flowable, "_frame", None)
    return outside if frame is None else bool(getattr(frame, "_atTop", False))


class KeepWithFirst(_Placement):
    """A heading that stays with the first lines of what follows it, not with all of it.

    reportlab's ``keepWithNext`` keeps a heading together with its whole next flowable: a
    heading before a table that fits on a page but not in the space left moves to the next page
    with the table, and leaves a large gap behind it. Here the heading stays where it is when
    it and at least the first part of what follows fit (a table's first rows, a paragraph's
    first lines, a box that fits whole); only otherwise do both go to the next page.
    """

    def __init__(self, heading: Flowable, follower: Flowable) -> None:
        super().__init__()
        self.heading = heading
        self.follower = follower

    def place(self, width: float, height: float, *, at_top: bool) -> list[Flowable]:
        parts: list[Flowable] = [self.heading, self.follower]
        if at_top or self._first_part_fits(width, height):
            return parts
        return [FrameBreak(), *parts]

    def _first_part_fits(self, width: float, height: float) -> bool:
        self.heading.canv = self.follower.canv = self.canv
        _, heading_height = self.heading.wrap(width, height)
        room = height - self.heading.getSpaceBefore() - heading_height
        room -= self.heading.getSpaceAfter()
        room -= self.follower.getSpaceBefore()
        if room <= 0:
            return False
        if isinstance(self.follower, _Placement):  # it decides for itself where it goes
            return self.follower.starts_here(width, room)
        _, follower_height = self.follower.wrap(width, room)
        whole = getattr(self.follower, "_H", follower_height)  # a KeepTogether's own height
        if whole <= room:
            return True
        if hasattr(self.follower, "_H"):  # a KeepTogether goes whole or not at all
            return False
        return bool(self.follower.split(width, room))


class MostlyWhole(_Placement):
    """A box that goes to the next page whole when it does not fit in the space left, unless
    more than ``room`` points are left: then it starts here and splits between its rows.

    (reportlab's KeepTogether cannot do this for a single flowable: its ``maxHeight`` is
    weighed against the first flowable, which here is the whole box.)
    """

    def __init__(self, box: Flowable, room: float) -> None:
        super().__init__()
        self.box = box
        self.room = room

    def place(self, width: float, height: float, *, at_top: bool) -> list[Flowable]:
        self.box.canv = self.canv
        if self.box.wrap(width, height)[1] <= height:
            return [self.box]
        if at_top or height > self.room:
            if isinstance(self.box, SplitTable):
                self.box.at_top = at_top
            try:
                parts: list[Flowable] = self.box.split(width, height)
            finally:
                if isinstance(self.box, SplitTable):
                    self.box.at_top = None
            if parts or at_top:
                return parts  # the first part fits here (reportlab adds it without a split)
        return [FrameBreak(), self.box]


class IfItFits(_Placement):
    """Something optional (blank lines for the patient's own notes) that is printed where it
    fits in the space left on the page and left out otherwise: it never starts a page alone."""

    _ZEROSIZE = True
    """Asked to split even when the page is full (else reportlab would carry it over)."""

    def __init__(self, *content: Flowable) -> None:
        super().__init__()
        self.content = list(content)

    def place(self, width: float, height: float, *, at_top: bool) -> list[Flowable]:
        if at_top:
            return [NullActionFlowable()]  # at the top of a new page: it would stand alone
        needed = 0.0
        for part in self.content:  # the frame adds each part's space before it, too
            needed += part.wrapOn(self.canv, width, height)[1]
            needed += part.getSpaceBefore() + part.getSpaceAfter()
        # Left out: a flowable that does nothing and takes no room even on a full page (a
        # Spacer(0, 0) must still be placed, and a page filled to its last point refuses it).
        return list(self.content) if needed <= height else [NullActionFlowable()]


class SplitTable(Table):
    """A table that splits between its rows, never inside one, except a row taller than a
    page, which is split at the top of a page.

    reportlab splits a row only if both parts keep ``splitInRow`` points. A row a little taller
    than a whole page (by less than that) then cannot be split at all, and at the top of a page
    the handout failed to build (seen: a clinic's 4,000-character approval text). Splitting a
    little higher up leaves the second part its minimum.
    """

    at_top: bool | None = None
    """Set by a placement that splits this table itself (MostlyWhole): whether it stands at
    the top of a page; None: ask the frame."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        at_top = self.at_top if self.at_top is not None else at_page_top(self, outside=False)
        if not at_top:
            # Issue 28: a row never splits across pages; it goes to the next page whole. Only
            # a row taller than a whole page is split, at the top of a page.
            in_row: int = getattr(self, "splitInRow", 0)
            self.splitInRow = 0
            try:
                return list(super().split(available_width, available_height))
            finally:
                self.splitInRow = in_row
        parts: list[Flowable] = super().split(available_width, available_height)
        if not parts and self.splitInRow and available_height > 3 * self.splitInRow:
            parts = super().split(available_width, available_height - self.splitInRow)
        return parts


class IconArray(Flowable):
    """100 small figures, ``per_row`` a row; the first ``count`` in the harm's colour, read row
    by row (an icon array: "25 in 100" seen, not only read)."""

    def __init__(self, count: int, size: float, marked: Color, other: Color,
                 per_row: int = 10) -> None:
        super().__init__()
        self.count = count
        self.size = size
        """The height of one figure's cell, in points."""
        self.marked = marked
        self.other = other
        self.per_row = per_row
        self.cell_w = size * 0.8
        self.width = self.cell_w * per_row
        self.height = size * -(-100 // per_row)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        w, h = self.cell_w, self.size
        for n in range(100):
            row, col = divmod(n, self.per_row)
            x = col * w + w / 2
            y = self.height - (row + 1) * h
            canv.setFillColor(self.marked if n < self.count else self.other)
            canv.circle(x, y + h * 0.76, h * 0.14, stroke=0, fill=1)  # head
            canv.roundRect(x - w * 0.3, y + h * 0.12, w * 0.6, h * 0.46, w * 0.18, stroke=0,
                           fill=1)  # body


class BreakIfOnPage(NullActionFlowable):
    """A page break only while the document is still on ``page``: after page 1's decision aid,
    the details start a new page, unless the aid itself ran over (large print, a long
    letterhead), and then they follow it rather than leave most of a page empty."""

    def __init__(self, page: int) -> None:
        super().__init__()
        self.page = page

    def apply(self, doc: object) -> None:
        if getattr(doc, "page", None) == self.page:
            doc.handle_pageBreak()  # type: ignore[attr-defined]
