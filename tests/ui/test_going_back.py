"""`b` and `b b` at every phase boundary of the default flow, then leave: nothing done is lost.

One app plays the flow again and again: at each boundary it presses the keys, leaves with
`q` `y`, and the saved session must still hold every step finished before the boundary.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.domain.plan import PhaseKind, build_plan
from tui.domain.routine import default_routine
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store
from tui.views.summary import Summary


def boundaries() -> list[tuple[float, list[float]]]:
    """Each phase's start time, with what every step has done by then when played through."""
    phases, records = build_plan(default_routine())
    result = []
    start = 0.0
    for index, phase in enumerate(phases[:-1]):
        done = [0.0] * len(records)
        t = 0.0
        for earlier in phases[:index]:
            t += earlier.duration
            if earlier.step is None:
                continue
            if earlier.kind is PhaseKind.HOLD:
                done[earlier.step] = earlier.duration
            elif earlier.kind is PhaseKind.EXHALE:
                done[earlier.step] += 1
        result.append((start, done))
        start += phase.duration
    return result


@pytest.mark.parametrize("keys", [["b"], ["b", "b"]], ids=["b", "b b"])
async def test_going_back_at_every_phase_boundary_then_leaving_loses_nothing(
    make_app: Callable[..., SuppleApp], store: Store, keys: list[str]
) -> None:
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        for at, expected in boundaries():
            screen = app.screen
            assert isinstance(screen, RoutineScreen)
            await pilot.press("enter")
            player = screen.player
            assert player is not None
            clock.advance(at)
            screen.tick()
            await pilot.press(*keys)
            await pilot.press("q", "y")
            await pilot.pause()
            assert screen.view_name == "summary"
            await saved(app)
            ended = screen.query_one(Summary).session
            assert ended is not None
            (session,) = [s for s in store.sessions() if s["id"] == ended.id]
            assert session["completed"] is False and len(session["steps"]) == 9
            done = [step["done"] for step in session["steps"]]
            assert done == expected, f"at {at} s with {' '.join(keys)}"
            for step, planned_done in zip(session["steps"], expected, strict=True):
                full = planned_done >= step["planned"]
                assert (step["status"] == "done") is full
            await pilot.press("enter")
            clock.advance(3600)  # an hour later, the next try
