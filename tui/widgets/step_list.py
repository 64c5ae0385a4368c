"""The flow's steps with their doses and times: the routine screen's overview."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tui.domain.routine import Routine, format_duration


class StepList(Static):
    """A numbered table of the enabled stretches and the flow's total time."""

    def show(self, routine: Routine) -> None:
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(justify="right", style="dim", width=2)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True, style="dim")
        for number, stretch in enumerate(routine.enabled, start=1):
            table.add_row(
                str(number),
                Text(stretch.name),
                stretch.dose(),
                format_duration(routine.stretch_seconds(stretch)),
            )
        table.add_row(
            "",
            "",
            Text("total", style="bold"),
            Text(format_duration(routine.total_seconds()), style="bold"),
        )
        self.update(table)
