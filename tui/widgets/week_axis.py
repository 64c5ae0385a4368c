"""What the two week charts share: bars of eighth blocks, and the days and months under them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Generic, TypeVar

from rich.text import Text
from textual.widget import Widget

from tui.i18n import SOURCE_LANGUAGE, language

WeekT = TypeVar("WeekT")
# The days' and the months' lines under the bars.
LABEL_ROWS = 2

_EIGHTHS = " ▁▂▃▄▅▆▇█"
# English's short names, as Babel writes them: written here so that English, the first frame
# of `supple history` included, never wakes Babel (tui/i18n/formats.py) for them.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def eighths_column(eighths: int, rows: int) -> list[str]:
    """A bar `eighths` eighths of a cell tall, as its cells from top to bottom."""
    return [_EIGHTHS[min(8, max(0, eighths - row * 8))] for row in range(rows - 1, -1, -1)]


def month_name(month: int) -> str:
    """The month's short name in the language in use (1 is "Jan", "janv." in French)."""
    if language() == SOURCE_LANGUAGE:
        return _MONTHS[month - 1]
    from tui.i18n import formats

    return formats.month_name(month, "abbreviated")


def weekday_name(weekday: int) -> str:
    """The weekday's short name in the language in use (0 is "Mon", "Mo" in German)."""
    if language() == SOURCE_LANGUAGE:
        return _WEEKDAYS[weekday]
    from tui.i18n import formats

    return formats.day_name(weekday, "abbreviated")


def label_line(labels: Sequence[tuple[int, str]], width: int) -> str:
    """Labels at their columns on one line of at most `width` cells, a space at least between
    two: one past the end moves left to fit, and where two would touch the earlier one gives
    way, so the newest month is always named and the line never wraps (issue 27 item 1)."""
    cells = [" "] * width
    limit = width  # the first cell the next label to the left must stay clear of, less a space
    for column, label in sorted(labels, reverse=True):
        at = min(column, width - len(label))
        if at < 0 or at + len(label) > limit:
            continue
        cells[at : at + len(label)] = label
        limit = at - 1
    return "".join(cells).rstrip()


def date_lines(starts: Sequence[date], width: int, column: int, indent: int = 0) -> str:
    """Under columns `column` cells apart: each week's first day, `width` cells wide, then
    each month's name under its first week, both lines after `indent` cells."""
    margin = "\n" + " " * indent
    days = " ".join(f"{start.day:>{width}}" for start in starts)
    labels = []
    previous_month = None
    for index, start in enumerate(starts):
        if start.month != previous_month:
            labels.append((index * column, month_name(start.month)))
            previous_month = start.month
    return margin + days + margin + label_line(labels, len(days))


class WeeksChart(Widget, Generic[WeekT]):
    """Bars of weeks, oldest left, over their dates; a narrow chart drops the oldest first."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._weeks: Sequence[WeekT] = ()

    def show(self, weeks: Sequence[WeekT]) -> None:
        """Chart these weeks, oldest first."""
        self._weeks = list(weeks)
        self.refresh(layout=True)

    def fitting(self, width: int) -> int:
        """How many weeks fit in `width` cells: at least one, at most all."""
        raise NotImplementedError

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        if self._weeks:
            width, height = self.content_size
            weeks = self._weeks[-self.fitting(width) :]
            self.draw(text, weeks, max(1, height - LABEL_ROWS))
        return text

    def draw(self, text: Text, weeks: Sequence[WeekT], rows: int) -> None:
        """Append the bars of `weeks`, `rows` tall, and the dates under them to `text`."""
        raise NotImplementedError
