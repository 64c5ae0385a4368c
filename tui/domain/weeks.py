"""Weeks against the weekly goal (rules.md §4), and the calendar's weeks and days."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import date, timedelta

from tui.domain.history import (
    DayStatus,
    HistorySettings,
    WeekSummary,
    _check_goal,
    _check_weekday,
    _is_int,
)


def week_start(d: date, week_starts_on: int) -> date:
    """The first day of the week holding `d`, weeks starting on `week_starts_on` (0 = Monday)."""
    _check_weekday(week_starts_on)
    return d - timedelta(days=(d.weekday() - week_starts_on) % 7)


def week_summary(
    start: date,
    done: AbstractSet[date],
    rest: AbstractSet[date],
    weekly_goal: int,
) -> WeekSummary:
    """The seven days from `start` against the goal.

    All seven days count, also in the current week: the target does not shrink because part
    of the week is still ahead.
    """
    _check_goal(weekly_goal)
    days = [start + timedelta(days=i) for i in range(7)]
    done_count = sum(1 for d in days if d in done)
    # A day both marked rest and done is a done day, so a caller's overlapping sets still count
    # it once.
    rest_count = sum(1 for d in days if d in rest and d not in done)
    target = max(1, min(weekly_goal, 7 - rest_count))
    return WeekSummary(
        start=start,
        done_days=done_count,
        rest_days=rest_count,
        target_days=target,
        completion=min(1.0, done_count / target),
    )


def recent_weeks(
    today: date,
    done: AbstractSet[date],
    rest: AbstractSet[date],
    settings: HistorySettings,
    count: int = 12,
) -> list[WeekSummary]:
    """The last `count` weeks, oldest first, ending with the week holding today."""
    if not _is_int(count) or count < 1:
        raise ValueError(f"count must be at least 1 week, not {count!r}")
    current = week_start(today, settings.week_starts_on)
    return [
        week_summary(current - timedelta(weeks=back), done, rest, settings.weekly_goal)
        for back in range(count - 1, -1, -1)
    ]


def day_status(
    day: date,
    today: date,
    done: AbstractSet[date],
    rest: AbstractSet[date],
    practice: AbstractSet[date],
    first_day: date | None = None,
) -> DayStatus:
    """How the calendar shows `day` (see DayStatus for the order of the rules).

    `first_day` is where the history starts; when not given it is worked out from the sets,
    which costs a pass over them, so a calendar should pass `DaySets.first_day` once.
    """
    if day in done:
        return DayStatus.DONE
    if day in rest:
        return DayStatus.REST
    if day in practice:
        return DayStatus.PRACTICE
    if day > today:
        return DayStatus.FUTURE
    if day == today:
        return DayStatus.PENDING
    if first_day is None:
        first_day = min(done | rest | practice, default=None)
    if first_day is None or day < first_day:
        return DayStatus.EMPTY
    return DayStatus.MISSED


def calendar_weeks(today: date, settings: HistorySettings, weeks: int = 26) -> list[list[date]]:
    """The last `weeks` weeks as columns of seven dates, oldest first; the last holds today."""
    if not _is_int(weeks) or weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks!r}")
    first = week_start(today, settings.week_starts_on) - timedelta(weeks=weeks - 1)
    return [[first + timedelta(days=7 * w + i) for i in range(7)] for w in range(weeks)]
