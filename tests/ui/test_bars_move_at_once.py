"""A bar moves from its first frame: no second-long freeze when it first appears (item 6)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tui.app import SuppleApp
from tui.domain.plan import PhaseKind
from tui.screens.routine import RoutineScreen
from tui.views.running_flow import HOLD_BAR_REDRAWS_PER_S, RunningFlow


def record_wakes(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the running flow asks its timer for, in order."""
    delays: list[float] = []
    set_timer = RunningFlow.set_timer

    def recording(flow: RunningFlow, delay: float, callback: Any, *args: Any, **kwargs: Any) -> Any:
        delays.append(delay)
        return set_timer(flow, delay, callback, *args, **kwargs)

    monkeypatch.setattr(RunningFlow, "set_timer", recording)
    return delays


async def test_the_first_get_ready_bar_and_the_first_breath_bar_move_at_once(
    make_app: Callable[..., SuppleApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    app.animation_level = "full"  # a moving bar, as most people see it
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        wakes = record_wakes(monkeypatch)
        await pilot.press("enter")
        # A 5 s get-ready on a ~90-cell bar moves every few hundredths of a second; the bar is
        # held to three redraws a second, never to the digits' one.
        assert wakes and wakes[0] <= 1 / HOLD_BAR_REDRAWS_PER_S + 1e-9
        player = screen.player
        assert player is not None
        while not (player.phase.kind is PhaseKind.READY and player.phase.stretch == 2):
            player.skip()  # to the cat–cow get-ready
        wakes.clear()
        await pilot.press("n")  # from the cat–cow get-ready into the first inhale
        assert player.phase.kind is PhaseKind.INHALE
        assert wakes and wakes[0] <= 0.2
