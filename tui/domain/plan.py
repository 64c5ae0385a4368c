"""A run's plan and what happens in it: its phases, the records of its steps, and the events
the player (tui/domain/player.py) tells of as it plays them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.domain.routine import Kind, Routine


class PhaseKind(StrEnum):
    READY = "ready"
    HOLD = "hold"
    SWITCH = "switch"
    INHALE = "inhale"
    EXHALE = "exhale"
    SUMMARY = "summary"


class StepStatus(StrEnum):
    DONE = "done"
    PARTIAL = "partial"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Phase:
    """One timed piece of the flow. `step` is the recorded step it belongs to, if any."""

    kind: PhaseKind
    stretch: int
    duration: float
    side: str | None = None
    rep: int | None = None
    step: int | None = None


@dataclass
class StepRecord:
    """One side or rep set of the flow: the `steps` entries of a session (rules.md §3)."""

    name: str
    side: str | None
    unit: str
    planned: float
    done: float = 0.0
    status: StepStatus = StepStatus.SKIPPED
    # Seconds `+`/`-` added to (or took from) this hold. `planned` stays the routine's dose,
    # so a hold cut short with `-` is not recorded as held in full (rules.md §3).
    adjusted: float = 0.0

    def to_dict(self) -> dict[str, object]:
        document: dict[str, object] = {
            "name": self.name,
            "side": self.side,
            "unit": self.unit,
            "planned": _number(self.planned),
            "done": _number(self.done),
            "status": self.status.value,
        }
        if self.adjusted:
            # Only when there was one: a step as the routine planned it reads as it always did.
            document["adjusted_s"] = _number(self.adjusted)
        return document


def _number(value: float) -> float | int:
    """Whole numbers are stored as ints so files and exports read naturally."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


@dataclass(frozen=True)
class PhaseStarted:
    phase: Phase


@dataclass(frozen=True)
class PhaseEnded:
    phase: Phase
    at: float
    skipped: bool


@dataclass(frozen=True)
class HoldEnded:
    """A hold ran to its planned end: the moment for the bell."""

    phase: Phase
    at: float


@dataclass(frozen=True)
class RepSetEnded:
    phase: Phase
    at: float


@dataclass(frozen=True)
class StepFinished:
    """A play of a step ended (a copy of it as played): the moment to save the session."""

    record: StepRecord


@dataclass(frozen=True)
class FlowFinished:
    completed: bool


Event = PhaseStarted | PhaseEnded | HoldEnded | RepSetEnded | StepFinished | FlowFinished


def build_plan(routine: Routine) -> tuple[list[Phase], list[StepRecord]]:
    """Unroll a routine into timed phases and the empty records of its steps."""
    phases: list[Phase] = []
    steps: list[StepRecord] = []
    for index, stretch in enumerate(routine.enabled):
        sides = stretch.sides.played() if stretch.kind is Kind.HOLD else (None,)
        phases.append(Phase(PhaseKind.READY, index, float(routine.ready_s), side=sides[0]))
        if stretch.kind is Kind.REPS:
            step = len(steps)
            steps.append(StepRecord(stretch.name, None, "reps", float(stretch.reps)))
            for rep in range(1, stretch.reps + 1):
                phases.append(
                    Phase(PhaseKind.INHALE, index, float(stretch.inhale_s), rep=rep, step=step)
                )
                phases.append(
                    Phase(PhaseKind.EXHALE, index, float(stretch.exhale_s), rep=rep, step=step)
                )
            continue
        for number, side in enumerate(sides):
            if number:
                phases.append(Phase(PhaseKind.SWITCH, index, float(routine.switch_s), side=side))
            step = len(steps)
            steps.append(StepRecord(stretch.name, side, "s", float(stretch.hold_s)))
            phases.append(Phase(PhaseKind.HOLD, index, float(stretch.hold_s), side=side, step=step))
    phases.append(Phase(PhaseKind.SUMMARY, len(routine.enabled), 0.0))
    return phases, steps
