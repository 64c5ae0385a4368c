"""SVG snapshots of the light theme, NO_COLOR, help, settings and a 40×12 terminal."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import build_app
from tests.factories import daily_history, write_history
from tests.snapshots.test_history_snapshots import mixed_month
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store

SIZE = (80, 24)
SMALL = (40, 12)
YESTERDAY = date(2026, 11, 25)  # the day before FIXED_NOW's

Run = Callable[[Pilot[None]], Awaitable[None]]


def app_on(tmp_path: Path, mode: str = "routine", *, theme: str | None = None) -> SuppleApp:
    """An app over a month of mixed history; NO_COLOR, when a test sets it, is read here."""
    path = tmp_path / "supple.json"
    sessions, marks = mixed_month()
    write_history(path, sessions, marks)
    store = Store.open(path)
    store.prepare()
    app = build_app(store, mode=mode)
    if theme is not None:
        app.theme = theme
    return app


def in_a_hold(seconds: float) -> Run:
    """Start the flow and stop the fake clock `seconds` into the first hold."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        clock = pilot.app.clock  # type: ignore[attr-defined]
        assert isinstance(clock, FakeClock)
        clock.advance(5 + seconds)
        screen = pilot.app.screen
        assert isinstance(screen, RoutineScreen)
        screen.tick()
        await pilot.pause()

    return run


def pressing(*keys: str) -> Run:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        await pilot.pause()

    return run


# -- the light theme -----------------------------------------------------------------------


def test_home_light(snap_compare: Any, tmp_path: Path) -> None:
    app = app_on(tmp_path, theme="textual-light")
    assert snap_compare(app, terminal_size=SIZE)


def test_hold_final_seconds_light(snap_compare: Any, tmp_path: Path) -> None:
    app = app_on(tmp_path, theme="textual-light")
    assert snap_compare(app, terminal_size=SIZE, run_before=in_a_hold(17.6))


def test_history_light(snap_compare: Any, tmp_path: Path) -> None:
    app = app_on(tmp_path, "history", theme="textual-light")
    assert snap_compare(app, terminal_size=SIZE)


def test_settings_light(snap_compare: Any, tmp_path: Path) -> None:
    app = app_on(tmp_path, "settings", theme="textual-light")
    assert snap_compare(app, terminal_size=SIZE)


# -- NO_COLOR ------------------------------------------------------------------------------


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual reads NO_COLOR when the app is built, so it is set before `app_on`.
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.usefixtures("no_color")
def test_home_no_color(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), terminal_size=SIZE)


@pytest.mark.usefixtures("no_color")
def test_hold_final_seconds_no_color(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), terminal_size=SIZE, run_before=in_a_hold(17.6))


@pytest.mark.usefixtures("no_color")
def test_history_no_color(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path, "history"), terminal_size=SIZE)


@pytest.mark.usefixtures("no_color")
def test_help_no_color(snap_compare: Any, tmp_path: Path) -> None:
    app = app_on(tmp_path)
    assert snap_compare(app, terminal_size=(80, 40), run_before=pressing("question_mark"))


# -- help, settings, a small terminal ------------------------------------------------------


def test_help_over_the_running_flow(snap_compare: Any, tmp_path: Path) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await in_a_hold(7)(pilot)
        await pressing("question_mark")(pilot)

    assert snap_compare(app_on(tmp_path), terminal_size=(80, 40), run_before=run)


def test_settings(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path, "settings"), terminal_size=SIZE)


def test_settings_form_with_an_error(snap_compare: Any, tmp_path: Path) -> None:
    app = app_on(tmp_path, "settings")
    keys = pressing("down", "down", "enter", "backspace", "2", "4", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys)


def test_home_40x12(snap_compare: Any, tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    write_history(path, daily_history(YESTERDAY, 12))
    store = Store.open(path)

    async def settle(pilot: Pilot[None]) -> None:
        await pilot.pause()  # the first frame, the streak line in it

    assert snap_compare(build_app(store), terminal_size=SMALL, run_before=settle)


def test_hold_40x12(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), terminal_size=SMALL, run_before=in_a_hold(7.3))
