"""`supple stats [--json]`: streaks and this week, read from the same rules as the screens."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from tui.arguments import adopt_stored_language
from tui.commands import shown_day, shown_number
from tui.domain.history import HistoryStats, MarkKind
from tui.domain.session import local_now
from tui.domain.stats import history_stats
from tui.domain.streaks import length_words
from tui.domain.time_held import held_words, total_seconds_held
from tui.i18n import N_, _, ngettext
from tui.storage.store import Store


def define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.set_defaults(run=run)


def load_stats(store: Store) -> HistoryStats:
    """The history as the rules see it now, read as the app reads it: damaged session
    documents are left out (and noted), not fatal."""
    facts = store.session_facts().values()
    return history_stats(facts, store.marks(), store.history_settings(), local_now())


def today_state(stats: HistoryStats, marks: Mapping[date, MarkKind]) -> str:
    """Today as the rules see it (§4): "done", "rest" (marked rest and not done) or "open"."""
    if stats.done_today:
        return "done"
    return "rest" if marks.get(stats.today) is MarkKind.REST else "open"


# Translators: how today stands in `supple stats`: after "Today (Thu 26 Nov): ".
TODAY_WORDS = {"done": N_("done ✓"), "rest": N_("rest day"), "open": N_("not yet")}


def describe(stats: HistoryStats, state: str, held: float) -> str:
    """A short summary a person reads at a glance."""
    week = stats.week
    unit = stats.streak_unit
    done, target = shown_number(week.done_days), shown_number(week.target_days)
    if week.done_days > week.target_days:  # "6 of 3 days" read as a slip
        week_line = ngettext(
            "This week: {done} days · goal {target} met",
            "This week: {done} days · goal {target} met",
            week.done_days,
        ).format(done=done, target=target)
    else:
        # Translators: {percent} is a whole number: keep the % sign where your language puts it.
        week_line = ngettext(
            "This week: {done} of {target} days ({percent}%)",
            "This week: {done} of {target} days ({percent}%)",
            week.target_days,
        ).format(done=done, target=target, percent=round(week.completion * 100))
    lines = [
        # Translators: {day} is a short weekday and date ("Thu 26 Nov"); {state} is "done ✓",
        # "rest day" or "not yet".
        _("Today ({day}): {state}").format(day=shown_day(stats.today), state=_(TODAY_WORDS[state])),
        # Translators: {current} and {longest} are lengths such as "5 days" or "2 weeks";
        # {strength} a whole number of percent.
        _("Current streak: {current} · longest: {longest} · strength: {strength}%").format(
            current=length_words(stats.current_streak, unit),
            longest=length_words(stats.longest_streak, unit),
            strength=stats.strength.percent,
        ),
        week_line,
        # Translators: counts of sessions in `supple stats`; {held} is a time such as "3:40"
        # or "12 h 05 min", the time spent holding stretches.
        _(
            "Sessions: {total} ({completed} completed, {counted} counted, {practice} practice)"
            " · {held} held in all"
        ).format(
            total=shown_number(stats.sessions_total),
            completed=shown_number(stats.sessions_completed),
            counted=shown_number(stats.sessions_counted),
            practice=shown_number(stats.sessions_practice),
            held=held_words(held),
        ),
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace, path: Path) -> int:
    # Reading needs no lock and changes nothing: every write replaces the file whole.
    store = Store.open(path)
    adopt_stored_language(store)
    facts = store.session_facts().values()
    stats = history_stats(facts, store.marks(), store.history_settings(), local_now())
    state = today_state(stats, store.marks())
    # Time held (rules.md §3), the one figure of time, in place of the wall time with pauses.
    held = total_seconds_held(facts)
    if args.json:
        figures = stats.to_json_dict()
        del figures["total_minutes"]
        # `today` stays the date; its state beside it, as the text says it.
        print(json.dumps({**figures, "seconds_held": round(held), "today_state": state}))
    else:
        print(describe(stats, state, held))
    return 0
