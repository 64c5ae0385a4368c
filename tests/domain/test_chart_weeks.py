"""The history chart's weeks (rules.md §4): from the first done day's week, this week so far."""

from __future__ import annotations

from datetime import date, timedelta

from tui.domain.chart_weeks import average_before_this_week, charted_weeks
from tui.domain.history import HistorySettings

THURSDAY = date(2026, 11, 26)
DAILY = HistorySettings()


def test_the_chart_starts_at_the_week_of_the_first_done_day() -> None:
    # First done on Wednesday two weeks ago: that week, last week and this one.
    done = {THURSDAY - timedelta(days=15), THURSDAY - timedelta(days=1)}
    weeks = charted_weeks(THURSDAY, done, set(), DAILY)
    assert [w.start for w in weeks] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert [w.done_days for w in weeks] == [1, 0, 1]
    # A rest day before the first done day starts nothing.
    rested = charted_weeks(THURSDAY, done, {date(2026, 10, 1)}, DAILY)
    assert len(rested) == 3


def test_at_most_twelve_weeks_and_this_week_last() -> None:
    weeks = charted_weeks(THURSDAY, {date(2025, 1, 1)}, set(), DAILY)
    assert len(weeks) == 12 and weeks[-1].start == date(2026, 11, 23)


def test_without_a_done_day_only_this_week() -> None:
    # A day marked done in the future is not a first done day yet.
    weeks = charted_weeks(THURSDAY, {THURSDAY + timedelta(days=30)}, set(), DAILY)
    assert [w.start for w in weeks] == [date(2026, 11, 23)]


def test_the_week_start_setting_moves_the_weeks() -> None:
    sundays = HistorySettings(week_starts_on=6)
    weeks = charted_weeks(THURSDAY, {date(2026, 11, 15)}, set(), sundays)  # a Sunday
    assert [w.start for w in weeks] == [date(2026, 11, 15), date(2026, 11, 22)]


def test_the_average_leaves_this_week_out() -> None:
    done = {date(2026, 11, 16) + timedelta(days=n) for n in range(7)} | {THURSDAY}
    weeks = charted_weeks(THURSDAY, done, set(), DAILY)
    assert [w.completion for w in weeks] == [1.0, 1 / 7]
    assert average_before_this_week(weeks) == 1.0
    assert average_before_this_week(weeks[-1:]) is None
