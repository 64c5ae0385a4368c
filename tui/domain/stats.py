"""The sums of a whole history as `supple stats` and home report them (rules.md §6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from tui.domain.history import (
    HistorySettings,
    HistoryStats,
    MarkKind,
    SessionFacts,
    day_sets,
    today,
)
from tui.domain.strength import habit_strength
from tui.domain.weeks import week_start, week_summary


def history_stats(
    sessions: Iterable[SessionFacts],
    marks: Mapping[date, MarkKind],
    settings: HistorySettings,
    now: datetime,
) -> HistoryStats:
    """The stats of a whole history as seen at `now`.

    Practice sessions are listed in `sessions_total` and `sessions_practice` only: they are
    never counted (§4), so neither `sessions_completed` nor `total_minutes` includes them.
    """
    # Imported here: the streaks module builds on this one's record (HistoryStats).
    from tui.domain.streaks import streak_figures

    sessions = list(sessions)
    sets = day_sets(sessions, marks, settings)
    day = today(now, settings.day_starts_at)
    real = [s for s in sessions if not s.practice]
    streak = streak_figures(sets.done, sets.rest, day, settings)
    return HistoryStats(
        today=day,
        done_today=day in sets.done,
        current_streak=streak.current,
        longest_streak=streak.longest,
        days_until_break=streak.days_until_break,
        week=week_summary(
            week_start(day, settings.week_starts_on), sets.done, sets.rest, settings.weekly_goal
        ),
        sessions_total=len(sessions),
        sessions_completed=sum(1 for s in real if s.completed),
        sessions_practice=len(sessions) - len(real),
        total_minutes=round(sum(s.minutes() for s in real), 1),
        sessions_counted=sum(1 for s in sessions if s.counts),
        strength=habit_strength(sets.done, sets.rest, day, settings.weekly_goal),
        streak_unit=streak.unit.value,
    )
