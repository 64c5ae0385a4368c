"""The editor's table of every step, enabled or not, with its dose and time in the flow."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.domain.routine import Routine, Stretch, format_duration, shown_name
from tui.i18n import N_, _, pgettext
from tui.widgets.table_fit import cells, fitted, stacked

# Names may be 60 characters long; beyond this the table would push "On" off an 80-column
# screen. The detail line under the table shows the whole name.
NAME_WIDTH = 30
# Translators: after the name of a stretch the person made themselves, in the editor's table.
CUSTOM_TAG = N_(" · custom")
# The editor table's column headings, each worked out when shown, in the language in use then.
_COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("position", lambda: "#"),
    # Translators: editor table heading: the stretch's name (a noun).
    ("name", lambda: _("Stretch")),
    # Translators: editor table heading: how long or how many times a stretch is done.
    ("dose", lambda: _("Dose")),
    # Translators: editor table heading: the stretch's time in the flow (m:ss), a length of
    # time, not a time of day.
    ("time", lambda: pgettext("length of a step", "Time")),
    # Translators: editor table heading: whether the step is in the flow ("on" or "off").
    ("enabled", lambda: _("On")),
)
# Too narrow for a column each: the dose under the name (wrapped by words), the rest as is.
STACKED_GROUPS = ((0,), (1, 2), (3,), (4,))


def _name_cell(stretch: Stretch, style: str) -> Text:
    tag = _(CUSTOM_TAG) if stretch.custom else ""
    room = NAME_WIDTH - len(tag)
    shown = shown_name(stretch)
    name = shown if len(shown) <= room else shown[: room - 1] + "…"
    cell = Text(name, style=style)
    if tag:
        cell.append(tag, style="dim italic")
    return cell


class RoutineTable(DataTable[Text]):
    """One row per stretch, keyed by the stretch's key; disabled rows stay, dimmed and 'off'."""

    # Translators: the title of the editor table's keys in help.
    BINDING_GROUP_TITLE = N_("Steps")
    # DataTable's own `enter` is hidden from the footer; here it is the way to edit a step.
    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            # Translators: footer key label (keep it very short): edit the step.
            N_("Edit"),
            id="editor.edit",
            tooltip=N_("Change the step's dose (and a custom step's words)"),
        )
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._routine: Routine | None = None
        self._room = 0

    def room(self) -> int | None:
        """The width the columns may take (a vertical scrollbar's kept, so showing one never
        changes it); None before the table has a size."""
        if not self.size.width:
            return None
        return self.size.width - self.styles.scrollbar_size_vertical

    def on_resize(self) -> None:
        if self._routine is not None and self.room() != self._room:
            self.show(self._routine, self.cursor_row)

    def show(self, routine: Routine, select: int = 0) -> None:
        """Redraw every row from `routine` and put the cursor on row `select`: a column each
        while they fit on one line, else the dose under the name, both wrapped by words."""
        self._routine = routine
        self._room = self.room() or 0
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
                    # Translators: a step that is in the flow, and one left out, in the editor.
                    Text(pgettext("step in the flow", "on"))
                    if stretch.enabled
                    else Text(pgettext("step in the flow", "off"), style="dim italic"),
                ),
            )
            for position, stretch in enumerate(routine.stretches, start=1)
        ]
        headings = [Text(heading()) for _key, heading in _COLUMNS]
        room = self.room()
        # Columns too, so a column shrinks back when its longest cell is gone. Their widths
        # are measured here, not left to DataTable: it measures on idle, and a table redrawn
        # while a form closes over it was drawn first with header-wide columns and kept
        # those lines cut ("Seated", "6 re") until the cursor passed over them.
        self.clear(columns=True)
        laid_out = (
            None
            if room is None
            else fitted(headings, [row for _, row in rows], room, STACKED_GROUPS, wraps=(1,))
        )
        if laid_out is None:
            self.cell_padding = 1
            self.header_height = 1
            for column, (key, _heading) in enumerate(_COLUMNS):
                label = headings[column]
                width = max([cells(label), *(cells(row[column]) for _, row in rows)])
                self.add_column(label.plain, key=key, width=width)
            for key, row in rows:
                self.add_row(*row, key=key)
        else:
            if room is not None and len(laid_out.widths) < len(_COLUMNS):
                # The dose dim under the name, as home's step list lays it.
                doses = [row[2].copy() for _, row in rows]
                for dose in doses:
                    dose.stylize("dim")
                shown_rows = [
                    (*row[:2], dose, *row[3:]) for (_, row), dose in zip(rows, doses, strict=True)
                ]
                laid_out = stacked(headings, shown_rows, room, STACKED_GROUPS, wraps=(1,))
            self.cell_padding = 0
            self.header_height = laid_out.header_height
            for heading, width in zip(laid_out.headings, laid_out.widths, strict=True):
                self.add_column(heading, width=width)
            for (key, _row), shown, height in zip(
                rows, laid_out.rows, laid_out.heights, strict=True
            ):
                self.add_row(*shown, key=key, height=height)
        if routine.stretches:
            self.move_cursor(row=max(0, min(select, len(routine.stretches) - 1)))
