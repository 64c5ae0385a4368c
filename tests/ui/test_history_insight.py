"""History, richer: strength and its change today, how the back has felt, and a session opened
(steps, stiffness, note, counted or why not); an old file without the new fields reads fine."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Label, Static

from tests.conftest import build_app
from tests.factories import daily_history, session_document, write_history
from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.screens.history import HistoryScreen
from tui.screens.routine import RoutineScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.storage.migrations import SESSION_OPTIONAL_KEYS
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]
ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)  # FIXED_NOW's day
SINGLE_FILE = Path(__file__).parents[1] / "storage" / "fixtures" / "supple-schema-1.json"


def text_of(app: SuppleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


def detail_of(app: SuppleApp) -> str:
    screen = app.screen
    assert isinstance(screen, SessionDetailScreen)
    return str(screen.query_one("#session-body", Static).render())


def rated(day: date, before: int | None, after: int | None, note: str | None = None) -> Any:
    document = session_document(datetime(day.year, day.month, day.day, 7, tzinfo=ZONE))
    document.update(stiffness_before=before, stiffness_after=after, note=note)
    return document


async def open_row(pilot: Any, row: int) -> None:
    """Move to the sessions table as a person would (tab from the calendar), then enter."""
    table = pilot.app.screen.query_one("#sessions", DataTable)
    await pilot.press("tab")
    assert table.has_focus
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")


async def test_strength_its_change_today_and_what_moves_it(
    make_app: AppFactory, store: Store
) -> None:
    morning = datetime(2026, 11, 26, 7, 30, tzinfo=ZONE)
    write_history(
        store.path, [*daily_history(TODAY - timedelta(days=1), 12), session_document(morning)]
    )
    app = make_app(mode="history")
    async with app.run_test(size=(120, 40)):
        # Thirteen straight days, today among them: one half; today's step added
        # m ** 12 * (1 - m) with m = 0.5 ** (1 / 13), 2.7 points.
        assert text_of(app, "#strength") == "Strength       50%  +2.7 today"
        words = text_of(app, "#strength-words")
        assert "Done days raise it" in words and "missed days lower it" in words
        assert "rest days hold it" in words


async def test_how_the_back_has_felt_by_week(make_app: AppFactory, store: Store) -> None:
    write_history(
        store.path,
        [
            rated(date(2026, 11, 16), 8, 5),
            rated(date(2026, 11, 17), 6, None),
            rated(date(2026, 11, 24), 4, 2, note="Better"),
            session_document(datetime(2026, 11, 25, 7, tzinfo=ZONE)),
        ],
    )
    app = make_app(mode="history")
    async with app.run_test(size=(120, 40)):
        # (8 + 6 + 4) / 3 before, (5 + 2) / 2 after, three sessions with a rating.
        assert text_of(app, "#stiffness-summary") == (
            "On average 6.0 before → 3.5 after · 3 sessions rated"
        )
        assert app.screen.query_one("#stiffness-chart").display
        table = app.screen.query_one("#sessions", DataTable)
        assert table.get_row_at(1)[6:] == ["4 → 2", "✎"]
        assert table.get_row_at(0)[6:] == ["", ""]


async def test_no_ratings_say_how_to_get_them(make_app: AppFactory, store: Store) -> None:
    write_history(store.path, daily_history(TODAY - timedelta(days=1), 3))
    app = make_app(mode="history")
    async with app.run_test(size=(120, 40)):
        assert "No ratings yet" in text_of(app, "#stiffness-summary")
        assert not app.screen.query_one("#stiffness-chart").display


async def test_enter_on_a_session_opens_it(make_app: AppFactory, store: Store) -> None:
    left_early = session_document(
        datetime(2026, 11, 24, 7, 0, tzinfo=ZONE), completed=False, steps_done=4, minutes=2.25
    )
    left_early.update(stiffness_before=7, note="Knee hurt \x1b[31m[b]stopped[/b]")
    practice = session_document(datetime(2026, 11, 23, 18, 5, tzinfo=ZONE), speed=4, minutes=1.5)
    noted = rated(date(2026, 11, 25), 6, 3, note="Loose")
    write_history(store.path, [practice, left_early, noted])
    app = make_app(mode="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_row(pilot, 0)
        text = detail_of(app)
        assert "Wed 25 Nov 2026 · 07:00" in text
        assert "yes ✓" in text and "6 → 3 (3 better)" in text and "Loose" in text
        assert "Steps · 9 of 9 held" in text
        assert "Knee to chest · left" in text and "20 of 20 s" in text and "6 of 6 reps" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)

        await pilot.press("down", "enter")
        text = detail_of(app)
        assert "no: left before the end" in text
        assert "7 → –" in text
        assert "Steps · 4 of 9 held" in text and "0 of 30 s" in text and "skipped" in text
        # The note is shown as typed: its markup is text, its escape character spelled out.
        assert "Knee hurt \\x1b[31m[b]stopped[/b]" in text
        await pilot.press("enter")

        await pilot.press("down", "enter")
        text = detail_of(app)
        assert "no: practice at 4× speed" in text and "Speed" in text
        assert "not given" in text and "none" in text


async def test_an_old_file_without_the_new_fields_reads_and_takes_them(tmp_path: Path) -> None:
    # A schema-1 file, written by the Supple before stiffness and notes (tests/storage/fixtures).
    path = tmp_path / "supple.json"
    shutil.copyfile(SINGLE_FILE, path)
    old = json.loads(path.read_text())
    assert all(key not in doc for doc in old["sessions"].values() for key in SESSION_OPTIONAL_KEYS)
    store = Store.open(path)
    store.prepare()  # the schema migration: old sessions gain the fields, as null
    for document in store.sessions():
        assert all(document[key] is None for key in SESSION_OPTIONAL_KEYS)
    app = build_app(store, mode="history", ask_stiffness=None)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "No ratings yet" in text_of(app, "#stiffness-summary")
        await open_row(pilot, 0)
        text = detail_of(app)
        assert "not given" in text and "Note" in text and "none" in text
        await pilot.press("escape", "1")
        # A new run on the upgraded file keeps its ratings beside the old sessions.
        await pilot.press("enter", "5")
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.view_name == "flow"
        clock = app.clock
        assert isinstance(clock, FakeClock)
        clock.advance(313)
        screen.tick()
        await pilot.pause()
        await pilot.press("2")
        await saved(app)
    newest = store.sessions()[-1]
    assert (newest["stiffness_before"], newest["stiffness_after"]) == (5, 2)
    assert len(store.sessions()) == len(old["sessions"]) + 1
