"""SVG snapshots of home, a hold and the history at 80×24 in every language Supple speaks.

Twelve days done up to yesterday, so home says the streak and the history has a chart, a
calendar and sessions to show. The language is chosen before the app is built and English is
put back after, as the setting does at start."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import build_app
from tests.factories import daily_history, write_history
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.i18n import use_language
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store

SIZE = (80, 24)
YESTERDAY = date(2026, 11, 25)  # FIXED_NOW's day before


@pytest.fixture(params=["en", "de", "es", "fr"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    code: str = request.param
    use_language(code)
    try:
        yield code
    finally:
        use_language("en")


def app_with_history(tmp_path: Path, mode: str = "routine") -> SuppleApp:
    path = tmp_path / "supple.json"
    write_history(path, daily_history(YESTERDAY, 12))
    store = Store.open(path)
    store.prepare()
    return build_app(store, mode=mode)


async def hold_midway(pilot: Pilot[None]) -> None:
    """Knee to chest, left side, 7.5 s into its 20 s hold."""
    await pilot.press("enter")
    for step in (5, 7.5):
        clock = pilot.app.clock  # type: ignore[attr-defined]
        assert isinstance(clock, FakeClock)
        clock.advance(step)
        screen = pilot.app.screen
        assert isinstance(screen, RoutineScreen)
        screen.tick()
    await pilot.pause()


def test_home(snap_compare: Any, tmp_path: Path, language: str) -> None:
    assert snap_compare(app_with_history(tmp_path), terminal_size=SIZE)


def test_hold(snap_compare: Any, tmp_path: Path, language: str) -> None:
    assert snap_compare(app_with_history(tmp_path), terminal_size=SIZE, run_before=hold_midway)


def test_history(snap_compare: Any, tmp_path: Path, language: str) -> None:
    assert snap_compare(app_with_history(tmp_path, "history"), terminal_size=SIZE)
