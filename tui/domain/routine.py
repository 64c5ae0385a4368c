"""The routine: the stretches of a flow, their doses, and the default lower-back flow."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from tui.domain.figures import default_figure


class Sides(StrEnum):
    """Which sides a hold is played on; `both` means left, then right."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"
    NONE = "none"

    def played(self) -> tuple[str | None, ...]:
        """The sides in the order they are played (`None` for a stretch without sides)."""
        if self is Sides.BOTH:
            return ("left", "right")
        if self is Sides.NONE:
            return (None,)
        return (self.value,)


class Kind(StrEnum):
    """A stretch is held for a time, or repeated, paced by the breath."""

    HOLD = "hold"
    REPS = "reps"


@dataclass(frozen=True)
class Stretch:
    """One stretch of the flow with its dose. Fields unused by its kind keep their defaults."""

    key: str
    name: str
    instructions: str
    kind: Kind = Kind.HOLD
    hold_s: int = 30
    sides: Sides = Sides.BOTH
    reps: int = 6
    inhale_s: int = 4
    exhale_s: int = 4
    enabled: bool = True
    custom: bool = False
    # The drawn figure shown with it (tui/domain/figures.py), or None for none.
    figure: str | None = None

    @property
    def unit(self) -> str:
        return "reps" if self.kind is Kind.REPS else "s"

    def dose(self) -> str:
        """The dose as a person reads it: '20 s each side', '6 reps · 4 s in / 4 s out'."""
        if self.kind is Kind.REPS:
            return f"{self.reps} reps · {self.inhale_s} s in / {self.exhale_s} s out"
        where = {
            Sides.BOTH: "each side",
            Sides.LEFT: "left side",
            Sides.RIGHT: "right side",
            Sides.NONE: "",
        }[self.sides]
        return f"{self.hold_s} s {where}".strip()

    def active_seconds(self) -> int:
        """Seconds of holding or breathing, without pauses."""
        if self.kind is Kind.REPS:
            return self.reps * (self.inhale_s + self.exhale_s)
        return self.hold_s * len(self.sides.played())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        data["sides"] = self.sides.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stretch:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["kind"] = Kind(values.get("kind", Kind.HOLD))
        values["sides"] = Sides(values.get("sides", Sides.BOTH))
        if "figure" not in values:
            # Files written before figures existed: built-in stretches get theirs.
            values["figure"] = default_figure(str(values.get("key")), values.get("custom") is True)
        return cls(**values)


@dataclass(frozen=True)
class Routine:
    """An ordered flow of stretches plus the pauses between its phases."""

    name: str
    stretches: tuple[Stretch, ...]
    ready_s: int = 5
    switch_s: int = 5

    @property
    def enabled(self) -> tuple[Stretch, ...]:
        return tuple(s for s in self.stretches if s.enabled)

    def stretch_seconds(self, stretch: Stretch) -> int:
        """A stretch's whole time in the flow: get ready, the holds or reps, side switches."""
        switches = max(0, len(stretch.sides.played()) - 1) if stretch.kind is Kind.HOLD else 0
        return self.ready_s + stretch.active_seconds() + switches * self.switch_s

    def total_seconds(self) -> int:
        """How long the whole flow takes when nothing is skipped or paused."""
        return sum(self.stretch_seconds(s) for s in self.enabled)

    def with_stretches(self, stretches: tuple[Stretch, ...]) -> Routine:
        return replace(self, stretches=stretches)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ready_s": self.ready_s,
            "switch_s": self.switch_s,
            "stretches": [s.to_dict() for s in self.stretches],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Routine:
        return cls(
            name=str(data.get("name", DEFAULT_ROUTINE_NAME)),
            stretches=tuple(Stretch.from_dict(s) for s in data["stretches"]),
            ready_s=int(data.get("ready_s", 5)),
            switch_s=int(data.get("switch_s", 5)),
        )


def format_duration(seconds: float) -> str:
    """`313` → '5:13'; the way times are shown everywhere in Supple."""
    whole = max(0, int(round(seconds)))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


DEFAULT_ROUTINE_NAME = "Lower-back flow"

SAFETY_NOTE = (
    "Move only within comfort and stop at any sharp pain. Supple is a guide, not medical advice."
)

CLOSING_LINE = "A few minutes every day is what loosens a back. See you tomorrow."

_DEFAULT_STRETCHES: tuple[Stretch, ...] = (
    Stretch(
        key="knee-to-chest",
        figure="knee-to-chest",
        name="Knee to chest",
        instructions=(
            "Lie on your back with knees bent and feet flat. Bring one knee in toward your "
            "chest while the other foot stays on the floor. Let the lower back settle."
        ),
        hold_s=20,
    ),
    Stretch(
        key="seated-twist",
        figure="seated-twist",
        name="Seated spinal twist",
        instructions=(
            "Sit tall with legs long. Bend one knee and cross it over the straight thigh, "
            "foot flat beside the other knee. The opposite arm presses lightly on the bent "
            "knee as you turn your torso toward it."
        ),
        hold_s=30,
    ),
    Stretch(
        key="cat-cow",
        figure="cat-cow",
        name="Cat–cow",
        instructions=(
            "On all fours, hands under shoulders and knees under hips. Breathing in, let the "
            "belly drop and lift your head (cow). Breathing out, round the spine up and tuck "
            "the chin (cat). Slow and easy."
        ),
        kind=Kind.REPS,
        sides=Sides.NONE,
        reps=6,
        inhale_s=4,
        exhale_s=4,
    ),
    Stretch(
        key="low-lunge",
        figure="low-lunge",
        name="Low lunge",
        instructions=(
            "Step one foot forward and lower down until both knees are near right angles. "
            "Keep the torso upright and feel the front of the back hip open."
        ),
        hold_s=30,
    ),
    Stretch(
        key="hamstring",
        figure="hamstring",
        name="Seated hamstring stretch",
        instructions=(
            "Sit with legs long. Reach slowly toward the toes of one leg, only as far as is "
            "comfortable, and keep breathing steadily."
        ),
        hold_s=30,
    ),
)


def default_routine() -> Routine:
    """The flow of rules.md §1, with its default doses."""
    return Routine(name=DEFAULT_ROUTINE_NAME, stretches=_DEFAULT_STRETCHES)


__all__ = [
    "CLOSING_LINE",
    "DEFAULT_ROUTINE_NAME",
    "SAFETY_NOTE",
    "Kind",
    "Routine",
    "Sides",
    "Stretch",
    "default_routine",
    "format_duration",
]
