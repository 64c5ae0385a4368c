"""Held steps, counted sessions (rules.md §4) and a player that never loses what was done (§3).

The rules are checked against an independent implementation written with exact fractions,
and by worked examples right at their boundaries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.clock import FakeClock
from tui.domain.history import HistorySettings, SessionFacts, day_sets, is_counted, is_held
from tui.domain.plan import StepFinished
from tui.domain.player import Player
from tui.domain.routine import default_routine
from tui.domain.session import Session
from tui.domain.stats import history_stats

# --- the independent implementation ----------------------------------------------------------


def oracle_held(step: dict[str, Any]) -> bool:
    """Held: done is at least half of planned, in exact arithmetic."""
    return Fraction(str(step["done"])) >= Fraction(str(step["planned"])) / 2


def oracle_counted(document: dict[str, Any]) -> bool:
    steps = document["steps"]
    if not document["completed"] or Fraction(str(document["speed"])) != 1 or not steps:
        return False
    held = [step for step in steps if oracle_held(step)]
    return Fraction(len(held), len(steps)) >= Fraction(1, 2)


# Stored numbers are whole or in tenths (the player rounds to 0.1).
tenths = st.integers(min_value=0, max_value=900).map(lambda n: n / 10 if n % 10 else n // 10)


@st.composite
def steps(draw: st.DrawFn) -> dict[str, Any]:
    unit = draw(st.sampled_from(["s", "reps"]))
    planned = draw(tenths) if unit == "s" else draw(st.integers(0, 12))
    done = draw(
        st.one_of(
            tenths if unit == "s" else st.integers(0, 12),
            st.just(planned),
            # Right at and around half of the planned amount.
            st.just(planned / 2),
            st.just(max(0, round(planned / 2 - 0.1, 1))),
        )
    )
    return {"name": "x", "side": None, "unit": unit, "planned": planned, "done": done}


@st.composite
def documents(draw: st.DrawFn, day: date | None = None) -> dict[str, Any]:
    start = datetime.combine(day or date(2026, 11, 20), datetime.min.time(), UTC)
    start += timedelta(minutes=draw(st.integers(0, 24 * 60 - 1)))
    return {
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=6)).isoformat(),
        "completed": draw(st.booleans()),
        "speed": draw(st.sampled_from([1, 1.0, 2, 0.5, 20])),
        "steps": draw(st.lists(steps(), max_size=12)),
    }


@given(steps())
def test_a_held_step_matches_the_independent_rule(step: dict[str, Any]) -> None:
    assert is_held(step) is oracle_held(step)


@given(documents())
def test_a_counted_session_matches_the_independent_rule(document: dict[str, Any]) -> None:
    assert is_counted(document) is oracle_counted(document)
    facts = SessionFacts.from_document(document)
    assert facts.counts is oracle_counted(document)
    # A reason is given exactly when the session does not count.
    assert (facts.why_not_counted is None) is oracle_counted(document)


@given(st.lists(st.tuples(st.integers(0, 13), documents()), max_size=12))
@settings(max_examples=60)
def test_done_days_are_the_days_with_a_counted_session(
    dated: list[tuple[int, dict[str, Any]]],
) -> None:
    first = date(2026, 11, 1)
    docs = []
    for offset, document in dated:
        start = datetime.fromisoformat(document["started_at"])
        moved = start.replace(year=first.year, month=first.month, day=first.day + offset)
        docs.append({**document, "started_at": moved.isoformat(), "ended_at": None})
    expected = {
        datetime.fromisoformat(doc["started_at"]).date() for doc in docs if oracle_counted(doc)
    }
    facts = [SessionFacts.from_document(doc) for doc in docs]
    assert set(day_sets(facts, {}, HistorySettings()).done) == expected
    now = datetime(2026, 11, 14, 23, 0, tzinfo=UTC)
    stats = history_stats(facts, {}, HistorySettings(), now)
    assert stats.done_today is (date(2026, 11, 14) in expected)
    assert stats.sessions_counted == sum(oracle_counted(doc) for doc in docs)


# --- worked examples at the boundaries ----------------------------------------------------------


def step(done: float, planned: float, unit: str = "s") -> dict[str, Any]:
    return {"name": "x", "side": None, "unit": unit, "planned": planned, "done": done}


def run(held: int, total: int, *, completed: bool = True, speed: float = 1) -> dict[str, Any]:
    return {
        "started_at": "2026-11-20T07:30:00+01:00",
        "ended_at": "2026-11-20T07:36:00+01:00",
        "completed": completed,
        "speed": speed,
        "steps": [step(30 if i < held else 0, 30) for i in range(total)],
    }


def test_exactly_half_of_a_steps_time_is_held() -> None:
    assert is_held(step(15, 30))
    assert not is_held(step(14.9, 30))
    assert is_held(step(10, 20)) and not is_held(step(9.9, 20))
    assert is_held(step(12.5, 25))  # an odd hold after a `-5s`
    assert is_held(step(3, 6, "reps")) and not is_held(step(2, 6, "reps"))
    assert is_held(step(3, 5, "reps")) and not is_held(step(2, 5, "reps"))
    assert not is_held(step(0.3, 20))  # a hold skipped after 0.3 s


def test_exactly_half_of_the_steps_held_counts() -> None:
    assert is_counted(run(4, 8))
    assert not is_counted(run(3, 8))
    assert is_counted(run(5, 9)) and not is_counted(run(4, 9))
    assert is_counted(run(1, 2)) and is_counted(run(1, 1)) and not is_counted(run(0, 1))


def test_a_session_without_steps_never_counts() -> None:
    assert not is_counted(run(0, 0))
    assert SessionFacts.from_document(run(0, 0)).why_not_counted == "no step played"


def test_the_reason_a_session_does_not_count() -> None:
    def reason(document: dict[str, Any]) -> str | None:
        return SessionFacts.from_document(document).why_not_counted

    assert reason(run(2, 9)) == "held 2 of 9 steps"
    assert reason(run(0, 1)) == "held 0 of 1 step"
    assert reason(run(9, 9, speed=20)) == "practice at 20× speed"
    assert reason(run(9, 9, completed=False)) == "left before the end"
    assert reason(run(5, 9)) is None


# --- the player: skipping through, skipping one stretch, going back ----------------------------


def session_document(player: Player, *, speed: float = 1) -> dict[str, Any]:
    session = Session(
        started_at=datetime(2026, 11, 20, 7, 30, tzinfo=UTC), routine="x", speed=speed
    )
    session.steps = [r.to_dict() for r in player.records()]
    session.completed = player.completed
    session.ended_at = session.started_at + timedelta(minutes=5)
    return session.to_document()


def test_skipping_through_the_whole_flow_reaches_the_summary_but_does_not_count() -> None:
    # What a person did in tmux: `enter`, then `n` about 30 times in 5 s.
    clock = FakeClock()
    player = Player(default_routine(), clock)
    player.start()
    while not player.finished:
        clock.advance(0.17)
        player.skip()
    document = session_document(player)
    assert player.completed and len(document["steps"]) == 9
    assert not any(is_held(s) for s in document["steps"])  # 0.17 s of 20 is not held
    assert not is_counted(document)
    assert SessionFacts.from_document(document).why_not_counted == "held 0 of 9 steps"


def test_skipping_the_one_stretch_that_hurts_still_counts() -> None:
    clock = FakeClock()
    player = Player(default_routine(), clock)
    player.start()
    # Knee to chest, both sides, skipped at once; the rest played in full.
    for _ in range(4):
        player.skip()
    while not player.finished:
        clock.advance(0.5)
        player.advance()
    document = session_document(player)
    assert [s["status"] for s in document["steps"][:2]] == ["skipped", "skipped"]
    assert is_counted(document)


KEYS = ["tick", "tick", "tick", "skip", "back", "pause", "more", "less"]


@given(
    st.lists(
        st.tuples(st.sampled_from(KEYS), st.floats(min_value=0, max_value=40)),
        max_size=80,
    )
)
@settings(max_examples=150, deadline=None)
def test_no_recorded_done_ever_goes_down_whatever_the_keys(
    presses: list[tuple[str, float]],
) -> None:
    clock = FakeClock()
    player = Player(default_routine(), clock)
    player.start()
    before = [r.done for r in player.records()]
    # The most each step ever held in a play that finished, by (name, side): unique here.
    finished: dict[tuple[str, str | None], float] = {}

    def check(events: list[Any]) -> None:
        nonlocal before
        now = [r.done for r in player.records()]
        assert len(now) == len(before) == 9
        assert all(a >= b for a, b in zip(now, before, strict=True)), (before, now)
        before = now
        for event in events:
            if isinstance(event, StepFinished):
                key = (event.record.name, event.record.side)
                finished[key] = max(finished.get(key, 0.0), event.record.done)

    for key, seconds in presses:
        clock.advance(seconds)
        events = {
            "tick": player.advance,
            "skip": player.skip,
            "back": player.back,
            "pause": player.toggle_pause,
            "more": lambda: player.adjust(+5),
            "less": lambda: player.adjust(-5),
        }[key]()
        check(events)
    check(player.quit())
    # The best play of every step that finished is what the session records.
    recorded = {(r.name, r.side): r for r in player.records()}
    for key, done in finished.items():
        assert recorded[key].done == done
    for record in recorded.values():
        full = record.done >= record.planned
        assert (record.status.value == "done") is full


def test_going_back_mid_set_keeps_the_reps_breathed() -> None:
    clock = FakeClock()
    player = Player(default_routine(), clock)
    player.start()
    while player.phase.kind.value != "inhale":
        player.skip()
    clock.advance(3 * 8 + 1)  # three reps, then a second into the fourth inhale
    player.advance()
    player.back()
    cat_cow = player.records()[4]
    assert (cat_cow.name, cat_cow.done, cat_cow.status.value) == ("Cat–cow", 3, "partial")
    # Played again to the end, the larger `done` replaces it.
    while player.phase.kind.value != "summary" and player.records()[4].done < 6:
        clock.advance(0.5)
        player.advance()
    assert player.records()[4].done == 6 and player.records()[4].status.value == "done"


def test_going_back_as_the_flow_ends_leaves_it_finished() -> None:
    clock = FakeClock()
    player = Player(default_routine(), clock)
    player.start()
    clock.advance(313)  # the default flow's whole length
    events = player.back()
    assert player.finished and player.completed
    assert any(getattr(e, "completed", False) for e in events)


def test_a_hold_skipped_within_a_second_is_skipped_not_partial() -> None:
    clock = FakeClock()
    player = Player(default_routine(), clock)
    player.start()
    player.skip()  # into the first hold
    clock.advance(0.3)
    player.skip()
    first = player.records()[0]
    assert (first.status.value, first.done) == ("skipped", pytest.approx(0.3))
    assert not is_held(first)
    player.skip()  # the switch
    clock.advance(1.0)
    player.skip()
    assert player.records()[1].status.value == "partial"


# --- `+` and `-`: the plan stays the routine's, the change is recorded on its own (§3) ---------


def test_a_flow_cut_short_with_minus_is_not_recorded_as_held_in_full() -> None:
    # What a person did: `-` pressed again and again at the start of every hold, then the
    # flow left to play to its end, about a minute and a half instead of five.
    clock = FakeClock()
    player = Player(default_routine(), clock)
    player.start()
    while not player.finished:
        if player.phase.kind.value == "hold" and player.phase.duration > 5:
            for _ in range(6):
                player.adjust(-5)
        clock.advance(0.5)
        player.advance()
    document = session_document(player)
    holds = [s for s in document["steps"] if s["unit"] == "s"]
    routine = {(s.name): s.hold_s for s in default_routine().enabled}
    for hold in holds:
        assert hold["planned"] == routine[hold["name"]]  # the routine's dose, not the cut
        assert hold["done"] == 5
        assert hold["adjusted_s"] == 5 - hold["planned"]
        assert hold["status"] == "partial" and not is_held(hold)
    # Cat–cow was breathed in full; the eight holds were cut to a sixth: not a done day.
    assert not is_counted(document)
    assert SessionFacts.from_document(document).why_not_counted == "held 1 of 9 steps"


def test_plus_lets_done_exceed_planned() -> None:
    clock = FakeClock()
    player = Player(default_routine(), clock)
    player.start()
    player.skip()  # into the first hold, 20 s
    player.adjust(+5)
    player.adjust(+5)
    clock.advance(30)
    player.advance()
    first = player.records()[0].to_dict()
    assert (first["planned"], first["done"], first["adjusted_s"]) == (20, 30, 10)
    assert first["status"] == "done" and is_held(first)
    # A hold played as planned carries no adjustment at all.
    clock.advance(5 + 20)
    player.advance()
    assert "adjusted_s" not in player.records()[1].to_dict()
