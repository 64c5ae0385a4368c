"""Streaks in weeks on screen: home and history say the unit, and a new goal counts at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from textual.widgets import Label

from tests.factories import session_document, write_history
from tests.ui.test_settings_screen import open_row, type_value
from tui.app import SuppleApp
from tui.domain.home_words import streak_words
from tui.screens.history import HistoryScreen
from tui.screens.settings import SettingsScreen
from tui.storage.store import Store
from tui.widgets.week_chart import WeekChart

AppFactory = Callable[..., SuppleApp]
ZONE = timezone(timedelta(hours=1))
THIS_MONDAY = date(2026, 11, 23)  # the week of FIXED_NOW, Thursday 26 November


def sessions_on(days: list[date]) -> list[dict[str, Any]]:
    return [session_document(datetime.combine(d, time(7), ZONE)) for d in days]


def three_a_week_for_five_weeks() -> list[dict[str, Any]]:
    """Mon, Wed and Fri of the five weeks before this one, and this Monday."""
    weeks = [THIS_MONDAY - timedelta(weeks=n) for n in range(1, 6)]
    return sessions_on([w + timedelta(days=d) for w in weeks for d in (0, 2, 4)] + [THIS_MONDAY])


def label(app: SuppleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


async def test_home_says_the_streak_in_weeks_and_the_week(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, three_a_week_for_five_weeks(), settings={"weekly_goal": 3})
    app = make_app()
    async with app.run_test(size=(100, 30)):
        status = label(app, "#today-status")
        assert "5-week streak" in status and "1 of 3 this week" in status


async def test_history_says_weeks_and_a_new_goal_counts_at_once(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, three_a_week_for_five_weeks(), settings={"weekly_goal": 3})
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HistoryScreen)
        assert label(app, "#current-streak") == "Current streak 5 weeks"
        assert label(app, "#streak-safety") == "2 more days by Sunday to keep it"
        assert label(app, "#longest-streak") == "Longest streak 5 weeks"
        assert "1 of 3 days" in label(app, "#week-label")
        # A daily goal: the same days are streaks of one day at most, and today's is gone.
        await pilot.press("4")
        assert isinstance(app.screen, SettingsScreen)
        await open_row(pilot, "weekly_goal")
        await type_value(pilot, "7")
        await pilot.press("enter", "2")
        assert isinstance(app.screen, HistoryScreen)
        assert label(app, "#current-streak") == "Current streak 0 days"
        assert label(app, "#longest-streak") == "Longest streak 1 day"
        await pilot.press("1")
        status = label(app, "#today-status")
        assert "Longest streak 1 day: a new one starts today" in status
        assert "this week" not in status


async def test_the_chart_starts_at_the_first_done_week_and_shows_this_week_so_far(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, three_a_week_for_five_weeks(), settings={"weekly_goal": 3})
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)):
        chart = app.screen.query_one(WeekChart)
        assert [week.start for week in chart._weeks][0] == date(2026, 10, 19)
        assert len(chart._weeks) == 6
        title = label(app, "#weeks-title").splitlines()
        assert title == ["Since Mon 19 Oct · 100% average", "last bar: this week so far, 33%"]


def test_home_words_when_no_streak_in_weeks_is_going() -> None:
    # Whether this week can still start one is said by the week's words beside these.
    assert streak_words(0, 8, "weeks") == "Longest streak 8 weeks"
    assert streak_words(0, 0, "weeks") == "No streak yet"
    assert streak_words(0, 2, "days") == "Longest streak 2 days: a new one starts today"
