"""A small column chart of weekly completion: one column per week, heights in eighths of a cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.geometry import Size

from tui.domain.history import WeekSummary
from tui.widgets.week_axis import WeeksChart, date_lines, eighths_column

# Bottom-aligned block elements: zero to eight eighths of a cell.
_BAR_WIDTH = 2
_COLUMN_WIDTH = _BAR_WIDTH + 1


def column_cells(completion: float, rows: int) -> list[str]:
    """One week's column from top to bottom, each cell a block of 0–8 eighths."""
    return eighths_column(round(min(1.0, max(0.0, completion)) * rows * 8), rows)


def fitting_weeks(width: int, total: int) -> int:
    """How many columns fit in `width` cells: at least one, at most `total`."""
    return max(1, min(total, (width + 1) // _COLUMN_WIDTH))


class WeekChart(WeeksChart[WeekSummary]):
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

    def show(self, weeks: Sequence[WeekSummary]) -> None:
        """Chart these weeks, oldest first; the last is the current week."""
        super().show(weeks)

    def fitting(self, width: int) -> int:
        return fitting_weeks(width, len(self._weeks))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(1, len(self._weeks) * _COLUMN_WIDTH - 1)

    def draw(self, text: Text, weeks: Sequence[WeekSummary], rows: int) -> None:
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
        starts = [week.start for week in weeks]
        text.append(date_lines(starts, _BAR_WIDTH, _COLUMN_WIDTH), styles["label"])
