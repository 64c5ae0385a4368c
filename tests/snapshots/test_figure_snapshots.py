"""SVG snapshots of every stretch's figure in the flow (each side, both breaths) at 100×30 and
160×50, in the light theme and without colour, and the editor with the small figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import build_app
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store

# Seconds into the default flow (5 s get-ready and switch pauses) at the middle of each hold,
# and 2 s into the first inhale and exhale of cat–cow.
MOMENTS = {
    "knee-to-chest-left": 15,
    "knee-to-chest-right": 40,
    "seated-twist-left": 70,
    "seated-twist-right": 105,
    "cat-cow-inhale": 127,
    "cat-cow-exhale": 131,
    "low-lunge-left": 193,
    "low-lunge-right": 228,
    "hamstring-left": 263,
    "hamstring-right": 298,
}
SIZES = {"100x30": (100, 30), "160x50": (160, 50)}


def fresh_app(tmp_path: Path, theme: str | None = None) -> SuppleApp:
    store = Store.open(tmp_path / "supple.json")
    store.prepare()
    app = build_app(store)
    if theme is not None:
        app.theme = theme
    return app


def at(seconds: float) -> Any:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        clock = pilot.app.clock  # type: ignore[attr-defined]
        assert isinstance(clock, FakeClock)
        clock.advance(seconds)
        screen = pilot.app.screen
        assert isinstance(screen, RoutineScreen)
        screen.tick()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("moment", MOMENTS)
def test_flow_figure(snap_compare: Any, tmp_path: Path, moment: str, size: str) -> None:
    app = fresh_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=at(MOMENTS[moment]))


def test_flow_figure_light(snap_compare: Any, tmp_path: Path) -> None:
    app = fresh_app(tmp_path, theme="textual-light")
    assert snap_compare(app, terminal_size=(100, 30), run_before=at(MOMENTS["low-lunge-left"]))


def test_flow_figure_no_color(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = fresh_app(tmp_path)
    assert snap_compare(app, terminal_size=(100, 30), run_before=at(MOMENTS["cat-cow-exhale"]))


def test_flow_figure_above_the_digits_when_narrow(snap_compare: Any, tmp_path: Path) -> None:
    app = fresh_app(tmp_path)
    assert snap_compare(app, terminal_size=(56, 34), run_before=at(MOMENTS["seated-twist-left"]))


def test_editor_small_figure(snap_compare: Any, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "supple.json")
    store.prepare()
    app = build_app(store, mode="editor")

    async def to_the_lunge(pilot: Pilot[None]) -> None:
        await pilot.press("down", "down", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=to_the_lunge)
