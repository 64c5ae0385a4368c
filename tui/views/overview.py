"""Home's overview: today's status and streak, the routine's steps, and the key that starts it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from tui.domain.routine import SAFETY_NOTE, format_duration, shown_routine_name
from tui.domain.streaks import streak_label, week_of
from tui.i18n import N_, _, ngettext
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
    if longest and unit == "days":
        # Translators: home's status line, with no streak going; {n} is the longest so far.
        words = ngettext(
            "Longest streak {n} day: a new one starts today",
            "Longest streak {n} days: a new one starts today",
            longest,
        )
        return words.format(n=longest)
    if longest:
        # Translators: home's status line, with no streak going; {n} is the longest so far,
        # in weeks that each met the weekly goal.
        return ngettext("Longest streak {n} week", "Longest streak {n} weeks", longest).format(
            n=longest
        )
    # Translators: home's status line before any streak (in days, today can begin one).
    return _("No streak yet: today can start one") if unit == "days" else _("No streak yet")


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
        stats = self.supple.history_stats()
        # Translators: the start of home's status line: today's flow done, or not yet.
        status = _("Done today ✓") if stats.done_today else _("Not stretched yet today")
        parts = [
            status,
            streak_words(stats.current_streak, stats.longest_streak, stats.streak_unit),
        ]
        week = week_of(stats)
        if week is not None:
            parts.append(week)
        # Before the first done day there is no strength to speak of (it is exactly 0).
        if stats.strength.value > 0:
            # Translators: home's status line; {percent} is the habit's strength, 0 to 100.
            parts.append(_("strength {percent}%").format(percent=stats.strength.percent))
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
