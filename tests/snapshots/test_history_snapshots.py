"""SVG snapshots of the history screen: empty, a mixed month and ten years, at 80×24 and 120×40."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import build_app
from tests.factories import daily_history, session_document, write_history
from tui.app import SuppleApp
from tui.storage.store import Store

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
WIDE_SIZES = pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)  # FIXED_NOW's day, a Thursday


def history_app(
    tmp_path: Path,
    sessions: Iterable[dict[str, Any]] = (),
    marks: Iterable[tuple[date, str]] = (),
) -> SuppleApp:
    path = tmp_path / "supple.json"
    write_history(path, sessions, marks)
    store = Store.open(path)
    store.prepare()
    return build_app(store, mode="history")


def at(day: date, hour: int = 7, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def mixed_month() -> tuple[list[dict[str, Any]], list[tuple[date, str]]]:
    """A month to yesterday: done days, Sunday rests, a practice-only day, a session left early,
    a day marked done by hand, and a few missed days."""
    first = TODAY - timedelta(days=30)
    missed = {date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 17)}
    rest = {date(2026, 11, 8), date(2026, 11, 15), date(2026, 11, 22)}
    practice_day, left_early_day, marked_day = (
        date(2026, 11, 11),
        date(2026, 11, 19),
        date(2026, 11, 13),
    )
    sessions = []
    for offset in range(30):
        day = first + timedelta(days=offset)
        if day in missed | rest | {practice_day, left_early_day, marked_day}:
            continue
        sessions.append(session_document(at(day, 7, offset % 40), minutes=5 + offset % 3))
    sessions.append(session_document(at(practice_day, 21), speed=8, minutes=0.7))
    sessions.append(
        session_document(at(left_early_day, 6, 45), completed=False, steps_done=3, minutes=2.4)
    )
    marks = [(day, "rest") for day in sorted(rest)] + [(marked_day, "done")]
    return sessions, marks


@SIZES
def test_empty_history(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(history_app(tmp_path), terminal_size=size)


@SIZES
def test_mixed_month(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    sessions, marks = mixed_month()
    assert snap_compare(history_app(tmp_path, sessions, marks), terminal_size=size)


@SIZES
def test_ten_years_daily(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    sessions = daily_history(TODAY - timedelta(days=1), 3650)
    assert snap_compare(history_app(tmp_path, sessions), terminal_size=size)


def mixed_year() -> tuple[list[dict[str, Any]], list[tuple[date, str]]]:
    """A year to today, made by rule (no randomness): most days done with a rating before and
    after that eases over the months, a rest mark most Sundays, a missed run every so often,
    practice runs, flows left early or skipped through (not counted), and a few notes."""
    sessions: list[dict[str, Any]] = []
    marks: list[tuple[date, str]] = []
    first = TODAY - timedelta(days=364)
    for offset in range(365):
        day = first + timedelta(days=offset)
        if day == TODAY:
            continue  # today is not done yet
        if day.weekday() == 6 and offset % 3:
            marks.append((day, "rest"))
            continue
        if offset % 11 == 5 or 150 <= offset < 158:
            continue  # missed, and a week away in spring
        if offset % 17 == 3:
            sessions.append(session_document(at(day, 21), speed=8, minutes=0.7))
            continue
        document = session_document(at(day, 7, offset % 50), minutes=5 + offset % 3)
        if offset % 23 == 7:
            document = session_document(at(day, 7), completed=False, steps_done=3, minutes=2.0)
        elif offset % 29 == 9:
            document = session_document(at(day, 7), steps_done=2, minutes=1.0)  # skipped through
        if offset % 4:
            before = max(1, 8 - offset // 60 + offset % 3)
            document["stiffness_before"] = min(10, before)
            document["stiffness_after"] = max(0, before - 2 - offset % 2)
        if offset % 37 == 1:
            document["note"] = "Hips tight after the long drive" if offset % 2 else "Felt good"
        sessions.append(document)
    return sessions, marks


@WIDE_SIZES
def test_a_mixed_year(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    sessions, marks = mixed_year()
    assert snap_compare(history_app(tmp_path, sessions, marks), terminal_size=size)


def test_a_session_opened(snap_compare: Any, tmp_path: Path) -> None:
    sessions, marks = mixed_year()

    async def open_the_latest_with_a_note(pilot: Any) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        noted = next((facts, doc) for facts, doc in screen._sessions if doc.get("note"))
        screen.open_session(noted[1], noted[0])
        await pilot.pause()

    assert snap_compare(
        history_app(tmp_path, sessions, marks),
        terminal_size=(100, 32),
        run_before=open_the_latest_with_a_note,
    )


def test_a_day_opened(snap_compare: Any, tmp_path: Path) -> None:
    """Thu 19 Nov of the mixed month: a session left early, opened from the calendar."""
    sessions, marks = mixed_month()

    async def open_last_thursday(pilot: Any) -> None:
        await pilot.press("left", "enter")
        await pilot.pause()

    assert snap_compare(
        history_app(tmp_path, sessions, marks),
        terminal_size=(100, 30),
        run_before=open_last_thursday,
    )


def three_a_week(weeks: int) -> list[dict[str, Any]]:
    """Mon, Wed and Fri of the `weeks` weeks before this one, and this Monday."""
    monday = TODAY - timedelta(days=TODAY.weekday())
    days = [monday - timedelta(weeks=w, days=-d) for w in range(1, weeks + 1) for d in (0, 2, 4)]
    return [session_document(at(day)) for day in [*days, monday]]


@SIZES
def test_a_weekly_goal(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """A goal of 3 a week met for seven weeks: the streak in weeks, this week so far."""
    path = tmp_path / "supple.json"
    write_history(path, three_a_week(7), settings={"weekly_goal": 3})
    store = Store.open(path)
    store.prepare()
    assert snap_compare(build_app(store, mode="history"), terminal_size=size)


def test_a_month_named_in_the_calendars_last_column(snap_compare: Any, tmp_path: Path) -> None:
    # Sunday 6 December: the newest week holds the 1st, so "Dec" is over the last column; the
    # calendar keeps all seven weekdays, today's ○ on Sunday (issue 27 item 1).
    path = tmp_path / "supple.json"
    write_history(path, daily_history(date(2026, 12, 5), 60), [])
    store = Store.open(path)
    store.prepare()
    app = build_app(store, mode="history", now=datetime(2026, 12, 6, 9, 0, tzinfo=ZONE))
    assert snap_compare(app, terminal_size=(100, 30))
