"""A table's columns laid out to fit its width, so it never scrolls sideways.

A table wider than the terminal scrolls sideways, and the edge of its view cuts the words of
its last columns ("Einhei", "20 s ea"). When a table's columns do not fit on one line, they
are stacked instead: each shown column holds a few of them, one under the other (its heading
too, "Date" over "Time"), in cells that may wrap by whole words into taller rows. A table's
rows stay its rows, so its keys and cursor work as before."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

# Between stacked columns: one cell, not DataTable's two (its padding on each side), so
# three columns of words fit in 40 columns.
GAP = 1
# A word is what lies between spaces; a no-break space (French "tenues : 9") is inside one.
_WORD = re.compile(r"[^ \n]+")


def cells(text: Text | str) -> int:
    """The width of the widest line of `text`."""
    plain = text.plain if isinstance(text, Text) else text
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def longest_word(text: Text | str) -> int:
    plain = text.plain if isinstance(text, Text) else text
    return max((cell_len(word) for word in _WORD.findall(plain)), default=0)


def wrap(text: Text, width: int) -> list[Text]:
    """`text`'s lines, each broken between words into lines of at most `width` cells (a word
    longer than that has a line of its own, whole); styles kept."""
    lines: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        spans: list[tuple[int, int]] = []
        for word in _WORD.finditer(plain):
            if spans and cell_len(plain[spans[-1][0] : word.end()]) <= width:
                spans[-1] = (spans[-1][0], word.end())
            else:
                spans.append((word.start(), word.end()))
        lines += [line[start:end] for start, end in spans] or [line[0:0]]
    return lines


def narrowed(widths: Sequence[int], least: Sequence[int], room: int) -> list[int]:
    """`widths` narrowed a cell at a time, the widest first, none below its `least`, until
    they add up to `room` (or each is at its least)."""
    widths = list(widths)
    while sum(widths) > room:
        narrower = [index for index in range(len(widths)) if widths[index] > least[index]]
        if not narrower:
            break
        widths[max(narrower, key=lambda index: widths[index])] -= 1
    return widths


def stack(texts: Sequence[Text]) -> Text:
    """`texts` one under the other, aligned as the first is (a time to the right)."""
    stacked = Text("\n").join(texts)
    stacked.justify = texts[0].justify if texts else None
    return stacked


@dataclass(frozen=True)
class Stacked:
    """The shown columns: each its heading, its width, and a cell per row, already wrapped;
    with the height of the header and of each row."""

    headings: list[Text]
    widths: list[int]
    rows: list[list[Text]]
    header_height: int
    heights: list[int]


def natural_width(headings: Sequence[Text], rows: Sequence[Sequence[Text]]) -> int:
    """The table's width with a column per heading, each as wide as its widest cell, and
    DataTable's padding (a cell each side)."""
    return sum(
        max([cells(heading), *(cells(row[column]) for row in rows)]) + 2
        for column, heading in enumerate(headings)
    )


def stacked(
    headings: Sequence[Text],
    rows: Sequence[Sequence[Text]],
    width: int,
    groups: Sequence[Sequence[int]],
    wraps: Sequence[int] = (),
) -> Stacked:
    """The columns in `groups` (each a shown column: the columns stacked in it), as many of
    them as fit in `width`, the last ones left out first (a table's row opens to show all of
    it); the shown columns in `wraps` may be narrowed to their longest word, their cells
    wrapped into taller rows."""
    shown_headings = [stack([headings[column] for column in group]) for group in groups]
    shown_rows = [[stack([row[column] for column in group]) for group in groups] for row in rows]
    widths = [
        max([cells(heading), *(cells(row[index]) for row in shown_rows)])
        for index, heading in enumerate(shown_headings)
    ]
    least = [
        max([longest_word(heading), *(longest_word(row[index]) for row in shown_rows)])
        if index in wraps
        else widths[index]
        for index, heading in enumerate(shown_headings)
    ]

    def total(widths: Sequence[int]) -> int:
        return sum(widths) + GAP * (len(widths) - 1)

    count = len(groups)
    while count > 1 and total(least[:count]) > width:
        count -= 1
    widths = narrowed(widths[:count], least[:count], width - GAP * (count - 1))

    def lines(text: Text, index: int) -> list[Text]:
        wrapped = wrap(text, widths[index])
        if text.justify != "right":
            return wrapped
        # Aligned here, not by DataTable: it would align to the column's edge, past the gap.
        return [
            Text(" " * (widths[index] - line.cell_len), justify="left") + line for line in wrapped
        ]

    header = [lines(heading, index) for index, heading in enumerate(shown_headings[:count])]
    body = [[lines(cell, index) for index, cell in enumerate(row[:count])] for row in shown_rows]
    return Stacked(
        headings=[stack(heading) for heading in header],
        # The gap is the end of every column but the last (DataTable pads a cell to its width).
        widths=[width + (GAP if index < count - 1 else 0) for index, width in enumerate(widths)],
        rows=[[stack(cell) for cell in row] for row in body],
        header_height=max((len(heading) for heading in header), default=1),
        heights=[max(len(cell) for cell in row) for row in body],
    )


def fitted(
    headings: Sequence[Text],
    rows: Sequence[Sequence[Text]],
    room: int,
    groups: Sequence[Sequence[int]],
    wraps: Sequence[int] = (),
) -> Stacked | None:
    """How the table fits `room`: None when a column each fits as DataTable draws them; else
    a column each a cell apart while that fits; else stacked as `groups` says."""
    if natural_width(headings, rows) <= room:
        return None
    apart = stacked(headings, rows, room, [(column,) for column in range(len(headings))])
    if len(apart.widths) == len(headings) and sum(apart.widths) <= room:
        return apart
    return stacked(headings, rows, room, groups, wraps)


class FittedTable(DataTable[Any]):
    """A DataTable given its headings (add_columns) and rows (add_rows, clear) as any other,
    that lays them out anew when its width changes: a column each while they fit on one line
    (as a DataTable draws them), else stacked as GROUPS says."""

    # The shown columns when stacked: each the columns (by index) stacked in it.
    GROUPS: ClassVar[Sequence[Sequence[int]]] = ()
    # The shown columns whose cells may wrap into taller rows.
    WRAPS: ClassVar[Sequence[int]] = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._headings: list[Any] = []
        self._cells: list[tuple[Any, ...]] = []
        self._laid_out: Stacked | None = None
        self._room = 0

    def room(self) -> int | None:
        """The width the columns may take (a vertical scrollbar's kept, so showing one never
        changes it); None before the table has a size."""
        if not self.size.width:
            return None
        return self.size.width - self.styles.scrollbar_size_vertical

    def _stacked(self) -> Stacked | None:
        """The stacked layout, or None when a column each fits."""
        room = self.room()
        headings = [as_text(heading) for heading in self._headings]
        rows = [[as_text(cell) for cell in row] for row in self._cells]
        if room is None or not self.GROUPS:
            return None
        return fitted(headings, rows, room, self.GROUPS, self.WRAPS)

    def add_columns(self, *labels: Any) -> list[ColumnKey]:
        self._headings += labels
        self._lay_out()
        return list(self.columns)

    def add_rows(self, rows: Iterable[Iterable[Any]]) -> list[RowKey]:
        new = [tuple(row) for row in rows]
        self._cells += new
        if self._laid_out is None and self._stacked() is None:
            return super().add_rows(new)
        self._lay_out()
        return list(self.rows)[-len(new) :] if new else []

    def clear(self, columns: bool = False) -> Self:
        self._cells = []
        if columns:
            self._headings = []
        return super().clear(columns)

    def on_resize(self) -> None:
        if self.room() != self._room:
            self._lay_out()

    def _lay_out(self) -> None:
        """Every column and row again, for the width now; the cursor kept on its row."""
        row, scroll_y = self.cursor_row, self.scroll_y
        self._room = self.room() or 0
        laid_out = self._laid_out = self._stacked()
        super().clear(columns=True)
        if laid_out is None:
            self.cell_padding = 1
            self.header_height = 1
            super().add_columns(*self._headings)
            super().add_rows(self._cells)
        else:
            # The gap between stacked columns is in their cells.
            self.cell_padding = 0
            self.header_height = laid_out.header_height
            for heading, width in zip(laid_out.headings, laid_out.widths, strict=True):
                self.add_column(heading, width=width)
            for cells, height in zip(laid_out.rows, laid_out.heights, strict=True):
                self.add_row(*cells, height=height)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)
            self.scroll_y = scroll_y


def as_text(cell: object) -> Text:
    return cell if isinstance(cell, Text) else Text(str(cell))
