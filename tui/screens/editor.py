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
from tui.domain.routine import (
    Routine,
    Stretch,
    format_duration,
    shown_instructions,
    shown_name,
    shown_routine_name,
)
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
from tui.i18n import N_, _
from tui.messages import ask_to_save
from tui.paths import styles_dir
from tui.screens.confirm import ConfirmScreen
from tui.screens.stretch_form import PausesForm, StretchForm
from tui.widgets.figure import Figure
from tui.widgets.footer import SuppleFooter
from tui.widgets.routine_table import RoutineTable

if TYPE_CHECKING:
    from tui.app import SuppleApp

# A new stretch's name until the person gives it one: stored in the language in use, since
# the stretch is theirs from then on.
NEW_STRETCH_NAME = N_("New stretch")
# Below this many rows the instructions of the selected step are hidden to leave the table room.
SHORT_SCREEN_ROWS = 20


class EditorScreen(Screen[None]):
    """The whole routine, every change saved as it is made and undoable with `u`."""

    BINDING_GROUP_TITLE = N_("Editor")
    # Loaded when the screen is first shown, so start-up parses only the home styles.
    CSS_PATH = styles_dir() / "editor.tcss"

    # Ordered by how often they are wanted.
    # The two moves share one footer item ("⇧↑↓ Move"); both keep a description for help.
    # Tooltips are what help says (and hovering the footer shows). Descriptions are footer
    # labels: translations keep them short, or a narrow footer leaves keys out.
    BINDINGS = [
        Binding(
            "space",
            "toggle_enabled",
            # Translators: footer key label: keep very short.
            N_("On/off"),
            id="editor.toggle",
            tooltip=N_("Turn the step on or off (off: it stays here, skipped in the flow)"),
        ),
        Binding(
            "shift+up,K",
            "move(-1)",
            # Translators: footer key label (a verb) for moving a step up or down: keep very
            # short.
            N_("Move"),
            id="editor.move_up",
            key_display="⇧↑↓",
            tooltip=N_("Move the step up"),
        ),
        Binding(
            "shift+down,J",
            "move(1)",
            N_("Move down"),
            id="editor.move_down",
            show=False,
            tooltip=N_("Move the step down"),
        ),
        Binding(
            "a",
            "add",
            # Translators: footer key label (a verb): keep very short.
            N_("Add"),
            id="editor.add",
            tooltip=N_("Add a stretch of your own"),
        ),
        Binding(
            "d",
            "delete",
            # Translators: footer key label (a verb): keep very short.
            N_("Delete"),
            id="editor.delete",
            tooltip=N_("Delete the step (asks first)"),
        ),
        Binding(
            "u",
            "undo",
            # Translators: footer key label (a verb): keep very short.
            N_("Undo"),
            id="editor.undo",
            tooltip=N_("Undo the last change"),
        ),
        # The rarer keys are left to help (?), so an 80-column footer shows every key it
        # lists, quit included.
        Binding(
            "p",
            "pauses",
            N_("Pauses"),
            id="editor.pauses",
            show=False,
            tooltip=N_("Get-ready and switch-sides pauses"),
        ),
        Binding(
            "c",
            "duplicate",
            # Translators: a key's label (a verb: copy the step).
            N_("Copy"),
            id="editor.duplicate",
            show=False,
            tooltip=N_("Copy the step"),
        ),
        Binding(
            "ctrl+r",
            "reset",
            # Translators: a key's label (a verb).
            N_("Reset"),
            id="editor.reset",
            show=False,
            tooltip=N_("Reset to the default flow (asks first)"),
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
            yield Label(_("Edit the flow"), id="editor-title")
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

    def language_changed(self) -> None:
        """Every word again in the language now in use (SuppleApp.change_language calls it):
        the screen is kept, and with it what `u` can undo."""
        self.query_one("#editor-title", Label).update(_("Edit the flow"))
        self._show(self.selected)
        # What it said was in the language before.
        self.say("")

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
            if stored.stretches == before.stretches:
                # Translators: u is a key.
                self.say(_("Updated: the pauses changed in settings · u undoes it"))
            else:
                # Translators: u is a key.
                self.say(_("Updated: the flow changed · u undoes it"))

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
        # Translators: the editor's summary line: the routine's name, how long the flow takes
        # (e.g. "7 min 30 s"), how many of its steps are on, and its two pauses in seconds.
        summary = _(
            "{routine} · total {duration} · {on} of {steps} on · "
            "get ready {ready} s · switch sides {switch} s"
        ).format(
            routine=shown_routine_name(routine),
            duration=format_duration(routine.total_seconds()),
            on=enabled,
            steps=len(routine.stretches),
            ready=routine.ready_s,
            switch=routine.switch_s,
        )
        self.query_one("#editor-summary", Label).update(Content(summary))
        self.table.show(routine, select)
        self._show_detail()

    def _show_detail(self) -> None:
        stretches = self.routine.stretches
        if not 0 <= self.selected < len(stretches):
            return
        stretch = stretches[self.selected]
        # Translators: a stretch written by the person, or one Supple comes with.
        kind = _("custom") if stretch.custom else _("built-in")
        # Translators: of a step turned off in the editor.
        state = "" if stretch.enabled else " · " + _("off: skipped in the flow")
        # Translators: enter is a key.
        instructions = shown_instructions(stretch) or _("No instructions yet: enter to add some.")
        # Rich Text, not markup: a custom name or instructions may hold square brackets.
        self.query_one("#editor-detail", Static).update(
            Text.assemble((shown_name(stretch), "bold"), f" · {kind}{state}\n", instructions)
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
            self.say(_("Nothing changed"))
            return
        ask_to_save(self, RoutineChange(current))
        self._show(select)
        # Translators: done is what the edit did, e.g. "Moved Low lunge up"; u is a key.
        self.say(_("{done} · saved (u undoes)").format(done=message))

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
            name = shown_name(stretch)
            # Translators: name is a stretch's name.
            moved = _("Moved {name} up") if delta < 0 else _("Moved {name} down")
            self.apply(new, index + delta, moved.format(name=name))

        self._try(edit)

    def action_toggle_enabled(self) -> None:
        index, stretch = self._stretch()

        def edit() -> None:
            new = toggle_enabled(self.routine, index)
            if stretch.enabled:
                # Translators: name is a stretch's name, just turned off in the editor.
                done = _("{name} is off: it stays here, skipped in the flow")
            else:
                # Translators: name is a stretch's name, just turned on in the editor.
                done = _("{name} is on")
            self.apply(new, index, done.format(name=shown_name(stretch)))

        self._try(edit)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row
        name = shown_name(self.routine.stretches[index])
        # Translators: name is a stretch's name.
        changed = _("Changed {name}").format(name=name)
        self._edit_in_form(StretchForm(self.routine, index), index, changed)

    def action_add(self) -> None:
        after = self.selected if self.routine.stretches else None
        candidate, index = add_custom(self.routine, _(NEW_STRETCH_NAME), after=after)

        # The form edits a routine that already holds the new stretch, so Cancel adds nothing.
        def saved(routine: Routine) -> str:
            # Translators: name is the name of the stretch just added.
            return _("Added {name}").format(name=shown_name(routine.stretches[index]))

        self._edit_in_form(StretchForm(candidate, index, new=True), index, saved)

    def action_duplicate(self) -> None:
        index, stretch = self._stretch()
        # Translators: name is the name of the stretch just copied.
        copied = _("Copied {name}").format(name=shown_name(stretch))
        self._try(lambda: self.apply(duplicate(self.routine, index), index + 1, copied))

    def action_delete(self) -> None:
        index, stretch = self._stretch()
        try:
            without = delete(self.routine, index)
        except EditError as error:
            self.say(error.message, error=True)
            return
        before = self.routine
        name = shown_name(stretch)

        def answered(yes: bool | None) -> None:
            # An edit made meanwhile (none can be, the question is modal) would make it stale.
            if yes and self.routine is before:
                # Translators: name is the name of the stretch just deleted.
                self.apply(without, index, _("Deleted {name}").format(name=name))

        # Translators: name is a stretch's name; u is a key.
        question = _("Delete “{name}”? u undoes it.").format(name=name)
        # Translators: the answers to deleting a step (buttons: keep short).
        self.app.push_screen(ConfirmScreen(question, _("Delete"), _("Keep")), answered)

    def action_reset(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(reset(), 0, _("Reset to the default flow"))

        self.app.push_screen(
            ConfirmScreen(
                # Translators: u is a key.
                _(
                    "Reset to the default flow? Custom stretches and changed doses are "
                    "dropped; u undoes it."
                ),
                # Translators: the answers to resetting the flow (buttons: keep short).
                _("Reset"),
                _("Keep"),
            ),
            answered,
        )

    def action_undo(self) -> None:
        assert self.history is not None
        undone = self.routine
        routine = self.history.undo()
        if routine is None:
            self.say(_("Nothing to undo"), error=True)
            return
        ask_to_save(self, RoutineChange(routine))
        self._show(_first_difference(undone, routine, self.selected))
        self.say(_("Undone · saved"))

    def action_pauses(self) -> None:
        self._edit_in_form(PausesForm(self.routine), self.selected, _("Changed the pauses"))

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
