"""The editor's table of every step, enabled or not, with its dose and time in the flow."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.domain.routine import Routine, Stretch, format_duration

# Names may be 60 characters long; beyond this the table would push "On" off an 80-column
# screen. The detail line under the table shows the whole name.
NAME_WIDTH = 30
CUSTOM_TAG = " · custom"
_COLUMNS = (
    ("position", "#"),
    ("name", "Stretch"),
    ("dose", "Dose"),
    ("time", "Time"),
    ("enabled", "On"),
)


def _name_cell(stretch: Stretch, style: str) -> Text:
    tag = CUSTOM_TAG if stretch.custom else ""
    room = NAME_WIDTH - len(tag)
    name = stretch.name if len(stretch.name) <= room else stretch.name[: room - 1] + "…"
    cell = Text(name, style=style)
    if tag:
        cell.append(tag, style="dim italic")
    return cell


class RoutineTable(DataTable[Text]):
    """One row per stretch, keyed by the stretch's key; disabled rows stay, dimmed and 'off'."""

    BINDING_GROUP_TITLE = "Steps"
    # DataTable's own `enter` is hidden from the footer; here it is the way to edit a step.
    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Edit",
            id="editor.edit",
            tooltip="Change the step's dose (and a custom step's words)",
        )
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)

    def show(self, routine: Routine, select: int = 0) -> None:
        """Redraw every row from `routine` and put the cursor on row `select`."""
        rows = [
            (
                stretch.key,
                (
                    Text(str(position), style="dim", justify="right"),
                    _name_cell(stretch, "" if stretch.enabled else "dim"),
                    Text(stretch.dose(), style="" if stretch.enabled else "dim"),
                    Text(
                        format_duration(routine.stretch_seconds(stretch)),
                        style="" if stretch.enabled else "dim",
                        justify="right",
                    ),
                    Text("on") if stretch.enabled else Text("off", style="dim italic"),
                ),
            )
            for position, stretch in enumerate(routine.stretches, start=1)
        ]
        # Columns too, so a column shrinks back when its longest cell is gone. Their widths
        # are measured here, not left to DataTable: it measures on idle, and a table redrawn
        # while a form closes over it was drawn first with header-wide columns and kept
        # those lines cut ("Seated", "6 re") until the cursor passed over them.
        self.clear(columns=True)
        for column, (key, label) in enumerate(_COLUMNS):
            width = max([cell_len(label), *(cell_len(cells[column].plain) for _, cells in rows)])
            self.add_column(label, key=key, width=width)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        if routine.stretches:
            self.move_cursor(row=max(0, min(select, len(routine.stretches) - 1)))
