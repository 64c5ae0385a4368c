"""What the history screen says in words: days, streaks and how safe they are, the weeks'
title, a day of the calendar, a row of the sessions table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tui.domain.chart_weeks import average_before_this_week
from tui.domain.history import (
    DayStatus,
    HistorySettings,
    MarkKind,
    SessionFacts,
    WeekSummary,
    is_held,
    session_day,
)
from tui.domain.session import note_of, stiffness_of
from tui.domain.stiffness import stiffness_words

# Weeks of completion the history charts.
CHART_WEEKS = 12

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def day_label(day: date, today: date) -> str:
    """'Tue 17 Nov', with the year only when it is not this year's."""
    label = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return label if day.year == today.year else f"{label} {day.year}"


def safety_words(until_break: int | None, today: date, longest: int) -> str:
    """How long the current streak is safe, in words."""
    if until_break is None:
        return "do today's flow to start a new one" if longest else "do today's flow to start one"
    if until_break <= 0:
        return "do today's flow to keep it"
    if until_break == 1:
        return "safe until tomorrow"
    last_safe = date.fromordinal(today.toordinal() + until_break)
    if until_break < 7:
        return f"safe until {_WEEKDAY_NAMES[last_safe.weekday()]}"
    return f"safe until {day_label(last_safe, today)}"


def week_safety_words(current: int, week: WeekSummary, can_be_met: bool) -> str:
    """How a streak in weeks stands this week, in words."""
    missing = week.target_days - week.done_days
    if current and missing <= 0:
        return "this week's target is met"
    if current:
        return f"{plural(missing, 'more day')} by {_WEEKDAY_NAMES[week.end.weekday()]} to keep it"
    if can_be_met:
        return "meet this week's target to start one"
    return "next week can start one"


def weeks_title(weeks: Sequence[WeekSummary], today: date) -> str:
    """Over the chart: how far back it goes and the average of the weeks before this one;
    then that the last bar is this week so far ('Since Mon 5 Oct · 83% average')."""
    so_far = f"[dim]last bar: this week so far, {weeks[-1].completion:.0%}[/]"
    average = average_before_this_week(weeks)
    if average is None:
        if not weeks[-1].done_days:
            return "Weeks: from your first done day"
        return f"This week · {so_far}"
    since = "Since " + day_label(weeks[0].start, today)
    span = f"Last {len(weeks)} weeks" if len(weeks) == CHART_WEEKS else since
    return f"{span} · {average:.0%} average\n{so_far}"


def describe_day(
    day: date,
    status: DayStatus,
    today: date,
    sessions: int,
    mark: MarkKind | None,
) -> str:
    """The line under the calendar: 'Tue 17 Nov: done — 1 session'."""
    name = day_label(day, today) + (" (today)" if day == today else "")
    details = [plural(sessions, "session")] if sessions else []
    if mark is not None:
        details.append(f"marked {mark.value} by hand")
    words = {
        DayStatus.DONE: "done",
        DayStatus.REST: "rest day",
        DayStatus.PRACTICE: "played, not counted",
        DayStatus.MISSED: "missed",
        DayStatus.PENDING: "not done yet",
        DayStatus.FUTURE: "still ahead",
        DayStatus.EMPTY: "before your first session",
    }[status]
    return f"{name}: {words}" + (f" — {', '.join(details)}" if details else "")


def duration_text(facts: SessionFacts) -> str:
    """Wall time from start to end as m:ss; a dash while the session has no end."""
    if facts.ended_at is None:
        return "—"
    seconds = max(0, round((facts.ended_at - facts.started_at).total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d}"


def session_row(
    document: Mapping[str, Any], facts: SessionFacts, settings: HistorySettings
) -> tuple[str, ...]:
    """One row of the sessions table."""
    day = session_day(facts.started_at, settings.day_starts_at)
    # Held of planned: the whole flow as it was run is recorded, so this is "5 of 9" even for
    # a flow left early (sessions kept before that list only the steps they reached).
    steps = document.get("steps", [])
    held = sum(1 for step in steps if is_held(step))
    before = stiffness_of(document, "stiffness_before")
    after = stiffness_of(document, "stiffness_after")
    back = "" if before is None and after is None else stiffness_words(before, after)
    return (
        f"{_WEEKDAYS[day.weekday()]} {day.isoformat()}",
        facts.started_at.strftime("%H:%M"),
        duration_text(facts),
        f"{held} of {len(steps)}",
        "✓" if facts.completed else "✗",
        f"{facts.speed:g}×" if facts.practice else "",
        back.split(" (")[0],
        "✎" if note_of(document) else "",
    )
