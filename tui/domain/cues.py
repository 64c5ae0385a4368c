"""Which moment of a run gets a cue and what it says: derived from the player's events and views."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tui.domain.plan import Event, FlowFinished, PhaseEnded, PhaseKind, PhaseStarted
from tui.domain.player import View

# The last seconds counted aloud: get-ready's, switch-sides', a hold's, and the 3 s countdown
# a hold or a breath resumes through after a pause.
COUNTDOWN = (3, 2, 1)
EPSILON = 1e-6


class CueKind(StrEnum):
    """The kinds of moment; each has its own sound in `tones`."""

    TICK = "tick"  # a counted second: 3, 2, 1
    READY = "ready"  # a get-ready that names the stretch coming (start, skip, back, resume)
    START = "start"  # a hold begins
    SWITCH = "switch"  # switch sides
    END = "end"  # a hold or a rep set ended on its own; the next stretch is named
    INHALE = "inhale"
    EXHALE = "exhale"
    FINISHED = "finished"


# The moments the terminal bell rings for in `bell` mode: starts and ends, not every breath.
BELL_KINDS = frozenset({CueKind.START, CueKind.SWITCH, CueKind.END, CueKind.FINISHED})


@dataclass(frozen=True)
class Cue:
    """One moment's cue: its kind (for a sound or the bell) and its words (for speech)."""

    kind: CueKind
    words: str

    @property
    def rings(self) -> bool:
        """True when `bell` mode rings for this moment."""
        return self.kind in BELL_KINDS


def spoken(name: str) -> str:
    """A stretch's name as a speech program reads it well ('Cat–cow' → 'Cat cow')."""
    return " ".join(name.replace("–", " ").replace("—", " ").split())


def count_words(seconds: float) -> str:
    return f"{seconds:g} second" + ("" if seconds == 1 else "s")


def hold_words(view: View, seconds: float) -> str:
    """'Knee to chest, left side. Hold 20 seconds.': the stretch, its side and the time."""
    name = spoken(view.stretch.name) if view.stretch is not None else "Hold"
    side = f", {view.phase.side} side" if view.phase.side else ""
    return f"{name}{side}. Hold {count_words(math.ceil(seconds - EPSILON))}."


def phase_cue(view: View, *, how: str) -> Cue | None:
    """The cue for arriving at the phase `view` shows: `how` is 'start', 'ended' (the phase
    before ran out), 'skip', 'back' or 'resume' (a pause ended)."""
    phase = view.phase
    match phase.kind:
        case PhaseKind.READY:
            name = spoken(view.stretch.name) if view.stretch is not None else ""
            if how == "ended":
                return Cue(CueKind.END, f"Next: {name}.")
            words = {
                "start": f"First: {name}.",
                "back": f"Back to {name}.",
                "resume": f"Get ready: {name}.",
            }.get(how, f"Next: {name}.")
            return Cue(CueKind.READY, words)
        case PhaseKind.HOLD:
            # Arriving, the hold's length (a late frame must not say 19); resuming, what is left.
            seconds = view.remaining if how == "resume" else phase.duration
            return Cue(CueKind.START, hold_words(view, seconds))
        case PhaseKind.SWITCH:
            return Cue(CueKind.SWITCH, "Switch sides.")
        case PhaseKind.INHALE:
            return Cue(CueKind.INHALE, f"Inhale, {phase.rep} of {view.reps}.")
        case PhaseKind.EXHALE:
            return Cue(CueKind.EXHALE, f"Exhale, {phase.rep} of {view.reps}.")
        case _:
            return None


def _arrival(events: Sequence[Event]) -> str | None:
    """How the run reached its phase in this batch of events, or None if it did not move."""
    starts = [i for i, e in enumerate(events) if isinstance(e, PhaseStarted)]
    if not starts:
        return None
    before = events[starts[-1] - 1] if starts[-1] > 0 else None
    if isinstance(before, PhaseEnded):
        return "skip" if before.skipped else "ended"
    # The player enters a phase without ending one only when it starts, or goes back.
    return "back"


class CueSchedule:
    """Feed it each batch of player events with the view just after; it answers the one cue
    for that moment, or None. Nothing is said while paused; a countdown number is said once,
    when its second begins; a late frame says only the newest number, never a burst."""

    def __init__(self) -> None:
        self._started = False
        self._paused = False
        self._resuming = False
        self._said: set[int] = set()

    def update(self, events: Sequence[Event], view: View) -> Cue | None:
        arrival = _arrival(events)
        if arrival is not None:
            if not self._started:
                arrival, self._started = "start", True
            return self._arrive(events, view, arrival)
        if view.finished:
            return None
        if view.paused != self._paused:
            self._paused = view.paused
            return None if view.paused else self._unpaused(view)
        if view.paused:
            return None
        if self._resuming and view.resuming is None:
            # The countdown after a pause is over: the phase goes on, and says so.
            self._resuming = False
            self._said = _said_on_arrival(view.remaining)
            return phase_cue(view, how="resume")
        return self._count(view)

    def _arrive(self, events: Sequence[Event], view: View, how: str) -> Cue | None:
        self._paused = view.paused
        self._resuming = view.resuming is not None
        if view.finished:
            done = any(isinstance(e, FlowFinished) and e.completed for e in events)
            return Cue(CueKind.FINISHED, "Well done.") if done else None
        self._said = _said_on_arrival(view.remaining)
        if view.paused:
            return None
        return phase_cue(view, how=how)

    def _unpaused(self, view: View) -> Cue | None:
        """Resuming is a moment too: the countdown's first number, or the phase's words."""
        self._said = set()
        self._resuming = view.resuming is not None
        tick = self._count(view)
        if tick is not None:
            return tick
        return phase_cue(view, how="resume")

    def _count(self, view: View) -> Cue | None:
        value = _countdown(view)
        if value is None:
            return None
        # A second added (+5 s, a resume) makes its number due again.
        self._said -= {n for n in COUNTDOWN if value > n + EPSILON}
        due = [n for n in COUNTDOWN if value <= n + EPSILON and n not in self._said]
        if not due:
            return None
        self._said.update(due)
        return Cue(CueKind.TICK, str(min(due)))


def _said_on_arrival(remaining: float) -> set[int]:
    """Numbers the arrival itself covers: a 3 s get-ready opens with its own words, not '3'."""
    return {n for n in COUNTDOWN if n >= remaining - EPSILON}


def _countdown(view: View) -> float | None:
    """The seconds a count runs down to now, if one does."""
    if view.resuming is not None:
        return view.resuming
    if view.phase.kind in (PhaseKind.READY, PhaseKind.SWITCH, PhaseKind.HOLD):
        return view.remaining
    return None


# What "Try it" in the settings plays: one cue of each kind, in the order a flow meets them.
SAMPLE_CUES = (
    Cue(CueKind.READY, "First: Knee to chest."),
    Cue(CueKind.TICK, "3"),
    Cue(CueKind.START, "Knee to chest, left side. Hold 20 seconds."),
    Cue(CueKind.SWITCH, "Switch sides."),
    Cue(CueKind.END, "Next: Cat cow."),
    Cue(CueKind.INHALE, "Inhale, 1 of 6."),
    Cue(CueKind.EXHALE, "Exhale, 1 of 6."),
    Cue(CueKind.FINISHED, "Well done."),
)
