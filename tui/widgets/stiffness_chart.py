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

from tui.domain.session import STIFFNESS_MAX
from tui.domain.stiffness import WeekStiffness
from tui.widgets.week_axis import WeeksChart, date_lines, eighths_column

# Bottom-aligned block elements: zero to eight eighths of a cell.
_AXIS_WIDTH = 3  # "10┤"
_PAIR_WIDTH = 2  # before, after
_COLUMN_WIDTH = _PAIR_WIDTH + 1


def bar_cells(value: float | None, rows: int) -> list[str]:
    """One bar from top to bottom; a rating of 0 still shows a sliver, so it reads as given."""
    if value is None:
        return [" "] * rows
    eighths = max(1, round(min(STIFFNESS_MAX, max(0.0, value)) / STIFFNESS_MAX * rows * 8))
    return eighths_column(eighths, rows)


def fitting_weeks(width: int, total: int) -> int:
    """How many weeks fit in `width` cells beside the axis: at least one, at most `total`."""
    return max(1, min(total, (width - _AXIS_WIDTH + 1) // _COLUMN_WIDTH))


class StiffnessChart(WeeksChart[WeekStiffness]):
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

    def fitting(self, width: int) -> int:
        return fitting_weeks(width, len(self._weeks))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        fitting = fitting_weeks(container.width, len(self._weeks)) if self._weeks else 1
        return _AXIS_WIDTH + max(1, fitting * _COLUMN_WIDTH - 1)

    def draw(self, text: Text, weeks: Sequence[WeekStiffness], rows: int) -> None:
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
        starts = [week.start for week in weeks]
        lines = date_lines(starts, _PAIR_WIDTH, _COLUMN_WIDTH, indent=_AXIS_WIDTH)
        text.append(lines, styles["label"])
