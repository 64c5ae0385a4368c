"""Home in plain lines: today, the streak, the routine and its steps, and the keys."""

from __future__ import annotations

from tui.domain.history import HistoryStats
from tui.domain.home_words import status_parts
from tui.domain.routine import SAFETY_NOTE, Routine, format_duration, shown_name, shown_routine_name
from tui.domain.status_words import cue_words
from tui.i18n import _, ngettext


def status_line(stats: HistoryStats) -> str:
    """Done today or not, the streak, the week (a streak in weeks), the strength."""
    return " · ".join(status_parts(stats))


def routine_lines(routine: Routine) -> list[str]:
    """The routine's name and length, then each step on a line of its own."""
    stretches = routine.enabled
    lines = [
        # Translators: the plain mode's line naming the routine; {routine} is its name,
        # {length} its time like 5:13, {count} how many stretches it has.
        ngettext(
            "{routine}, {length}, {count} stretch:",
            "{routine}, {length}, {count} stretches:",
            len(stretches),
        ).format(
            routine=shown_routine_name(routine),
            length=format_duration(routine.total_seconds()),
            count=len(stretches),
        )
    ]
    for number, stretch in enumerate(stretches, start=1):
        # Translators: one step of the routine in the plain mode: its number, the stretch,
        # its dose ("20 s each side") and its time in the flow (0:50).
        lines.append(
            _("{number}. {name}, {dose}, {time}").format(
                number=number,
                name=shown_name(stretch),
                dose=stretch.dose(),
                time=format_duration(routine.stretch_seconds(stretch)),
            )
        )
    return lines


def cues_line(muted: bool, mode: str, speed: float) -> str:
    """The cues, and a practice speed, as home's hint says them."""
    words = cue_words(muted, mode)
    if speed != 1:
        # Translators: after the cue mode on home; {speed} is how many times faster a
        # practice run goes (2, 0.5).
        words += _(" · practice at {speed}× speed").format(speed=f"{speed:g}")
    return words


def home_keys() -> str:
    """Home's keys, in one line."""
    # Translators: the plain mode's home keys; key names (enter, h, m, r, q) stay as they are.
    return _("Keys: enter starts the flow, h shows the history, m mutes, r repeats, q quits.")


def home_lines(
    stats: HistoryStats, routine: Routine, *, muted: bool, mode: str, speed: float
) -> list[str]:
    """Everything home says, a line each."""
    return [
        # Translators: the plain mode's first line, so a screen reader says what has started.
        _("Supple, in plain lines."),
        status_line(stats),
        *routine_lines(routine),
        _(SAFETY_NOTE),
        cues_line(muted, mode, speed),
        home_keys(),
    ]
