"""State a person needs is on screen, not in a toast (issue 10, item 7): cues muted or not,
Pause or Resume, the phase while paused, a practice run, and the longest past streak."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from textual.widgets import Label

from tests.conftest import FIXED_NOW
from tests.factories import session_document
from tests.ui.visible import visible_lines
from tui.app import SuppleApp
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store
from tui.views.overview import Overview

AppFactory = Callable[..., SuppleApp]


def footer(app: SuppleApp) -> str:
    return visible_lines(app)[-1]


def label(app: SuppleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


async def test_mute_shows_at_home_in_the_flow_and_in_the_footer(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Cues: bell · m mutes" in label(app, "#start-hint")
        assert "Mute" in footer(app) and "Unmute" not in footer(app)
        await pilot.press("m")
        await pilot.pause()
        assert app.muted
        assert "Cues muted · m unmutes" in label(app, "#start-hint")
        assert "Unmute" in footer(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Cues muted · m unmutes" in label(app, "#flow-status")
        await pilot.press("m")
        await pilot.pause()
        assert not app.muted
        assert "Cues: bell · m mutes" in label(app, "#flow-status")
        assert "Unmute" not in footer(app)


async def test_paused_the_footer_says_resume_and_the_caption_names_the_phase(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "space")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.player is not None
        assert screen.player.paused
        assert "Resume" in footer(app) and "Pause" not in footer(app)
        assert label(app, "#flow-caption") == "Paused · Hold · left side · space to resume"
        await pilot.press("space")
        await pilot.pause()
        assert "Pause" in footer(app) and "Resume" not in footer(app)


async def test_a_practice_run_says_so_while_it_runs(make_app: AppFactory) -> None:
    app = make_app(speed=20)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "practice at 20× speed" in label(app, "#start-hint")
        await pilot.press("enter")
        await pilot.pause()
        assert "Practice at 20× speed: not counted" in label(app, "#flow-status")


async def test_a_normal_run_is_not_called_practice(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "Practice" not in label(app, "#flow-status")


async def test_home_names_the_longest_past_streak_when_none_is_going(
    make_app: AppFactory, store: Store
) -> None:
    for days_ago in (10, 9, 8):  # a three-day streak, broken a week ago
        store.save_session(session_document(FIXED_NOW - timedelta(days=days_ago)))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        screen.query_one(Overview).refresh_status()
        status = label(app, "#today-status")
        assert "Longest streak 3 days: a new one starts today" in status
        assert "No streak yet" not in status
