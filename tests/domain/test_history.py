"""The rules of history (rules.md §4), by property and by worked example."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.day_runs import Streak, current_streak, days_until_break, longest_streak, streaks
from tui.domain.history import (
    DayStatus,
    HistorySettings,
    MarkKind,
    SessionFacts,
    day_sets,
    done_days,
    practice_only_days,
    rest_days,
    session_day,
    today,
)
from tui.domain.stats import history_stats
from tui.domain.strength import percent
from tui.domain.weeks import calendar_weeks, day_status, recent_weeks, week_start, week_summary

CET = timezone(timedelta(hours=1))
EST = timezone(timedelta(hours=-5))
BASE = date(2024, 1, 1)
DEFAULTS = HistorySettings()


def at(day: date, hour: int = 9, minute: int = 0, tz: timezone = UTC) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def session(
    started_at: datetime,
    *,
    completed: bool = True,
    speed: float = 1.0,
    minutes: float | None = 5.0,
    steps: int = 9,
    held: int = 9,
) -> SessionFacts:
    ended = None if minutes is None else started_at + timedelta(minutes=minutes)
    return SessionFacts(
        started_at=started_at,
        ended_at=ended,
        completed=completed,
        speed=speed,
        active_seconds=0.0 if minutes is None else minutes * 60,
        steps=steps,
        held_steps=held,
    )


def d(offset: int) -> date:
    return BASE + timedelta(days=offset)


# --- independent brute-force oracles -------------------------------------------------------


def brute_runs(done: set[date], rest: set[date]) -> list[tuple[date, date, int]]:
    """Expands a run around every done day, one day at a time, and deduplicates."""
    covered = done | rest
    runs = set()
    for day in done:
        lo = day
        while lo - timedelta(days=1) in covered:
            lo -= timedelta(days=1)
        hi = day
        while hi + timedelta(days=1) in covered:
            hi += timedelta(days=1)
        count = sum(1 for x in done if lo <= x <= hi)
        runs.add((lo, hi, count))
    return sorted(runs)


def brute_current(done: set[date], rest: set[date], now: date) -> int:
    covered = done | rest
    anchor = now if now in covered else now - timedelta(days=1)
    for lo, hi, count in brute_runs(done, rest):
        if lo <= anchor <= hi:
            return count
    return 0


day_offsets = st.sets(st.integers(min_value=0, max_value=90), max_size=60)


@st.composite
def histories(draw: st.DrawFn) -> tuple[set[date], set[date]]:
    done = {d(i) for i in draw(day_offsets)}
    rest = {d(i) for i in draw(day_offsets)} - done
    return done, rest


# --- properties ----------------------------------------------------------------------------


@given(histories())
def test_streaks_match_a_brute_force_count(history: tuple[set[date], set[date]]) -> None:
    done, rest = history
    found = [(s.start, s.end, s.length) for s in streaks(done, rest)]
    assert found == brute_runs(done, rest)
    assert longest_streak(done, rest) == max((c for _, _, c in found), default=0)


@given(histories(), st.integers(min_value=-3, max_value=95))
def test_current_streak_matches_a_brute_force_count(
    history: tuple[set[date], set[date]], offset: int
) -> None:
    done, rest = history
    assert current_streak(done, rest, d(offset)) == brute_current(done, rest, d(offset))


@given(histories())
def test_rest_days_never_add_length(history: tuple[set[date], set[date]]) -> None:
    done, rest = history
    with_rest = streaks(done, rest)
    assert sum(s.length for s in with_rest) == len(done)
    for s in with_rest:
        assert s.length == sum(1 for x in done if s.start <= x <= s.end)
        assert s.length >= 1
    without_rest = streaks(done, set())
    assert all(s.length == (s.end - s.start).days + 1 for s in without_rest)


@given(histories(), st.integers(min_value=0, max_value=95))
def test_days_until_break_agrees_with_the_current_streak(
    history: tuple[set[date], set[date]], offset: int
) -> None:
    done, rest = history
    now = d(offset)
    left = days_until_break(done, rest, now)
    assert (left is None) == (current_streak(done, rest, now) == 0)
    if left is not None:
        deadline = now + timedelta(days=left)
        # Doing nothing until the deadline keeps the streak; doing nothing on it loses it.
        assert current_streak(done, rest, deadline) == current_streak(done, rest, now)
        done_so_far = {x for x in done if x <= deadline}
        rest_so_far = {x for x in rest if x <= deadline}
        assert current_streak(done_so_far, rest_so_far, deadline + timedelta(days=1)) == 0


session_specs = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=60),
        st.integers(min_value=0, max_value=23),
        st.booleans(),
        st.sampled_from([0.5, 1.0, 2.0, 20.0]),
    ),
    max_size=40,
)


@given(session_specs)
def test_practice_sessions_never_count_as_done(
    specs: list[tuple[int, int, bool, float]],
) -> None:
    sessions = [session(at(d(o), h), completed=c, speed=sp) for o, h, c, sp in specs]
    expected = {d(o) for o, _, c, sp in specs if c and sp == 1.0}
    assert done_days(sessions, {}, DEFAULTS) == expected
    practice = [session(at(d(o), h), completed=True, speed=20.0) for o, h, _, _ in specs]
    assert done_days(sessions + practice, {}, DEFAULTS) == expected
    sets = day_sets(sessions, {}, DEFAULTS)
    assert sets.practice_only == {d(o) for o, _, _, _ in specs} - expected
    assert not sets.practice_only & sets.done


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(min_value=1, max_value=23),
    st.integers(min_value=-12, max_value=14),
)
def test_day_starts_at_moves_early_sessions_to_the_day_before(
    day: date, starts: int, offset_hours: int
) -> None:
    tz = timezone(timedelta(hours=offset_hours))
    early = datetime(day.year, day.month, day.day, starts - 1, 30, tzinfo=tz)
    on_time = datetime(day.year, day.month, day.day, starts, 0, tzinfo=tz)
    assert session_day(early, starts) == day - timedelta(days=1)
    assert session_day(on_time, starts) == day
    assert session_day(early, 0) == day
    assert today(early, starts) == day - timedelta(days=1)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=1, max_value=30),
)
def test_weeks_start_on_their_weekday_and_hold_the_date(
    day: date, starts_on: int, count: int
) -> None:
    start = week_start(day, starts_on)
    assert start.weekday() == starts_on
    assert 0 <= (day - start).days < 7
    columns = calendar_weeks(day, HistorySettings(week_starts_on=starts_on), weeks=count)
    assert len(columns) == count
    assert day in columns[-1]
    flat = [x for column in columns for x in column]
    assert all(len(column) == 7 and column[0].weekday() == starts_on for column in columns)
    assert all((b - a).days == 1 for a, b in zip(flat, flat[1:], strict=False))


@given(histories(), st.integers(min_value=0, max_value=90), st.integers(min_value=1, max_value=7))
def test_completion_never_above_one_and_target_never_below_one(
    history: tuple[set[date], set[date]], offset: int, goal: int
) -> None:
    done, rest = history
    week = week_summary(d(offset), done, rest, goal)
    assert 1 <= week.target_days <= goal
    assert 0.0 <= week.completion <= 1.0
    assert week.done_days + week.rest_days <= 7


# --- worked examples -----------------------------------------------------------------------


def test_a_session_just_before_midnight_belongs_to_that_day() -> None:
    late = session(at(date(2024, 3, 9), 23, 50, CET), minutes=10)
    assert late.ended_at is not None and late.ended_at.date() == date(2024, 3, 10)
    assert done_days([late], {}, DEFAULTS) == {date(2024, 3, 9)}
    # 00:10 at +01:00 is still the 9th in UTC, but the day is read in the recorded offset.
    assert session_day(at(date(2024, 3, 10), 0, 10, CET), 0) == date(2024, 3, 10)


def test_the_same_instant_in_two_offsets_falls_on_different_days() -> None:
    instant = datetime(2024, 5, 2, 2, 0, tzinfo=UTC)
    in_paris = instant.astimezone(CET)  # 03:00 on 2 May
    in_new_york = instant.astimezone(EST)  # 21:00 on 1 May
    assert in_paris == in_new_york
    assert session_day(in_paris, 0) == date(2024, 5, 2)
    assert session_day(in_new_york, 0) == date(2024, 5, 1)
    # A traveller: 1 May at home in Paris, then 2 May evening in New York, no gap.
    trip = [session(at(date(2024, 5, 1), 8, tz=CET)), session(at(date(2024, 5, 2), 21, tz=EST))]
    stats = history_stats(trip, {}, DEFAULTS, at(date(2024, 5, 2), 22, tz=EST))
    assert stats.current_streak == 2
    assert stats.done_today is True


def test_an_empty_history_is_all_zeros() -> None:
    now = at(date(2024, 6, 5), 12)
    stats = history_stats([], {}, DEFAULTS, now)
    assert stats.to_json_dict() == {
        "today": "2024-06-05",
        "done_today": False,
        "current_streak": 0,
        "longest_streak": 0,
        "streak_unit": "days",
        "days_until_break": None,
        "week": {
            "start": "2024-06-03",
            "done_days": 0,
            "rest_days": 0,
            "target_days": 7,
            "completion": 0.0,
        },
        "sessions": {"total": 0, "completed": 0, "practice": 0, "counted": 0},
        "total_minutes": 0.0,
        "strength": 0.0,
    }
    assert streaks(set(), set()) == []
    assert day_status(date(2024, 6, 1), date(2024, 6, 5), set(), set(), set()) is DayStatus.EMPTY


def test_ten_years_of_daily_sessions() -> None:
    # Speed is measured in bench/, never here: this checks the answers on a long history.
    first = date(2014, 1, 1)
    days = 3653
    history = [session(at(first + timedelta(days=i), 7)) for i in range(days)]
    now = at(first + timedelta(days=days - 1), 20)
    stats = history_stats(history, {}, DEFAULTS, now)
    assert stats.longest_streak == days
    assert stats.current_streak == days
    assert stats.sessions_total == days
    assert stats.total_minutes == days * 5.0
    sets = day_sets(history, {}, DEFAULTS)
    column_days = [x for c in calendar_weeks(now.date(), DEFAULTS) for x in c]
    statuses = [
        day_status(x, now.date(), sets.done, sets.rest, sets.practice_only, sets.first_day)
        for x in column_days
    ]
    assert statuses.count(DayStatus.DONE) == sum(1 for x in column_days if x <= now.date())


def test_the_streak_is_alive_through_yesterday_but_not_two_days_ago() -> None:
    done = {date(2024, 2, 1), date(2024, 2, 2), date(2024, 2, 3)}
    assert current_streak(done, set(), date(2024, 2, 3)) == 3  # done today
    assert current_streak(done, set(), date(2024, 2, 4)) == 3  # today still open
    assert current_streak(done, set(), date(2024, 2, 5)) == 0  # yesterday was missed
    assert days_until_break(done, set(), date(2024, 2, 3)) == 1
    assert days_until_break(done, set(), date(2024, 2, 4)) == 0
    assert days_until_break(done, set(), date(2024, 2, 5)) is None
    assert longest_streak(done, set()) == 3


def test_rest_days_bridge_done_days_without_adding_length() -> None:
    done = {date(2024, 4, 1), date(2024, 4, 2), date(2024, 4, 5)}
    rest = {date(2024, 4, 3), date(2024, 4, 4)}
    assert streaks(done, rest) == [Streak(date(2024, 4, 1), date(2024, 4, 5), 3)]
    assert current_streak(done, rest, date(2024, 4, 4)) == 3  # today is a rest day
    assert current_streak(done, rest, date(2024, 4, 6)) == 3
    assert streaks(done, set()) == [
        Streak(date(2024, 4, 1), date(2024, 4, 2), 2),
        Streak(date(2024, 4, 5), date(2024, 4, 5), 1),
    ]
    # Rest alone is never a streak, and resting today keeps yesterday's streak going.
    assert streaks(set(), rest) == []
    assert current_streak({date(2024, 4, 2)}, {date(2024, 4, 3)}, date(2024, 4, 3)) == 1
    assert current_streak(set(), rest, date(2024, 4, 4)) == 0


def test_a_week_with_two_rest_days_and_goal_seven_targets_five() -> None:
    monday = date(2024, 7, 1)
    rest = {monday, monday + timedelta(days=3)}
    done = {monday + timedelta(days=i) for i in (1, 2, 4, 5)}
    week = week_summary(monday, done, rest, 7)
    assert (week.done_days, week.rest_days, week.target_days) == (4, 2, 5)
    assert week.completion == pytest.approx(0.8)


def test_goal_three_with_five_rest_days_targets_two() -> None:
    monday = date(2024, 7, 1)
    rest = {monday + timedelta(days=i) for i in range(5)}
    week = week_summary(monday, {date(2024, 7, 6), date(2024, 7, 7), date(2024, 7, 8)}, rest, 3)
    assert (week.done_days, week.rest_days, week.target_days) == (2, 5, 2)
    assert week.completion == 1.0


def test_a_week_of_seven_rest_days_targets_one() -> None:
    monday = date(2024, 7, 1)
    rest = {monday + timedelta(days=i) for i in range(7)}
    week = week_summary(monday, set(), rest, 7)
    assert (week.done_days, week.rest_days, week.target_days, week.completion) == (0, 7, 1, 0.0)


def test_a_rest_mark_on_a_done_day_is_a_done_day() -> None:
    day = date(2024, 8, 1)
    marks = {day: MarkKind.REST, day + timedelta(days=1): MarkKind.REST}
    sessions = [session(at(day))]
    assert done_days(sessions, marks, DEFAULTS) == {day}
    assert rest_days(sessions, marks, DEFAULTS) == {day + timedelta(days=1)}
    assert week_summary(week_start(day, 0), {day}, {day}, 7).rest_days == 0


def test_marks_done_count_and_practice_only_days_are_told_apart() -> None:
    marks = {date(2024, 8, 3): MarkKind.DONE, date(2024, 8, 4): MarkKind.REST}
    sessions = [
        session(at(date(2024, 8, 1)), speed=20.0),
        session(at(date(2024, 8, 2)), completed=False, minutes=2),
        session(at(date(2024, 8, 4)), completed=False, minutes=2),  # the rest mark wins
    ]
    assert done_days(sessions, marks, DEFAULTS) == {date(2024, 8, 3)}
    assert rest_days(sessions, marks, DEFAULTS) == {date(2024, 8, 4)}
    assert practice_only_days(sessions, marks, DEFAULTS) == {date(2024, 8, 1), date(2024, 8, 2)}
    with pytest.raises(ValueError, match="mark for 2024-08-05"):
        day_sets([], {date(2024, 8, 5): "skip"}, DEFAULTS)  # type: ignore[dict-item]


def test_day_status_of_every_kind_of_day() -> None:
    now = date(2024, 8, 10)
    done, rest, practice = {date(2024, 8, 3)}, {date(2024, 8, 4)}, {date(2024, 8, 5)}
    first = date(2024, 8, 3)

    def status(day: date) -> DayStatus:
        return day_status(day, now, done, rest, practice, first)

    assert status(date(2024, 8, 2)) is DayStatus.EMPTY
    assert status(date(2024, 8, 3)) is DayStatus.DONE
    assert status(date(2024, 8, 4)) is DayStatus.REST
    assert status(date(2024, 8, 5)) is DayStatus.PRACTICE
    assert status(date(2024, 8, 6)) is DayStatus.MISSED
    assert status(now) is DayStatus.PENDING
    assert status(date(2024, 8, 11)) is DayStatus.FUTURE
    assert day_status(date(2024, 8, 2), now, done, rest, practice) is DayStatus.EMPTY
    assert day_status(date(2024, 8, 6), now, done, rest, practice) is DayStatus.MISSED


def test_recent_weeks_end_with_the_current_week() -> None:
    now = date(2024, 9, 4)  # a Wednesday
    sunday_weeks = HistorySettings(week_starts_on=6, weekly_goal=4)
    weeks = recent_weeks(now, {now, date(2024, 8, 20)}, set(), sunday_weeks)
    assert len(weeks) == 12
    assert weeks[-1].start == date(2024, 9, 1)
    assert weeks[0].start == date(2024, 6, 16)
    assert [w.done_days for w in weeks[-3:]] == [1, 0, 1]
    assert weeks[-1].completion == 0.25
    assert len(recent_weeks(now, set(), set(), sunday_weeks, count=1)) == 1


def test_stats_count_sessions_and_minutes_and_leave_practice_out() -> None:
    first = date(2024, 10, 7)  # a Monday
    history = [
        session(at(first, 8), minutes=5.5),
        session(at(first + timedelta(days=1), 8), minutes=4.25),
        session(at(first + timedelta(days=2), 8), completed=False, minutes=1.0),
        session(at(first + timedelta(days=2), 9), speed=20.0, minutes=0.5),
        session(at(first + timedelta(days=3), 8), completed=False, minutes=None),
    ]
    marks = {first + timedelta(days=3): MarkKind.REST}
    now = at(first + timedelta(days=3), 12)
    stats = history_stats(history, marks, HistorySettings(weekly_goal=5), now)
    data = stats.to_json_dict()
    assert data["sessions"] == {"total": 5, "completed": 2, "practice": 1, "counted": 2}
    # §4 for a goal of 5: Monday 1 done day of 10 wanted in the fortnight, Tuesday 2, Wednesday
    # (missed) still 2; today is rest, so it stays.
    m = 0.5 ** ((5 / 7) ** 0.5 / 13)
    expected = 0.0
    for v in (0.1, 0.2, 0.2):
        expected = expected * m + v * (1 - m)
    assert data["strength"] == percent(expected) / 100
    # 5.5 + 4.25 + 1.0 of wall time; the running session has done nothing yet.
    assert data["total_minutes"] == 10.8
    # A goal of 5 counts streaks in weeks: this week (2 done, four days left for the other
    # three) can still be met but is not yet, and no week before it was met.
    assert (data["current_streak"], data["longest_streak"], data["streak_unit"]) == (0, 0, "weeks")
    assert data["done_today"] is False
    assert data["days_until_break"] is None
    # With a daily goal the same days are a two-day streak, ended by Wednesday's practice.
    daily = history_stats(history, marks, HistorySettings(), now).to_json_dict()
    assert (daily["current_streak"], daily["longest_streak"], daily["streak_unit"]) == (
        0,
        2,
        "days",
    )
    assert data["week"] == {
        "start": "2024-10-07",
        "done_days": 2,
        "rest_days": 1,
        "target_days": 5,
        "completion": 0.4,
    }
    assert json.loads(json.dumps(data)) == data


def test_stats_follow_day_starts_at() -> None:
    late = [session(at(date(2024, 11, 1), 22)), session(at(date(2024, 11, 3), 1, 30))]
    night_owl = HistorySettings(day_starts_at=4)
    now = at(date(2024, 11, 3), 2)
    assert history_stats(late, {}, night_owl, now).current_streak == 2
    assert history_stats(late, {}, night_owl, now).today == date(2024, 11, 2)
    assert history_stats(late, {}, DEFAULTS, now).current_streak == 1


# --- reading documents and settings ---------------------------------------------------------


def step(
    name: str, side: str | None, unit: str, planned: float, done: float, status: str
) -> dict[str, Any]:
    return {
        "name": name,
        "side": side,
        "unit": unit,
        "planned": planned,
        "done": done,
        "status": status,
    }


def document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "s1",
        "started_at": "2024-03-09T23:50:00+01:00",
        "ended_at": "2024-03-10T00:00:30+01:00",
        "routine": "Lower-back flow",
        "completed": True,
        "speed": 1,
        "steps": [
            step("Knee", "left", "s", 20, 20, "done"),
            step("Cat", None, "reps", 6, 6, "done"),
            step("Lunge", "left", "s", 30, 12.5, "partial"),
        ],
    }
    doc.update(changes)
    return doc


def test_from_document_reads_a_stored_session() -> None:
    facts = SessionFacts.from_document(document())
    assert facts.started_at == datetime(2024, 3, 9, 23, 50, tzinfo=CET)
    assert facts.started_at.utcoffset() == timedelta(hours=1)
    assert facts.ended_at == datetime(2024, 3, 10, 0, 0, 30, tzinfo=CET)
    assert facts.active_seconds == 32.5  # reps add nothing
    assert facts.completed is True and facts.speed == 1.0 and not facts.practice
    assert facts.minutes() == 10.5
    running = SessionFacts.from_document(document(ended_at=None, completed=False))
    assert running.ended_at is None
    assert running.minutes() == pytest.approx(32.5 / 60)
    assert SessionFacts.from_document(document(speed=2.5)).practice


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"started_at": "2024-03-09T23:50:00"}, "no UTC offset"),
        ({"started_at": "yesterday"}, "not an ISO 8601"),
        ({"started_at": 1710000000}, "must be an ISO 8601 string"),
        ({"ended_at": "2024-03-10T00:00:30"}, "ended_at has no UTC offset"),
        ({"completed": "yes"}, "completed must be true or false"),
        ({"speed": 0}, "speed must be a positive number"),
        ({"speed": True}, "speed must be a positive number"),
        ({"steps": "none"}, "steps must be a list"),
        ({"steps": [{"unit": "min", "done": 1}]}, "unit 'min'"),
        ({"steps": [{"unit": "s", "done": -1}]}, "done must be zero or more"),
        ({"steps": [3]}, "step 0 must be an object"),
    ],
)
def test_from_document_rejects_malformed_input(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SessionFacts.from_document(document(**changes))


def test_from_document_rejects_missing_keys_and_non_objects() -> None:
    doc = document()
    del doc["speed"]
    with pytest.raises(ValueError, match="no 'speed'"):
        SessionFacts.from_document(doc)
    with pytest.raises(ValueError, match="must be an object"):
        SessionFacts.from_document([])  # type: ignore[arg-type]


def test_session_facts_need_offsets() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        SessionFacts(datetime(2024, 1, 1, 9), None, True, 1.0, 0.0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day_starts_at": 24}, "day_starts_at"),
        ({"day_starts_at": -1}, "day_starts_at"),
        ({"week_starts_on": 7}, "week_starts_on"),
        ({"weekly_goal": 0}, "weekly_goal"),
        ({"weekly_goal": 8}, "weekly_goal"),
        ({"weekly_goal": True}, "weekly_goal"),
    ],
)
def test_settings_are_validated(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        HistorySettings(**changes)


@settings(max_examples=50)
@given(st.integers(min_value=0, max_value=23), st.integers(0, 6), st.integers(1, 7))
def test_valid_settings_are_kept(hour: int, weekday: int, goal: int) -> None:
    chosen = HistorySettings(day_starts_at=hour, week_starts_on=weekday, weekly_goal=goal)
    assert (chosen.day_starts_at, chosen.week_starts_on, chosen.weekly_goal) == (
        hour,
        weekday,
        goal,
    )
