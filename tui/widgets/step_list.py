"""The flow's steps with their doses and times: the routine screen's overview."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from tui.domain.routine import Routine, format_duration, shown_name
from tui.i18n import _

# Below this width a step's dose goes on a line of its own under its name, so neither the
# name nor the dose is cut to nothing.
NARROW_WIDTH = 56
NUMBER_CELLS = 2
GAP = "  "


class StepList(Widget):
    """A numbered table of the enabled stretches and the flow's total time: the number, the
    name (cut with "…" when the row is too narrow), the dose, then the time at the right.

    Drawn as lines of text laid out here, not as a Rich table: this is on the first screen,
    and measuring and drawing a table costs the first frame several milliseconds."""

    DEFAULT_CSS = """
    StepList {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[tuple[str, str, str]] = []  # name, dose, time
        self._total = ""

    def show(self, routine: Routine) -> None:
        self._rows = [
            (shown_name(stretch), stretch.dose(), format_duration(routine.stretch_seconds(stretch)))
            for stretch in routine.enabled
        ]
        self._total = format_duration(routine.total_seconds())
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        per_row = 2 if width < NARROW_WIDTH else 1
        return len(self._rows) * per_row + 1

    def render(self) -> RenderResult:
        return self.table(self.size.width)

    def table(self, width: int) -> Content:
        """The lines at `width` cells: the dose in a column of its own, or under the name."""
        narrow = width < NARROW_WIDTH
        # Translators: the label of the flow's total time, at the foot of home's step list.
        total = _("total")
        times = [time for _name, _dose, time in self._rows]
        time_cells = max(Content(text).cell_length for text in [*times, self._total])
        if narrow:
            dose_cells = 0
            name_cells = width - NUMBER_CELLS - time_cells - 2 * len(GAP)
        else:
            doses = [dose for _name, dose, _time in self._rows]
            dose_cells = max(Content(text).cell_length for text in [*doses, total])
            name_cells = width - NUMBER_CELLS - dose_cells - time_cells - 3 * len(GAP)
        name_cells = max(1, name_cells)

        def cell(text: str | Content, cells: int) -> Content:
            content = text if isinstance(text, Content) else Content(text)
            return content.truncate(cells, ellipsis=True, pad=True)

        def time(text: str, style: str) -> Content:
            return Content.styled(text.rjust(time_cells), style)

        # The number's gap takes its dim style, and "total" its bold, as a Rich grid draws them.
        number_blank = Content(" " * NUMBER_CELLS + GAP)
        lines: list[Content] = []
        for number, (name, dose, step_time) in enumerate(self._rows, start=1):
            number_cell = Content.styled(str(number).rjust(NUMBER_CELLS) + GAP, "dim")
            if narrow:
                lines.append(
                    Content.assemble(
                        number_cell, cell(name, name_cells), GAP, time(step_time, "dim")
                    )
                )
                dose_cell = cell(dose, name_cells).stylize("dim")
                lines.append(Content.assemble(number_blank, dose_cell, GAP, " " * time_cells))
            else:
                lines.append(
                    Content.assemble(
                        number_cell,
                        cell(name, name_cells),
                        GAP,
                        cell(dose, dose_cells),
                        GAP,
                        time(step_time, "dim"),
                    )
                )
        if narrow:
            total_cell = Content.styled(total.rjust(name_cells), "bold")
            lines.append(
                Content.assemble(number_blank, total_cell, GAP, time(self._total, "bold dim"))
            )
        else:
            lines.append(
                Content.assemble(
                    number_blank,
                    " " * name_cells,
                    GAP,
                    Content.styled(total.ljust(dose_cells), "bold"),
                    GAP,
                    time(self._total, "bold dim"),
                )
            )
        return Content("\n").join(lines)
