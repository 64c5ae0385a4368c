"""Wake-ups of the running flow: never late for a phase's end, never busy while nothing moves."""

from __future__ import annotations

import pytest

from tui.domain.clock import FakeClock
from tui.domain.frame_pacing import next_wake, until_bar_moves, until_digits_change
from tui.domain.player import Player
from tui.domain.routine import Routine, Sides, Stretch


def hold_player(hold_s: int = 20) -> tuple[Player, FakeClock]:
    routine = Routine(
        name="t",
        stretches=(Stretch(key="a", name="A", instructions="", hold_s=hold_s, sides=Sides.NONE),),
        ready_s=5,
    )
    clock = FakeClock()
    player = Player(routine, clock)
    player.start()
    player.skip()  # straight into the hold
    return player, clock


def test_digits_change_at_each_whole_second() -> None:
    assert until_digits_change(12.25) == pytest.approx(0.25)
    assert until_digits_change(12.0) == pytest.approx(1.0)
    assert until_digits_change(0.4) == pytest.approx(0.4)


def test_a_bar_moves_every_eighth_of_a_cell() -> None:
    # 20 s over 10 cells: an eighth of a cell every 0.25 s.
    assert until_bar_moves(1.1, 20, 10) == pytest.approx(0.15)
    assert until_bar_moves(1.0, 20, 0) is None


def test_the_bar_is_held_to_its_redraw_cap_but_the_digits_are_not() -> None:
    player, clock = hold_player(20)
    clock.advance(3.9)
    # 100 cells: the bar would move every 25 ms; capped at 200 ms, digits are due in 100 ms.
    assert next_wake(player.view(), 100, 1.0, 0.2) == pytest.approx(0.1)
    clock.advance(0.15)
    # 4.05 s in: the bar waits for the next point of its 0.2 s grid, at 4.2 s.
    assert next_wake(player.view(), 100, 1.0, 0.2) == pytest.approx(0.15)


def test_bar_redraws_fall_on_the_frames_of_the_digits() -> None:
    player, clock = hold_player(20)
    wakes = []
    elapsed = 0.0
    while elapsed < 3:
        delay = next_wake(player.view(), 100, 1.0, 0.25)
        assert delay is not None
        clock.advance(delay)
        elapsed += delay
        wakes.append(round(elapsed, 6))
    assert wakes == [round(0.25 * n, 6) for n in range(1, 13)]


def test_the_end_of_a_hold_is_never_delayed_by_the_cap() -> None:
    player, clock = hold_player(20)
    clock.advance(19.97)
    assert next_wake(player.view(), 100, 1.0, 0.2) == pytest.approx(0.03)


def test_nothing_wakes_while_paused() -> None:
    player, clock = hold_player()
    player.toggle_pause()
    assert next_wake(player.view(), 100, 1.0, 0.2) is None


def test_practice_speed_scales_flow_time_to_real_time() -> None:
    player, clock = hold_player(20)
    clock.advance(19.0)
    assert next_wake(player.view(), 0, 10.0, 0.2) == pytest.approx(0.1)
