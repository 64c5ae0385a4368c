"""Reminder rules with fixed datetimes: settings read and checked, when one is due, the next."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest

from tui.commands.nudge import nudge_line
from tui.domain.reminder import (
    EVERY_DAY,
    ReminderError,
    ReminderPlan,
    Today,
    cron_schedules,
    describe_days,
    describe_moment,
    due_time,
    launchd_intervals,
    next_fire,
    parse_days,
    parse_time,
    parse_times,
    plan_from_settings,
    reminder_words,
    systemd_calendars,
    why_quiet,
)

ZONE = timezone(timedelta(hours=1))
# Thursday 26 November 2026.
THURSDAY = datetime(2026, 11, 26, 9, 0, tzinfo=ZONE)
WEEKDAYS = frozenset(range(5))


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    return (THURSDAY + timedelta(days=day_offset)).replace(hour=hour, minute=minute)


def plan(*times: str, days: frozenset[int] = EVERY_DAY, enabled: bool = True) -> ReminderPlan:
    return ReminderPlan(enabled, tuple(parse_time(t) for t in times), days)


def test_times_are_read_sorted_and_once() -> None:
    assert parse_time("7:05") == time(7, 5)
    assert parse_times(" 20:30, 07:30 18:00,07:30 ") == (time(7, 30), time(18), time(20, 30))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("25:99", "'25:99' is not a time of day (00:00 to 23:59)"),
        ("18:60", "'18:60' is not a time of day"),
        ("6pm", "'6pm' is not a time: write it as HH:MM, e.g. 18:00"),
        ("", "give at least one time"),
        ("1:00 2:00 3:00 4:00 5:00 6:00 7:00", "at most 6 times a day"),
    ],
)
def test_a_bad_time_is_named_in_one_line(text: str, words: str) -> None:
    with pytest.raises(ReminderError) as caught:
        parse_times(text)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_days_are_read_as_a_person_writes_them() -> None:
    assert parse_days("mon-fri") == WEEKDAYS
    assert parse_days("Sat, Sunday") == frozenset({5, 6})
    assert parse_days("fri-mon") == frozenset({4, 5, 6, 0})  # wraps past Sunday
    assert parse_days("every day") == EVERY_DAY
    for bad in ("", "funday", "mo", "mon-tue-wed"):
        with pytest.raises(ReminderError):
            parse_days(bad)


def test_the_stored_plan_round_trips_and_defaults_to_18_every_day() -> None:
    assert plan_from_settings({}) == ReminderPlan(False, (time(18),), EVERY_DAY)
    chosen = plan("07:30", "18:00", days=WEEKDAYS)
    stored = chosen.to_settings()
    assert stored == {
        "reminder": True,
        "reminder_times": ["07:30", "18:00"],
        "reminder_days": [0, 1, 2, 3, 4],
    }
    assert plan_from_settings(stored) == chosen


@pytest.mark.parametrize(
    "settings",
    [
        {"reminder": "yes"},
        {"reminder": True, "reminder_times": ["25:99"]},
        {"reminder": True, "reminder_times": "18:00"},
        {"reminder": True, "reminder_days": [7]},
        {"reminder": True, "reminder_days": []},
        {"reminder": True, "reminder_days": [True]},
    ],
)
def test_damaged_stored_settings_are_an_error_not_a_silent_default(settings: dict) -> None:
    with pytest.raises(ReminderError):
        plan_from_settings(settings)


def test_a_reminder_is_due_from_its_time_until_the_day_is_over() -> None:
    evening = plan("18:00")
    assert due_time(evening, at(0, 17, 58)) is None
    assert due_time(
        evening,
        at(
            0,
            17,
            59,
        ),
    ) == at(0, 18)  # a timer a moment early counts
    assert due_time(evening, at(0, 18)) == at(0, 18)
    assert due_time(evening, at(0, 23, 59)) == at(0, 18)
    # Missed while asleep: the next morning is another day, and its time has not come.
    assert due_time(evening, at(1, 9)) is None
    assert due_time(plan("07:30", "18:00"), at(0, 19)) == at(0, 18)
    assert due_time(plan("18:00", enabled=False), at(0, 19)) is None


def test_only_on_the_chosen_weekdays() -> None:
    weekdays = plan("18:00", days=WEEKDAYS)
    assert due_time(weekdays, at(1, 19)) == at(1, 18)  # Friday
    assert due_time(weekdays, at(2, 19)) is None  # Saturday


def test_with_a_late_day_start_a_time_after_midnight_still_belongs_to_the_day() -> None:
    late = plan("23:30")
    # Day starts at 04:00: at 01:00 on Friday it is still Thursday's day.
    assert due_time(late, at(1, 1), day_starts_at=4) == at(0, 23, 30)
    assert due_time(late, at(1, 1), day_starts_at=0) is None
    assert due_time(late, at(1, 5), day_starts_at=4) is None


def test_the_next_time_it_fires() -> None:
    weekdays = plan("07:30", "18:00", days=WEEKDAYS)
    assert next_fire(weekdays, at(0, 9)) == at(0, 18)
    assert next_fire(weekdays, at(0, 18)) == at(1, 7, 30)
    assert next_fire(weekdays, at(1, 19)) == at(4, 7, 30)  # Friday evening → Monday
    assert next_fire(plan("18:00", enabled=False), at(0, 9)) is None
    assert describe_moment(at(0, 18), at(0, 9)) == "today 18:00"
    assert describe_moment(at(1, 7, 30), at(0, 9)) == "tomorrow 07:30"
    assert describe_moment(at(4, 7, 30), at(0, 9)) == "Mon 07:30"


def test_days_read_short() -> None:
    assert describe_days(EVERY_DAY) == "every day"
    assert describe_days(WEEKDAYS) == "Mon–Fri"
    assert describe_days(frozenset({5, 6})) == "Sat, Sun"
    assert describe_days(frozenset({0, 2, 4})) == "Mon, Wed, Fri"


def state(**changes: object) -> Today:
    values: dict = dict(
        done=False,
        rest=False,
        weekly_goal=7,
        week_done_days=3,
        week_target_days=7,
        flow_running=False,
    )
    values.update(changes)
    return Today(**values)


def test_quiet_when_done_rest_the_week_met_or_a_flow_running() -> None:
    assert why_quiet(state()) is None
    assert why_quiet(state(done=True)) == "today's flow is done"
    assert why_quiet(state(rest=True)) == "today is a rest day"
    assert why_quiet(state(weekly_goal=3, week_target_days=3)) == "this week's target is met"
    assert why_quiet(state(weekly_goal=4, week_target_days=4)) is None
    # With a daily goal, every day counts however the week has gone.
    assert why_quiet(state(week_done_days=7)) is None
    assert why_quiet(state(flow_running=True)) == "a flow is running now"


def test_the_words_are_nudge_s() -> None:
    words = reminder_words(312, "12-day streak at stake")
    assert words == "Time to stretch — 5 min · 12-day streak at stake"
    line = nudge_line(False, False, 312, "12-day streak at stake")
    assert line is not None and words.split(" — ")[1] == line.split(" — ")[1]
    assert reminder_words(312) == "Time to stretch — 5 min"
    weekly = ("5-week streak at stake", "1 of 3 this week")
    assert (
        reminder_words(312, *weekly)
        == "Time to stretch — 5 min · 1 of 3 this week · 5-week streak at stake"
    )
    assert nudge_line(False, False, 312, *weekly) == (
        "No stretch yet today — 5 min · 1 of 3 this week · 5-week streak at stake"
    )


def test_what_the_schedulers_are_given() -> None:
    weekdays = plan("07:30", "18:00", days=WEEKDAYS)
    assert systemd_calendars(weekdays) == [
        "Mon,Tue,Wed,Thu,Fri *-*-* 07:30:00",
        "Mon,Tue,Wed,Thu,Fri *-*-* 18:00:00",
    ]
    assert systemd_calendars(plan("18:00")) == ["*-*-* 18:00:00"]
    assert cron_schedules(plan("07:05", days=frozenset({0, 6}))) == ["5 7 * * 1,0"]
    assert cron_schedules(plan("18:00")) == ["0 18 * * *"]
    assert launchd_intervals(plan("18:00")) == [{"Hour": 18, "Minute": 0}]
    assert launchd_intervals(plan("18:00", days=frozenset({6}))) == [
        {"Hour": 18, "Minute": 0, "Weekday": 0}
    ]
