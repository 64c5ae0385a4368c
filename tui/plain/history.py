"""The history in plain lines: the streaks, the week, the last weeks, the recent sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tui.commands.stats import describe, today_state
from tui.domain.chart_weeks import charted_weeks
from tui.domain.history import SessionFacts, day_sets, session_day, today
from tui.domain.history_words import (
    CHART_WEEKS,
    day_label,
    percent_digits,
    safety_words,
    week_safety_words,
)
from tui.domain.stats import history_stats
from tui.domain.stiffness import stiffness_summary, weekly_stiffness
from tui.domain.streaks import StreakUnit, streak_figures, week_can_still_be_met
from tui.domain.time_held import held_words, total_seconds_held
from tui.i18n import _, ngettext, pgettext
from tui.storage.store import Store

# Sessions listed, newest first: enough to see the last week or two at a glance.
RECENT_SESSIONS = 10
# Weeks of ratings the stiffness line sums up, as the history screen charts them.
STIFFNESS_WEEKS = 26


def session_line(facts: SessionFacts, day_starts_at: int, this_day: date) -> str:
    """One session: its day and time, the time held, the steps held, how it ended."""
    day = session_day(facts.started_at, day_starts_at)
    ending = _ending(facts)
    # Translators: one session of the plain history. {day} is a short date ("Thu 26 Nov"),
    # {time} when it started (09:00), {held} a time such as 3:30, {ending} how it ended
    # ("completed", "left early, practice at 20× speed").
    return ngettext(
        "{day} {time}: held {held}, {steps_held} of {steps} step held, {ending}",
        "{day} {time}: held {held}, {steps_held} of {steps} steps held, {ending}",
        facts.steps,
    ).format(
        day=day_label(day, this_day),
        time=f"{facts.started_at:%H:%M}",
        held=held_words(facts.active_seconds),
        steps_held=facts.held_steps,
        steps=facts.steps,
        ending=ending,
    )


def _ending(facts: SessionFacts) -> str:
    """How a session ended, and whether it was a practice run, in a few words."""
    # The context is written out at each call: the extractor reads only literals.
    if not facts.practice:
        if facts.completed:
            return pgettext("how a session ended", "completed")
        return pgettext("how a session ended", "left early")
    speed = f"{facts.speed:g}"
    if facts.completed:
        # Translators: {speed} is how many times faster the practice run went (20, 0.5).
        words = pgettext("how a session ended", "completed, practice at {speed}× speed")
        return words.format(speed=speed)
    # Translators: {speed} is how many times faster the practice run went (20, 0.5).
    words = pgettext("how a session ended", "left early, practice at {speed}× speed")
    return words.format(speed=speed)


def history_lines(store: Store, now: datetime) -> list[str]:
    """Everything the plain history says, a line each (the words of `supple stats` first)."""
    facts_by_id = store.session_facts()
    facts = list(facts_by_id.values())
    marks = store.marks()
    settings = store.history_settings()
    stats = history_stats(facts, marks, settings, now)
    held = total_seconds_held(facts)
    lines = [_("History"), *describe(stats, today_state(stats, marks), held).splitlines()]

    day = today(now, settings.day_starts_at)
    sets = day_sets(facts, marks, settings)
    streak = streak_figures(sets.done, sets.rest, day, settings)
    weeks = charted_weeks(day, sets.done, sets.rest, settings, CHART_WEEKS)
    if streak.unit is StreakUnit.DAYS:
        safety = safety_words(streak.days_until_break, day, streak.longest)
    else:
        can_be_met = week_can_still_be_met(
            weeks[-1].start, sets.done, sets.rest, day, settings.weekly_goal
        )
        safety = week_safety_words(streak.current, weeks[-1], can_be_met)
    # Translators: how the current streak stands, e.g. "safe until tomorrow".
    lines.append(_("Streak: {safety}").format(safety=safety))

    if len(weeks) > 1 or weeks[-1].done_days:
        lines.append(_("Weeks, newest first:"))
        for week in reversed(weeks):
            # Translators: one week of the plain history; {start} is its first day ("Mon 23
            # Nov"), {done} and {target} days, {percent} a whole number.
            lines.append(
                ngettext(
                    "Week of {start}: {done} of {target} day, {percent}%",
                    "Week of {start}: {done} of {target} days, {percent}%",
                    week.target_days,
                ).format(
                    start=day_label(week.start, day),
                    done=week.done_days,
                    target=week.target_days,
                    percent=percent_digits(week.completion),
                )
            )

    pairs = _sessions_with_facts(store, facts_by_id)
    lines.append(stiffness_summary(weekly_stiffness(pairs, settings, day, STIFFNESS_WEEKS)))
    recent = sorted((f for f, _doc in pairs), key=lambda f: f.started_at, reverse=True)
    if not recent:
        lines.append(_("No sessions yet."))
        return lines
    listed = recent[:RECENT_SESSIONS]
    if len(listed) == 1:
        lines.append(_("Your only session so far:"))
    else:
        # Translators: above the plain history's list of sessions; {n} how many are listed.
        lines.append(
            ngettext(
                "The last {n} session, newest first:",
                "The last {n} sessions, newest first:",
                len(listed),
            ).format(n=len(listed))
        )
    lines += [session_line(f, settings.day_starts_at, day) for f in listed]
    return lines


def _sessions_with_facts(
    store: Store, facts_by_id: dict[str, SessionFacts]
) -> list[tuple[SessionFacts, dict[str, Any]]]:
    """Each readable session's facts with its document (the stiffness ratings are in it)."""
    pairs = []
    for document in store.sessions():
        found = facts_by_id.get(str(document.get("id"))) if isinstance(document, dict) else None
        if found is not None:
            pairs.append((found, document))
    return pairs


def history_keys() -> str:
    """The keys after the history, in one line."""
    # Translators: the plain mode's keys after the history; "enter" and "q" are key names.
    return _("Enter or q goes back.")
