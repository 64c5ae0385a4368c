"""The routine: the stretches of a flow, their doses, and the default lower-back flow."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from tui.domain.figures import default_figure
from tui.i18n import N_, _, ngettext


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
            # Translators: a stretch's dose; {reps} is a count, {inhale} and {exhale} seconds
            # ("s" is the abbreviation). English keeps "reps" even for one.
            words = ngettext(
                "{reps} reps · {inhale} s in / {exhale} s out",
                "{reps} reps · {inhale} s in / {exhale} s out",
                self.reps,
            )
            return words.format(reps=self.reps, inhale=self.inhale_s, exhale=self.exhale_s)
        if self.sides is Sides.BOTH:
            # Translators: a held stretch's dose, on the left and then the right; "s" is seconds.
            words = _("{seconds} s each side")
        elif self.sides is Sides.LEFT:
            # Translators: a held stretch's dose, on the left side of the body only.
            words = _("{seconds} s left side")
        elif self.sides is Sides.RIGHT:
            # Translators: a held stretch's dose, on the right side of the body only.
            words = _("{seconds} s right side")
        else:
            # Translators: a held stretch's dose, for a stretch without sides; "s" is seconds.
            words = _("{seconds} s")
        return words.format(seconds=self.hold_s)

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


DEFAULT_ROUTINE_NAME = N_("Lower-back flow")

SAFETY_NOTE = N_(
    "Move only within comfort and stop at any sharp pain. Supple is a guide, not medical advice."
)

CLOSING_LINE = N_("A few minutes every day is what loosens a back. See you tomorrow.")

_DEFAULT_STRETCHES: tuple[Stretch, ...] = (
    Stretch(
        key="knee-to-chest",
        figure="knee-to-chest",
        name=N_("Knee to chest"),
        instructions=N_(
            "Lie on your back with knees bent and feet flat. Bring one knee in toward your "
            "chest while the other foot stays on the floor. Let the lower back settle."
        ),
        hold_s=20,
    ),
    Stretch(
        key="seated-twist",
        figure="seated-twist",
        name=N_("Seated spinal twist"),
        instructions=N_(
            "Sit tall with legs long. Bend one knee and cross it over the straight thigh, "
            "foot flat beside the other knee. The opposite arm presses lightly on the bent "
            "knee as you turn your torso toward it."
        ),
        hold_s=30,
    ),
    Stretch(
        key="cat-cow",
        figure="cat-cow",
        name=N_("Cat–cow"),
        instructions=N_(
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
        name=N_("Low lunge"),
        instructions=N_(
            "Step one foot forward and lower down until both knees are near right angles. "
            "Keep the torso upright and feel the front of the back hip open."
        ),
        hold_s=30,
    ),
    Stretch(
        key="hamstring",
        figure="hamstring",
        name=N_("Seated hamstring stretch"),
        instructions=N_(
            "Sit with legs long. Reach slowly toward the toes of one leg, only as far as is "
            "comfortable, and keep breathing steadily."
        ),
        hold_s=30,
    ),
)


# The built-in stretches by key: their stored words are English, and shown translated while
# they are still the words Supple gave them; a name or instructions a person wrote are theirs.
_BUILT_IN = {s.key: s for s in _DEFAULT_STRETCHES}
_BUILT_IN_NAMES = frozenset(s.name for s in _DEFAULT_STRETCHES)


def shown_name(stretch: Stretch) -> str:
    """The stretch's name as a person reads it: a built-in one in the language in use."""
    return _builtin_words(stretch.key, "name", stretch.name)


def shown_instructions(stretch: Stretch) -> str:
    """The stretch's instructions as a person reads them: built-in ones translated."""
    return _builtin_words(stretch.key, "instructions", stretch.instructions)


def shown_name_of(key: str | None, name: str) -> str:
    """`name` recorded for the stretch `key`, as shown now. A session's steps keep only the
    name: without a key, a name that is a built-in stretch's own is shown translated."""
    if key is None:
        return _(name) if name in _BUILT_IN_NAMES else name
    return _builtin_words(key, "name", name)


def shown_routine_name(routine: Routine) -> str:
    """The routine's name, translated while it is still the built-in one."""
    return _(routine.name) if routine.name == DEFAULT_ROUTINE_NAME else routine.name


def _builtin_words(key: str | None, field: str, words: str) -> str:
    built_in = _BUILT_IN.get(key or "")
    if built_in is not None and getattr(built_in, field) == words:
        return _(words)
    return words


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
    "shown_instructions",
    "shown_name",
    "shown_name_of",
    "shown_routine_name",
]
