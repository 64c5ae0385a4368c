"""SVG snapshots of the routine screen's states that matter, at 80×24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.conftest import build_app
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store

SIZE = (80, 24)


def fresh_app(tmp_path: Path) -> SuppleApp:
    store = Store.open(tmp_path / "supple.json")
    store.prepare()
    return build_app(store)


def after(*seconds: float) -> Any:
    """A `run_before` that starts the flow, then moves the fake clock and ticks after each."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        for step in seconds:
            clock = pilot.app.clock  # type: ignore[attr-defined]
            assert isinstance(clock, FakeClock)
            clock.advance(step)
            screen = pilot.app.screen
            assert isinstance(screen, RoutineScreen)
            screen.tick()
        await pilot.pause()

    return run


def test_home(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(fresh_app(tmp_path), terminal_size=SIZE)


def test_get_ready(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(fresh_app(tmp_path), terminal_size=SIZE, run_before=after(1.2))


def test_hold_midway(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(fresh_app(tmp_path), terminal_size=SIZE, run_before=after(5, 7.3))


def test_hold_final_seconds(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(fresh_app(tmp_path), terminal_size=SIZE, run_before=after(5, 17.6))


def test_breathing_bar(snap_compare: Any, tmp_path: Path) -> None:
    # Knee to chest (50 s) and the twist (70 s) done, cat–cow's get-ready, 2.5 s into rep 1.
    assert snap_compare(fresh_app(tmp_path), terminal_size=SIZE, run_before=after(120, 5, 2.5))


def test_summary(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(fresh_app(tmp_path), terminal_size=SIZE, run_before=after(313))


def asking_app(tmp_path: Path) -> SuppleApp:
    """The app as a person first meets it: it asks before and after (the default setting)."""
    store = Store.open(tmp_path / "supple.json")
    store.prepare()
    return build_app(store, ask_stiffness=None)


def rated_run(*keys: str, note: str | None = None) -> Any:
    """Rate 6 before, play the whole flow, then press `keys` over the question after it."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "6")
        clock = pilot.app.clock  # type: ignore[attr-defined]
        assert isinstance(clock, FakeClock)
        clock.advance(313)
        screen = pilot.app.screen
        assert isinstance(screen, RoutineScreen)
        screen.tick()
        await pilot.pause()
        await pilot.press(*keys)
        if note is not None:
            clock.advance(1)
            await pilot.press("n", *note, "enter")
        await pilot.pause()

    return run


def test_stiffness_question_after_the_flow(snap_compare: Any, tmp_path: Path) -> None:
    # The arrows reach 10; the cursor shows where enter would pick.
    assert snap_compare(asking_app(tmp_path), terminal_size=SIZE, run_before=rated_run("right"))


def test_summary_with_stiffness_and_a_note(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        asking_app(tmp_path),
        terminal_size=SIZE,
        run_before=rated_run("3", note="Hips tight [b]at first[/b]"),
    )
