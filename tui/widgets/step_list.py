"""The flow's steps with their doses and times: the routine screen's overview."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.widgets import Static

from tui.domain.routine import Routine, format_duration

# Below this width a step's dose goes on a line of its own under its name, so neither the
# name nor the dose is cut to nothing.
NARROW_WIDTH = 56


class StepList(Static):
    """A numbered table of the enabled stretches and the flow's total time."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._routine: Routine | None = None
        self._narrow = False

    def show(self, routine: Routine) -> None:
        self._routine = routine
        self.update(self._table(routine))

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW_WIDTH
        if narrow != self._narrow:
            self._narrow = narrow
            if self._routine is not None:
                self.show(self._routine)
                # The new table is taller (a dose under each name) or shorter, but a layout
                # asked for while this resize is being laid out is lost: ask again after it.
                self.call_after_refresh(self.refresh, layout=True)

    def _table(self, routine: Routine) -> Table:
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(justify="right", style="dim", width=2)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        if not self._narrow:
            table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True, style="dim")
        for number, stretch in enumerate(routine.enabled, start=1):
            time = format_duration(routine.stretch_seconds(stretch))
            if self._narrow:
                name = Text(stretch.name)
                name.append(f"\n{stretch.dose()}", style="dim")
                table.add_row(str(number), name, time)
            else:
                table.add_row(str(number), Text(stretch.name), stretch.dose(), time)
        total = Text(format_duration(routine.total_seconds()), style="bold")
        if self._narrow:
            table.add_row("", Text("total", style="bold", justify="right"), total)
        else:
            table.add_row("", "", Text("total", style="bold"), total)
        return table
