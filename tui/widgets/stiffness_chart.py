"""Stiffness before and after the flow by week: a pair of columns a week, before on the left.

Drawn by hand, like the 12-week chart beside it, rather than with textual-plotext: the same
eighth-cell columns and week labels read as one screen, the pair's order tells before from
after without colour (NO_COLOR), and the history screen loads no plotting library.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.domain.session import STIFFNESS_MAX
from tui.domain.stiffness import WeekStiffness

# Bottom-aligned block elements: zero to eight eighths of a cell.
_EIGHTHS = " ▁▂▃▄▅▆▇█"
_AXIS_WIDTH = 3  # "10┤"
_PAIR_WIDTH = 2  # before, after
_COLUMN_WIDTH = _PAIR_WIDTH + 1
_LABEL_ROWS = 2
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def bar_cells(value: float | None, rows: int) -> list[str]:
    """One bar from top to bottom; a rating of 0 still shows a sliver, so it reads as given."""
    if value is None:
        return [" "] * rows
    eighths = max(1, round(min(STIFFNESS_MAX, max(0.0, value)) / STIFFNESS_MAX * rows * 8))
    return [_EIGHTHS[min(8, max(0, eighths - row * 8))] for row in range(rows - 1, -1, -1)]


def fitting_weeks(width: int, total: int) -> int:
    """How many weeks fit in `width` cells beside the axis: at least one, at most `total`."""
    return max(1, min(total, (width - _AXIS_WIDTH + 1) // _COLUMN_WIDTH))


class StiffnessChart(Widget):
    """Weeks oldest left; a narrow chart drops the oldest weeks first."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "stiffnesschart--before",
        "stiffnesschart--after",
        "stiffnesschart--none",
        "stiffnesschart--label",
    }

    DEFAULT_CSS = """
    StiffnessChart {
        height: 7;
        width: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._weeks: Sequence[WeekStiffness] = ()

    def show(self, weeks: Sequence[WeekStiffness]) -> None:
        """Chart these weeks, oldest first."""
        self._weeks = list(weeks)
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        fitting = fitting_weeks(container.width, len(self._weeks)) if self._weeks else 1
        return _AXIS_WIDTH + max(1, fitting * _COLUMN_WIDTH - 1)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        if not self._weeks:
            return text
        width, height = self.content_size
        weeks = self._weeks[-fitting_weeks(width, len(self._weeks)) :]
        rows = max(1, height - _LABEL_ROWS)
        styles = {
            name: self.get_component_rich_style(f"stiffnesschart--{name}")
            for name in ("before", "after", "none", "label")
        }
        columns = [(bar_cells(w.before, rows), bar_cells(w.after, rows)) for w in weeks]
        for row in range(rows):
            if row:
                text.append("\n")
            axis = "10┤" if row == 0 else (" 0┤" if row == rows - 1 else "  │")
            text.append(axis, styles["label"])
            for index, week in enumerate(weeks):
                before, after = columns[index]
                if week.rated == 0 and row == rows - 1:
                    # A faint dot: no rating that week, which is not the same as 0.
                    text.append("· ", styles["none"])
                else:
                    text.append(before[row], styles["before"])
                    text.append(after[row], styles["after"])
                if index < len(weeks) - 1:
                    text.append(" ")
        days = " ".join(f"{week.start.day:>{_PAIR_WIDTH}}" for week in weeks)
        text.append("\n" + " " * _AXIS_WIDTH + days, styles["label"])
        months = [" "] * (len(weeks) * _COLUMN_WIDTH + 3)
        previous_month = None
        for index, week in enumerate(weeks):
            if week.start.month != previous_month:
                column = index * _COLUMN_WIDTH
                months[column : column + 3] = _MONTHS[week.start.month - 1]
                previous_month = week.start.month
        text.append("\n" + " " * _AXIS_WIDTH + "".join(months).rstrip(), styles["label"])
        return text
