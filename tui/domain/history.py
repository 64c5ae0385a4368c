"""The rules of history (rules.md §4): sessions as facts, the day each counts for, done and
rest days. Streaks are day_runs.py's and streaks.py's, weeks weeks.py's, the sums stats.py's."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple, Protocol, TypeGuard

from tui.domain.strength import Strength
from tui.domain.time_held import seconds_held
from tui.i18n import _, ngettext

_ONE_DAY = timedelta(days=1)


class MarkKind(StrEnum):
    """What a person can mark a calendar day as by hand."""

    DONE = "done"
    REST = "rest"


class DayStatus(StrEnum):
    """How the calendar shows one day.

    DONE, REST and PRACTICE follow the day sets and win over the date; otherwise a day after
    today is FUTURE, today is PENDING (the day is not over, so it is not missed yet), a day
    before the first day of the history is EMPTY (nothing was missed before Supple was used),
    and any other past day is MISSED.
    """

    DONE = "done"
    REST = "rest"
    PRACTICE = "practice"
    MISSED = "missed"
    PENDING = "pending"
    FUTURE = "future"
    EMPTY = "empty"


# Each checks thousands of values when a long history is read: the exact types JSON gives
# are tried first, before the general test (which they would pass).
def _is_int(value: object) -> TypeGuard[int]:
    return type(value) is int or (isinstance(value, int) and not isinstance(value, bool))


def _is_number(value: object) -> TypeGuard[int | float]:
    kind = type(value)
    if kind is int:
        return True
    if kind is float:
        return math.isfinite(value)  # type: ignore[arg-type]
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_hour(day_starts_at: int) -> None:
    if not _is_int(day_starts_at) or not 0 <= day_starts_at <= 23:
        # Translators: day_starts_at is a setting's key in the file, kept in English; {value}
        # is what it holds.
        words = _("day_starts_at must be an hour from 0 to 23, not {value}")
        raise ValueError(words.format(value=repr(day_starts_at)))


def _check_weekday(week_starts_on: int) -> None:
    if not _is_int(week_starts_on) or not 0 <= week_starts_on <= 6:
        # Translators: week_starts_on is a setting's key in the file, kept in English; {value}
        # is what it holds.
        words = _("week_starts_on must be 0 (Monday) to 6 (Sunday), not {value}")
        raise ValueError(words.format(value=repr(week_starts_on)))


def _check_goal(weekly_goal: int) -> None:
    if not _is_int(weekly_goal) or not 1 <= weekly_goal <= 7:
        # Translators: weekly_goal is a setting's key in the file, kept in English; {value}
        # is what it holds.
        words = _("weekly_goal must be from 1 to 7 days, not {value}")
        raise ValueError(words.format(value=repr(weekly_goal)))


@dataclass(frozen=True)
class HistorySettings:
    """The settings the rules of history depend on."""

    day_starts_at: int = 0
    week_starts_on: int = 0
    weekly_goal: int = 7

    def __post_init__(self) -> None:
        _check_hour(self.day_starts_at)
        _check_weekday(self.week_starts_on)
        _check_goal(self.weekly_goal)


# The years the rules can count: a day shifted by `day_starts_at`, a week's start and its
# end all stay inside what `datetime` holds, and a streak walk stays short. Year 1 with
# day_starts_at 4 would overflow; a session "from" year 2 would cost seconds per read.
FIRST_YEAR = 1900
LAST_YEAR = 9998


def countable_day(day: date) -> date:
    """`day` itself, or ValueError when it is outside the years the rules can count."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        # Translators: {day} is a date as the file writes it (2024-05-01).
        words = _("{day} is outside the years {first} to {last}")
        raise ValueError(words.format(day=day.isoformat(), first=FIRST_YEAR, last=LAST_YEAR))
    return day


def _parse_instant(doc: Mapping[str, Any], key: str) -> datetime:
    raw = doc[key]
    if not isinstance(raw, str):
        # Translators: {key} is a field of the file, kept in English; {value} what it holds.
        words = _("session {key} must be an ISO 8601 string, not {value}")
        raise ValueError(words.format(key=key, value=repr(raw)))
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        # Translators: {key} is a field of the file, kept in English; {value} what it holds.
        words = _("session {key} is not an ISO 8601 date and time: {value}")
        raise ValueError(words.format(key=key, value=repr(raw))) from None
    if value.utcoffset() is None:
        # Translators: {key} is a field of the file, kept in English; {value} what it holds.
        words = _("session {key} has no UTC offset: {value}")
        raise ValueError(words.format(key=key, value=repr(raw)))
    if not FIRST_YEAR <= value.year <= LAST_YEAR:  # countable_day's check, said whole
        # Translators: {key} is a field of the file, kept in English; {day} a date as the
        # file writes it (2024-05-01).
        words = _("session {key} {day} is outside the years {first} to {last}")
        day = value.date().isoformat()
        raise ValueError(words.format(key=key, day=day, first=FIRST_YEAR, last=LAST_YEAR))
    return value


class StepLike(Protocol):
    """A played step with its amount done and planned, as the player keeps it."""

    @property
    def done(self) -> float: ...

    @property
    def planned(self) -> float: ...


def is_held(step: Mapping[str, Any] | StepLike) -> bool:
    """A held step (§4): its `done` is at least half of its `planned`.

    Exactly half is held. A step whose numbers cannot be read is not held.
    """
    if isinstance(step, Mapping):
        done, planned = step.get("done"), step.get("planned")
    else:
        done, planned = step.done, step.planned
    if not _is_number(done) or not _is_number(planned):
        return False
    # Doubling instead of halving keeps the boundary exact for whole and tenth numbers.
    return 2 * done >= planned


def counted(completed: bool, speed: float, held: int, steps: int) -> bool:
    """A counted session (§4): completed, at speed 1, at least one step, at least half held."""
    return completed and speed == 1 and steps > 0 and 2 * held >= steps


def why_not_counted(completed: bool, speed: float, held: int, steps: int) -> str | None:
    """Why a session is not counted, in a few words; None when it is counted.

    The first reason wins, in the order a person would fix them: finish, run at speed 1,
    hold at least half of the steps.
    """
    if not completed:
        # Translators: why a session does not count: the person left the flow before its end.
        return _("left before the end")
    if speed != 1:
        # Translators: why a session does not count: it ran at another speed; {speed} is a
        # number such as 2 or 0.5, "×" the times sign.
        return _("practice at {speed}× speed").format(speed=f"{speed:g}")
    if steps == 0:
        # Translators: why a session does not count: it was left before any stretch began.
        return _("no step played")
    if 2 * held < steps:
        # Translators: why a session does not count: fewer than half of its steps were held.
        return ngettext(
            "held {held} of {steps} step", "held {held} of {steps} steps", steps
        ).format(held=held, steps=steps)
    return None


@dataclass(frozen=True)
class SessionFacts:
    """The few facts about one recorded session that the rules of history read."""

    started_at: datetime
    ended_at: datetime | None
    completed: bool
    speed: float
    active_seconds: float
    steps: int = 0
    held_steps: int = 0

    def __post_init__(self) -> None:
        if self.started_at.utcoffset() is None:
            raise ValueError("session started_at must carry its UTC offset")
        if self.ended_at is not None and self.ended_at.utcoffset() is None:
            raise ValueError("session ended_at must carry its UTC offset")
        if not _is_number(self.speed) or self.speed <= 0:
            raise ValueError(f"session speed must be a positive number, not {self.speed!r}")
        if not _is_number(self.active_seconds) or self.active_seconds < 0:
            raise ValueError(
                f"session active_seconds must be zero or more, not {self.active_seconds!r}"
            )
        if not _is_int(self.steps) or not 0 <= self.held_steps <= self.steps:
            raise ValueError(
                f"session held_steps ({self.held_steps!r}) must be from 0 to steps ({self.steps!r})"
            )

    @property
    def practice(self) -> bool:
        """Run at a speed other than 1: listed in history, never counted (§4)."""
        return self.speed != 1

    @property
    def counts(self) -> bool:
        """A counted session (§4): it makes its day a done day."""
        return counted(self.completed, self.speed, self.held_steps, self.steps)

    @property
    def why_not_counted(self) -> str | None:
        """Why this session does not count, in a few words; None when it counts."""
        return why_not_counted(self.completed, self.speed, self.held_steps, self.steps)

    def minutes(self) -> float:
        """Wall time from start to end, or the active time while the session has no end."""
        if self.ended_at is None:
            return self.active_seconds / 60
        # A wall clock set back mid-session must not subtract time from the total.
        return max(0.0, (self.ended_at - self.started_at).total_seconds() / 60)

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> SessionFacts:
        """Read a stored session of rules.md §3; ValueError names what is wrong."""
        if not isinstance(doc, Mapping):
            # Translators: {kind} is a JSON type as Python names it (list, str), kept in English.
            words = _("a session must be an object, not {kind}")
            raise ValueError(words.format(kind=type(doc).__name__))
        for key in ("started_at", "completed", "speed", "steps"):
            if key not in doc:
                # Translators: {key} is a field of the file, quoted, kept in English.
                raise ValueError(_("session has no {key}").format(key=repr(key)))
        started_at = _parse_instant(doc, "started_at")
        ended_at = None if doc.get("ended_at") is None else _parse_instant(doc, "ended_at")
        completed = doc["completed"]
        if not isinstance(completed, bool):
            # Translators: completed, true and false are written so in the file: keep them.
            words = _("session completed must be true or false, not {value}")
            raise ValueError(words.format(value=repr(completed)))
        speed = doc["speed"]
        if not _is_number(speed) or speed <= 0:
            # Translators: speed is a field of the file, kept in English.
            words = _("session speed must be a positive number, not {value}")
            raise ValueError(words.format(value=repr(speed)))
        steps = doc["steps"]
        if not isinstance(steps, list):
            # Translators: steps is a field of the file, kept in English.
            raise ValueError(_("session steps must be a list"))
        held = 0
        for index, step in enumerate(steps):
            if not isinstance(step, Mapping):
                # Translators: {number} counts a session's steps from 0.
                raise ValueError(_("session step {number} must be an object").format(number=index))
            unit, done, planned = step.get("unit"), step.get("done"), step.get("planned")
            if unit not in ("s", "reps"):
                # Translators: {number} counts a session's steps from 0; unit, 's' and 'reps'
                # are written so in the file: keep them.
                words = _("session step {number} has unit {unit}, not 's' or 'reps'")
                raise ValueError(words.format(number=index, unit=repr(unit)))
            if not _is_number(done) or done < 0:
                # Translators: {number} counts a session's steps from 0; done is a field of
                # the file, kept in English.
                words = _("session step {number} done must be zero or more, not {value}")
                raise ValueError(words.format(number=index, value=repr(done)))
            if not _is_number(planned) or planned < 0:
                # Translators: {number} counts a session's steps from 0; planned is a field of
                # the file, kept in English.
                words = _("session step {number} planned must be zero or more, not {value}")
                raise ValueError(words.format(number=index, value=repr(planned)))
            held += is_held(step)
        return cls(
            started_at=started_at,
            ended_at=ended_at,
            completed=completed,
            speed=float(speed),
            # Time held (rules.md §3): the one figure of time, its rule in time_held.py.
            active_seconds=seconds_held(steps),
            steps=len(steps),
            held_steps=held,
        )


def is_counted(session: SessionFacts | Mapping[str, Any]) -> bool:
    """A counted session (§4), from its facts or its stored document (ValueError if damaged)."""
    facts = session if isinstance(session, SessionFacts) else SessionFacts.from_document(session)
    return facts.counts


def session_day(started_at: datetime, day_starts_at: int) -> date:
    """The day a session belongs to: its local date, shifted back by `day_starts_at` hours.

    The date is read in the offset the time carries, never converted: a session at 23:50
    +01:00 belongs to that date even where UTC has already moved on.
    """
    _check_hour(day_starts_at)
    return (started_at - timedelta(hours=day_starts_at)).date()


def today(now: datetime, day_starts_at: int) -> date:
    """The day `now` belongs to, by the same rule as a session's day."""
    return session_day(now, day_starts_at)


# The plain records of this module are NamedTuples, not dataclasses: they are built on
# every start (for home's streak), and Python builds a dataclass class several times slower.
class DaySets(NamedTuple):
    """Every day of a history sorted once: done, rest and practice-only are disjoint."""

    done: frozenset[date]
    rest: frozenset[date]
    practice_only: frozenset[date]

    @property
    def first_day(self) -> date | None:
        """The first day anything happened or was marked; None for an empty history."""
        days = self.done | self.rest | self.practice_only
        return min(days) if days else None


def day_sets(
    sessions: Iterable[SessionFacts], marks: Mapping[date, MarkKind], settings: HistorySettings
) -> DaySets:
    """Done, rest and practice-only days in one pass over the sessions."""
    done: set[date] = set()
    played: set[date] = set()
    _check_hour(settings.day_starts_at)
    shift = timedelta(hours=settings.day_starts_at)
    for session in sessions:
        day = (session.started_at - shift).date()  # session_day, the hour checked once
        played.add(day)
        if session.counts:
            done.add(day)
    for day, kind in marks.items():
        if kind not in (MarkKind.DONE, MarkKind.REST):
            raise ValueError(f"mark for {day.isoformat()} is {kind!r}, not 'done' or 'rest'")
        if kind == MarkKind.DONE:
            done.add(day)
    rest = {day for day, kind in marks.items() if kind == MarkKind.REST} - done
    return DaySets(
        done=frozenset(done),
        rest=frozenset(rest),
        practice_only=frozenset(played - done - rest),
    )


def done_days(
    sessions: Iterable[SessionFacts], marks: Mapping[date, MarkKind], settings: HistorySettings
) -> set[date]:
    """Days with a counted session, or marked done by hand."""
    return set(day_sets(sessions, marks, settings).done)


def rest_days(
    sessions: Iterable[SessionFacts], marks: Mapping[date, MarkKind], settings: HistorySettings
) -> set[date]:
    """Days marked rest that are not done days."""
    return set(day_sets(sessions, marks, settings).rest)


def practice_only_days(
    sessions: Iterable[SessionFacts], marks: Mapping[date, MarkKind], settings: HistorySettings
) -> set[date]:
    """Days with sessions that are neither done nor rest days.

    Their sessions were all practice (speed other than 1), never completed, or held fewer
    than half of their steps: the calendar
    shows them apart from missed days, and they never count.
    """
    return set(day_sets(sessions, marks, settings).practice_only)


__all__ = [
    "DaySets",
    "DayStatus",
    "HistorySettings",
    "MarkKind",
    "SessionFacts",
    "StepLike",
    "counted",
    "day_sets",
    "done_days",
    "is_counted",
    "is_held",
    "practice_only_days",
    "rest_days",
    "session_day",
    "today",
    "why_not_counted",
]


class WeekSummary(NamedTuple):
    """One week against the weekly goal."""

    start: date
    done_days: int
    rest_days: int
    target_days: int
    completion: float

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "done_days": self.done_days,
            "rest_days": self.rest_days,
            "target_days": self.target_days,
            "completion": self.completion,
        }


class HistoryStats(NamedTuple):
    """Everything `supple stats` reports (rules.md §6)."""

    today: date
    done_today: bool
    current_streak: int
    longest_streak: int
    days_until_break: int | None
    week: WeekSummary
    sessions_total: int
    sessions_completed: int
    sessions_practice: int
    total_minutes: float
    sessions_counted: int = 0
    strength: Strength = Strength(0.0, 0.0, 0.0)
    # What both streaks count (tui/domain/streaks.py): "days" with a goal of 7, else "weeks".
    streak_unit: str = "days"

    def to_json_dict(self) -> dict[str, Any]:
        """The `stats --json` object, exactly."""
        return {
            "today": self.today.isoformat(),
            "done_today": self.done_today,
            "current_streak": self.current_streak,
            "longest_streak": self.longest_streak,
            "streak_unit": self.streak_unit,
            "days_until_break": self.days_until_break,
            "week": self.week.to_json_dict(),
            "sessions": {
                "total": self.sessions_total,
                "completed": self.sessions_completed,
                "practice": self.sessions_practice,
                "counted": self.sessions_counted,
            },
            "total_minutes": self.total_minutes,
            # Rounded as the text and the screens round it: never 1.0 beside "99%".
            "strength": self.strength.percent / 100,
        }


def history_stats(
    sessions: Iterable[SessionFacts],
    marks: Mapping[date, MarkKind],
    settings: HistorySettings,
    now: datetime,
) -> HistoryStats:
    """tui/domain/stats.py's `history_stats`, for the callers that still ask for it here (the
    storage's summary memo): the stats build on this module, so they cannot live in it."""
    from tui.domain.stats import history_stats as stats_of

    return stats_of(sessions, marks, settings, now)
