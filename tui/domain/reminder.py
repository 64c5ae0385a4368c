"""Reminder rules (rules.md §9): the stored settings, when one is due, when it fires next."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from tui.domain.history import today
from tui.domain.settings import WEEKDAY_NAMES

# Keys in the stored settings document (so the export carries them like every other setting).
REMINDER = "reminder"  # bool: on or off
REMINDER_TIMES = "reminder_times"  # ["HH:MM", ...]
REMINDER_DAYS = "reminder_days"  # [0..6], 0 is Monday

DEFAULT_TIME = time(18, 0)
EVERY_DAY = frozenset(range(7))
# At most this many times a day: a reminder every few minutes is not a reminder any more.
MAX_TIMES = 6
# A timer may fire a moment early (launchd rounds, clocks drift): a time this close counts.
EARLY_GRACE = timedelta(seconds=60)

_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_SHORT_DAYS = tuple(name[:3] for name in WEEKDAY_NAMES)


class ReminderError(ValueError):
    """A reminder setting that is not valid; the message is one line a person can act on."""


@dataclass(frozen=True)
class ReminderPlan:
    """What the person chose: on or off, the times (sorted, distinct) and the weekdays."""

    enabled: bool = False
    times: tuple[time, ...] = (DEFAULT_TIME,)
    days: frozenset[int] = EVERY_DAY

    def to_settings(self) -> dict[str, Any]:
        """The plan as the settings document stores it."""
        return {
            REMINDER: self.enabled,
            REMINDER_TIMES: [f"{t:%H:%M}" for t in self.times],
            REMINDER_DAYS: sorted(self.days),
        }


def parse_time(text: str) -> time:
    """`text` ("18:00", "7:30") as a time of day, or a ReminderError saying what is wrong."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ReminderError(f"{text.strip()!r} is not a time: write it as HH:MM, e.g. 18:00")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ReminderError(f"{text.strip()!r} is not a time of day (00:00 to 23:59)")
    return time(hour, minute)


def parse_times(text: str) -> tuple[time, ...]:
    """Times typed as "18:00, 20:30" (commas or spaces between): sorted, each once."""
    pieces = [piece for piece in re.split(r"[,\s]+", text.strip()) if piece]
    if not pieces:
        raise ReminderError("give at least one time, e.g. 18:00")
    return _checked_times(parse_time(piece) for piece in pieces)


def _checked_times(times: Iterable[time]) -> tuple[time, ...]:
    result = tuple(sorted(set(times)))
    if len(result) > MAX_TIMES:
        raise ReminderError(f"at most {MAX_TIMES} times a day")
    return result


def checked_days(days: Iterable[int]) -> frozenset[int]:
    """Weekdays (0 is Monday): at least one, each a whole number 0 to 6."""
    result = frozenset(days)
    if not result:
        raise ReminderError("choose at least one day")
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in result):
        raise ReminderError("days are whole numbers from 0 (Monday) to 6 (Sunday)")
    return result


def _day_number(word: str) -> int | None:
    """0 for "mon" or "monday" (any case), None for anything else."""
    if len(word) < 3:
        return None
    for number, name in enumerate(WEEKDAY_NAMES):
        if name.lower().startswith(word):
            return number
    return None


def parse_days(text: str) -> frozenset[int]:
    """Weekdays typed as "mon-fri", "sat,sun", "Mon Wed Fri" or "every day"."""
    words = text.strip().lower()
    if words in ("every day", "everyday", "daily", "all"):
        return EVERY_DAY
    days: set[int] = set()
    for piece in (p for p in re.split(r"[,\s]+", words) if p):
        ends = [_day_number(end) for end in piece.split("-")]
        if len(ends) > 2 or None in ends:
            raise ReminderError(
                f"{piece!r} is not a weekday: write days as mon-fri, sat,sun or every day"
            )
        first, last = ends[0] or 0, ends[-1] or 0
        # A range may wrap past Sunday: fri-mon is Friday to Monday.
        span = (last - first) % 7
        days.update((first + n) % 7 for n in range(span + 1))
    return checked_days(days)


def plan_from_settings(settings: Mapping[str, Any]) -> ReminderPlan:
    """The plan in a stored settings document; ReminderError when one of its values is damaged
    (a time "25:99" typed into the file by hand), so it is named and never silently replaced."""
    enabled = settings.get(REMINDER, False)
    if not isinstance(enabled, bool):
        raise ReminderError(f"the setting {REMINDER!r} is {enabled!r}, not true or false")
    times: tuple[time, ...] = (DEFAULT_TIME,)
    if REMINDER_TIMES in settings:
        stored = settings[REMINDER_TIMES]
        if not isinstance(stored, list) or not all(isinstance(t, str) for t in stored):
            raise ReminderError(f"the setting {REMINDER_TIMES!r} is not a list of HH:MM times")
        times = _checked_times(parse_time(t) for t in stored) if stored else (DEFAULT_TIME,)
    days = EVERY_DAY
    if REMINDER_DAYS in settings:
        stored = settings[REMINDER_DAYS]
        if not isinstance(stored, list):
            raise ReminderError(f"the setting {REMINDER_DAYS!r} is not a list of weekdays")
        days = checked_days(stored)
    return ReminderPlan(enabled, times, days)


def describe_times(times: Iterable[time]) -> str:
    return ", ".join(f"{t:%H:%M}" for t in times)


def describe_days(days: frozenset[int]) -> str:
    """How the days read in the settings: every day, Mon–Fri, Sat, Sun or Mon, Wed, Fri."""
    if days == EVERY_DAY:
        return "every day"
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{_SHORT_DAYS[ordered[0]]}–{_SHORT_DAYS[ordered[-1]]}"
    return ", ".join(_SHORT_DAYS[d] for d in ordered)


def _at(day: Any, when: time, now: datetime) -> datetime:
    return datetime.combine(day, when, tzinfo=now.tzinfo)


def due_time(plan: ReminderPlan, now: datetime, day_starts_at: int = 0) -> datetime | None:
    """The latest reminder time at or before `now` that belongs to today (by the day-start
    hour), or None. So a time missed while the computer slept still fires on waking that day,
    and never once the day it was for is over (rules.md §9)."""
    if not plan.enabled:
        return None
    this_day = today(now, day_starts_at)
    latest: datetime | None = None
    # With a day start after midnight, yesterday's late times can still belong to today.
    for calendar_day in (now.date() - timedelta(days=1), now.date()):
        if calendar_day.weekday() not in plan.days:
            continue
        for when in plan.times:
            moment = _at(calendar_day, when, now)
            if moment - EARLY_GRACE <= now and today(moment, day_starts_at) == this_day:
                latest = moment if latest is None else max(latest, moment)
    return latest


def next_fire(plan: ReminderPlan, now: datetime) -> datetime | None:
    """The first reminder time after `now`, or None when reminders are off."""
    if not plan.enabled:
        return None
    for ahead in range(8):
        calendar_day = now.date() + timedelta(days=ahead)
        if calendar_day.weekday() not in plan.days:
            continue
        for when in plan.times:
            moment = _at(calendar_day, when, now)
            if moment > now:
                return moment
    return None


def describe_moment(moment: datetime, now: datetime) -> str:
    """When a moment is, near now: today 18:00, tomorrow 07:30, Mon 18:00."""
    ahead = (moment.date() - now.date()).days
    day = {0: "today", 1: "tomorrow"}.get(ahead, _SHORT_DAYS[moment.weekday()])
    return f"{day} {moment:%H:%M}"


@dataclass(frozen=True)
class Today:
    """What the reminder needs to know about today."""

    done: bool
    rest: bool
    weekly_goal: int
    week_done_days: int
    week_target_days: int
    flow_running: bool


def why_quiet(state: Today) -> str | None:
    """Why no reminder is needed today, or None when one is (rules.md §9)."""
    if state.done:
        return "today's flow is done"
    if state.rest:
        return "today is a rest day"
    if state.weekly_goal < 7 and state.week_done_days >= state.week_target_days:
        return "this week's target is met"
    if state.flow_running:
        return "a flow is running now"
    return None


TITLE = "Supple"


def reminder_words(seconds: float, stake: str | None = None, week: str | None = None) -> str:
    """The notification's text: `supple nudge`'s words, asking instead of stating. `stake` is
    the streak today can keep ("5-week streak at stake"), `week` "1 of 3 this week"."""
    minutes = max(1, round(seconds / 60))
    return " · ".join(part for part in (f"Time to stretch — {minutes} min", week, stake) if part)


# -- what the schedulers are given (the install module writes them into their files) ----------

# systemd's and cron's day names; launchd numbers the days from Sunday (0) as cron does.
_CRON_DAY = {monday_based: (monday_based + 1) % 7 for monday_based in range(7)}


def systemd_calendars(plan: ReminderPlan) -> list[str]:
    """One `OnCalendar=` value per time: "Mon,Wed *-*-* 18:00:00" (no days: every day)."""
    days = "" if plan.days == EVERY_DAY else ",".join(_SHORT_DAYS[d] for d in sorted(plan.days))
    prefix = f"{days} " if days else ""
    return [f"{prefix}*-*-* {t:%H:%M}:00" for t in plan.times]


def cron_schedules(plan: ReminderPlan) -> list[str]:
    """One crontab schedule per time: "0 18 * * 1,3" (minute, hour, day, month, weekday)."""
    days = "*" if plan.days == EVERY_DAY else ",".join(str(_CRON_DAY[d]) for d in sorted(plan.days))
    return [f"{t.minute} {t.hour} * * {days}" for t in plan.times]


def launchd_intervals(plan: ReminderPlan) -> list[dict[str, int]]:
    """launchd's StartCalendarInterval entries: one per time and weekday (Weekday 0 is Sunday)."""
    if plan.days == EVERY_DAY:
        return [{"Hour": t.hour, "Minute": t.minute} for t in plan.times]
    return [
        {"Hour": t.hour, "Minute": t.minute, "Weekday": _CRON_DAY[d]}
        for d in sorted(plan.days)
        for t in plan.times
    ]
