"""The player: a pure state machine that plays a routine against an injected clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tui.domain.clock import Clock
from tui.domain.plan import (
    Event,
    FlowFinished,
    HoldEnded,
    Phase,
    PhaseEnded,
    PhaseKind,
    PhaseStarted,
    RepSetEnded,
    StepFinished,
    StepRecord,
    StepStatus,
    build_plan,
)
from tui.domain.routine import Routine, Stretch

RESUME_READY_S = 3.0
# Less than this done (a second of a hold, a rep) is a step skipped: the moment it takes to
# press `n` is not a partial hold. What was done is still recorded in `done`.
MIN_PARTIAL = 1.0
ADJUST_STEP_S = 5.0
MIN_HOLD_S = 5.0
# Pressing `b` this soon after a stretch began goes to the stretch before, as in music players.
BACK_TO_PREVIOUS_WITHIN_S = 2.0


@dataclass(frozen=True)
class View:
    """Everything a screen needs to draw the player at one instant."""

    phase: Phase
    stretch: Stretch | None
    remaining: float
    elapsed: float
    total_remaining: float
    paused: bool
    resuming: float | None
    next_stretch: Stretch | None
    position: int
    count: int
    reps: int | None

    @property
    def progress(self) -> float:
        """How far through the phase, 0–1."""
        if self.phase.duration <= 0:
            return 1.0
        return min(1.0, max(0.0, self.elapsed / self.phase.duration))

    @property
    def finished(self) -> bool:
        return self.phase.kind is PhaseKind.SUMMARY


class Player:
    """Plays a routine. Time comes only from the clock; ticks merely ask `advance()` what changed.

    Each phase ends at an absolute clock time and the next one starts at that same time, so
    late or dropped ticks never stretch a hold or shift the rest of the flow.
    """

    def __init__(self, routine: Routine, clock: Clock) -> None:
        if not routine.enabled:
            raise ValueError("the routine has no enabled stretch")
        self.routine = routine
        self._stretches = routine.enabled
        self._clock = clock
        # `_records` are the steps as played this time through; `_kept` the best play of each
        # so far (the one with the larger `done`), which is what a session records: going
        # back replays a step without losing what it held before (§3).
        self._phases, self._records = build_plan(routine)
        self._kept = [replace(r) for r in self._records]
        self._index = 0
        self._phase_end = 0.0
        self._paused_remaining: float | None = None
        self._resume_until: float | None = None
        self._started = False
        self._completed = False

    # -- reading -----------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self._phases[self._index]

    @property
    def finished(self) -> bool:
        return self.phase.kind is PhaseKind.SUMMARY

    @property
    def completed(self) -> bool:
        """True when the flow reached its summary rather than being left."""
        return self._completed

    @property
    def paused(self) -> bool:
        return self._paused_remaining is not None

    def records(self) -> list[StepRecord]:
        """Every step of the flow as run, in order: what a session stores.

        A step not reached yet is `skipped` with nothing done; a step played twice keeps its
        play with the larger `done`, so no number here ever goes down during a run.
        """
        return [replace(r) for r in self._kept]

    def remaining(self) -> float:
        """Seconds left in the current phase, not counting a resume countdown."""
        if self._paused_remaining is not None:
            return self._paused_remaining
        now = self._clock.now()
        start = max(now, self._resume_until or now)
        return max(0.0, self._phase_end - start)

    def view(self) -> View:
        phase = self.phase
        remaining = self.remaining() if not self.finished else 0.0
        resuming = None
        if self._resume_until is not None and self._paused_remaining is None:
            resuming = max(0.0, self._resume_until - self._clock.now())
        later = sum(p.duration for p in self._phases[self._index + 1 :])
        stretch = self._stretches[phase.stretch] if not self.finished else None
        next_stretch = stretch if phase.kind is PhaseKind.READY else None
        reps = self._stretches[phase.stretch].reps if phase.rep is not None else None
        return View(
            phase=phase,
            stretch=stretch,
            remaining=remaining,
            elapsed=max(0.0, phase.duration - remaining),
            total_remaining=remaining + (resuming or 0.0) + later,
            paused=self.paused,
            resuming=resuming,
            next_stretch=next_stretch,
            position=min(phase.stretch + 1, len(self._stretches)),
            count=len(self._stretches),
            reps=reps,
        )

    # -- driving -----------------------------------------------------------------

    def start(self) -> list[Event]:
        if self._started:
            return []
        self._started = True
        return self._enter(0, self._clock.now())

    def advance(self) -> list[Event]:
        """Catch up with the clock: end every phase whose end has passed, in order."""
        if not self._started or self.finished or self.paused:
            return []
        now = self._clock.now()
        events: list[Event] = []
        if self._resume_until is not None and now >= self._resume_until:
            self._resume_until = None
        while not self.finished and now >= self._phase_end:
            events += self._end_phase(self._phase_end, skipped=False)
        return events

    def toggle_pause(self) -> list[Event]:
        if not self._started or self.finished:
            return []
        now = self._clock.now()
        if self._paused_remaining is None:
            events = self.advance()
            if self.finished:
                return events
            self._paused_remaining = self.remaining()
            self._resume_until = None
            return events
        remaining = self._paused_remaining
        self._paused_remaining = None
        if self.phase.kind in (PhaseKind.READY, PhaseKind.SWITCH):
            # A pause inside a pause needs no extra countdown, just enough time to get set.
            self._resume_until = None
            self._phase_end = now + max(remaining, RESUME_READY_S)
        else:
            self._resume_until = now + RESUME_READY_S
            self._phase_end = self._resume_until + remaining
        return []

    def skip(self) -> list[Event]:
        """Go to the next phase now; inside a rep set, skip the rest of the set."""
        return self._caught_up_then(self._skip)

    def _skip(self, now: float) -> list[Event]:
        phase = self.phase
        if phase.kind in (PhaseKind.INHALE, PhaseKind.EXHALE):
            last = max(i for i, p in enumerate(self._phases) if p.step == phase.step)
            self._finish_step(phase.step)
            events: list[Event] = [StepFinished(replace(self._records[phase.step or 0]))]
            events.append(PhaseEnded(phase, now, skipped=True))
            return events + self._enter(last + 1, now)
        return self._end_phase(now, skipped=True)

    def back(self) -> list[Event]:
        """Restart the current stretch; right after it began, go to the one before."""
        return self._caught_up_then(self._back)

    def _back(self, now: float) -> list[Event]:
        events: list[Event] = []
        stretch = self.phase.stretch
        first = self._first_phase_of(stretch)
        just_began = self._index == first and self._elapsed(now) < BACK_TO_PREVIOUS_WITHIN_S
        if just_began and stretch > 0:
            stretch -= 1
            first = self._first_phase_of(stretch)
        phase = self.phase
        if phase.step is not None:
            # The play cut short by going back is kept like any other (larger `done` wins).
            self._credit(phase, self._elapsed(now))
            if self._records[phase.step].done > 0:
                self._finish_step(phase.step)
                events.append(StepFinished(replace(self._records[phase.step])))
        # The replayed steps start again from nothing; what they held before stays kept.
        for p in self._phases:
            if p.stretch >= stretch and p.step is not None:
                self._records[p.step].done = 0.0
                self._records[p.step].status = StepStatus.SKIPPED
        return events + self._enter(first, now)

    def adjust(self, delta: float) -> list[Event]:
        """Lengthen or shorten the current hold; never below MIN_HOLD_S. The step keeps its
        planned dose and records the change as `adjusted`."""
        if not self._started or self.phase.kind is not PhaseKind.HOLD:
            return []
        events = self.advance()
        if self.phase.kind is not PhaseKind.HOLD:
            return events
        phase = self.phase
        duration = max(MIN_HOLD_S, phase.duration + delta)
        change = duration - phase.duration
        self._phases[self._index] = Phase(
            phase.kind, phase.stretch, duration, phase.side, phase.rep, phase.step
        )
        if phase.step is not None:
            record = self._records[phase.step]
            record.adjusted = duration - record.planned
        if self._paused_remaining is not None:
            self._paused_remaining = max(0.0, self._paused_remaining + change)
        else:
            self._phase_end += change
        return events + self.advance()

    def quit(self) -> list[Event]:
        """Leave the flow: the step in progress is kept as partial or skipped."""
        return self._caught_up_then(self._quit)

    def _quit(self, now: float) -> list[Event]:
        events: list[Event] = []
        phase = self.phase
        if phase.step is not None:
            self._credit(phase, self._elapsed(now))
            self._finish_step(phase.step)
            events.append(StepFinished(replace(self._records[phase.step])))
        self._index = len(self._phases) - 1
        self._paused_remaining = None
        self._resume_until = None
        events.append(FlowFinished(completed=False))
        return events

    # -- internals ---------------------------------------------------------------

    def _caught_up_then(self, act: Callable[[float], list[Event]]) -> list[Event]:
        """A key's act: the run is brought up to now first, and the act is left out when
        the run is not going (not started, or over, before or as it caught up)."""
        if not self._started or self.finished:
            return []
        events = self.advance()
        if self.finished:
            return events
        return events + act(self._clock.now())

    def _first_phase_of(self, stretch: int) -> int:
        return next(i for i, p in enumerate(self._phases) if p.stretch == stretch)

    def _elapsed(self, now: float) -> float:
        return max(0.0, self.phase.duration - self._remaining_at(now))

    def _remaining_at(self, now: float) -> float:
        if self._paused_remaining is not None:
            return self._paused_remaining
        start = max(now, self._resume_until or now)
        return max(0.0, self._phase_end - start)

    def _enter(self, index: int, at: float) -> list[Event]:
        self._index = index
        phase = self.phase
        self._resume_until = None
        self._phase_end = at + phase.duration
        if self._paused_remaining is not None:
            self._paused_remaining = phase.duration
        if phase.kind is PhaseKind.SUMMARY:
            self._completed = True
            self._paused_remaining = None
            return [PhaseStarted(phase), FlowFinished(completed=True)]
        return [PhaseStarted(phase)]

    def _credit(self, phase: Phase, seconds: float) -> None:
        if phase.step is None:
            return
        record = self._records[phase.step]
        if phase.kind is PhaseKind.HOLD:
            # Up to the hold as it was played: after `+` that is more than planned.
            record.done = min(phase.duration, seconds)

    def _finish_step(self, step: int | None) -> None:
        if step is None:
            return
        record = self._records[step]
        if record.done >= record.planned:
            record.status = StepStatus.DONE
        elif record.done >= MIN_PARTIAL:
            record.status = StepStatus.PARTIAL
        else:
            record.status = StepStatus.SKIPPED
        if record.done > self._kept[step].done:
            self._kept[step] = replace(record)

    def _end_phase(self, at: float, *, skipped: bool) -> list[Event]:
        phase = self.phase
        events: list[Event] = []
        if phase.kind is PhaseKind.HOLD:
            self._credit(phase, phase.duration if not skipped else self._elapsed(at))
            self._finish_step(phase.step)
            if not skipped:
                events.append(HoldEnded(phase, at))
            events.append(StepFinished(replace(self._records[phase.step or 0])))
        elif phase.kind is PhaseKind.EXHALE and phase.step is not None:
            # A rep is done when its out-breath is.
            record = self._records[phase.step]
            record.done += 1
            if phase.rep == record.planned:
                self._finish_step(phase.step)
                events.append(RepSetEnded(phase, at))
                events.append(StepFinished(replace(record)))
        events.append(PhaseEnded(phase, at, skipped))
        return events + self._enter(self._index + 1, at)
