"""Time held: the one figure of time a session or a history is given (rules.md §3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from tui.i18n import _

if TYPE_CHECKING:
    from tui.domain.history import SessionFacts


def seconds_held(steps: Iterable[Mapping[str, Any]]) -> float:
    """The seconds of a session's holds as done (after `+` and `-`). Reps are counted, never
    timed: a rep's length is the routine's breath pace, which a session does not record, so
    a figure with them in could not be told again from the file."""
    return float(
        sum(
            step["done"]
            for step in steps
            if step.get("unit") == "s"
            and isinstance(step.get("done"), int | float)
            and not isinstance(step.get("done"), bool)
        )
    )


def total_seconds_held(sessions: Iterable[SessionFacts]) -> float:
    """Time held over a history: practice runs (another speed) are left out, as from every
    other sum of the history (rules.md §4)."""
    return sum(facts.active_seconds for facts in sessions if not facts.practice)


def held_words(seconds: float) -> str:
    """'3:40' under an hour, '12 h 05 min' over it: how a time held is written."""
    whole = max(0, round(seconds))
    if whole < 3600:
        return f"{whole // 60}:{whole % 60:02d}"
    # Translators: a time held over an hour; "h" and "min" are the abbreviations of hours and
    # minutes, {minutes} always two digits.
    return _("{hours} h {minutes} min").format(
        hours=whole // 3600, minutes=f"{whole % 3600 // 60:02d}"
    )
