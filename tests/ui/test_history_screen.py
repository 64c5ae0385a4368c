"""The history screen driven with Pilot: streaks, calendar cursor, marks, sessions, small sizes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any

from textual.widgets import DataTable, Label

from tests.factories import daily_history, session_document, write_history
from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.history import MarkKind
from tui.screens.history import HistoryScreen
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)  # FIXED_NOW's day, a Thursday
YESTERDAY = TODAY - timedelta(days=1)
LAST_THURSDAY = date(2026, 11, 19)


def days_ending(last: date, count: int) -> list[dict[str, Any]]:
    return daily_history(last, count)


def text_of(app: SuppleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


def gap_on_last_thursday() -> list[dict[str, Any]]:
    """Done every day from 12 Nov to yesterday except Thu 19 Nov: 7 days, a gap, then 6."""
    return days_ending(LAST_THURSDAY - timedelta(days=1), 7) + days_ending(YESTERDAY, 6)


def toasts(app: SuppleApp) -> str:
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_streaks_and_this_week_are_shown(make_app: AppFactory, store: Store) -> None:
    # 15 days in October, then 10 days up to yesterday.
    write_history(store.path, days_ending(date(2026, 10, 31), 15) + days_ending(YESTERDAY, 10))
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, HistoryScreen)
        assert "10 days" in text_of(app, "#current-streak")
        assert "15 days" in text_of(app, "#longest-streak")
        assert text_of(app, "#streak-safety") == "do today's flow to keep it"
        # Mon 23 to Wed 25 Nov are done; the week's target stays all seven days.
        assert "3 of 7 days" in text_of(app, "#week-label")


async def test_a_day_done_today_is_safe_until_tomorrow(make_app: AppFactory, store: Store) -> None:
    morning = datetime(2026, 11, 26, 7, 30, tzinfo=ZONE)
    write_history(store.path, [*days_ending(YESTERDAY, 2), session_document(morning)])
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)):
        assert "3 days" in text_of(app, "#current-streak")
        assert text_of(app, "#streak-safety") == "safe until tomorrow"


async def test_the_history_key_opens_the_screen_from_home(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        assert isinstance(app.screen, HistoryScreen)
        assert "0 days" in text_of(app, "#current-streak")
        assert "No sessions yet" in text_of(app, "#sessions-title")


async def test_the_calendar_cursor_moves_and_the_day_line_follows(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, gap_on_last_thursday())
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        assert text_of(app, "#calendar-day") == "Thu 26 Nov (today): not done yet"
        await pilot.press("up")
        assert text_of(app, "#calendar-day") == "Wed 25 Nov: done — 1 session"
        await pilot.press("left")
        assert text_of(app, "#calendar-day") == "Wed 18 Nov: done — 1 session"
        await pilot.press("down")
        assert text_of(app, "#calendar-day") == "Thu 19 Nov: missed"
        await pilot.press("right", "right")  # the calendar ends with this week: it stays
        assert text_of(app, "#calendar-day") == "Thu 26 Nov (today): not done yet"
        await pilot.press("down")
        assert text_of(app, "#calendar-day") == "Fri 27 Nov: still ahead"
        await pilot.press("home")
        # A year (53 weeks): the first column is the week of Mon 24 Nov 2025, same weekday row.
        assert text_of(app, "#calendar-day") == "Fri 28 Nov 2025: before your first session"
        await pilot.press("end")
        assert text_of(app, "#calendar-day") == "Fri 27 Nov: still ahead"


async def test_d_marks_a_past_day_done_and_the_streak_joins_up(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, gap_on_last_thursday())
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "6 days" in text_of(app, "#current-streak")
        await pilot.press("left", "d")
        assert "14 days" in text_of(app, "#current-streak")
        assert "14 days" in text_of(app, "#longest-streak")
        assert text_of(app, "#calendar-day") == "Thu 19 Nov: done — marked done by hand"
        await saved(app)
        assert store.marks() == {LAST_THURSDAY: MarkKind.DONE}


async def test_z_marks_rest_which_joins_the_streak_without_adding_to_it(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, gap_on_last_thursday())
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("left", "z")
        assert "13 days" in text_of(app, "#current-streak")
        assert text_of(app, "#calendar-day") == "Thu 19 Nov: rest day — marked rest by hand"
        await saved(app)
        assert store.marks() == {LAST_THURSDAY: MarkKind.REST}


async def test_x_and_backspace_clear_a_mark(make_app: AppFactory, store: Store) -> None:
    write_history(
        store.path,
        gap_on_last_thursday(),
        marks=[(LAST_THURSDAY, "done"), (date(2026, 11, 28), "rest")],
    )
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "14 days" in text_of(app, "#current-streak")
        await pilot.press("left", "x")
        assert "6 days" in text_of(app, "#current-streak")
        assert text_of(app, "#calendar-day") == "Thu 19 Nov: missed"
        await pilot.press("right", "down", "down", "backspace")  # Sat 28 Nov, planned rest
        assert text_of(app, "#calendar-day") == "Sat 28 Nov: still ahead"
        await saved(app)
        assert store.marks() == {}


async def test_done_is_refused_on_a_day_still_ahead(make_app: AppFactory, store: Store) -> None:
    write_history(store.path, days_ending(YESTERDAY, 3))
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("down", "d")
        await pilot.pause()
        assert text_of(app, "#calendar-day") == "Fri 27 Nov: still ahead"
        assert "still ahead" in toasts(app)
        assert "3 days" in text_of(app, "#current-streak")
        # A rest day may be planned ahead, though.
        await pilot.press("z")
        assert text_of(app, "#calendar-day") == "Fri 27 Nov: rest day — marked rest by hand"
        await saved(app)
        assert store.marks() == {date(2026, 11, 27): MarkKind.REST}


async def test_sessions_are_listed_newest_first(make_app: AppFactory, store: Store) -> None:
    practice = session_document(datetime(2026, 11, 25, 18, 5, tzinfo=ZONE), speed=4, minutes=1.5)
    left_early = session_document(
        datetime(2026, 11, 24, 7, 0, tzinfo=ZONE), completed=False, steps_done=4, minutes=2.25
    )
    write_history(store.path, [*days_ending(date(2026, 11, 23), 2), left_early, practice])
    app = make_app(mode="history")
    async with app.run_test(size=(100, 40)):
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 4
        assert table.get_row_at(0)[:6] == ["Wed 2026-11-25", "18:05", "1:30", "9 of 9", "✓", "4×"]
        assert table.get_row_at(1)[:6] == ["Tue 2026-11-24", "07:00", "2:15", "4 of 9", "✗", ""]
        assert table.get_row_at(2)[0] == "Mon 2026-11-23"
        assert "Sessions · 4" in text_of(app, "#sessions-title")


async def test_an_odd_session_document_is_skipped(make_app: AppFactory, store: Store) -> None:
    odd = session_document(datetime(2026, 11, 20, 7, 0, tzinfo=ZONE))
    odd["started_at"] = "last friday"
    write_history(store.path, [*days_ending(YESTERDAY, 3), odd])
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)):
        assert app.screen.query_one("#sessions", DataTable).row_count == 3
        assert "Sessions · 3" in text_of(app, "#sessions-title")
        assert "3 days" in text_of(app, "#current-streak")


async def test_coming_back_shows_what_was_recorded_meanwhile(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, days_ending(YESTERDAY, 2))
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "2 days" in text_of(app, "#current-streak")
        await pilot.press("1")
        store.save_session(session_document(datetime(2026, 11, 26, 8, 0, tzinfo=ZONE)))
        await pilot.press("2")
        assert "3 days" in text_of(app, "#current-streak")
        assert text_of(app, "#calendar-day") == "Thu 26 Nov (today): done — 1 session"
        assert app.screen.query_one("#sessions", DataTable).row_count == 3


async def test_a_tiny_terminal_still_shows_the_streak(make_app: AppFactory, store: Store) -> None:
    write_history(store.path, days_ending(YESTERDAY, 400))
    app = make_app(mode="history")
    async with app.run_test(size=(40, 12)) as pilot:
        label = app.screen.query_one("#current-streak", Label)
        assert "400 days" in str(label.render())
        assert app.screen.region.contains_region(label.region)
        # Keys still work, and the calendar scrolls into view to show them.
        await pilot.press("left", "home", "end", "down", "z")
        calendar = app.screen.query_one("#calendar")
        assert app.screen.query_one("#history-scroll").region.overlaps(calendar.region)
        assert text_of(app, "#calendar-day").startswith("Fri 27 Nov: rest day")


async def test_a_long_history_is_listed_a_page_at_a_time_as_the_person_scrolls(
    make_app: AppFactory, store: Store
) -> None:
    from tui.screens.history import TABLE_PAGE

    write_history(store.path, daily_history(date(2026, 11, 25), 400))
    app = make_app(mode="history")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == TABLE_PAGE
        assert "Sessions · 400" in text_of(app, "#sessions-title")
        table.focus()
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == 2 * TABLE_PAGE
        for _ in range(3):
            await pilot.press("ctrl+end")
            await pilot.pause()
        assert table.row_count == 400
        last = table.get_row_at(table.row_count - 1)
        assert str(last[0]).endswith("2025-10-22")  # the oldest of the 400 days
