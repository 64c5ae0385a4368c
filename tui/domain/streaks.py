"""Streaks in the unit the weekly goal asks for (rules.md §4): days for 7, weeks below."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from tui.domain.day_runs import current_streak, days_until_break, longest_streak
from tui.domain.history import HistorySettings, HistoryStats
from tui.domain.weeks import week_start, week_summary
from tui.i18n import _, ngettext

_ONE_WEEK = timedelta(weeks=1)


class StreakUnit(StrEnum):
    """What a streak counts: `stats --json` says it as `streak_unit`."""

    DAYS = "days"
    WEEKS = "weeks"

    @property
    def singular(self) -> str:
        return "day" if self is StreakUnit.DAYS else "week"


def streak_unit(weekly_goal: int) -> StreakUnit:
    """Days for a daily goal; weeks for any smaller one, where a day off is part of the plan."""
    return StreakUnit.DAYS if weekly_goal == 7 else StreakUnit.WEEKS


class StreakFigures(NamedTuple):
    """The current and longest streak in one unit, and how long the current one is safe."""

    unit: StreakUnit
    current: int
    longest: int
    # Days from today to the last day whose flow still keeps the current streak: 0 means
    # today; None when there is no current streak.
    days_until_break: int | None


class WeekStreak(NamedTuple):
    """A maximal run of met weeks: the first week's start, the last week's start, its length."""

    first: date
    last: date
    length: int


def _met_weeks(
    done: AbstractSet[date], rest: AbstractSet[date], settings: HistorySettings
) -> set[date]:
    """The starts of every met week. Only weeks holding a done day can be met (a target is
    never below one), so the walk is over the done days, not over every week since day one."""
    starts = {week_start(d, settings.week_starts_on) for d in done}
    return {
        start
        for start in starts
        if (week := week_summary(start, done, rest, settings.weekly_goal)).done_days
        >= week.target_days
    }


def week_streaks(
    done: AbstractSet[date], rest: AbstractSet[date], settings: HistorySettings
) -> list[WeekStreak]:
    """Every run of consecutive met weeks, oldest first."""
    result: list[WeekStreak] = []
    for start in sorted(_met_weeks(done, rest, settings)):
        if result and start - result[-1].last == _ONE_WEEK:
            first, _, length = result[-1]
            result[-1] = WeekStreak(first, start, length + 1)
        else:
            result.append(WeekStreak(start, start, 1))
    return result


def _done_before(start: date, today: date, done: AbstractSet[date]) -> int:
    """Done days of the week from `start` that are before today."""
    return sum(1 for i in range(7) if (d := start + timedelta(days=i)) < today and d in done)


def week_can_still_be_met(
    start: date, done: AbstractSet[date], rest: AbstractSet[date], today: date, goal: int
) -> bool:
    """Whether the week from `start` can still reach its target: the days done before today
    and the days left, today included. A day already done from today on is one of the days
    left, not a second one: a week cannot gain it twice."""
    week = week_summary(start, done, rest, goal)
    days_left = (start + timedelta(days=7) - today).days
    return _done_before(start, today, done) + days_left >= week.target_days


def _week_figures(
    done: AbstractSet[date], rest: AbstractSet[date], today: date, settings: HistorySettings
) -> StreakFigures:
    goal = settings.weekly_goal
    runs = week_streaks(done, rest, settings)
    longest = max((run.length for run in runs), default=0)
    this_week = week_start(today, settings.week_starts_on)
    current_run = next((r for r in runs if r.first <= this_week <= r.last), None)
    week = week_summary(this_week, done, rest, goal)
    next_week = this_week + _ONE_WEEK
    if current_run is not None:
        # Met: safe through this week; the next one must then reach its own target.
        following = week_summary(next_week, done, rest, goal)
        needed = max(0, following.target_days - following.done_days)
        return StreakFigures(
            StreakUnit.WEEKS, current_run.length, longest, (next_week - today).days + 7 - needed
        )
    if not week_can_still_be_met(this_week, done, rest, today, goal):
        return StreakFigures(StreakUnit.WEEKS, 0, longest, None)
    last_week = this_week - _ONE_WEEK
    carried = next((r.length for r in runs if r.last == last_week), 0)
    if not carried:
        return StreakFigures(StreakUnit.WEEKS, 0, longest, None)
    days_left = (next_week - today).days
    needed = week.target_days - _done_before(this_week, today, done)
    return StreakFigures(StreakUnit.WEEKS, carried, longest, days_left - needed)


def streak_figures(
    done: AbstractSet[date], rest: AbstractSet[date], today: date, settings: HistorySettings
) -> StreakFigures:
    """The streaks as §4 says, in days for a weekly goal of 7 and in weeks below it."""
    if streak_unit(settings.weekly_goal) is StreakUnit.DAYS:
        return StreakFigures(
            StreakUnit.DAYS,
            current_streak(done, rest, today),
            longest_streak(done, rest),
            days_until_break(done, rest, today),
        )
    return _week_figures(done, rest, today, settings)


def streak_label(length: int, unit: StreakUnit | str) -> str:
    """'5-week streak', '1-day streak': the length always says its unit."""
    if StreakUnit(unit) is StreakUnit.DAYS:
        # Translators: a streak of {length} days in a row (English: "5-day streak" for any count).
        return ngettext("{length}-day streak", "{length}-day streak", length).format(length=length)
    # Translators: a streak of {length} weeks in a row, each meeting the weekly goal.
    return ngettext("{length}-week streak", "{length}-week streak", length).format(length=length)


def length_words(length: int, unit: StreakUnit | str) -> str:
    """'5 weeks', '1 day'."""
    if StreakUnit(unit) is StreakUnit.DAYS:
        return ngettext("{length} day", "{length} days", length).format(length=length)
    return ngettext("{length} week", "{length} weeks", length).format(length=length)


def week_words(done_days: int, target_days: int) -> str:
    """'2 of 3 this week'; past the goal, '6 days · goal 3 met' ("6 of 3" read as a slip)."""
    if done_days > target_days:
        # Translators: {done} days stretched this week, more than the weekly goal of {target}.
        return ngettext(
            "{done} day · goal {target} met", "{done} days · goal {target} met", done_days
        ).format(done=done_days, target=target_days)
    # Translators: {done} days stretched so far of the {target} this week's goal asks for.
    return _("{done} of {target} this week").format(done=done_days, target=target_days)


def stake_words(current: int, unit: StreakUnit | str, week_met: bool) -> str | None:
    """'5-week streak at stake' while today's flow still matters to the streak; None when there
    is no streak, or (in weeks) when this week's target is already met."""
    if current <= 0 or (StreakUnit(unit) is StreakUnit.WEEKS and week_met):
        return None
    if StreakUnit(unit) is StreakUnit.DAYS:
        # Translators: today's flow keeps a streak of {length} days in a row alive.
        words = ngettext("{length}-day streak at stake", "{length}-day streak at stake", current)
    else:
        # Translators: today's flow keeps a streak of {length} met weeks alive.
        words = ngettext("{length}-week streak at stake", "{length}-week streak at stake", current)
    return words.format(length=current)


def stake_of(stats: HistoryStats) -> str | None:
    """What `nudge` and a reminder say is at stake today, from the stats of the history."""
    week = stats.week
    return stake_words(stats.current_streak, stats.streak_unit, week.done_days >= week.target_days)


def week_of(stats: HistoryStats) -> str | None:
    """'1 of 3 this week' where the streak is in weeks: the week is what today adds to."""
    if StreakUnit(stats.streak_unit) is StreakUnit.DAYS:
        return None
    return week_words(stats.week.done_days, stats.week.target_days)


__all__ = [
    "StreakFigures",
    "StreakUnit",
    "WeekStreak",
    "length_words",
    "stake_of",
    "stake_words",
    "streak_figures",
    "streak_label",
    "streak_unit",
    "week_can_still_be_met",
    "week_of",
    "week_streaks",
    "week_words",
]
