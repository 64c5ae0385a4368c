"""Runs of days in a row (rules.md §4): streaks counted in days, the longest one, and how
long the current one holds. tui/domain/streaks.py counts them in weeks below a daily goal."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import date, timedelta
from typing import NamedTuple

_ONE_DAY = timedelta(days=1)


class Streak(NamedTuple):
    """A maximal run of done-or-rest days from `start` to `end`; `length` counts done days."""

    start: date
    end: date
    length: int


def streaks(done: AbstractSet[date], rest: AbstractSet[date]) -> list[Streak]:
    """Every streak, oldest first: maximal runs of done-or-rest days holding a done day."""
    result: list[Streak] = []
    start: date | None = None
    end: date | None = None
    length = 0
    for day in sorted(done | rest):
        if end is None or day - end != _ONE_DAY:
            if start is not None and end is not None and length:
                result.append(Streak(start, end, length))
            start, length = day, 0
        length += day in done
        end = day
    if start is not None and end is not None and length:
        result.append(Streak(start, end, length))
    return result


def _run_through(anchor: date, done: AbstractSet[date], rest: AbstractSet[date]) -> Streak | None:
    """The streak whose run holds `anchor`, walking out from it; None if there is none."""
    if anchor not in done and anchor not in rest:
        return None
    start = end = anchor
    length = 1 if anchor in done else 0
    while (day := start - _ONE_DAY) in done or day in rest:
        start = day
        length += day in done
    while (day := end + _ONE_DAY) in done or day in rest:
        end = day
        length += day in done
    return Streak(start, end, length) if length else None


def _current(done: AbstractSet[date], rest: AbstractSet[date], today: date) -> Streak | None:
    if today in done or today in rest:
        return _run_through(today, done, rest)
    return _run_through(today - _ONE_DAY, done, rest)


def current_streak(done: AbstractSet[date], rest: AbstractSet[date], today: date) -> int:
    """The length of the streak whose run holds today, or yesterday while today is neither
    done nor rest; 0 when there is none. The whole maximal run counts, marks after today too.
    """
    streak = _current(done, rest, today)
    return streak.length if streak else 0


def longest_streak(done: AbstractSet[date], rest: AbstractSet[date]) -> int:
    """The greatest streak length ever, 0 for a history without done days."""
    return max((s.length for s in streaks(done, rest)), default=0)


def days_until_break(done: AbstractSet[date], rest: AbstractSet[date], today: date) -> int | None:
    """Days from today to the last day that can still keep the current streak alive.

    That last day is the day after the streak's run ends: a done (or rest) day on it keeps
    the streak; leaving it empty loses the streak the day after. So 0 means "do it today or
    lose it" (the run ends yesterday), 1 means today is already done or rest and tomorrow is
    the next day that matters, and more when days after today are already marked.
    None when there is no current streak.
    """
    streak = _current(done, rest, today)
    if streak is None:
        return None
    return (streak.end + _ONE_DAY - today).days
