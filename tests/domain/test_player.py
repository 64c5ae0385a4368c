"""The player, driven by a fake clock: every phase, both sides, reps, and every key."""

from __future__ import annotations

import pytest

from tui.domain.clock import FakeClock
from tui.domain.plan import (
    FlowFinished,
    HoldEnded,
    PhaseKind,
    RepSetEnded,
    StepFinished,
    StepStatus,
)
from tui.domain.player import Player
from tui.domain.routine import Kind, Routine, Sides, Stretch, default_routine


def small_routine() -> Routine:
    """A hold on both sides, then three breath-paced reps: short enough to reason about."""
    return Routine(
        name="test",
        stretches=(
            Stretch(key="a", name="Hold A", instructions="", hold_s=20),
            Stretch(
                key="b",
                name="Breathe B",
                instructions="",
                kind=Kind.REPS,
                sides=Sides.NONE,
                reps=3,
                inhale_s=4,
                exhale_s=4,
            ),
        ),
        ready_s=5,
        switch_s=5,
    )


def started(routine: Routine | None = None) -> tuple[Player, FakeClock]:
    clock = FakeClock()
    player = Player(routine or small_routine(), clock)
    player.start()
    return player, clock


def kinds_through(player: Player, clock: FakeClock, step: float = 0.25) -> list[tuple[str, object]]:
    """Play to the end in small ticks, noting each phase as it begins."""
    seen = [(player.phase.kind.value, player.phase.side or player.phase.rep)]
    while not player.finished:
        clock.advance(step)
        before = player.phase
        player.advance()
        if player.phase is not before:
            seen.append((player.phase.kind.value, player.phase.side or player.phase.rep))
    return seen


def test_a_whole_flow_visits_every_phase_in_order() -> None:
    player, clock = started()
    assert kinds_through(player, clock) == [
        ("ready", "left"),
        ("hold", "left"),
        ("switch", "right"),
        ("hold", "right"),
        ("ready", None),
        ("inhale", 1),
        ("exhale", 1),
        ("inhale", 2),
        ("exhale", 2),
        ("inhale", 3),
        ("exhale", 3),
        ("summary", None),
    ]
    assert player.completed
    assert [r.to_dict() for r in player.records()] == [
        {
            "name": "Hold A",
            "side": "left",
            "unit": "s",
            "planned": 20,
            "done": 20,
            "status": "done",
        },
        {
            "name": "Hold A",
            "side": "right",
            "unit": "s",
            "planned": 20,
            "done": 20,
            "status": "done",
        },
        {
            "name": "Breathe B",
            "side": None,
            "unit": "reps",
            "planned": 3,
            "done": 3,
            "status": "done",
        },
    ]


def test_the_default_flow_takes_its_planned_total_time() -> None:
    routine = default_routine()
    player, clock = started(routine)
    assert player.view().total_remaining == pytest.approx(routine.total_seconds())
    clock.advance(routine.total_seconds() - 0.01)
    player.advance()
    assert not player.finished
    clock.advance(0.02)
    events = player.advance()
    assert player.finished
    assert FlowFinished(completed=True) in events
    assert len(player.records()) == 9  # four stretches on two sides, one rep set


def test_a_hold_ends_at_its_planned_time_even_when_ticks_are_late() -> None:
    player, clock = started()
    clock.advance(5)  # get ready
    player.advance()
    assert player.phase.kind is PhaseKind.HOLD
    # One very late tick, long after the hold should have ended: the hold's end is reported
    # at its planned instant, not at the tick, and later phases are not shifted.
    hold_started = clock.now()
    clock.advance(26.5)
    events = player.advance()
    ends = [e for e in events if isinstance(e, HoldEnded)]
    assert len(ends) == 1
    assert ends[0].at == pytest.approx(hold_started + 20)
    assert player.phase.kind is PhaseKind.HOLD and player.phase.side == "right"
    assert player.remaining() == pytest.approx(20 - (26.5 - 25))


def test_dropped_ticks_never_lengthen_a_flow() -> None:
    player, clock = started()
    total = player.view().total_remaining
    clock.advance(total + 0.001)  # every tick dropped: one tick at the very end
    events = player.advance()
    assert player.finished
    assert sum(isinstance(e, HoldEnded) for e in events) == 2
    assert sum(isinstance(e, RepSetEnded) for e in events) == 1


def test_a_hold_ends_within_one_frame_when_ticked_at_30_hz() -> None:
    player, clock = started()
    frame = 1 / 30
    clock.advance(5)
    player.advance()
    start = clock.now()
    end_seen = None
    while end_seen is None:
        clock.advance(frame)
        if any(isinstance(e, HoldEnded) for e in player.advance()):
            end_seen = clock.now()
    assert 20 <= end_seen - start < 20 + frame + 1e-9


def test_pause_freezes_time_and_resume_counts_down_three_seconds_first() -> None:
    player, clock = started()
    clock.advance(5 + 8)  # 8 s into the left hold
    player.advance()
    player.toggle_pause()
    assert player.paused
    clock.advance(600)
    assert player.advance() == []
    assert player.remaining() == pytest.approx(12)
    player.toggle_pause()
    view = player.view()
    assert view.resuming == pytest.approx(3)
    assert view.remaining == pytest.approx(12)
    clock.advance(3 + 11.9)
    player.advance()
    assert player.phase.kind is PhaseKind.HOLD and player.phase.side == "left"
    clock.advance(0.2)
    events = player.advance()
    assert any(isinstance(e, HoldEnded) for e in events)
    assert player.records()[0].done == 20


def test_pause_during_get_ready_resumes_without_an_extra_countdown() -> None:
    player, clock = started()
    clock.advance(1)
    player.toggle_pause()
    clock.advance(100)
    player.toggle_pause()
    assert player.view().resuming is None
    assert player.remaining() == pytest.approx(4)


def test_skip_in_get_ready_goes_to_the_hold_and_skip_in_a_hold_records_partial() -> None:
    player, clock = started()
    player.skip()
    assert player.phase.kind is PhaseKind.HOLD
    clock.advance(7)
    events = player.skip()
    finished = [e.record for e in events if isinstance(e, StepFinished)]
    assert finished[0].status is StepStatus.PARTIAL and finished[0].done == pytest.approx(7)
    assert not any(isinstance(e, HoldEnded) for e in events)  # no bell for a skipped hold
    assert player.phase.kind is PhaseKind.SWITCH


def test_skipping_a_hold_at_once_records_it_as_skipped() -> None:
    player, _ = started()
    player.skip()
    player.skip()
    assert player.records()[0].status is StepStatus.SKIPPED
    assert player.records()[0].done == 0


def test_skip_in_reps_skips_the_rest_of_the_set() -> None:
    player, clock = started()
    for _ in range(5):  # ready, hold, switch, hold, ready
        player.skip()
    assert player.phase.kind is PhaseKind.INHALE
    clock.advance(8 + 2)  # one full rep, then into the second inhale
    player.advance()
    player.skip()
    assert player.finished
    assert player.records()[-1].to_dict()["done"] == 1
    assert player.records()[-1].status is StepStatus.PARTIAL


def test_back_restarts_the_current_stretch_and_keeps_what_it_held() -> None:
    player, clock = started()
    clock.advance(5 + 20 + 5 + 3)  # 3 s into the right hold
    player.advance()
    assert [r.done for r in player.records()] == [20, 0, 0]
    player.back()
    assert player.phase.kind is PhaseKind.READY and player.phase.stretch == 0
    # The 3 s of the right side cut short by going back are kept too.
    assert [r.done for r in player.records()] == [20, 3, 0]
    assert player.records()[0].status is StepStatus.DONE
    assert player.remaining() == pytest.approx(5)
    # Played again and skipped early, the left side still records its full 20 s.
    player.skip()
    clock.advance(4)
    player.skip()
    assert [(r.done, r.status) for r in player.records()][0] == (20, StepStatus.DONE)


def test_back_right_after_a_stretch_began_goes_to_the_previous_one() -> None:
    player, clock = started()
    clock.advance(5 + 20 + 5 + 20 + 0.5)  # half a second into the cat-cow get-ready
    player.advance()
    assert player.phase.stretch == 1
    player.back()
    assert player.phase.stretch == 0 and player.phase.kind is PhaseKind.READY
    assert [r.done for r in player.records()] == [20, 20, 0]


def test_plus_and_minus_change_the_current_hold_only() -> None:
    player, clock = started()
    player.adjust(+5)  # not a hold yet: nothing changes
    assert player.remaining() == pytest.approx(5)
    player.skip()
    clock.advance(2)
    player.adjust(+5)
    assert player.remaining() == pytest.approx(23)
    assert player.phase.duration == 25
    for _ in range(10):
        player.adjust(-5)
    assert player.phase.duration == 5  # never below five seconds
    clock.advance(3)
    events = player.advance()
    assert any(isinstance(e, HoldEnded) for e in events)
    # The routine's dose stays planned; the cut is recorded on its own (rules.md §3).
    first = player.records()[0].to_dict()
    assert (first["planned"], first["done"], first["adjusted_s"]) == (20, 5, -15)
    assert first["status"] == "partial"


def test_minus_past_the_time_already_held_ends_the_hold() -> None:
    player, clock = started()
    player.skip()
    clock.advance(12)
    events = player.adjust(-10)
    assert any(isinstance(e, HoldEnded) for e in events)
    assert player.phase.kind is PhaseKind.SWITCH


def test_quit_mid_hold_keeps_what_was_done() -> None:
    player, clock = started()
    clock.advance(5 + 20 + 5 + 9)
    player.advance()
    events = player.quit()
    assert FlowFinished(completed=False) in events
    assert player.finished and not player.completed
    statuses = [(r.side, r.status, r.done) for r in player.records()]
    assert statuses == [
        ("left", StepStatus.DONE, 20),
        ("right", StepStatus.PARTIAL, 9),
        (None, StepStatus.SKIPPED, 0),  # never reached: recorded, with nothing done
    ]


def test_quit_while_paused_counts_only_time_before_the_pause() -> None:
    player, clock = started()
    clock.advance(5 + 6)
    player.advance()
    player.toggle_pause()
    clock.advance(300)
    player.quit()
    assert player.records()[0].done == pytest.approx(6)


def test_the_view_tells_position_next_stretch_and_reps() -> None:
    player, clock = started()
    view = player.view()
    assert (view.position, view.count) == (1, 2)
    assert view.next_stretch is not None and view.next_stretch.name == "Hold A"
    for _ in range(4):
        player.skip()
    view = player.view()
    assert view.phase.kind is PhaseKind.READY and view.next_stretch is not None
    assert view.next_stretch.name == "Breathe B"
    player.skip()
    clock.advance(2)
    view = player.view()
    assert view.reps == 3 and view.phase.rep == 1
    assert view.progress == pytest.approx(0.5)
    assert view.total_remaining == pytest.approx(2 + 5 * 4)


def test_a_routine_with_only_one_side_and_disabled_steps_plays_only_what_is_enabled() -> None:
    routine = Routine(
        name="t",
        stretches=(
            Stretch(key="x", name="Off", instructions="", enabled=False),
            Stretch(key="y", name="Left only", instructions="", hold_s=10, sides=Sides.LEFT),
        ),
    )
    player, clock = started(routine)
    assert [p.kind for p in kinds_and_phases(player)] == [
        PhaseKind.READY,
        PhaseKind.HOLD,
        PhaseKind.SUMMARY,
    ]


def kinds_and_phases(player: Player) -> list:
    return list(player._phases)  # noqa: SLF001 - the plan is what this test is about


def test_a_routine_with_nothing_enabled_is_refused() -> None:
    routine = Routine(
        name="t", stretches=(Stretch(key="x", name="Off", instructions="", enabled=False),)
    )
    with pytest.raises(ValueError):
        Player(routine, FakeClock())
