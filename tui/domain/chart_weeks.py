"""The weeks the history chart shows (rules.md §4): from the first done day's week to now."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import date

from tui.domain.history import HistorySettings, WeekSummary
from tui.domain.weeks import recent_weeks, week_start


def charted_weeks(
    today: date,
    done: AbstractSet[date],
    rest: AbstractSet[date],
    settings: HistorySettings,
    count: int = 12,
) -> list[WeekSummary]:
    """At most `count` weeks, oldest first, ending with this week; none before the week of the
    first done day, which would only be empty weeks from before Supple was used. With no done
    day yet, this week alone."""
    first = min((d for d in done if d <= today), default=today)
    this_week = week_start(today, settings.week_starts_on)
    since_first = (this_week - week_start(first, settings.week_starts_on)).days // 7 + 1
    return recent_weeks(today, done, rest, settings, min(count, since_first))


def average_before_this_week(weeks: Sequence[WeekSummary]) -> float | None:
    """The mean completion of the weeks before this one (the last of `weeks`), or None when
    there are none: a week still under way is not yet a fair part of an average."""
    whole = weeks[:-1]
    return sum(w.completion for w in whole) / len(whole) if whole else None


__all__ = ["average_before_this_week", "charted_weeks"]
