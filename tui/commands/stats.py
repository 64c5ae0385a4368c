"""`supple stats [--json]`: streaks and this week, read from the same rules as the screens."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from tui.domain.history import HistoryStats, MarkKind
from tui.domain.session import local_now
from tui.domain.stats import history_stats
from tui.domain.streaks import length_words
from tui.domain.time_held import held_words, total_seconds_held
from tui.storage.store import Store


def define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
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


TODAY_WORDS = {"done": "done ✓", "rest": "rest day", "open": "not yet"}


def describe(stats: HistoryStats, state: str, held: float) -> str:
    """A short summary a person reads at a glance."""
    week = stats.week
    unit = stats.streak_unit
    if week.done_days > week.target_days:  # "6 of 3 days" read as a slip
        week_line = f"This week: {week.done_days} days · goal {week.target_days} met"
    else:
        week_line = (
            f"This week: {week.done_days} of {week.target_days} days"
            f" ({round(week.completion * 100)}%)"
        )
    lines = [
        f"Today ({stats.today:%a %d %b}): {TODAY_WORDS[state]}",
        f"Current streak: {length_words(stats.current_streak, unit)}"
        f" · longest: {length_words(stats.longest_streak, unit)}"
        f" · strength: {stats.strength.percent}%",
        week_line,
        f"Sessions: {stats.sessions_total} ({stats.sessions_completed} completed,"
        f" {stats.sessions_counted} counted, {stats.sessions_practice} practice)"
        f" · {held_words(held)} held in all",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace, path: Path) -> int:
    # Reading needs no lock and changes nothing: every write replaces the file whole.
    store = Store.open(path)
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
