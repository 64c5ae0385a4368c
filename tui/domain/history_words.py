"""What the history screen says in words: days, streaks and how safe they are, the weeks'
title, a day of the calendar, a row of the sessions table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tui.domain.chart_weeks import average_before_this_week
from tui.domain.history import (
    DayStatus,
    HistorySettings,
    MarkKind,
    SessionFacts,
    WeekSummary,
    is_held,
    session_day,
)
from tui.domain.session import note_of, stiffness_of
from tui.domain.stiffness import stiffness_words
from tui.i18n import SOURCE_LANGUAGE, _, language, ngettext, pgettext
from tui.i18n.formats import current_locale, date_text, day_name

# Weeks of completion the history charts.
CHART_WEEKS = 12


def date_words(day: date, *, year: bool = False) -> str:
    """'Tue 17 Nov' ('Tue 17 Nov 2026' with the year) in English; as the language in use
    writes a short date otherwise ('Di., 17. Nov.')."""
    if language() != SOURCE_LANGUAGE:
        return date_text(day, "yMMMEd" if year else "MMMEd")
    # No CLDR skeleton writes English this way (en has 'Tue, Nov 17'): Supple's English
    # keeps its own pattern, still with Babel's names.
    from babel.dates import format_date

    return str(format_date(day, "EEE d MMM y" if year else "EEE d MMM", locale=current_locale()))


def weekday_in_sentence(day: date) -> str:
    """'Monday' as a sentence has it: Babel's format names (lower case in French, Spanish)."""
    return str(current_locale().days["format"]["wide"][day.weekday()])


def percent_digits(fraction: float) -> str:
    """83 for 0.83: the figure of a percentage, its sign left to the sentence it is put in
    ('83%' in English, '83 %' in French)."""
    return f"{fraction:.0%}".removesuffix("%")


def day_label(day: date, today: date) -> str:
    """'Tue 17 Nov', with the year only when it is not this year's."""
    return date_words(day, year=day.year != today.year)


def day_title(day: date, today: date) -> str:
    """The day's label, '(today)' after it when it is today."""
    name = day_label(day, today)
    # Translators: {day} is a short date such as "Tue 17 Nov".
    return _("{day} (today)").format(day=name) if day == today else name


def safety_words(until_break: int | None, today: date, longest: int) -> str:
    """How long the current streak is safe, in words."""
    if until_break is None:
        return (
            _("do today's flow to start a new one")
            if longest
            else _("do today's flow to start one")
        )
    if until_break <= 0:
        return _("do today's flow to keep it")
    if until_break == 1:
        return _("safe until tomorrow")
    last_safe = date.fromordinal(today.toordinal() + until_break)
    if until_break < 7:
        # Translators: said of the current streak; {weekday} is a day name such as "Monday".
        return _("safe until {weekday}").format(weekday=weekday_in_sentence(last_safe))
    # Translators: said of the current streak; {day} is a short date such as "Tue 17 Nov".
    return _("safe until {day}").format(day=day_label(last_safe, today))


def week_safety_words(current: int, week: WeekSummary, can_be_met: bool) -> str:
    """How a streak in weeks stands this week, in words."""
    missing = week.target_days - week.done_days
    if current and missing <= 0:
        return _("this week's target is met")
    if current:
        # Translators: said of a streak in weeks; {weekday} is a day name such as "Sunday".
        return ngettext(
            "{n} more day by {weekday} to keep it", "{n} more days by {weekday} to keep it", missing
        ).format(n=missing, weekday=weekday_in_sentence(week.end))
    if can_be_met:
        return _("meet this week's target to start one")
    return _("next week can start one")


def weeks_title(weeks: Sequence[WeekSummary], today: date) -> str:
    """Over the chart: how far back it goes and the average of the weeks before this one;
    then that the last bar is this week so far ('Since Mon 5 Oct · 83% average')."""
    # Translators: under the chart of weeks; {percent} is a whole number.
    last_bar = _("last bar: this week so far, {percent}%").format(
        percent=percent_digits(weeks[-1].completion)
    )
    so_far = f"[dim]{last_bar}[/]"
    average = average_before_this_week(weeks)
    if average is None:
        if not weeks[-1].done_days:
            return _("Weeks: from your first done day")
        # Translators: the chart's title; {so_far} is "last bar: this week so far, 33%".
        return _("This week · {so_far}").format(so_far=so_far)
    if len(weeks) == CHART_WEEKS:
        span = ngettext("Last {n} week", "Last {n} weeks", len(weeks)).format(n=len(weeks))
    else:
        # Translators: the chart's title; {day} is a short date such as "Mon 5 Oct".
        span = _("Since {day}").format(day=day_label(weeks[0].start, today))
    # Translators: the chart's title; {span} is "Last 12 weeks" or "Since Mon 5 Oct",
    # {percent} a whole number.
    title = _("{span} · {percent}% average").format(span=span, percent=percent_digits(average))
    return f"{title}\n{so_far}"


def day_status_words(status: DayStatus) -> str:
    """What a day of the calendar is: 'done', 'rest day', 'missed'…"""
    # The context is written out at each call: the catalogs' extractor reads only literals.
    return {
        DayStatus.DONE: pgettext("state of a day", "done"),
        DayStatus.REST: pgettext("state of a day", "rest day"),
        DayStatus.PRACTICE: pgettext("state of a day", "played, not counted"),
        DayStatus.MISSED: pgettext("state of a day", "missed"),
        DayStatus.PENDING: pgettext("state of a day", "not done yet"),
        DayStatus.FUTURE: pgettext("state of a day", "still ahead"),
        DayStatus.EMPTY: pgettext("state of a day", "before your first session"),
    }[status]


def day_state(status: DayStatus, sessions: int, mark: MarkKind | None) -> str:
    """What a day is, with its sessions and its mark by hand: 'done — 1 session'."""
    state = day_status_words(status)
    marked = None
    if mark is MarkKind.DONE:
        marked = _("marked done by hand")
    elif mark is MarkKind.REST:
        marked = _("marked rest by hand")
    if sessions and marked:
        # Translators: {state} is what the day is ("done", "missed"…), {marked} is
        # "marked done by hand" or "marked rest by hand".
        return ngettext(
            "{state} — {n} session, {marked}", "{state} — {n} sessions, {marked}", sessions
        ).format(state=state, n=sessions, marked=marked)
    if sessions:
        # Translators: {state} is what the day is ("done", "missed"…).
        return ngettext("{state} — {n} session", "{state} — {n} sessions", sessions).format(
            state=state, n=sessions
        )
    if marked:
        # Translators: {state} is what the day is ("done", "rest day"…), {marked} is
        # "marked done by hand" or "marked rest by hand".
        return _("{state} — {marked}").format(state=state, marked=marked)
    return state


def describe_day(
    day: date,
    status: DayStatus,
    today: date,
    sessions: int,
    mark: MarkKind | None,
) -> str:
    """The line under the calendar: 'Tue 17 Nov: done — 1 session'."""
    # Translators: the line under the calendar; {day} is "Tue 17 Nov" or "Tue 17 Nov (today)",
    # {state} what the day is with its sessions ("done — 1 session").
    return _("{day}: {state}").format(
        day=day_title(day, today), state=day_state(status, sessions, mark)
    )


def duration_text(facts: SessionFacts) -> str:
    """Wall time from start to end as m:ss; a dash while the session has no end."""
    if facts.ended_at is None:
        return "—"
    seconds = max(0, round((facts.ended_at - facts.started_at).total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d}"


def session_row(
    document: Mapping[str, Any], facts: SessionFacts, settings: HistorySettings
) -> tuple[str, ...]:
    """One row of the sessions table."""
    day = session_day(facts.started_at, settings.day_starts_at)
    # Held of planned: the whole flow as it was run is recorded, so this is "5 of 9" even for
    # a flow left early (sessions kept before that list only the steps they reached).
    steps = document.get("steps", [])
    held = sum(1 for step in steps if is_held(step))
    before = stiffness_of(document, "stiffness_before")
    after = stiffness_of(document, "stiffness_after")
    back = "" if before is None and after is None else stiffness_words(before, after)
    return (
        f"{day_name(day.weekday(), 'abbreviated')} {day.isoformat()}",
        facts.started_at.strftime("%H:%M"),
        duration_text(facts),
        # Translators: a column of the sessions table: steps held of the steps planned.
        _("{held} of {steps}").format(held=held, steps=len(steps)),
        "✓" if facts.completed else "✗",
        f"{facts.speed:g}×" if facts.practice else "",
        back.split(" (")[0],
        "✎" if note_of(document) else "",
    )
