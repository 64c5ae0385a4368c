"""Streaks in days or weeks (rules.md §4, revised): against the text's own reading, by example."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.history import HistorySettings, MarkKind, SessionFacts
from tui.domain.stats import history_stats
from tui.domain.streaks import (
    StreakUnit,
    stake_words,
    streak_figures,
    streak_label,
    streak_unit,
    week_streaks,
)

# A Monday, so the worked examples read as a calendar does.
MONDAY = date(2024, 1, 1)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def counted_session(on: date) -> SessionFacts:
    start = datetime(on.year, on.month, on.day, 8, tzinfo=UTC)
    return SessionFacts(
        started_at=start,
        ended_at=start + timedelta(minutes=5),
        completed=True,
        speed=1.0,
        active_seconds=300.0,
        steps=9,
        held_steps=9,
    )


# -- the rule as rules.md §4 words it, written afresh from the text --------------------------


def text_streaks(
    done: set[date], marked_rest: set[date], today: date, goal: int, week_starts_on: int
) -> tuple[int, int]:
    """(current, longest), read straight from §4 with plain loops over every day and week."""
    rest = {d for d in marked_rest if d not in done}  # "marked rest that is not a done day"
    everything = done | rest | {today}
    if goal == 7:
        return _text_day_streaks(done, rest, today, min(everything), max(everything))

    def first_of_week(d: date) -> date:  # "seven days from week_starts_on"
        while d.weekday() != week_starts_on:
            d -= timedelta(days=1)
        return d

    def seven(start: date) -> list[date]:
        return [start + timedelta(days=n) for n in range(7)]

    def target(start: date) -> int:
        rests = len([d for d in seven(start) if d in rest])
        return max(1, min(goal, 7 - rests))

    def met(start: date) -> bool:
        return len([d for d in seven(start) if d in done]) >= target(start)

    weeks = []
    start = first_of_week(min(everything))
    while start <= max(everything):
        weeks.append(start)
        start += timedelta(days=7)
    # Maximal runs of consecutive met weeks, each with its length in weeks.
    run_of: dict[date, list[date]] = {}
    run: list[date] = []
    for start in weeks:
        if met(start):
            run.append(start)
            run_of[start] = run
        else:
            run = []
    longest = max((len(r) for r in run_of.values()), default=0)
    this_week = first_of_week(today)
    if met(this_week):
        return len(run_of[this_week]), longest
    # "Its done days plus the days left in it, today included": a day left is one that can
    # still become a done day, so a day from today on that is done already is counted once.
    days_left = [d for d in seven(this_week) if d >= today and d not in done]
    done_in_week = [d for d in seven(this_week) if d in done]
    if len(done_in_week) + len(days_left) < target(this_week):
        return 0, longest
    last_week = this_week - timedelta(days=7)
    return len(run_of.get(last_week, [])), longest


def _text_day_streaks(
    done: set[date], rest: set[date], today: date, first: date, last: date
) -> tuple[int, int]:
    """Runs of consecutive done-or-rest days holding a done day, their length its done days."""
    runs: list[list[date]] = []
    d = first
    while d <= last:
        if d in done or d in rest:
            if runs and runs[-1][-1] == d - timedelta(days=1):
                runs[-1].append(d)
            else:
                runs.append([d])
        d += timedelta(days=1)
    streaks = [r for r in runs if any(x in done for x in r)]
    longest = max((len([x for x in r if x in done]) for r in streaks), default=0)
    anchor = today if (today in done or today in rest) else today - timedelta(days=1)
    for r in streaks:
        if anchor in r:
            return len([x for x in r if x in done]), longest
    return 0, longest


# -- the app against the text ------------------------------------------------------------------

SPAN = 70  # ten weeks of random history


@settings(max_examples=400, deadline=None)
@given(
    sessions=st.sets(st.integers(0, SPAN - 1), max_size=50),
    done_marks=st.sets(st.integers(0, SPAN - 1), max_size=10),
    rest_marks=st.sets(st.integers(0, SPAN - 1), max_size=15),
    today_offset=st.integers(0, SPAN + 10),
    goal=st.integers(1, 7),
    week_starts_on=st.integers(0, 6),
)
def test_streaks_follow_the_words_of_section_4(
    sessions: set[int],
    done_marks: set[int],
    rest_marks: set[int],
    today_offset: int,
    goal: int,
    week_starts_on: int,
) -> None:
    # A day both marked done and rest keeps its done mark (one mark a day, as the store has).
    marks = {day(n): MarkKind.REST for n in rest_marks}
    marks.update({day(n): MarkKind.DONE for n in done_marks})
    facts = [counted_session(day(n)) for n in sessions]
    now = datetime.combine(day(today_offset), datetime.min.time(), UTC) + timedelta(hours=12)
    rules = HistorySettings(week_starts_on=week_starts_on, weekly_goal=goal)

    stats = history_stats(facts, marks, rules, now)

    done = {day(n) for n in sessions} | {d for d, k in marks.items() if k is MarkKind.DONE}
    rest = {d for d, k in marks.items() if k is MarkKind.REST}
    expected = text_streaks(done, rest, day(today_offset), goal, week_starts_on)
    assert (stats.current_streak, stats.longest_streak) == expected
    assert stats.streak_unit == ("days" if goal == 7 else "weeks")
    assert stats.to_json_dict()["streak_unit"] == stats.streak_unit
    # A current streak always has a last day that keeps it, and none has no such day.
    assert (stats.days_until_break is None) == (stats.current_streak == 0)
    assert stats.current_streak <= stats.longest_streak


# -- worked examples (the issue's) -------------------------------------------------------------

GOAL_3 = HistorySettings(weekly_goal=3)
MON_WED_FRI = {0, 2, 4}


def five_weeks_of(weekdays: set[int], skip: dict[int, set[int]] | None = None) -> set[date]:
    """Weekday offsets (0 = Monday) in each of five weeks; `skip` keeps some out of a week."""
    skip = skip or {}
    return {
        day(7 * week + weekday)
        for week in range(5)
        for weekday in weekdays
        if weekday not in skip.get(week, set())
    }


def test_three_a_week_for_five_weeks_is_a_five_week_streak() -> None:
    done = five_weeks_of(MON_WED_FRI)
    sunday = day(34)
    figures = streak_figures(done, set(), sunday, GOAL_3)
    assert (figures.unit, figures.current, figures.longest) == (StreakUnit.WEEKS, 5, 5)
    # The next Monday nothing is done yet and the whole week is left: the streak carries.
    assert streak_figures(done, set(), day(35), GOAL_3).current == 5
    # The same history with a daily goal: every missed day breaks it, and Saturday did.
    daily = streak_figures(done, set(), sunday, HistorySettings())
    assert (daily.unit, daily.current, daily.longest) == (StreakUnit.DAYS, 0, 1)


def test_a_week_with_two_ends_the_streak_there() -> None:
    done = five_weeks_of(MON_WED_FRI, skip={2: {4}})  # the third week has Mon and Wed only
    figures = streak_figures(done, set(), day(34), GOAL_3)
    assert (figures.current, figures.longest) == (2, 2)
    assert [run.length for run in week_streaks(done, set(), GOAL_3)] == [2, 2]


def test_the_current_week_with_one_done_and_five_days_left_carries_the_streak() -> None:
    done = {day(7 * week + weekday) for week in range(4) for weekday in MON_WED_FRI}
    done.add(day(28))  # Monday of the fifth week
    wednesday = day(30)  # Wed to Sun: five days left, two more needed
    figures = streak_figures(done, set(), wednesday, GOAL_3)
    assert (figures.current, figures.longest) == (4, 4)
    # Two more are needed in five days: the last day to start them is Saturday.
    assert figures.days_until_break == 3
    assert stake_words(figures.current, figures.unit, week_met=False) == "4-week streak at stake"
    # Saturday with still only Monday done: two days left, two needed, still carried; on
    # Sunday the week can no longer be met and the streak is gone.
    assert streak_figures(done, set(), day(33), GOAL_3).days_until_break == 0
    assert streak_figures(done, set(), day(34), GOAL_3).current == 0


def test_a_met_week_counts_at_once_and_is_not_at_stake() -> None:
    done = five_weeks_of(MON_WED_FRI) | {day(35), day(36), day(37)}  # sixth week met by Wed
    figures = streak_figures(done, set(), day(37), GOAL_3)
    assert figures.current == 6
    assert stake_words(figures.current, figures.unit, week_met=True) is None


def test_a_day_done_today_is_not_a_day_left_twice() -> None:
    # Three weeks met, then Saturday and Sunday done: on Sunday the week holds two of three
    # and no day remains that could add the third, though today is one of the days left.
    met = {day(7 * week + weekday) for week in range(3) for weekday in MON_WED_FRI}
    assert streak_figures(met | {day(26), day(27)}, set(), day(27), GOAL_3).current == 0
    # Friday and Saturday done, on Saturday: Sunday can still bring the third.
    assert streak_figures(met | {day(25), day(26)}, set(), day(26), GOAL_3).current == 3


def test_rest_days_lower_a_week_s_target() -> None:
    # Weekly goal 5; the second week has four rest days, so its target is three.
    goal_5 = HistorySettings(weekly_goal=5)
    done = {day(n) for n in range(5)} | {day(7), day(8), day(9)}
    rest = {day(n) for n in range(10, 14)}
    assert streak_figures(done, rest, day(13), goal_5).current == 2


def test_changing_the_goal_recomputes_the_streak_and_its_unit() -> None:
    facts = [counted_session(d) for d in five_weeks_of(MON_WED_FRI)]
    now = datetime(2024, 2, 4, 12, tzinfo=UTC)  # the fifth Sunday
    daily = history_stats(facts, {}, HistorySettings(), now)
    weekly = history_stats(facts, {}, GOAL_3, now)
    assert (daily.current_streak, daily.longest_streak, daily.streak_unit) == (0, 1, "days")
    assert (weekly.current_streak, weekly.longest_streak, weekly.streak_unit) == (5, 5, "weeks")


def test_words_say_the_unit() -> None:
    assert streak_unit(7) is StreakUnit.DAYS and streak_unit(6) is StreakUnit.WEEKS
    assert streak_label(5, "weeks") == "5-week streak"
    assert streak_label(1, StreakUnit.DAYS) == "1-day streak"
    assert stake_words(12, "days", week_met=True) == "12-day streak at stake"
    assert stake_words(0, "days", week_met=False) is None
