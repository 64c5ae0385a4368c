"""Correcting the history with Pilot (issue 24): delete (asked first) and undo, edit a note and a
rating, open a calendar day and mark it, go to a day in the sessions table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Label

from tests.factories import session_document, write_history
from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.history import MarkKind
from tui.screens.confirm import ConfirmScreen
from tui.screens.day import DayScreen
from tui.screens.go_to_day import GoToDayScreen
from tui.screens.history import HistoryScreen
from tui.screens.note import NoteScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.screens.stiffness import StiffnessScreen
from tui.storage.store import Store
from tui.widgets.calendar import Calendar
from tui.widgets.sessions_table import SessionsTable

AppFactory = Callable[..., SuppleApp]
ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)  # FIXED_NOW's day, a Thursday
SIZE = (100, 30)


def on(day: date, hour: int = 7) -> datetime:
    return datetime.combine(day, time(hour), ZONE)


def every_other_day() -> list[dict[str, Any]]:
    """A session every other day from 2 Nov to yesterday's day before (24 Nov), newest first
    in the table: 24, 22, 20, … Nov."""
    return [session_document(on(TODAY - timedelta(days=n))) for n in range(2, 26, 2)]


def ids(store: Store) -> set[str]:
    return {document["id"] for document in store.sessions()}


def table(app: SuppleApp) -> SessionsTable:
    return app.screen.query_one(SessionsTable)


async def focus_table(pilot: Pilot[None], row: int = 0) -> SessionsTable:
    sessions = table(pilot.app)  # type: ignore[arg-type]
    sessions.focus()
    sessions.move_cursor(row=row)
    await pilot.pause()
    return sessions


async def landed(app: SuppleApp, pilot: Pilot[None]) -> None:
    """The saves have landed and the history screen has read the file again."""
    await saved(app)
    await pilot.pause()


async def test_a_session_is_deleted_after_asking_and_u_brings_it_back(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, every_other_day())
    before = ids(store)
    app = make_app(mode="history")
    async with app.run_test(size=SIZE) as pilot:
        sessions = await focus_table(pilot, row=1)  # Sun 22 Nov
        gone = app.screen._sessions[1][1]["id"]  # type: ignore[attr-defined]
        # Asked first: "Keep" (or n, or escape) keeps it.
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Label).render())
        assert question == "Delete the session of Sun 22 Nov at 07:00? u brings it back."
        await pilot.press("n")
        assert sessions.row_count == 12
        await pilot.press("delete", "y")
        assert isinstance(app.screen, HistoryScreen)
        assert sessions.row_count == 11
        assert "Sessions · 11" in str(app.screen.query_one("#sessions-title", Label).render())
        await landed(app, pilot)
        assert ids(store) == before - {gone}
        assert ids(Store.open(store.path)) == before - {gone}  # a tombstone, read anew
        assert sessions.row_count == 11
        # u brings it back, saved later than its deletion, so it wins on every machine.
        await pilot.press("u")
        assert sessions.row_count == 12
        await landed(app, pilot)
        assert ids(Store.open(store.path)) == before
        assert sessions.row_count == 12 and sessions.get_row_at(1)[0] == "Sun 2026-11-22"
        await pilot.press("u")  # nothing more to undo: nothing happens
        assert ids(store) == before


async def test_a_session_is_deleted_from_its_detail(make_app: AppFactory, store: Store) -> None:
    write_history(store.path, every_other_day())
    app = make_app(mode="history")
    async with app.run_test(size=SIZE) as pilot:
        await focus_table(pilot, row=0)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetailScreen)
        gone = app.screen.document["id"]
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await landed(app, pilot)
        assert gone not in ids(store) and len(ids(store)) == 11


async def test_a_note_and_ratings_are_edited_and_saved(make_app: AppFactory, store: Store) -> None:
    write_history(store.path, every_other_day())
    app = make_app(mode="history")
    async with app.run_test(size=SIZE) as pilot:
        sessions = await focus_table(pilot, row=2)
        edited_id = app.screen._sessions[2][1]["id"]  # type: ignore[attr-defined]
        # From the table: n for the note, b for the stiffness before.
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"tight hips")
        await pilot.press("enter")
        assert sessions.get_row_at(2)[-1] == "✎"
        await pilot.press("b")
        assert isinstance(app.screen, StiffnessScreen)
        await pilot.press("6")
        await landed(app, pilot)
        [document] = [d for d in store.sessions() if d["id"] == edited_id]
        assert (document["note"], document["stiffness_before"]) == ("tight hips", 6)
        # From the detail: a for the stiffness after; the detail opens again, changed.
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetailScreen)
        await pilot.press("a")
        assert isinstance(app.screen, StiffnessScreen)
        await pilot.press("2")
        assert isinstance(app.screen, SessionDetailScreen)
        assert "6 → 2 (4 better)" in str(app.screen.query_one("#session-body").render())
        await pilot.press("n", "ctrl+u")  # the note, cleared
        await pilot.press(*"better")
        await pilot.press("enter")
        await landed(app, pilot)
        [document] = [d for d in Store.open(store.path).sessions() if d["id"] == edited_id]
        assert (document["note"], document["stiffness_before"]) == ("better", 6)
        assert document["stiffness_after"] == 2
        # Only that session changed.
        assert sum(1 for d in store.sessions() if d.get("note")) == 1


async def test_enter_on_a_calendar_day_opens_it_with_its_sessions_and_mark(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, every_other_day())
    app = make_app(mode="history")
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one(Calendar).has_focus
        await pilot.press("up", "up", "enter")  # Tue 24 Nov, a done day
        assert isinstance(app.screen, DayScreen)
        assert str(app.screen.query_one("#day-title", Label).render()) == "Tue 24 Nov"
        assert str(app.screen.query_one("#day-words", Label).render()) == "done — 1 session"
        assert app.screen.view.rows == [("07:00", "5:12", "9 of 9 held", "✓", "")]
        await pilot.press("escape", "down", "enter")  # Wed 25 Nov: missed, no session
        assert isinstance(app.screen, DayScreen)
        assert str(app.screen.query_one("#day-words", Label).render()) == "missed"
        assert "No session this day" in str(app.screen.query_one("#day-hint", Label).render())
        await pilot.press("d")
        assert str(app.screen.query_one("#day-words", Label).render()) == (
            "done — marked done by hand"
        )
        assert "Marked done by hand" in str(app.screen.query_one("#day-mark", Label).render())
        await saved(app)
        assert store.marks() == {TODAY - timedelta(days=1): MarkKind.DONE}
        await pilot.press("x")
        assert str(app.screen.query_one("#day-words", Label).render()) == "missed"
        # The session of a day opens from it.
        await pilot.press("escape", "up", "enter", "enter")
        assert isinstance(app.screen, SessionDetailScreen)
        await saved(app)
        assert store.marks() == {}


async def test_g_goes_to_a_day_in_the_sessions_table(make_app: AppFactory, store: Store) -> None:
    # Enough sessions that the day asked for is past the first page of the table.
    sessions = [session_document(on(TODAY - timedelta(days=n), 7)) for n in range(1, 400)]
    write_history(store.path, sessions)
    app = make_app(mode="history")
    async with app.run_test(size=SIZE) as pilot:
        table_ = await focus_table(pilot)
        await pilot.press("g")
        assert isinstance(app.screen, GoToDayScreen)
        await pilot.press(*"2026-03-01", "enter")
        assert isinstance(app.screen, HistoryScreen)
        assert table_.get_row_at(table_.cursor_row)[0] == "Sun 2026-03-01"
        assert table_.has_focus
        # Counted back from today; a day it cannot read is said, and the form stays.
        await pilot.press("g", *"2w", "enter")
        assert table_.get_row_at(table_.cursor_row)[0] == "Thu 2026-11-12"
        await pilot.press("g", *"soon", "enter")
        assert isinstance(app.screen, GoToDayScreen)
        assert "Not a day" in str(app.screen.query_one("#go-hint", Label).render())
        app.screen.query_one(Input).clear()
        await pilot.press(*"yesterday", "enter")
        assert table_.get_row_at(table_.cursor_row)[0] == "Wed 2026-11-25"
        # A day with no session: the nearest before it.
        await pilot.press("g", *"2026-11-26", "enter")
        assert table_.get_row_at(table_.cursor_row)[0] == "Wed 2026-11-25"


async def test_a_session_deleted_from_its_day_leaves_the_day(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, every_other_day())
    app = make_app(mode="history")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("up", "up", "enter", "enter", "delete", "y")  # Tue 24 Nov's session
        assert isinstance(app.screen, DayScreen)
        assert app.screen.view.rows == []
        assert str(app.screen.query_one("#day-words", Label).render()) == "missed"
        await pilot.press("escape", "u")
        assert str(app.screen.query_one("#calendar-day", Label).render()) == (
            "Tue 24 Nov: done — 1 session"
        )
        await landed(app, pilot)
        assert len(ids(store)) == 12


async def test_a_deletion_that_fails_is_said_kept_and_retried_as_every_change_is(
    make_app: AppFactory, store: Store, monkeypatch: Any
) -> None:
    """Deletions go through the one saver: a failed one stays, is said, and lands on the
    saver's retry (its timer calls `retry`; the test calls it at once)."""
    from tui.storage.errors import RETRY, StoreError

    write_history(store.path, every_other_day())
    before = ids(store)
    real = Store.delete_session
    failures = [StoreError(store.path, "it cannot be written (No space left on device)", RETRY)]

    def flaky(self: Store, session_id: str) -> bool:
        if failures:
            raise failures.pop()
        return real(self, session_id)

    monkeypatch.setattr(Store, "delete_session", flaky)
    app = make_app(mode="history")
    async with app.run_test(size=SIZE) as pilot:
        await focus_table(pilot, row=0)
        gone = app.screen._sessions[0][1]["id"]  # type: ignore[attr-defined]
        await pilot.press("delete", "y")
        await landed(app, pilot)
        assert ids(Store.open(store.path)) == before  # not deleted yet: the disk was full
        assert any("Not saved yet" in str(n.message) for n in app._notifications)
        app.saver.retry()
        await landed(app, pilot)
        assert ids(Store.open(store.path)) == before - {gone}
