"""The command palette (ctrl+p) driven with Pilot: Supple's commands beside Textual's own."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Label

from tests.factories import daily_history, write_history
from tests.ui.visible import visible_text
from tui.app import SuppleApp
from tui.domain.history import MarkKind
from tui.screens.editor import EditorScreen
from tui.screens.help import HelpScreen
from tui.screens.history import HistoryScreen
from tui.screens.routine import RoutineScreen
from tui.screens.settings import SettingsScreen
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]
SIZE = (100, 30)
TODAY = date(2026, 11, 26)  # FIXED_NOW's day


async def run_command(pilot: Pilot[None], name: str) -> None:
    """Open the palette, type the command's name and run it, as a person would."""
    await pilot.press("ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*name)
    # The palette searches in a worker; its hits arrive a moment later.
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def toasts(app: SuppleApp) -> str:
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_textual_s_own_commands_are_still_there(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for textual_s in ("Theme", "Quit", "Screenshot"):
            assert textual_s in titles
        # Supple's help is listed once (issue 27 item 15): not as "Keys" and "Help", each (?).
        assert "Keys" not in titles and titles.count("Help") == 1
        for ours in (
            "Start the flow",
            "Open Routine",
            "Open History",
            "Open Editor",
            "Open Settings",
            "Help",
            "Mark today as rest",
            "Export history",
            "Light or dark theme",
        ):
            assert ours in titles


async def test_start_the_flow_from_another_screen(make_app: AppFactory) -> None:
    app = make_app(mode="history")
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Start the flow")
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        assert screen.view_name == "flow" and screen.player is not None
        assert "Get ready" in str(screen.query_one("#flow-caption", Label).render())


async def test_each_screen_opens_by_name(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for name, screen_type in (
            ("Open History", HistoryScreen),
            ("Open Editor", EditorScreen),
            ("Open Settings", SettingsScreen),
            ("Open Routine", RoutineScreen),
        ):
            await run_command(pilot, name)
            assert isinstance(app.screen, screen_type), name


async def test_help_opens_from_the_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(90, 60)) as pilot:
        await run_command(pilot, "Help")
        assert isinstance(app.screen, HelpScreen)
        assert "Keys · Routine" in visible_text(app)


async def test_mark_today_rest_keeps_the_streak_and_shows_in_the_history(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, daily_history(date(2026, 11, 25), 4))
    app = make_app(mode="history")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_command(pilot, "Mark today as rest")
        assert store.marks() == {TODAY: MarkKind.REST}
        assert "Today is a rest day" in toasts(app)
        day_line = str(app.screen.query_one("#calendar-day", Label).render())
        assert "rest day" in day_line and "marked rest by hand" in day_line
        assert "4 days" in str(app.screen.query_one("#current-streak", Label).render())
        await run_command(pilot, "Mark today as rest")
        assert "already" in toasts(app)


async def test_export_writes_a_file_beside_the_data_and_says_where(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, daily_history(date(2026, 11, 25), 3))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_command(pilot, "Export history")
        (exported,) = store.path.parent.glob("supple-export-*.json")
        assert str(exported) in toasts(app).replace("\n", "")
        assert "Exported 3 sessions" in toasts(app)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert len(data["sessions"]) == 3 and data["format"] == "supple-export"


async def test_light_or_dark_switches_the_theme_and_it_is_remembered(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.current_theme.dark
        await run_command(pilot, "Light or dark theme")
        assert not app.current_theme.dark
    assert store.settings()["theme"] == "textual-light"


async def test_a_screenshot_goes_to_the_data_folder_and_says_where(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Issue 27 item 12: with no ~/Downloads, Textual's screenshot failed.
    monkeypatch.setenv("HOME", str(tmp_path / "no-such-home"))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_command(pilot, "Screenshot")
        folder = store.path.parent
        (picture,) = folder.glob("*.svg")
        assert picture.read_text().startswith("<svg")
        assert str(picture) in toasts(app).replace("\n", "")
