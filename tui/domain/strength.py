"""Habit strength (rules.md §4): a 0–1 score after Loop Habit Tracker's."""

from __future__ import annotations

import math
from collections.abc import Set as AbstractSet
from datetime import date
from typing import NamedTuple

from tui.domain.decimals import decimal_words
from tui.i18n import _, ngettext

# The days a weekly goal below 7 is judged over: a fortnight holds twice the goal.
WINDOW_DAYS = 14


def multiplier(weekly_goal: int) -> float:
    """How much of yesterday's score a day keeps: a 13-day half-life for a daily goal, longer
    for a smaller one, so a habit of three days a week fades as slowly as it grows."""
    if isinstance(weekly_goal, bool) or not isinstance(weekly_goal, int):
        raise ValueError(f"weekly_goal must be a whole number of days, not {weekly_goal!r}")
    if not 1 <= weekly_goal <= 7:
        raise ValueError(f"weekly_goal must be from 1 to 7 days, not {weekly_goal!r}")
    return float(0.5 ** (math.sqrt(weekly_goal / 7) / 13))


# A NamedTuple, not a dataclass: built on every start, where a dataclass costs more to make.
class Strength(NamedTuple):
    """The score now, before today's step, and what today's flow would make it."""

    value: float
    before_today: float
    if_done_today: float

    @property
    def change_today(self) -> float:
        """What today has moved it by so far (0 until today is done or rest)."""
        return self.value - self.before_today

    @property
    def percent(self) -> int:
        return percent(self.value)


def percent(score: float) -> int:
    """The score as the screens show it: a whole percentage, 100 only when it is 1."""
    return min(99, round(score * 100)) if score < 1 else 100


class _Scorer:
    """Walks the days in order, one step per day, as §4 says. Days are ordinals here: a long
    history is thousands of steps, each a few set lookups."""

    def __init__(self, done: set[int], weekly_goal: int) -> None:
        self.m = multiplier(weekly_goal)
        self.goal = weekly_goal
        self.done = done
        self.score = 0.0
        # Done days in the 14 days ending on the last day stepped (only needed below 7).
        self.window = 0

    def _window(self, day: int, done: bool) -> int:
        return self.window + done - ((day - WINDOW_DAYS) in self.done)

    def step(self, day: int, *, done: bool, rest: bool) -> float:
        """The score after `day`, without keeping it (today is judged both ways)."""
        if rest and not done:
            return self.score
        # A daily goal looks at the day alone; a smaller one at the fortnight ending on it.
        if self.goal == 7:
            v = 1.0 if done else 0.0
        else:
            v = min(1.0, self._window(day, done) / (2 * self.goal))
        return self.score * self.m + v * (1 - self.m)

    def keep(self, day: int, *, done: bool, rest: bool) -> None:
        self.score = self.step(day, done=done, rest=rest)
        self.window = self._window(day, done)


def habit_strength(
    done: AbstractSet[date], rest: AbstractSet[date], today: date, weekly_goal: int
) -> Strength:
    """The strength on `today`: every day from the first done day to yesterday is stepped,
    and today too once it is done or rest. A rest day (not done) leaves the score as it is;
    with no done day by today the score is 0."""
    done_days = {d.toordinal() for d in done}
    rest_days = {d.toordinal() for d in rest}
    now = today.toordinal()
    scorer = _Scorer(done_days, weekly_goal)
    first = min((d for d in done_days if d <= now), default=None)
    if first is None:
        # Nothing done yet: today's flow would be the first step.
        return Strength(0.0, 0.0, scorer.step(now, done=True, rest=False))
    # The window starts empty on the day before the first done day.
    for day in range(first, now):
        scorer.keep(day, done=day in done_days, rest=day in rest_days)
    before = scorer.score
    if_done = scorer.step(now, done=True, rest=False)
    if now in done_days or now in rest_days:
        value = scorer.step(now, done=now in done_days, rest=now in rest_days)
    else:
        value = before
    return Strength(value, before, if_done)


def change_words(strength: Strength) -> str:
    """Today's change in points, '+2.6 today'; empty while today has not moved it."""
    change = strength.change_today * 100
    if abs(change) < 0.05:
        return ""
    sign = "+" if change >= 0 else "-"
    # Translators: how many points today's flow (or rest) moved the habit strength; {change}
    # is signed, "+2.6" or "-1.3".
    return _("{change} today").format(change=sign + decimal_words(abs(change)))


def strength_sentence(strength: Strength, weekly_goal: int) -> str:
    """What moves it, in one sentence, and what today's flow would add while it is not done."""
    gain = (strength.if_done_today - strength.value) * 100
    adds = strength.value == strength.before_today and gain >= 0.05
    if weekly_goal == 7:
        if adds:
            # Translators: how the habit strength moves; {gain} is points, such as 2.6.
            return _(
                "Done days raise it, missed days lower it, rest days hold it; "
                "today's flow would add {gain}."
            ).format(gain=decimal_words(gain))
        return _("Done days raise it, missed days lower it, rest days hold it.")
    if adds:
        # Translators: how the habit strength moves for a weekly goal of {goal} days (1 to 6);
        # {gain} is points, such as 2.6.
        words = ngettext(
            "{goal} done days a week raise it, fewer lower it, rest days hold it; "
            "today's flow would add {gain}.",
            "{goal} done days a week raise it, fewer lower it, rest days hold it; "
            "today's flow would add {gain}.",
            weekly_goal,
        )
    else:
        # Translators: how the habit strength moves for a weekly goal of {goal} days (1 to 6).
        words = ngettext(
            "{goal} done days a week raise it, fewer lower it, rest days hold it.",
            "{goal} done days a week raise it, fewer lower it, rest days hold it.",
            weekly_goal,
        )
    return words.format(goal=weekly_goal, gain=decimal_words(gain))


__all__ = [
    "Strength",
    "change_words",
    "habit_strength",
    "multiplier",
    "percent",
    "strength_sentence",
]
