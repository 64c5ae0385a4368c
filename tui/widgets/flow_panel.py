"""The running flow: stretch, side, big digits, a smooth bar or a breathing bar, what comes next."""

from __future__ import annotations

import math

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from tui import figures
from tui.domain.figures import pose_for
from tui.domain.plan import PhaseKind
from tui.domain.player import View
from tui.domain.routine import format_duration, shown_instructions, shown_name
from tui.i18n import _, pgettext
from tui.widgets.big_digits import BigDigits
from tui.widgets.figure import Figure
from tui.widgets.smooth_bar import BreathBar, SmoothBar

FINAL_SECONDS = 3.0

# The flow's rows other than the instructions and the figure (title, digits, the breathing
# bar, caption, what comes next, the status line, margins: 14 at most, counted by hand; the
# figure snapshots at 100x30 show them all), the most rows the instructions take, and the
# fewest columns they may be squeezed to beside a figure.
OTHER_ROWS = 14
INSTRUCTION_ROWS = 5
MIN_TEXT_COLUMNS = 34
FIGURE_GAP = 2


def figure_place(width: int, height: int) -> tuple[str | None, bool]:
    """Where the figure goes in a flow panel of this size: its size (None: hidden) and
    whether it stands beside the instructions (else under them, above the digits). The
    digits and the bar always win: the figure only takes room they do not need."""
    for size in figures.SIZES:
        columns, rows = figures.box(size)
        if columns + FIGURE_GAP + MIN_TEXT_COLUMNS <= width and rows + OTHER_ROWS <= height:
            return size, True
        if columns <= width and rows + INSTRUCTION_ROWS + OTHER_ROWS <= height:
            return size, False
    return None, False


def digits_text(seconds: float) -> str:
    """Whole seconds left, rounded up so '1' shows during the last second and '0' at the end."""
    whole = math.ceil(max(0.0, seconds) - 1e-9)
    return str(whole) if whole < 60 else format_duration(whole)


def shown_progress(view: View, *, stepped: bool) -> float:
    """How full the bar is: smooth, or (reduced motion) in whole seconds, as the digits move."""
    if not stepped or view.phase.duration <= 0:
        return view.progress
    return min(1.0, math.floor(view.elapsed + 1e-9) / view.phase.duration)


def side_words(side: str | None) -> str:
    """'left side', 'right side', or nothing for a stretch without sides."""
    if side == "left":
        # Translators: the side of the body a stretch is held on now, in the flow's title.
        return pgettext("side of the body", "left side")
    if side == "right":
        # Translators: the side of the body a stretch is held on now, in the flow's title.
        return pgettext("side of the body", "right side")
    return ""


def caption(view: View) -> str:
    """The line under the digits that says what to do now; paused, it still names the phase."""
    if view.paused:
        # Translators: under the paused flow's digits; {phase} is what was going on ("Hold ·
        # left side"); "space" is the key's name, kept as it is.
        return _("Paused · {phase} · space to resume").format(phase=phase_words(view))
    if view.resuming is not None:
        # Translators: the countdown before a paused flow goes on; {seconds} is 3, 2 or 1.
        return _("Resuming in {seconds}…").format(seconds=math.ceil(view.resuming))
    return phase_words(view)


def phase_words(view: View) -> str:
    """What the phase is: 'Hold · left side', 'Breathe in · rep 2 of 6'."""
    phase = view.phase
    side = side_words(phase.side)
    match phase.kind:
        case PhaseKind.READY:
            if not side:
                # Translators: the flow's phase before a stretch begins (an imperative).
                return pgettext("phase of the flow", "Get ready")
            # Translators: the flow's phase before a stretch begins; {side} is "left side"
            # or "right side".
            return _("Get ready · {side}").format(side=side)
        case PhaseKind.HOLD:
            if not side:
                # Translators: the flow's phase while a stretch is held (an imperative).
                return pgettext("phase of the flow", "Hold")
            # Translators: the flow's phase while a stretch is held; {side} is "left side"
            # or "right side".
            return _("Hold · {side}").format(side=side)
        case PhaseKind.SWITCH:
            # Translators: the pause between the two sides; {side} is the side that comes
            # next ("left side" or "right side").
            return _("Switch sides · {side} next").format(side=side)
        case PhaseKind.INHALE:
            # Translators: a breathing stretch's phase; {rep} of {reps} counts the reps.
            return _("Breathe in · rep {rep} of {reps}").format(rep=phase.rep, reps=view.reps)
        case PhaseKind.EXHALE:
            # Translators: a breathing stretch's phase; {rep} of {reps} counts the reps.
            return _("Breathe out · rep {rep} of {reps}").format(rep=phase.rep, reps=view.reps)
        case _:
            return ""


class FlowPanel(Vertical):
    """Draws a player `View`; touches a child only when what it shows has changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="flow-top"):
            yield Label(id="flow-title")
            yield Label(id="flow-place")
        with Horizontal(id="flow-body"):
            yield Static(id="flow-instructions")
            yield Figure(id="flow-figure")
        # As large as the room allows: the flow is followed from the floor (the floor view).
        yield BigDigits(id="flow-digits")
        # Shown instead of the digits when the terminal is too small for them (flow.tcss).
        yield Label(id="flow-digits-small")
        yield SmoothBar(id="flow-bar")
        yield BreathBar(id="flow-breath")
        yield Label(id="flow-caption")
        yield Label(id="flow-next")
        # Cues and practice: state a person must be able to see at any moment of the run.
        yield Label(id="flow-status")

    def _set(self, key: str, value: object) -> bool:
        if self._shown.get(key) == value:
            return False
        self._shown[key] = value
        return True

    def on_resize(self, event: events.Resize) -> None:
        size, beside = figure_place(event.size.width, event.size.height)
        figure = self.query_one(Figure)
        if size is not None:
            figure.set_size(size)
        figure.display = size is not None
        self.set_class(not beside, "-figure-above")

    def forget_shown(self) -> None:
        """Draw every part again at the next `show`: the language changed, not the run."""
        self._shown = {key: value for key, value in self._shown.items() if key == "kind"}

    def show_status(self, text: str) -> None:
        """The run's standing state (cue mode, muted, practice speed) under everything else."""
        if self._set("status", text):
            self.query_one("#flow-status", Label).update(Text(text))

    def bar_cells(self) -> int:
        """Width of whichever bar is showing, so the screen knows how often it can move."""
        bar = self.query_one("#flow-breath" if self._shown.get("breathing") else "#flow-bar")
        return bar.content_size.width

    def show(self, view: View, *, stepped: bool = False, ends: str | None = None) -> None:
        """Draw `view`; `stepped` moves the bars in whole seconds (reduced motion); `ends`, the
        time of day the flow will end ("07:41"), is shown after the time left where it fits."""
        stretch = view.stretch
        if stretch is None:
            return
        phase = view.phase
        side = side_words(phase.side)
        name = shown_name(stretch)
        title = f"{name} · {side}" if side else name
        if self._set("title", title):
            self.query_one("#flow-title", Label).update(Text(title))
        # Translators: the flow's place; {position} of {count} stretches, then {time} (m:ss)
        # of the flow left.
        place = _("stretch {position} of {count} · {time} left").format(
            position=view.position, count=view.count, time=format_duration(view.total_remaining)
        )
        # Translators: after the flow's place, the time of day ({time}, 09:05) it will end.
        ending = _(" · ends {time}").format(time=ends) if ends is not None else ""
        # Left out rather than wrapped where the line has no room (40 columns).
        if ending and len(place) + len(ending) <= self.content_size.width:
            place += ending
        before = self._shown.get("place")
        if self._set("place", place):
            # Once a second: a new layout only when the line's length changes, which keeps a
            # hold cheap (a layout touches every widget on the screen).
            same_size = isinstance(before, str) and len(before) == len(place)
            self.query_one("#flow-place", Label).update(place, layout=not same_size)
        instructions = shown_instructions(stretch)
        if self._set("instructions", instructions):
            self.query_one("#flow-instructions", Static).update(Text(instructions))

        exhaling = phase.kind is PhaseKind.EXHALE
        self.query_one(Figure).show(pose_for(stretch.figure, phase.side, exhaling=exhaling))

        seconds = view.resuming if view.resuming is not None else view.remaining
        digits = digits_text(seconds)
        before = self._shown.get("digits")
        if self._set("digits", digits):
            self.query_one("#flow-digits", BigDigits).update(digits)
            same_size = isinstance(before, str) and len(before) == len(digits)
            self.query_one("#flow-digits-small", Label).update(digits, layout=not same_size)

        breathing = phase.kind in (PhaseKind.INHALE, PhaseKind.EXHALE)
        kind = "breathing" if breathing else phase.kind.value
        before = self._shown.get("kind")
        if self._set("kind", kind):
            # Each kind of phase has its own colour (flow.tcss), told apart across a room.
            if isinstance(before, str):
                self.remove_class(f"-{before}")
            self.add_class(f"-{kind}")
        if self._set("breathing", breathing):
            self.query_one("#flow-bar").display = not breathing
            self.query_one("#flow-breath").display = breathing
        progress = shown_progress(view, stepped=stepped)
        if breathing:
            fill = progress if phase.kind is PhaseKind.INHALE else 1 - progress
            self.query_one("#flow-breath", BreathBar).set_fraction(fill)
        else:
            self.query_one("#flow-bar", SmoothBar).set_fraction(progress)

        final = (
            phase.kind is PhaseKind.HOLD
            and not view.paused
            and view.resuming is None
            and view.remaining <= FINAL_SECONDS
        )
        if self._set("final", final):
            self.set_class(final, "-final")
        if self._set("paused", view.paused):
            self.set_class(view.paused, "-paused")

        text = caption(view)
        if self._set("caption", text):
            self.query_one("#flow-caption", Label).update(Text(text))
        upcoming = ""
        if phase.kind is PhaseKind.READY and view.next_stretch is not None:
            coming = view.next_stretch
            name, dose = shown_name(coming), coming.dose()
            if view.position == 1:
                # Translators: under the flow before it starts; {name} and {dose} of the first
                # stretch ("Knee to chest · 30 s each side").
                upcoming = _("First: {name} · {dose}").format(name=name, dose=dose)
            else:
                # Translators: under the flow; {name} and {dose} of the stretch after this one.
                upcoming = _("Next: {name} · {dose}").format(name=name, dose=dose)
        if self._set("next", upcoming):
            self.query_one("#flow-next", Label).update(Text(upcoming))
