"""Home in plain lines: today, the streak, the routine and its steps, and the keys."""

from __future__ import annotations

from tui.domain.history import HistoryStats
from tui.domain.routine import SAFETY_NOTE, Routine, format_duration, shown_name, shown_routine_name
from tui.domain.streaks import streak_label, week_of
from tui.i18n import _, ngettext
from tui.widgets.status_words import cue_words


def streak_words(current: int, longest: int, unit: str) -> str:
    """The streak as home says it (the same words as tui/views/overview.py's, which cannot be
    imported here without Textual)."""
    if current:
        return streak_label(current, unit)
    if longest and unit == "days":
        # Translators: home's status line, with no streak going; {n} is the longest so far.
        words = ngettext(
            "Longest streak {n} day: a new one starts today",
            "Longest streak {n} days: a new one starts today",
            longest,
        )
        return words.format(n=longest)
    if longest:
        # Translators: home's status line, with no streak going; {n} is the longest so far,
        # in weeks that each met the weekly goal.
        return ngettext("Longest streak {n} week", "Longest streak {n} weeks", longest).format(
            n=longest
        )
    # Translators: home's status line before any streak (in days, today can begin one).
    return _("No streak yet: today can start one") if unit == "days" else _("No streak yet")


def status_line(stats: HistoryStats) -> str:
    """Done today or not, the streak, the week (a streak in weeks), the strength."""
    parts = [
        _("Done today ✓") if stats.done_today else _("Not stretched yet today"),
        streak_words(stats.current_streak, stats.longest_streak, stats.streak_unit),
    ]
    week = week_of(stats)
    if week is not None:
        parts.append(week)
    if stats.strength.value > 0:
        # Translators: home's status line; {percent} is the habit's strength, 0 to 100.
        parts.append(_("strength {percent}%").format(percent=stats.strength.percent))
    return " · ".join(parts)


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
