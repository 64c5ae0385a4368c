"""What home says of today: done or not, the streak, the week and the strength, in the words
both homes use (the app's overview and the screen-reader mode's lines)."""

from __future__ import annotations

from tui.domain.history import HistoryStats
from tui.domain.streaks import streak_label, week_of
from tui.i18n import _, ngettext


def streak_words(current: int, longest: int, unit: str = "days") -> str:
    """The streak as home says it, in its unit; with none going, the best one so far is not
    forgotten."""
    if current:
        return streak_label(current, unit)
    # In weeks, whether this week can still start one is for the week's own words beside it
    # ("1 of 3 this week"): it may already be too late in the week.
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


def status_parts(stats: HistoryStats) -> list[str]:
    """Done today or not, the streak, the week (a streak in weeks), and the strength once
    there is any (before the first done day it is exactly 0: nothing to speak of)."""
    parts = [
        # Translators: the start of home's status line: today's flow done, or not yet.
        _("Done today ✓") if stats.done_today else _("Not stretched yet today"),
        streak_words(stats.current_streak, stats.longest_streak, stats.streak_unit),
    ]
    week = week_of(stats)
    if week is not None:
        parts.append(week)
    if stats.strength.value > 0:
        # Translators: home's status line; {percent} is the habit's strength, 0 to 100.
        parts.append(_("strength {percent}%").format(percent=stats.strength.percent))
    return parts
