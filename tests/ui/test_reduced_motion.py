"""TEXTUAL_ANIMATIONS=none: the bars step with the seconds, cursors stop blinking, timing stays."""

from __future__ import annotations

import pytest
import textual.constants
from textual.widgets import Input

from tests.conftest import FIXED_NOW
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.domain.plan import PhaseKind
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store
from tui.widgets.smooth_bar import SmoothBar

SIZE = (80, 24)


def new_app(store: Store) -> SuppleApp:
    """The app as a person starts it: its animation level comes from the environment."""
    return SuppleApp(store, clock=FakeClock(), now=lambda: FIXED_NOW, cues="bell")


def advance(app: SuppleApp, seconds: float) -> None:
    clock = app.clock
    assert isinstance(clock, FakeClock)
    clock.advance(seconds)
    screen = app.screen
    assert isinstance(screen, RoutineScreen)
    screen.tick()


@pytest.mark.parametrize(
    ("level", "at_7_5", "at_7_9"), [("none", 7 / 20, 7 / 20), ("full", 7.5 / 20, 7.9 / 20)]
)
async def test_the_bar_steps_with_the_seconds_only_when_motion_is_reduced(
    monkeypatch: pytest.MonkeyPatch, store: Store, level: str, at_7_5: float, at_7_9: float
) -> None:
    # Textual reads TEXTUAL_ANIMATIONS once, at import, into this constant.
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", level)
    app = new_app(store)
    assert app.animation_level == level
    async with app.run_test(size=SIZE) as pilot:
        # enter asks how stiff the back is first (the default); enter again skips it.
        await pilot.press("enter", "enter")
        advance(app, 5 + 7.5)
        bar = app.screen.query_one("#flow-bar", SmoothBar)
        assert bar.fraction == pytest.approx(at_7_5)
        advance(app, 0.4)
        assert bar.fraction == pytest.approx(at_7_9)
        # The hold ends on time either way: the clock times it, not the drawing.
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.player is not None
        advance(app, 12.1 - 0.01)
        assert screen.player.phase.kind is PhaseKind.HOLD
        advance(app, 0.01)
        assert screen.player.phase.kind is PhaseKind.SWITCH


@pytest.mark.parametrize(("level", "blinks"), [("none", False), ("full", True)])
async def test_form_cursors_blink_only_with_motion(
    monkeypatch: pytest.MonkeyPatch, store: Store, level: str, blinks: bool
) -> None:
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", level)
    app = SuppleApp(store, clock=FakeClock(), now=lambda: FIXED_NOW, mode="settings", cues="bell")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert app.screen.query_one(Input).cursor_blink is blinks
