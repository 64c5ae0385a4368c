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
