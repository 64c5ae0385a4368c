"""Which moment of a run gets a cue and what it says: derived from the player's events and views."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import overload

from tui.domain.plan import Event, FlowFinished, PhaseEnded, PhaseKind, PhaseStarted
from tui.domain.player import View
from tui.domain.routine import Kind, Stretch, default_routine, shown_name
from tui.i18n import _, ngettext, pgettext

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
    """'20 seconds', '1 second', in the language in use."""
    # A fraction of a second takes the plural, as "1.5 seconds" does in English.
    n = int(seconds) if seconds == int(seconds) else 2
    # Translators: a length of time said aloud; {seconds} is a number.
    return ngettext("{seconds} second", "{seconds} seconds", n).format(seconds=f"{seconds:g}")


def side_words(side: str) -> str:
    """'left' or 'right': the side of the body a hold is on, in the language in use."""
    if side == "left":
        return pgettext("side of the body", "left")
    if side == "right":
        return pgettext("side of the body", "right")
    return side


def _name(stretch: Stretch | None) -> str:
    """The stretch's name as a speech program reads it, in the language in use."""
    return spoken(shown_name(stretch)) if stretch is not None else ""


def hold_words(view: View, seconds: float) -> str:
    """'Knee to chest, left side. Hold 20 seconds.': the stretch, its side and the time."""
    # Translators: said for a stretch without a name (never the case in a routine Supple
    # keeps), in place of the name: "Hold. Hold 20 seconds."
    name = _name(view.stretch) if view.stretch is not None else pgettext("no stretch name", "Hold")
    return _hold_sentence(name, view.phase.side, math.ceil(seconds - EPSILON))


def _hold_sentence(name: str, side: str | None, seconds: int) -> str:
    # One whole sentence a side: the side's word agrees with the words around it.
    if side == "left":
        # Translators: said as a hold on the left side begins. {name} is the stretch,
        # {seconds} a whole number.
        words = ngettext(
            "{name}, left side. Hold {seconds} second.",
            "{name}, left side. Hold {seconds} seconds.",
            seconds,
        )
        return words.format(name=name, seconds=seconds)
    if side == "right":
        # Translators: said as a hold on the right side begins. {name} is the stretch,
        # {seconds} a whole number.
        words = ngettext(
            "{name}, right side. Hold {seconds} second.",
            "{name}, right side. Hold {seconds} seconds.",
            seconds,
        )
        return words.format(name=name, seconds=seconds)
    # Translators: said as a hold begins. {name} is the stretch, {seconds} a whole number.
    words = ngettext("{name}. Hold {seconds} second.", "{name}. Hold {seconds} seconds.", seconds)
    return words.format(name=name, seconds=seconds)


def ready_words(name: str, how: str) -> str:
    """What a get-ready says of the stretch `name` coming: 'First: Knee to chest.' at the
    start, 'Back to …' after going back, 'Get ready: …' on resuming, else 'Next: …'."""
    if how == "start":
        # Translators: said as a flow starts; {name} is the first stretch.
        return _("First: {name}.").format(name=name)
    if how == "back":
        # Translators: said after going back a stretch; {name} is the stretch.
        return _("Back to {name}.").format(name=name)
    if how == "resume":
        # Translators: said as a get-ready goes on after a pause; {name} is the stretch.
        return _("Get ready: {name}.").format(name=name)
    # Translators: said as the next stretch's get-ready begins; {name} is that stretch.
    return _("Next: {name}.").format(name=name)


def breath_words(kind: PhaseKind, rep: int | None, reps: int | None) -> str:
    """'Inhale, 1 of 6.' or 'Exhale, 1 of 6.': the breath, and which rep of how many."""
    if kind is PhaseKind.INHALE:
        # Translators: said as a breath in begins; {rep} of {reps} counts the reps (1 of 6).
        return _("Inhale, {rep} of {reps}.").format(rep=rep, reps=reps)
    # Translators: said as a breath out begins; {rep} of {reps} counts the reps (1 of 6).
    return _("Exhale, {rep} of {reps}.").format(rep=rep, reps=reps)


def switch_words() -> str:
    # Translators: said between the left and the right side of a stretch.
    return _("Switch sides.")


def finished_words() -> str:
    # Translators: said as a flow is finished.
    return _("Well done.")


def phase_cue(view: View, *, how: str) -> Cue | None:
    """The cue for arriving at the phase `view` shows: `how` is 'start', 'ended' (the phase
    before ran out), 'skip', 'back' or 'resume' (a pause ended)."""
    phase = view.phase
    match phase.kind:
        case PhaseKind.READY:
            name = _name(view.stretch)
            if how == "ended":
                return Cue(CueKind.END, ready_words(name, "next"))
            return Cue(CueKind.READY, ready_words(name, how))
        case PhaseKind.HOLD:
            # Arriving, the hold's length (a late frame must not say 19); resuming, what is left.
            seconds = view.remaining if how == "resume" else phase.duration
            return Cue(CueKind.START, hold_words(view, seconds))
        case PhaseKind.SWITCH:
            return Cue(CueKind.SWITCH, switch_words())
        case PhaseKind.INHALE:
            return Cue(CueKind.INHALE, breath_words(phase.kind, phase.rep, view.reps))
        case PhaseKind.EXHALE:
            return Cue(CueKind.EXHALE, breath_words(phase.kind, phase.rep, view.reps))
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
            return Cue(CueKind.FINISHED, finished_words()) if done else None
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


def sample_cues() -> tuple[Cue, ...]:
    """One cue of each kind, in the order a flow meets them, in the language in use."""
    stretches = default_routine().stretches
    first = stretches[0]
    reps = next(s for s in stretches if s.kind is Kind.REPS)
    return (
        Cue(CueKind.READY, ready_words(_name(first), "start")),
        Cue(CueKind.TICK, "3"),
        Cue(CueKind.START, _hold_sentence(_name(first), "left", first.hold_s)),
        Cue(CueKind.SWITCH, switch_words()),
        Cue(CueKind.END, ready_words(_name(reps), "next")),
        Cue(CueKind.INHALE, breath_words(PhaseKind.INHALE, 1, reps.reps)),
        Cue(CueKind.EXHALE, breath_words(PhaseKind.EXHALE, 1, reps.reps)),
        Cue(CueKind.FINISHED, finished_words()),
    )


class _SampleCues(Sequence[Cue]):
    """`sample_cues()` as a sequence worked out on each use, so it speaks the language in
    use now rather than the one of the moment this module was imported."""

    @overload
    def __getitem__(self, index: int) -> Cue: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Cue]: ...

    def __getitem__(self, index: int | slice) -> Cue | Sequence[Cue]:
        return sample_cues()[index]

    def __len__(self) -> int:
        return len(sample_cues())

    def __iter__(self) -> Iterator[Cue]:
        return iter(sample_cues())


# What "Try it" in the settings plays: one cue of each kind, in the order a flow meets them.
SAMPLE_CUES: Sequence[Cue] = _SampleCues()
