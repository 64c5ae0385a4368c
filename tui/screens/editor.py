"""The editor: reorder, enable, dose, add, copy, delete and reset the flow's steps, with undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from tui.changes import RoutineChange
from tui.domain.figures import pose_for
from tui.domain.routine import Routine, Stretch, format_duration
from tui.domain.routine_edit import (
    EditError,
    EditHistory,
    add_custom,
    delete,
    duplicate,
    move,
    reset,
    toggle_enabled,
)
from tui.messages import ask_to_save
from tui.paths import styles_dir
from tui.screens.confirm import ConfirmScreen
from tui.screens.stretch_form import PausesForm, StretchForm
from tui.widgets.figure import Figure
from tui.widgets.footer import SuppleFooter
from tui.widgets.routine_table import RoutineTable

if TYPE_CHECKING:
    from tui.app import SuppleApp

NEW_STRETCH_NAME = "New stretch"
# Below this many rows the instructions of the selected step are hidden to leave the table room.
SHORT_SCREEN_ROWS = 20


class EditorScreen(Screen[None]):
    """The whole routine, every change saved as it is made and undoable with `u`."""

    BINDING_GROUP_TITLE = "Editor"
    # Loaded when the screen is first shown, so start-up parses only the home styles.
    CSS_PATH = styles_dir() / "editor.tcss"

    # Ordered by how often they are wanted.
    # The two moves share one footer item ("⇧↑↓ Move"); both keep a description for help.
    # Tooltips are what help says (and hovering the footer shows).
    BINDINGS = [
        Binding(
            "space",
            "toggle_enabled",
            "On/off",
            id="editor.toggle",
            tooltip="Turn the step on or off (off: it stays here, skipped in the flow)",
        ),
        Binding(
            "shift+up,K",
            "move(-1)",
            "Move",
            id="editor.move_up",
            key_display="⇧↑↓",
            tooltip="Move the step up",
        ),
        Binding(
            "shift+down,J",
            "move(1)",
            "Move down",
            id="editor.move_down",
            show=False,
            tooltip="Move the step down",
        ),
        Binding("a", "add", "Add", id="editor.add", tooltip="Add a stretch of your own"),
        Binding(
            "d", "delete", "Delete", id="editor.delete", tooltip="Delete the step (asks first)"
        ),
        Binding("u", "undo", "Undo", id="editor.undo", tooltip="Undo the last change"),
        # The rarer keys are left to help (?), so an 80-column footer shows every key it
        # lists, quit included.
        Binding(
            "p",
            "pauses",
            "Pauses",
            id="editor.pauses",
            show=False,
            tooltip="Get-ready and switch-sides pauses",
        ),
        Binding(
            "c", "duplicate", "Copy", id="editor.duplicate", show=False, tooltip="Copy the step"
        ),
        Binding(
            "ctrl+r",
            "reset",
            "Reset",
            id="editor.reset",
            show=False,
            tooltip="Reset to the default flow (asks first)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.history: EditHistory | None = None

    @property
    def supple(self) -> SuppleApp:
        return cast("SuppleApp", self.app)

    @property
    def routine(self) -> Routine:
        """The routine as edited so far (what the file holds once the saver's writes land)."""
        if self.history is None:
            self.history = EditHistory(self.supple.saver.routine())
        return self.history.current

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-body"):
            yield Label("Edit the flow", id="editor-title")
            yield Label(id="editor-summary")
            yield RoutineTable(id="editor-table")
            with Horizontal(id="editor-detail-row"):
                yield Static(id="editor-detail")
                yield Figure(size="small", id="editor-figure")
            yield Label(id="editor-status")
        yield SuppleFooter()

    def on_mount(self) -> None:
        self._show(0)
        self.app.mode_change_signal.subscribe(self, self._mode_changed, immediate=True)

    def _mode_changed(self, mode: str) -> None:
        # Edits asked for here are read back through the saver even before they land, so
        # leaving waits for nothing; coming back takes what changed elsewhere meanwhile.
        if self.app.screen is self:
            self._take_outside_change()

    def _take_outside_change(self) -> None:
        """The settings screen changes the pauses too: coming back, what is stored wins, as an
        edit of its own (u undoes it), so the next edit here never writes the old pauses back."""
        if self.history is None:
            return
        stored = self.supple.saver.routine()
        before = self.history.current
        if stored != before:
            self.history.apply(stored)
            self._show(self.selected)
            pauses_only = stored.stretches == before.stretches
            where = "the pauses changed in settings" if pauses_only else "the flow changed"
            self.say(f"Updated: {where} · u undoes it")

    # -- drawing -----------------------------------------------------------------------

    @property
    def table(self) -> RoutineTable:
        return self.query_one(RoutineTable)

    @property
    def selected(self) -> int:
        return self.table.cursor_row

    def _show(self, select: int) -> None:
        routine = self.routine
        enabled = len(routine.enabled)
        # Plain content: the routine's name is the person's (or a file's), not markup.
        self.query_one("#editor-summary", Label).update(
            Content(
                f"{routine.name} · total {format_duration(routine.total_seconds())} · "
                f"{enabled} of {len(routine.stretches)} on · "
                f"get ready {routine.ready_s} s · switch sides {routine.switch_s} s"
            )
        )
        self.table.show(routine, select)
        self._show_detail()

    def _show_detail(self) -> None:
        stretches = self.routine.stretches
        if not 0 <= self.selected < len(stretches):
            return
        stretch = stretches[self.selected]
        kind = "custom" if stretch.custom else "built-in"
        state = "" if stretch.enabled else " · off: skipped in the flow"
        instructions = stretch.instructions or "No instructions yet: enter to add some."
        # Rich Text, not markup: a custom name or instructions may hold square brackets.
        self.query_one("#editor-detail", Static).update(
            Text.assemble((stretch.name, "bold"), f" · {kind}{state}\n", instructions)
        )
        # The figure as the flow first shows it: the first side played, breathing in.
        first_side = stretch.sides.played()[0]
        figure = self.query_one("#editor-figure", Figure)
        figure.show(pose_for(stretch.figure, first_side))
        figure.display = stretch.figure is not None

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_SCREEN_ROWS, "-short")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def say(self, message: str, *, error: bool = False) -> None:
        """The status line under the table: what an edit did, or why it was refused."""
        status = self.query_one("#editor-status", Label)
        # Plain content: messages hold names a person typed, which may look like markup.
        status.update(Content(message))
        status.set_class(error, "-error")

    # -- applying edits ----------------------------------------------------------------

    def apply(self, new: Routine, select: int, message: str) -> None:
        """Make `new` the routine, save it off the event loop and redraw around `select`."""
        before = self.routine
        assert self.history is not None
        current = self.history.apply(new)
        if current is before:
            self.say("Nothing changed")
            return
        ask_to_save(self, RoutineChange(current))
        self._show(select)
        self.say(f"{message} · saved (u undoes)")

    def _try(self, edit: Callable[[], None]) -> None:
        """Run an edit; a rule it breaks is told on the status line, never raised."""
        try:
            edit()
        except EditError as error:
            self.say(error.message, error=True)

    def _stretch(self) -> tuple[int, Stretch]:
        index = self.selected
        return index, self.routine.stretches[index]

    # -- keys --------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        index, stretch = self._stretch()

        def edit() -> None:
            new = move(self.routine, index, delta)
            where = "up" if delta < 0 else "down"
            self.apply(new, index + delta, f"Moved {stretch.name} {where}")

        self._try(edit)

    def action_toggle_enabled(self) -> None:
        index, stretch = self._stretch()

        def edit() -> None:
            new = toggle_enabled(self.routine, index)
            state = "off: it stays here, skipped in the flow" if stretch.enabled else "on"
            self.apply(new, index, f"{stretch.name} is {state}")

        self._try(edit)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row
        name = self.routine.stretches[index].name
        self._edit_in_form(StretchForm(self.routine, index), index, f"Changed {name}")

    def action_add(self) -> None:
        after = self.selected if self.routine.stretches else None
        candidate, index = add_custom(self.routine, NEW_STRETCH_NAME, after=after)

        # The form edits a routine that already holds the new stretch, so Cancel adds nothing.
        def saved(routine: Routine) -> str:
            return f"Added {routine.stretches[index].name}"

        self._edit_in_form(StretchForm(candidate, index, new=True), index, saved)

    def action_duplicate(self) -> None:
        index, stretch = self._stretch()
        self._try(
            lambda: self.apply(duplicate(self.routine, index), index + 1, f"Copied {stretch.name}")
        )

    def action_delete(self) -> None:
        index, stretch = self._stretch()
        try:
            without = delete(self.routine, index)
        except EditError as error:
            self.say(error.message, error=True)
            return
        before = self.routine

        def answered(yes: bool | None) -> None:
            # An edit made meanwhile (none can be, the question is modal) would make it stale.
            if yes and self.routine is before:
                self.apply(without, index, f"Deleted {stretch.name}")

        self.app.push_screen(
            ConfirmScreen(f"Delete “{stretch.name}”? u undoes it.", "Delete", "Keep"),
            answered,
        )

    def action_reset(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(reset(), 0, "Reset to the default flow")

        self.app.push_screen(
            ConfirmScreen(
                "Reset to the default flow? Custom stretches and changed doses are dropped; "
                "u undoes it.",
                "Reset",
                "Keep",
            ),
            answered,
        )

    def action_undo(self) -> None:
        assert self.history is not None
        undone = self.routine
        routine = self.history.undo()
        if routine is None:
            self.say("Nothing to undo", error=True)
            return
        ask_to_save(self, RoutineChange(routine))
        self._show(_first_difference(undone, routine, self.selected))
        self.say("Undone · saved")

    def action_pauses(self) -> None:
        self._edit_in_form(PausesForm(self.routine), self.selected, "Changed the pauses")

    def _edit_in_form(
        self,
        form: StretchForm | PausesForm,
        select: int,
        message: str | Callable[[Routine], str],
    ) -> None:
        def done(routine: Routine | None) -> None:
            if routine is not None:
                text = message if isinstance(message, str) else message(routine)
                self.apply(routine, select, text)

        self.app.push_screen(form, done)


def _first_difference(before: Routine, after: Routine, default: int) -> int:
    """The first row that differs, so the cursor lands on what an undo brought back."""
    for index, (old, new) in enumerate(zip(before.stretches, after.stretches, strict=False)):
        if old != new:
            return index
    if len(before.stretches) != len(after.stretches):
        return min(len(before.stretches), len(after.stretches))
    return default
