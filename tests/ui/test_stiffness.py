"""How stiff is the back, before and after, and a note at the summary: driven with Pilot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.screens.note import NoteScreen
from tui.screens.routine import RoutineScreen
from tui.screens.stiffness import StiffnessScreen
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]
SIZE = (100, 30)
FLOW_SECONDS = 313


def routine_of(app: SuppleApp) -> RoutineScreen:
    for screen in app.screen_stack:
        if isinstance(screen, RoutineScreen):
            return screen
    raise AssertionError("no routine screen")


async def play_to_the_end(pilot: Pilot[None]) -> None:
    clock = pilot.app.clock  # type: ignore[attr-defined]
    assert isinstance(clock, FakeClock)
    clock.advance(FLOW_SECONDS)
    routine_of(pilot.app).tick()  # type: ignore[arg-type]
    await pilot.pause()


async def saved_session(app: SuppleApp, store: Store) -> dict[str, Any]:
    await saved(app)
    (session,) = store.sessions()
    return session


def summary_text(app: SuppleApp) -> str:
    return str(routine_of(app).query_one("#summary-body", Static).render())


async def test_rating_before_and_after_is_saved_into_the_session(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(ask_stiffness=None)  # the stored setting: before and after by default
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, StiffnessScreen)
        assert routine_of(app).player is None  # nothing starts before the answer
        await pilot.press("7")  # a digit chooses at once
        screen = routine_of(app)
        assert app.screen is screen and screen.view_name == "flow"
        # Written when the run starts, with the rating in it.
        assert (await saved_session(app, store))["stiffness_before"] == 7
        await play_to_the_end(pilot)
        assert isinstance(app.screen, StiffnessScreen)
        await pilot.press("3")
        assert app.screen is screen and screen.view_name == "summary"
        session = await saved_session(app, store)
        assert session["completed"] is True
        assert (session["stiffness_before"], session["stiffness_after"]) == (7, 3)
        assert session["note"] is None
        assert "7 → 3 (4 better)" in summary_text(app)


async def test_enter_skips_both_questions(make_app: AppFactory, store: Store) -> None:
    app = make_app(ask_stiffness=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        assert routine_of(app).view_name == "flow"
        await play_to_the_end(pilot)
        assert isinstance(app.screen, StiffnessScreen)
        await pilot.press("enter")
        assert routine_of(app).view_name == "summary"
        session = await saved_session(app, store)
        assert session["stiffness_before"] is None and session["stiffness_after"] is None
        assert "not given" in summary_text(app)


async def test_the_arrows_reach_ten_and_escape_skips(make_app: AppFactory, store: Store) -> None:
    app = make_app(ask_stiffness=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "escape")
        assert routine_of(app).view_name == "flow"
        await play_to_the_end(pilot)
        await pilot.press("right")  # the arrows start at the top of the scale
        await pilot.press("enter")
        assert (await saved_session(app, store))["stiffness_after"] == 10
        # `k` asks again at the summary; the arrows move from the rating given.
        await pilot.press("k", "left", "left", "enter")
        assert (await saved_session(app, store))["stiffness_after"] == 8
        assert (await saved_session(app, store))["stiffness_before"] is None


async def test_left_with_nothing_chosen_starts_at_not_at_all(
    make_app: AppFactory, store: Store
) -> None:
    # What a new user did (issue 27 item 6): `←` first, expecting the low end of the scale.
    app = make_app(ask_stiffness=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, StiffnessScreen)
        await pilot.press("left")
        assert app.screen.cursor == 0
        await pilot.press("left", "right", "enter")
        assert routine_of(app).view_name == "flow"
        assert (await saved_session(app, store))["stiffness_before"] == 1


@pytest.mark.parametrize(("setting", "asks_before"), [("after", False), ("never", False)])
async def test_the_setting_chooses_when_to_ask(
    make_app: AppFactory, store: Store, setting: str, asks_before: bool
) -> None:
    store.save_settings({"stiffness": setting})
    app = make_app(ask_stiffness=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, StiffnessScreen) is asks_before
        assert routine_of(app).view_name == "flow"
        await play_to_the_end(pilot)
        assert isinstance(app.screen, StiffnessScreen) is (setting == "after")


async def test_a_note_is_written_at_the_summary_and_shown_as_typed(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await play_to_the_end(pilot)
        assert routine_of(app).view_name == "summary"
        clock = app.clock
        assert isinstance(clock, FakeClock)
        clock.advance(1)  # past the moment a held skip key could still arrive
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Left hip [red]tight[/red]", "enter")
        assert routine_of(app).view_name == "summary"
        assert (await saved_session(app, store))["note"] == "Left hip [red]tight[/red]"
        assert "Left hip [red]tight[/red]" in summary_text(app)
        # Opened again it holds the note; escape leaves it as it was.
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one(Input).value == "Left hip [red]tight[/red]"
        await pilot.press("escape")
        assert (await saved_session(app, store))["note"] == "Left hip [red]tight[/red]"
        # Emptied, it is no note at all.
        await pilot.press("n", "ctrl+u", "enter")
        assert (await saved_session(app, store))["note"] is None


async def test_a_note_stops_at_500_characters(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await play_to_the_end(pilot)
        clock = app.clock
        assert isinstance(clock, FakeClock)
        clock.advance(1)
        await pilot.press("n")
        # A long paste keeps what fits; typing past the limit adds nothing.
        app.screen.query_one(Input).post_message(events.Paste("x" * 600))
        await pilot.press("y", "enter")
        assert (await saved_session(app, store))["note"] == "x" * 500


async def test_n_held_to_skip_to_the_end_never_opens_the_note(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await play_to_the_end(pilot)
        await pilot.press("n", "n", "n")
        assert isinstance(app.screen, RoutineScreen)
