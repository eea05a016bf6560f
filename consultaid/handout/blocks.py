"""The handout's building blocks: cleaned paragraphs, headings, bullets, framed boxes and
tables, each laid out so that pages break well (see parts.py for the placement rules)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from consultaid.content.citations import numbered
from consultaid.content.pack import HandoutText
from consultaid.handout import styles as st
from consultaid.handout.parts import KeepWithFirst, MostlyWhole, OutlineMark, SplitTable, outline
from consultaid.handout.text import TextCleaner


class Blocks:
    """Makes the blocks a handout is built of; the story decides which go where."""

    def __init__(self, styles: st.HandoutStyles, cleaner: TextCleaner, text: HandoutText,
                 frame: tuple[float, float]) -> None:
        self.s = styles
        self.clean = cleaner
        self.text = text
        self.width, self.frame_height = frame
        """The page's text area: the width of every table, the height a box is weighed by."""
        self.pad = styles.body_size * 0.6
        self.split_min = int(styles.body_size * 4)
        """A table row is split across pages only if both parts keep about three lines."""
        self.printed: list[str] = []
        """Every text put on the page, so the glossary lists only the words the sheet uses."""
        self.citations: dict[str, int] = {}
        """Source id -> its number in this sheet's list of sources ("[3]" in the text)."""

    def p(self, text: str, style: Any = None, *, keep_lines: bool = False,
          bullet: str | None = None) -> Paragraph:
        """The ONE place text meets Paragraph markup: always cleaned and escaped; a source
        cited as ``[source-id]`` prints as its number in the sheet's list."""
        text = numbered(text, self.citations)
        self.printed.append(text)
        return Paragraph(self.clean.markup(text, keep_lines=keep_lines), style or self.s.body,
                         bulletText=bullet)

    def heading(self, key: str, text: str | None = None) -> Paragraph:
        title = text if text is not None else self.text.headings[key]
        para = self.p(title, self.s.h2)
        return outline(para, (key, self.clean.plain(title)))

    def mark(self, *keys: str) -> OutlineMark:
        """Bookmarks for sections whose heading sits inside a box or table."""
        return OutlineMark(*((k, self.clean.plain(self.text.headings[k])) for k in keys))

    def bullets(self, items: Iterable[str], style: Any = None) -> list[Flowable]:
        return [self.p(item, style or self.s.bullet, bullet="•") for item in items]

    def box(self, rows: Sequence[Flowable], tint: Any, edge: Any, *, edge_width: float = 1.2,
            mark: OutlineMark | None = None, band: bool = False,
            width: float | None = None, tight: bool = False) -> Table:
        """A tinted, framed box that can still split across pages between its rows.

        ``band``: the first row (the box's heading) sits on the edge colour, for the results
        that must not be missed.
        """
        # A heading stays with the line below it: never a heading alone at a page end. The
        # box's own heading (unless it sits on the band) and every subheading head a cell; a
        # label right under a heading (the approval's "United States") is part of it, so the
        # heading stays with the first line of text (seen: a box split after its label).
        cells: list[list[Any]] = []
        pending: list[Flowable] = []
        for n, row in enumerate(rows):
            style = getattr(row, "style", None)
            if ((n == 0 and not band) or (n and style is self.s.h3)
                    or (pending and style is self.s.label)):
                pending.append(row)
                continue
            cells.append([[*pending, row]] if pending else [row])
            pending = []
        if pending:
            cells.append([pending])
        if mark is not None:
            first = cells[0][0] if isinstance(cells[0][0], list) else [cells[0][0]]
            cells[0] = [[mark, *first]]
        table = SplitTable(cells, colWidths=[width or self.width], splitInRow=self.split_min)
        last = len(cells) - 1
        commands: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, -1), tint),
            ("BOX", (0, 0), (-1, -1), edge_width, edge),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad * 1.4),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad * 1.4),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), self.pad * (0.7 if tight else 1.2)),
            ("BOTTOMPADDING", (0, last), (-1, last), self.pad * (0.7 if tight else 1.2)),
        ]
        if band:
            commands += [("BACKGROUND", (0, 0), (-1, 0), edge),
                         ("BOTTOMPADDING", (0, 0), (-1, 0), self.pad),
                         ("TOPPADDING", (0, 1), (-1, 1), self.pad)]
        table.setStyle(TableStyle(commands))
        return table

    def whole(self, box: Table, most_empty: float = 1 / 3) -> Flowable:
        """A box that does not fit in the space left goes to the next page, unless that would
        leave more than ``most_empty`` of this page empty: then it starts here and splits
        between rows (its heading with the line below it), as a long box does anyway."""
        return MostlyWhole(box, room=self.frame_height * most_empty)

    def grid(self, data: list[list[Any]], widths: Sequence[float], *, header: bool,
             extra: Sequence[tuple[Any, ...]] = (),
             row_heights: list[float | None] | None = None, rules: bool = True) -> Table:
        """A tidy table: header row repeated on every page, rows that split if they must."""
        table = SplitTable(data, colWidths=list(widths), rowHeights=row_heights,
                           repeatRows=1 if header else 0, splitInRow=self.split_min)
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad * 0.6),
        ]
        if rules:
            commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE))
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), st.BRAND),
                         ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, st.STRIPE])]
        table.setStyle(TableStyle(commands + list(extra)))
        return table

    @staticmethod
    def fit_words(texts: Iterable[str], style: Any, width: float, padding: float) -> float:
        """``width``, or wider if a word of ``texts`` would otherwise be broken in two (large
        print: "Standar-d care" in the options' first column)."""
        words = [word for text in texts for word in text.split()]
        widest = max((stringWidth(word, style.fontName, style.fontSize) for word in words),
                     default=0.0)
        return max(width, widest + padding + 1)

    def section(self, key: str, body: list[Flowable], text: str | None = None) -> list[Flowable]:
        """A heading and its body; the heading stays with the body's first lines."""
        return self.headed(self.heading(key, text), body)

    @staticmethod
    def headed(heading: Flowable, body: list[Flowable]) -> list[Flowable]:
        return [KeepWithFirst(heading, body[0]), *body[1:]] if body else [heading]

    def date(self, value: Any) -> str:
        return self.text.date(value)
