"""Pure edits of a routine (reorder, enable, dose, custom stretches, undo) and their limits."""

from __future__ import annotations

import re
from dataclasses import replace
from enum import Enum
from typing import Any, Literal

from tui.domain.figures import FIGURE_NAMES
from tui.domain.routine import Kind, Routine, Sides, Stretch, default_routine, shown_name
from tui.domain.text_safety import control_problem
from tui.i18n import N_, _

HOLD_MIN_S, HOLD_MAX_S = 5, 300
REPS_MIN, REPS_MAX = 1, 30
BREATH_MIN_S, BREATH_MAX_S = 2, 10
NAME_MIN_CHARS, NAME_MAX_CHARS = 1, 60
INSTRUCTIONS_MAX_CHARS = 600
PAUSE_MIN_S, PAUSE_MAX_S = 0, 30
HISTORY_LIMIT = 50

CUSTOM_KEY_PREFIX = "custom-"
COPY_SUFFIX = " (copy)"

# The bounds of every whole-number field, keyed by the Stretch/Routine attribute it edits,
# so a form can parse any field with `parse_int_field(text, f, *INT_FIELD_LIMITS[f])`.
INT_FIELD_LIMITS: dict[str, tuple[int, int]] = {
    "hold_s": (HOLD_MIN_S, HOLD_MAX_S),
    "reps": (REPS_MIN, REPS_MAX),
    "inhale_s": (BREATH_MIN_S, BREATH_MAX_S),
    "exhale_s": (BREATH_MIN_S, BREATH_MAX_S),
    "ready_s": (PAUSE_MIN_S, PAUSE_MAX_S),
    "switch_s": (PAUSE_MIN_S, PAUSE_MAX_S),
}

# How each field is named in a message (marked here, translated where shown), and the unit
# its number counts (None: a bare count). The labels are the form's field labels too.
_FIELD_WORDS: dict[str, tuple[str, str | None]] = {
    # Translators: a form field: how long a stretch is held, in seconds.
    "hold_s": (N_("Hold"), "seconds"),
    # Translators: a form field: how many times a stretch is repeated.
    "reps": (N_("Reps"), None),
    # Translators: a form field: the seconds of each breath in.
    "inhale_s": (N_("Inhale"), "seconds"),
    # Translators: a form field: the seconds of each breath out.
    "exhale_s": (N_("Exhale"), "seconds"),
    # Translators: a setting: the pause before each stretch, in seconds.
    "ready_s": (N_("Get ready"), "seconds"),
    # Translators: a setting: the pause between the two sides of a stretch, in seconds.
    "switch_s": (N_("Switch sides"), "seconds"),
    # Translators: a form field: a stretch's name.
    "name": (N_("Name"), None),
    # Translators: a form field: a stretch's instructions.
    "instructions": (N_("Instructions"), None),
    # Translators: a form field: which sides of the body a stretch is held on.
    "sides": (N_("Sides"), None),
    # Translators: a form field: the drawn figure shown with a stretch.
    "figure": (N_("Figure"), None),
}

_HOLD_ONLY = ("hold_s", "sides")
_REPS_ONLY = ("reps", "inhale_s", "exhale_s")

# ASCII digits only: int() would also take "1_000", "+5" and non-Latin digits.
_WHOLE_NUMBER = re.compile(r"[0-9]+")


class EditError(ValueError):
    """An edit a person asked for that breaks a rule; `message` fits under the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def field_label(field: str) -> str:
    """The word a person reads for a field key: 'hold_s' → 'Hold', in the language in use."""
    words = _FIELD_WORDS.get(field)
    return _(words[0]) if words else field


def _range_message(field: str, low: int, high: int) -> str:
    unit = _FIELD_WORDS.get(field, (field, None))[1]
    if unit == "seconds":
        # Translators: a form's error; {label} is the field ("Hold"), translated on its own.
        words = _("{label} must be a whole number of seconds from {low} to {high}")
    else:
        # Translators: a form's error; {label} is the field ("Reps"), translated on its own.
        words = _("{label} must be a whole number from {low} to {high}")
    return words.format(label=field_label(field), low=low, high=high)


def parse_int_field(text: str, field: str, low: int, high: int) -> int:
    """A whole number typed into a form field, within `low`..`high`, or an EditError."""
    cleaned = text.strip()
    if _WHOLE_NUMBER.fullmatch(cleaned):
        value = int(cleaned)
        if low <= value <= high:
            return value
    raise EditError(_range_message(field, low, high), field)


def _check_int(field: str, value: Any) -> int:
    low, high = INT_FIELD_LIMITS[field]
    # bool is an int subclass, and True as "1 rep" is a bug, not a dose.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise EditError(_range_message(field, low, high), field)
    return value


def _clean_name(name: Any) -> str:
    if not isinstance(name, str):
        raise EditError(_("Name must be text"), "name")
    # A name is one line in every list, so runs of whitespace (newlines too) become one space.
    cleaned = " ".join(name.split())
    if not NAME_MIN_CHARS <= len(cleaned) <= NAME_MAX_CHARS:
        raise EditError(
            _("Name must be {low} to {high} characters").format(
                low=NAME_MIN_CHARS, high=NAME_MAX_CHARS
            ),
            "name",
        )
    problem = control_problem(cleaned, field_label("name"))
    if problem:
        raise EditError(problem, "name")
    if not cleaned.isprintable():
        # The rule a stored routine is read by: a name it would refuse is never saved.
        raise EditError(_("Name must be one line of printable text"), "name")
    return cleaned


def _clean_instructions(instructions: Any) -> str:
    if not isinstance(instructions, str):
        raise EditError(_("Instructions must be text"), "instructions")
    cleaned = instructions.strip()
    if len(cleaned) > INSTRUCTIONS_MAX_CHARS:
        raise EditError(
            _("Instructions must be at most {high} characters").format(high=INSTRUCTIONS_MAX_CHARS),
            "instructions",
        )
    # Tabs and line breaks are how a person lays out instructions; nothing else of the kind.
    problem = control_problem(
        cleaned.replace("\t", " "), field_label("instructions"), newlines=True
    )
    if problem:
        raise EditError(problem, "instructions")
    return cleaned


def _check_sides(sides: Any) -> Sides:
    if not isinstance(sides, Sides):
        # Translators: the sides as a stored routine names them; both, left, right and none
        # are the words a routine file holds.
        raise EditError(_("Sides must be both, left, right or none"), "sides")
    return sides


def _check_figure(figure: Any) -> str | None:
    if figure is not None and (not isinstance(figure, str) or figure not in FIGURE_NAMES):
        names = ", ".join(FIGURE_NAMES)
        # Translators: {names} lists the figures' keys, as a routine file holds them.
        raise EditError(_("Figure must be one of {names}, or none").format(names=names), "figure")
    return figure


class Keep(Enum):
    """`update_dose(figure=...)` left out: None there means "no figure", not "unchanged"."""

    KEEP = "keep"


def _check_index(routine: Routine, index: int) -> Stretch:
    # A bad index is a bug in the caller, not a person's mistake, hence not an EditError.
    if not 0 <= index < len(routine.stretches):
        raise IndexError(f"no stretch at index {index} (routine has {len(routine.stretches)})")
    return routine.stretches[index]


def _replace_at(routine: Routine, index: int, stretch: Stretch) -> Routine:
    stretches = list(routine.stretches)
    stretches[index] = stretch
    return routine.with_stretches(tuple(stretches))


def _insert_at(routine: Routine, index: int, stretch: Stretch) -> Routine:
    stretches = list(routine.stretches)
    stretches.insert(index, stretch)
    return routine.with_stretches(tuple(stretches))


def _new_custom_key(routine: Routine) -> str:
    """One past the highest `custom-<n>` in use, so a key is never shared with a sibling."""
    keys = {s.key for s in routine.stretches}
    numbers = [
        int(key[len(CUSTOM_KEY_PREFIX) :])
        for key in keys
        if key.startswith(CUSTOM_KEY_PREFIX) and key[len(CUSTOM_KEY_PREFIX) :].isdecimal()
    ]
    n = max(numbers, default=0) + 1
    while f"{CUSTOM_KEY_PREFIX}{n}" in keys:
        n += 1
    return f"{CUSTOM_KEY_PREFIX}{n}"


def move(routine: Routine, index: int, delta: int) -> Routine:
    """The stretch at `index` moved one place up (`delta=-1`) or down (`delta=1`)."""
    if delta not in (-1, 1):
        raise ValueError(f"delta must be -1 or 1, not {delta}")
    _check_index(routine, index)
    target = index + delta
    if target < 0:
        # Translators: a stretch at the top of the list cannot move up.
        raise EditError(_("Already at the top"))
    if target >= len(routine.stretches):
        # Translators: a stretch at the bottom of the list cannot move down.
        raise EditError(_("Already at the bottom"))
    stretches = list(routine.stretches)
    stretches[index], stretches[target] = stretches[target], stretches[index]
    return routine.with_stretches(tuple(stretches))


def toggle_enabled(routine: Routine, index: int) -> Routine:
    """The stretch at `index` enabled if it was disabled, and disabled if it was enabled."""
    stretch = _check_index(routine, index)
    if stretch.enabled and len(routine.enabled) == 1:
        raise EditError(_("At least one stretch must stay enabled"), "enabled")
    return _replace_at(routine, index, replace(stretch, enabled=not stretch.enabled))


def update_dose(
    routine: Routine,
    index: int,
    *,
    hold_s: int | None = None,
    sides: Sides | None = None,
    reps: int | None = None,
    inhale_s: int | None = None,
    exhale_s: int | None = None,
    name: str | None = None,
    instructions: str | None = None,
    figure: str | None | Literal[Keep.KEEP] = Keep.KEEP,
    kind: Kind | None = None,
) -> Routine:
    """The stretch at `index` with the given values changed, each checked against its limits.

    A value that does not apply (a hold on a reps stretch, a new name for a built-in one) is
    refused, unless it equals the current value: a form may send every field back unchanged.
    `figure=None` takes a custom stretch's figure away; leaving `figure` out keeps it. `kind`
    makes a custom stretch held or counted in reps at a breath pace (as cat–cow is); the
    values that apply are checked against the kind it becomes.
    """
    stretch = _check_index(routine, index)
    changes: dict[str, Any] = {}
    if kind is not None and Kind(kind) is not stretch.kind:
        if not stretch.custom:
            raise EditError(_("Only custom stretches can change between held and reps"), "kind")
        changes["kind"] = Kind(kind)
    becomes = changes.get("kind", stretch.kind)
    given: dict[str, Any] = {
        "hold_s": hold_s,
        "sides": sides,
        "reps": reps,
        "inhale_s": inhale_s,
        "exhale_s": exhale_s,
        "name": name,
        "instructions": instructions,
    }
    for field, value in given.items():
        if value is None:
            continue
        if field == "name":
            value = _clean_name(value)
        elif field == "instructions":
            value = _clean_instructions(value)
        elif field == "sides":
            value = _check_sides(value)
        else:
            value = _check_int(field, value)
        if value == getattr(stretch, field):
            continue
        if field in ("name", "instructions") and not stretch.custom:
            if field == "name":
                raise EditError(_("Only custom stretches can be renamed"), field)
            raise EditError(_("Only custom stretches can be given new instructions"), field)
        if field in _HOLD_ONLY and becomes is not Kind.HOLD:
            # Translators: {name} is a stretch done in reps, which a hold cannot be set for.
            words = _("{name} is counted in reps, not held")
            raise EditError(words.format(name=shown_name(stretch)), field)
        if field in _REPS_ONLY and becomes is not Kind.REPS:
            # Translators: {name} is a held stretch, which reps cannot be set for.
            words = _("{name} is held, not counted in reps")
            raise EditError(words.format(name=shown_name(stretch)), field)
        changes[field] = value
    if figure is not Keep.KEEP and _check_figure(figure) != stretch.figure:
        if not stretch.custom:
            raise EditError(_("Only custom stretches can choose a figure"), "figure")
        changes["figure"] = figure
    if not changes:
        return routine
    return _replace_at(routine, index, replace(stretch, **changes))


def add_custom(
    routine: Routine,
    name: str,
    instructions: str = "",
    *,
    after: int | None = None,
    hold_s: int = 30,
    sides: Sides = Sides.BOTH,
    figure: str | None = None,
) -> tuple[Routine, int]:
    """A new enabled custom hold stretch, placed after `after` (default: at the end).

    Returns the new routine and the index of the new stretch in it.
    """
    stretch = Stretch(
        key=_new_custom_key(routine),
        name=_clean_name(name),
        instructions=_clean_instructions(instructions),
        kind=Kind.HOLD,
        hold_s=_check_int("hold_s", hold_s),
        sides=_check_sides(sides),
        custom=True,
        figure=_check_figure(figure),
    )
    if after is None:
        position = len(routine.stretches)
    else:
        _check_index(routine, after)
        position = after + 1
    return _insert_at(routine, position, stretch), position


def delete(routine: Routine, index: int) -> Routine:
    """The routine without the custom stretch at `index`; built-in ones can only be disabled."""
    stretch = _check_index(routine, index)
    if not stretch.custom:
        raise EditError(_("Built-in stretches can be disabled, not deleted"))
    if stretch.enabled and len(routine.enabled) == 1:
        raise EditError(_("At least one stretch must stay enabled"))
    return routine.with_stretches(routine.stretches[:index] + routine.stretches[index + 1 :])


def duplicate(routine: Routine, index: int) -> Routine:
    """A custom copy of the stretch at `index`, placed right after it (at `index + 1`).

    The copy is custom so it can be renamed and deleted; its name ends in ' (copy)', the
    original name cut short when both would not fit in the name limit. The copy's name is
    the person's from then on, so it is written in the language in use (a built-in stretch's
    name as it is shown).
    """
    stretch = _check_index(routine, index)
    # Translators: the name of a stretch's copy; {name} is the stretch copied.
    template = _("{name} (copy)")
    room = NAME_MAX_CHARS - len(template.format(name=""))
    base = shown_name(stretch)[:room].rstrip()
    copy = replace(
        stretch, key=_new_custom_key(routine), name=template.format(name=base), custom=True
    )
    return _insert_at(routine, index + 1, copy)


def reset() -> Routine:
    """The default flow with its default doses; custom stretches and changes are dropped."""
    return default_routine()


def set_pauses(
    routine: Routine, ready_s: int | None = None, switch_s: int | None = None
) -> Routine:
    """The routine with its get-ready and switch-sides pauses changed, each within limits."""
    return replace(
        routine,
        ready_s=routine.ready_s if ready_s is None else _check_int("ready_s", ready_s),
        switch_s=routine.switch_s if switch_s is None else _check_int("switch_s", switch_s),
    )


def validate_routine(routine: Routine) -> None:
    """Raise EditError unless the routine keeps every limit an editor could have set."""
    if (
        not isinstance(routine.name, str)
        or not NAME_MIN_CHARS <= len(routine.name.strip()) <= NAME_MAX_CHARS
    ):
        raise EditError(
            _("The routine's name must be 1 to {high} characters").format(high=NAME_MAX_CHARS),
            "name",
        )
    problem = control_problem(routine.name, _("The routine's name"))
    if problem:
        raise EditError(problem, "name")
    if not routine.stretches:
        raise EditError(_("The routine has no stretches"))
    for field in ("ready_s", "switch_s"):
        _check_int(field, getattr(routine, field))
    seen: set[str] = set()
    for position, stretch in enumerate(routine.stretches, start=1):
        try:
            _validate_stretch(stretch)
        except EditError as error:
            # Translators: a stored routine's problem; {position} is the stretch's place in
            # it (1, 2, …), {problem} one of the messages above, already translated.
            words = _("Stretch {position}: {problem}")
            raise EditError(
                words.format(position=position, problem=error.message), error.field
            ) from None
        if stretch.key in seen:
            # Translators: {key} is a stretch's stored key, such as 'cat-cow', not translated.
            words = _("Stretch {position}: the key {key} is used twice")
            raise EditError(words.format(position=position, key=repr(stretch.key)), "key")
        seen.add(stretch.key)
    if not routine.enabled:
        raise EditError(_("At least one stretch must stay enabled"), "enabled")


def _validate_stretch(stretch: Stretch) -> None:
    if not isinstance(stretch.key, str) or not stretch.key:
        # Translators: a stored stretch's problem, said after "Stretch 2: ".
        raise EditError(_("it has no key"), "key")
    if not isinstance(stretch.kind, Kind):
        # Translators: hold and reps are the words a routine file holds.
        raise EditError(_("its kind must be hold or reps"), "kind")
    _check_sides(stretch.sides)
    _check_figure(stretch.figure)
    _clean_name(stretch.name)
    if not stretch.name.isprintable():
        # A name is shown on one line; newlines or control characters would break the lists.
        raise EditError(_("Name must be one line"), "name")
    _clean_instructions(stretch.instructions)
    # Fields unused by the stretch's kind are checked too: Supple only ever stores defaults
    # there, and those are within limits.
    for field in ("hold_s", "reps", "inhale_s", "exhale_s"):
        _check_int(field, getattr(stretch, field))
    for flag in ("enabled", "custom"):
        if not isinstance(getattr(stretch, flag), bool):
            # Translators: {flag} is a stored field ("enabled", "custom"), not translated.
            raise EditError(_("{flag} must be true or false").format(flag=flag), flag)


class EditHistory:
    """The routine being edited and the ones before it, for undo (at most HISTORY_LIMIT back)."""

    def __init__(self, current: Routine, limit: int = HISTORY_LIMIT) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        self.current = current
        self._limit = limit
        self._past: list[Routine] = []

    def apply(self, new: Routine) -> Routine:
        """Make `new` current, remembering the previous routine; an edit that changed
        nothing leaves no undo step."""
        if new != self.current:
            self._past.append(self.current)
            del self._past[: -self._limit]
            self.current = new
        return self.current

    def undo(self) -> Routine | None:
        """Go back one edit and return that routine, or None when there is nothing to undo."""
        if not self._past:
            return None
        self.current = self._past.pop()
        return self.current


__all__ = [
    "BREATH_MAX_S",
    "BREATH_MIN_S",
    "HISTORY_LIMIT",
    "HOLD_MAX_S",
    "HOLD_MIN_S",
    "INSTRUCTIONS_MAX_CHARS",
    "INT_FIELD_LIMITS",
    "NAME_MAX_CHARS",
    "NAME_MIN_CHARS",
    "PAUSE_MAX_S",
    "PAUSE_MIN_S",
    "REPS_MAX",
    "REPS_MIN",
    "EditError",
    "EditHistory",
    "Keep",
    "add_custom",
    "delete",
    "duplicate",
    "field_label",
    "move",
    "parse_int_field",
    "reset",
    "set_pauses",
    "toggle_enabled",
    "update_dose",
    "validate_routine",
]
