"""Home's overview: today's status and streak, the routine's steps, and the key that starts it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from tui.domain.routine import SAFETY_NOTE, format_duration
from tui.domain.streaks import length_words, streak_label, week_of
from tui.paths import styles_dir
from tui.views.keys import MUTE_ACTIONS, MUTE_BINDINGS, mute_key_shown, toggle_mute
from tui.widgets.status_words import cue_words
from tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from tui.app import SuppleApp


def streak_words(current: int, longest: int, unit: str = "days") -> str:
    """The streak as home says it, in its unit; with none going, the best one so far is not
    forgotten."""
    if current:
        return streak_label(current, unit)
    # In weeks, whether this week can still start one is for the week's own words beside it
    # ("1 of 3 this week"): it may already be too late in the week.
    if longest:
        start = ": a new one starts today" if unit == "days" else ""
        return f"Longest streak {length_words(longest, unit)}{start}"
    return "No streak yet: today can start one" if unit == "days" else "No streak yet"


class Overview(Vertical, can_focus=True):
    """What home shows before and between runs; `enter` asks its screen to start the flow."""

    # Read with the app's own stylesheet: the overview is the first frame (SuppleApp.CSS_PATH).
    STYLESHEET = styles_dir() / "overview.tcss"
    BINDING_GROUP_TITLE = "Routine"
    BINDINGS = [
        Binding("enter", "start", "Start", id="routine.start", tooltip="Start today's flow"),
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
        yield Static(SAFETY_NOTE, id="safety-note")
        yield Label("Press enter to begin.", id="start-hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MUTE_ACTIONS:
            return mute_key_shown(action, self.supple.muted)
        return True

    def refresh_all(self) -> None:
        """The routine as stored now (the editor may have changed it), the status, the cues."""
        routine = self.supple.saver.routine()
        self.query_one("#routine-name", Label).update(
            Content(f"{routine.name} · {format_duration(routine.total_seconds())}")
        )
        self.query_one(StepList).show(routine)
        # In the first frame, with the streak: the summary kept beside the sessions makes it
        # quick to read at any history size, and a line filled in after the first frame
        # would cost a second full frame at once (bench/README.md).
        self.refresh_status()
        self.show_cues()

    def refresh_status(self) -> None:
        """Done today or not, the streak, and the strength once there is any."""
        stats = self.supple.history_stats()
        status = "Done today ✓" if stats.done_today else "Not stretched yet today"
        parts = [
            status,
            streak_words(stats.current_streak, stats.longest_streak, stats.streak_unit),
        ]
        week = week_of(stats)
        if week is not None:
            parts.append(week)
        # Before the first done day there is no strength to speak of (it is exactly 0).
        if stats.strength.value > 0:
            parts.append(f"strength {stats.strength.percent}%")
        self.query_one("#today-status", Label).update("  ·  ".join(parts))

    def show_cues(self) -> None:
        """The cue mode, muted or not, and practice speed, beside the start hint."""
        supple = self.supple
        cues = cue_words(supple.muted, supple.cue_output.mode)
        if supple.speed != 1:
            cues += f" · practice at {supple.speed:g}× speed"
        hint = Content.assemble("Press enter to begin.", "  ·  ", (cues, "not bold dim"))
        self.query_one("#start-hint", Label).update(hint)

    def action_start(self) -> None:
        self._start()

    def action_mute(self) -> None:
        toggle_mute(self)
        self.show_cues()

    def action_unmute(self) -> None:
        self.action_mute()
