"""Home's overview: today's status and streak, the routine's steps, and the key that starts it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from tui.domain.home_words import status_parts
from tui.domain.routine import SAFETY_NOTE, format_duration, shown_routine_name
from tui.domain.status_words import cue_words
from tui.i18n import N_, _
from tui.paths import styles_dir
from tui.views.keys import MUTE_ACTIONS, MUTE_BINDINGS, mute_key_shown, toggle_mute
from tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from tui.app import SuppleApp


# Translators: home's hint under the steps; "enter" is the key's name, kept as it is.
START_HINT = N_("Press enter to begin.")


class Overview(Vertical, can_focus=True):
    """What home shows before and between runs; `enter` asks its screen to start the flow."""

    # Read with the app's own stylesheet: the overview is the first frame (SuppleApp.CSS_PATH).
    STYLESHEET = styles_dir() / "overview.tcss"
    # Translators: the title of home's keys in help (the routine screen).
    BINDING_GROUP_TITLE = N_("Routine")
    BINDINGS = [
        # Translators: footer key label (keep it very short): start the flow.
        Binding(
            "enter", "start", N_("Start"), id="routine.start", tooltip=N_("Start today's flow")
        ),
        *MUTE_BINDINGS,
    ]

    def __init__(self, *, start: Callable[[], None], id: str | None = None) -> None:
        super().__init__(id=id)
        # Called, not posted: the question it may open must be there for the very next key
        # (enter then 5, typed fast, answers "how stiff" with 5), and a message would only
        # reach the screen after the keys already typed.
        self._start = start

    @property
    def supple(self) -> SuppleApp:
        return cast("SuppleApp", self.app)

    def compose(self) -> ComposeResult:
        yield Label(id="today-status")
        yield Label(id="routine-name")
        # On a short terminal only the steps scroll: the note and the hint stay in view.
        with VerticalScroll(id="step-scroll", can_focus=False):
            yield StepList(id="step-list")
        yield Static(_(SAFETY_NOTE), id="safety-note")
        yield Label(_(START_HINT), id="start-hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MUTE_ACTIONS:
            return mute_key_shown(action, self.supple.muted)
        return True

    def refresh_all(self) -> None:
        """The routine as stored now (the editor may have changed it), the status, the cues."""
        routine = self.supple.saver.routine()
        self.query_one("#routine-name", Label).update(
            Content(f"{shown_routine_name(routine)} · {format_duration(routine.total_seconds())}")
        )
        self.query_one(StepList).show(routine)
        # In the first frame, with the streak: the summary kept beside the sessions makes it
        # quick to read at any history size, and a line filled in after the first frame
        # would cost a second full frame at once (bench/README.md).
        self.refresh_status()
        self.show_cues()

    def refresh_status(self) -> None:
        """Done today or not, the streak, and the strength once there is any."""
        parts = status_parts(self.supple.history_stats())
        self.query_one("#today-status", Label).update("  ·  ".join(parts))

    def show_cues(self) -> None:
        """The cue mode, muted or not, and practice speed, beside the start hint."""
        supple = self.supple
        cues = cue_words(supple.muted, supple.cue_output.mode)
        if supple.speed != 1:
            # Translators: after the cue mode on home; {speed} is how many times faster a
            # practice run goes (2, 0.5).
            cues += _(" · practice at {speed}× speed").format(speed=f"{supple.speed:g}")
        hint = Content.assemble(_(START_HINT), "  ·  ", (cues, "not bold dim"))
        self.query_one("#start-hint", Label).update(hint)

    def language_changed(self) -> None:
        """Everything it says, again in the language now in use (SuppleApp.change_language)."""
        self.query_one("#safety-note", Static).update(_(SAFETY_NOTE))
        self.refresh_all()

    def action_start(self) -> None:
        self._start()

    def action_mute(self) -> None:
        toggle_mute(self)
        self.show_cues()

    def action_unmute(self) -> None:
        self.action_mute()
