"""A small column chart of weekly completion: one column per week, heights in eighths of a cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.domain.history import WeekSummary

# Bottom-aligned block elements: zero to eight eighths of a cell.
_EIGHTHS = " ▁▂▃▄▅▆▇█"
_BAR_WIDTH = 2
_COLUMN_WIDTH = _BAR_WIDTH + 1
_LABEL_ROWS = 2
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def column_cells(completion: float, rows: int) -> list[str]:
    """One week's column from top to bottom, each cell a block of 0–8 eighths."""
    eighths = round(min(1.0, max(0.0, completion)) * rows * 8)
    cells = []
    for row in range(rows - 1, -1, -1):
        cells.append(_EIGHTHS[min(8, max(0, eighths - row * 8))])
    return cells


def fitting_weeks(width: int, total: int) -> int:
    """How many columns fit in `width` cells: at least one, at most `total`."""
    return max(1, min(total, (width + 1) // _COLUMN_WIDTH))


class WeekChart(Widget):
    """Completion of recent weeks, oldest left; a narrow chart drops the oldest weeks first."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "weekchart--bar",
        "weekchart--full",
        "weekchart--current",
        "weekchart--zero",
        "weekchart--label",
    }

    DEFAULT_CSS = """
    WeekChart {
        height: 6;
        width: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._weeks: Sequence[WeekSummary] = ()

    def show(self, weeks: Sequence[WeekSummary]) -> None:
        """Chart these weeks, oldest first; the last is the current week."""
        self._weeks = list(weeks)
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(1, len(self._weeks) * _COLUMN_WIDTH - 1)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        if not self._weeks:
            return text
        width, height = self.content_size
        weeks = self._weeks[-fitting_weeks(width, len(self._weeks)) :]
        rows = max(1, height - _LABEL_ROWS)
        styles = {
            name: self.get_component_rich_style(f"weekchart--{name}")
            for name in ("bar", "full", "current", "zero", "label")
        }
        columns = [column_cells(week.completion, rows) for week in weeks]
        for row in range(rows):
            if row:
                text.append("\n")
            for index, week in enumerate(weeks):
                cell = columns[index][row]
                if week.completion == 0 and row == rows - 1:
                    # A faint floor, so an empty week reads as "nothing" rather than "missing".
                    text.append("▁" * _BAR_WIDTH, styles["zero"])
                else:
                    name = "current" if index == len(weeks) - 1 else "bar"
                    if week.completion >= 1 and name == "bar":
                        name = "full"
                    text.append(cell * _BAR_WIDTH, styles[name])
                if index < len(weeks) - 1:
                    text.append(" ")
        days = " ".join(f"{week.start.day:>{_BAR_WIDTH}}" for week in weeks)
        text.append("\n" + days, styles["label"])
        months = [" "] * (len(weeks) * _COLUMN_WIDTH + 3)
        previous_month = None
        for index, week in enumerate(weeks):
            if week.start.month != previous_month:
                column = index * _COLUMN_WIDTH
                months[column : column + 3] = _MONTHS[week.start.month - 1]
                previous_month = week.start.month
        text.append("\n" + "".join(months).rstrip(), styles["label"])
        return text
