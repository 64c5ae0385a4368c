"""Habit strength (rules.md §4) against an oracle written from §4's words, and by example."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import session_document
from tui.domain.history import HistorySettings, MarkKind, SessionFacts, day_sets
from tui.domain.stats import history_stats
from tui.domain.strength import change_words, habit_strength, multiplier, percent, strength_sentence

ZONE = timezone(timedelta(hours=1))
BASE = date(2025, 3, 1)


def d(offset: int) -> date:
    return BASE + timedelta(days=offset)


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZONE)


# --- the oracle: §4 read literally, one day at a time, nothing shared with the module --------


def oracle(
    kinds_by_day: dict[date, list[str]], marks: dict[date, str], goal: int, today: date
) -> float:
    """Strength as §4 words it. `kinds_by_day` lists the sessions of each day: "counted"
    (completed at speed 1, every step held), "practice" (another speed) or "left" (not
    completed)."""
    done = {day for day, kinds in kinds_by_day.items() if "counted" in kinds}
    done |= {day for day, kind in marks.items() if kind == "done"}
    rest = {day for day, kind in marks.items() if kind == "rest"} - done
    if not done:
        return 0.0
    m = 0.5 ** (math.sqrt(goal / 7) / 13)
    score = 0.0
    day = min(done)  # the score is 0 on the day before it
    last = today if (today in done or today in rest) else today - timedelta(days=1)
    while day <= last:
        if day not in rest:
            if goal == 7:
                v = 1.0 if day in done else 0.0
            else:
                fortnight = [day - timedelta(days=k) for k in range(14)]
                v = min(1.0, sum(1 for x in fortnight if x in done) / (2 * goal))
            score = score * m + v * (1 - m)
        day += timedelta(days=1)
    return score


SESSION_KINDS = st.sampled_from(["counted", "practice", "left"])


def facts(kinds_by_day: dict[date, list[str]]) -> list[SessionFacts]:
    sessions = []
    for day, kinds in kinds_by_day.items():
        for hour, kind in enumerate(kinds, start=6):
            document = session_document(
                at(day, hour),
                speed=2 if kind == "practice" else 1,
                completed=kind != "left",
            )
            sessions.append(SessionFacts.from_document(document))
    return sessions


@settings(max_examples=300, deadline=None)
@given(
    sessions=st.dictionaries(
        st.integers(0, 120), st.lists(SESSION_KINDS, min_size=1, max_size=3), max_size=90
    ),
    marks=st.dictionaries(st.integers(0, 130), st.sampled_from(["done", "rest"]), max_size=40),
    goal=st.integers(1, 7),
    today=st.integers(0, 130),
)
def test_strength_matches_the_words_of_section_4(
    sessions: dict[int, list[str]], marks: dict[int, str], goal: int, today: int
) -> None:
    kinds_by_day = {d(k): v for k, v in sessions.items()}
    mark_days = {d(k): v for k, v in marks.items()}
    expected = oracle(kinds_by_day, mark_days, goal, d(today))
    config = HistorySettings(weekly_goal=goal)
    sets = day_sets(facts(kinds_by_day), {k: MarkKind(v) for k, v in mark_days.items()}, config)
    strength = habit_strength(sets.done, sets.rest, d(today), goal)
    assert strength.value == pytest.approx(expected, abs=1e-12)
    assert 0.0 <= strength.value <= 1.0
    # What today's flow would make it is the oracle's with today done; before today, with
    # today left out.
    with_today = {**kinds_by_day, d(today): [*kinds_by_day.get(d(today), []), "counted"]}
    assert strength.if_done_today == pytest.approx(
        oracle(with_today, mark_days, goal, d(today)), abs=1e-12
    )
    yesterday_view = {k: v for k, v in mark_days.items() if k < d(today)}
    yesterday_sessions = {k: v for k, v in kinds_by_day.items() if k < d(today)}
    assert strength.before_today == pytest.approx(
        oracle(yesterday_sessions, yesterday_view, goal, d(today)), abs=1e-12
    )


# --- worked examples ---------------------------------------------------------------------------


def test_thirteen_straight_done_days_from_nothing_give_one_half_for_a_daily_goal() -> None:
    done = {d(k) for k in range(13)}
    # Seen the next morning (day 13 not done yet) and on day 12 itself once it is done.
    assert habit_strength(done, set(), d(13), 7).value == pytest.approx(0.5)
    assert habit_strength(done, set(), d(12), 7).value == pytest.approx(0.5)
    assert habit_strength(done, set(), d(12), 7).before_today == pytest.approx(1 - 0.5 ** (12 / 13))


def test_a_rest_day_leaves_it_unchanged() -> None:
    done = {d(k) for k in range(5)}
    before = habit_strength(done, set(), d(5), 7).value
    rested = habit_strength(done, {d(5)}, d(5), 7)
    assert rested.value == before and rested.change_today == 0
    # And a rest day in the middle of a history is as if it were not there.
    assert habit_strength(done | {d(6)}, {d(5)}, d(7), 7).value == pytest.approx(
        habit_strength({d(k) for k in range(6)}, set(), d(6), 7).value
    )


def test_a_missed_day_lowers_a_daily_habit() -> None:
    done = {d(k) for k in range(20)}
    assert habit_strength(done, set(), d(21), 7).value < habit_strength(done, set(), d(20), 7).value


@pytest.mark.parametrize("goal", range(1, 8))
def test_a_done_day_scores_higher_than_a_missed_one(goal: int) -> None:
    # Below 7 a missed day can still raise a young score (the fortnight holds enough done
    # days), but doing the day never gives less than missing it (the same once the fortnight
    # already holds twice the goal).
    done = {d(k) for k in range(0, 20, 2)}
    settled = habit_strength(done, set(), d(20), goal)
    missed = habit_strength(done, set(), d(21), goal).before_today
    assert settled.if_done_today >= missed
    if goal > 5:
        assert settled.if_done_today > missed
    assert settled.if_done_today == habit_strength(done | {d(20)}, set(), d(20), goal).value


def test_nothing_done_is_zero_even_with_rest_days_and_practice() -> None:
    sessions = [SessionFacts.from_document(session_document(at(d(k)), speed=4)) for k in range(9)]
    sets = day_sets(sessions, {d(3): MarkKind.REST}, HistorySettings())
    assert sets.done == frozenset()
    strength = habit_strength(sets.done, sets.rest, d(10), 7)
    assert strength.value == 0 and strength.before_today == 0
    # The first flow starts it: one step of 1 from 0.
    assert strength.if_done_today == pytest.approx(1 - multiplier(7))


def test_practice_never_counts() -> None:
    counted = [SessionFacts.from_document(session_document(at(d(k)))) for k in range(10)]
    practice = [SessionFacts.from_document(session_document(at(d(10)), speed=0.5))]
    stats_without = history_stats(counted, {}, HistorySettings(), at(d(11)))
    stats_with = history_stats(counted + practice, {}, HistorySettings(), at(d(11)))
    assert stats_with.strength.value == stats_without.strength.value
    assert stats_with.sessions_counted == stats_without.sessions_counted == 10


def test_a_smaller_goal_is_full_with_twice_the_goal_in_a_fortnight() -> None:
    # Three days a week, every week, for a year: v is 1 once 6 of 14 days are done.
    done = {d(k) for k in range(365) if k % 7 in (0, 2, 4)}
    assert habit_strength(done, set(), d(365), 3).value > 0.99
    assert multiplier(3) > multiplier(7)  # and it fades more slowly than a daily habit


def test_the_half_life_of_a_daily_goal_is_thirteen_days() -> None:
    assert multiplier(7) ** 13 == pytest.approx(0.5)
    with pytest.raises(ValueError):
        multiplier(0)
    with pytest.raises(ValueError):
        multiplier(8)


def test_percent_and_words() -> None:
    assert [percent(x) for x in (0, 0.004, 0.5, 0.996, 1.0)] == [0, 0, 50, 99, 100]
    done = {d(k) for k in range(5)}
    pending = habit_strength(done, set(), d(5), 7)
    assert "would add" in strength_sentence(pending, 7)
    finished = habit_strength(done | {d(5)}, set(), d(5), 7)
    assert "would add" not in strength_sentence(finished, 7)
    assert change_words(finished).startswith("+") and change_words(finished).endswith(" today")
    assert change_words(pending) == ""
    assert "rest days hold it" in strength_sentence(finished, 7)
    assert "3 done days a week raise it" in strength_sentence(finished, 3)
