"""Reminder rules (rules.md §9): the stored settings, when one is due, when it fires next."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from tui.domain.history import today
from tui.domain.settings import WEEKDAY_NAMES
from tui.i18n import SOURCE_LANGUAGE, _, language

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
# English: what the schedulers' files say (systemd's day names), and the words in English.
_SHORT_DAYS = tuple(name[:3] for name in WEEKDAY_NAMES)


def _short_day(weekday: int) -> str:
    """'Mon' (0) to 'Sun' (6) as a person reads it, in the language in use."""
    if language() == SOURCE_LANGUAGE:
        return _SHORT_DAYS[weekday]  # English needs no Babel
    from tui.i18n.formats import day_name

    return day_name(weekday, "abbreviated")


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
        # Translators: {text} is what was typed, in quotes; HH:MM stays as it is.
        words = _("{text} is not a time: write it as HH:MM, e.g. 18:00")
        raise ReminderError(words.format(text=repr(text.strip())))
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        # Translators: {text} is what was typed, in quotes.
        words = _("{text} is not a time of day (00:00 to 23:59)")
        raise ReminderError(words.format(text=repr(text.strip())))
    return time(hour, minute)


def parse_times(text: str) -> tuple[time, ...]:
    """Times typed as "18:00, 20:30" (commas or spaces between): sorted, each once."""
    pieces = [piece for piece in re.split(r"[,\s]+", text.strip()) if piece]
    if not pieces:
        raise ReminderError(_("give at least one time, e.g. 18:00"))
    return _checked_times(parse_time(piece) for piece in pieces)


def _checked_times(times: Iterable[time]) -> tuple[time, ...]:
    result = tuple(sorted(set(times)))
    if len(result) > MAX_TIMES:
        raise ReminderError(_("at most {count} times a day").format(count=MAX_TIMES))
    return result


def checked_days(days: Iterable[int]) -> frozenset[int]:
    """Weekdays (0 is Monday): at least one, each a whole number 0 to 6."""
    result = frozenset(days)
    if not result:
        raise ReminderError(_("choose at least one day"))
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in result):
        # Translators: about the numbers a settings file holds for the reminder's days.
        raise ReminderError(_("days are whole numbers from 0 (Monday) to 6 (Sunday)"))
    return result


def _day_number(word: str) -> int | None:
    """0 for "mon" or "monday" (any case, English or the language in use), else None."""
    if len(word) < 3:
        return None
    for number, name in enumerate(WEEKDAY_NAMES):
        if name.lower().startswith(word):
            return number
    if language() != SOURCE_LANGUAGE:
        from tui.i18n.formats import day_name

        for number in range(7):
            if day_name(number).lower().startswith(word):
                return number
    return None


def parse_days(text: str) -> frozenset[int]:
    """Weekdays typed as "mon-fri", "sat,sun", "Mon Wed Fri" or "every day"."""
    words = text.strip().lower()
    # What describe_days shows for every day is understood in the language in use too.
    if words in ("every day", "everyday", "daily", "all") or words == _("every day").lower():
        return EVERY_DAY
    days: set[int] = set()
    for piece in (p for p in re.split(r"[,\s]+", words) if p):
        ends = [_day_number(end) for end in piece.split("-")]
        if len(ends) > 2 or None in ends:
            # Translators: {text} is what was typed, in quotes; the examples may be written
            # with the language's own day names (they are understood), or kept in English.
            words = _("{text} is not a weekday: write days as mon-fri, sat,sun or every day")
            raise ReminderError(words.format(text=repr(piece)))
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
        # Translators: {key} is a stored setting's name, {value} what it holds: not translated.
        words = _("the setting {key} is {value}, not true or false")
        raise ReminderError(words.format(key=repr(REMINDER), value=repr(enabled)))
    times: tuple[time, ...] = (DEFAULT_TIME,)
    if REMINDER_TIMES in settings:
        stored = settings[REMINDER_TIMES]
        if not isinstance(stored, list) or not all(isinstance(t, str) for t in stored):
            # Translators: {key} is a stored setting's name, not translated.
            words = _("the setting {key} is not a list of HH:MM times")
            raise ReminderError(words.format(key=repr(REMINDER_TIMES)))
        times = _checked_times(parse_time(t) for t in stored) if stored else (DEFAULT_TIME,)
    days = EVERY_DAY
    if REMINDER_DAYS in settings:
        stored = settings[REMINDER_DAYS]
        if not isinstance(stored, list):
            # Translators: {key} is a stored setting's name, not translated.
            words = _("the setting {key} is not a list of weekdays")
            raise ReminderError(words.format(key=repr(REMINDER_DAYS)))
        days = checked_days(stored)
    return ReminderPlan(enabled, times, days)


def describe_times(times: Iterable[time]) -> str:
    return ", ".join(f"{t:%H:%M}" for t in times)


def describe_days(days: frozenset[int]) -> str:
    """How the days read in the settings: every day, Mon–Fri, Sat, Sun or Mon, Wed, Fri, in
    the language in use."""
    if days == EVERY_DAY:
        # Translators: the reminder's days, all seven; typed into the days field, it is
        # understood too.
        return _("every day")
    return _day_list(days, _short_day)


def english_days(days: frozenset[int]) -> str:
    """describe_days in English whatever the language: for the schedulers' files, whose text
    is compared to tell an install current from one for other times."""
    return "every day" if days == EVERY_DAY else _day_list(days, _SHORT_DAYS.__getitem__)


def _day_list(days: frozenset[int], name: Callable[[int], str]) -> str:
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{name(ordered[0])}–{name(ordered[-1])}"
    return ", ".join(name(d) for d in ordered)


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
    at = f"{moment:%H:%M}"
    if ahead == 0:
        # Translators: when the next reminder fires; {time} is HH:MM.
        return _("today {time}").format(time=at)
    if ahead == 1:
        # Translators: when the next reminder fires; {time} is HH:MM.
        return _("tomorrow {time}").format(time=at)
    # Translators: when the next reminder fires; {day} is a short weekday, {time} is HH:MM.
    return _("{day} {time}").format(day=_short_day(moment.weekday()), time=at)


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
        # Translators: why no reminder is needed today.
        return _("today's flow is done")
    if state.rest:
        # Translators: why no reminder is needed today.
        return _("today is a rest day")
    if state.weekly_goal < 7 and state.week_done_days >= state.week_target_days:
        # Translators: why no reminder is needed today.
        return _("this week's target is met")
    if state.flow_running:
        # Translators: why no reminder is needed now.
        return _("a flow is running now")
    return None


# The notification's title: the app's name, never translated.
TITLE = "Supple"


def reminder_words(seconds: float, stake: str | None = None, week: str | None = None) -> str:
    """The notification's text: `supple nudge`'s words, asking instead of stating. `stake` is
    the streak today can keep ("5-week streak at stake"), `week` "1 of 3 this week"."""
    minutes = max(1, round(seconds / 60))
    # Translators: a reminder notification's first words; {minutes} is how long the flow
    # takes, "min" the abbreviation of minutes.
    ask = _("Time to stretch — {minutes} min").format(minutes=minutes)
    return " · ".join(part for part in (ask, week, stake) if part)


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
