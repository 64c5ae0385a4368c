"""`supple stats [--json]`: streaks and this week, read from the same rules as the screens."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tui.domain.history import HistoryStats
from tui.domain.session import local_now
from tui.domain.stats import history_stats
from tui.domain.streaks import length_words
from tui.storage.store import Store


def define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def load_stats(store: Store) -> HistoryStats:
    """The history as the rules see it now, read as the app reads it: damaged session
    documents are left out (and noted), not fatal."""
    facts = store.session_facts().values()
    return history_stats(facts, store.marks(), store.history_settings(), local_now())


def describe(stats: HistoryStats) -> str:
    """A short summary a person reads at a glance."""
    week = stats.week
    unit = stats.streak_unit
    lines = [
        f"Today ({stats.today:%a %d %b}): {'done ✓' if stats.done_today else 'not yet'}",
        f"Current streak: {length_words(stats.current_streak, unit)}"
        f" · longest: {length_words(stats.longest_streak, unit)}"
        f" · strength: {stats.strength.percent}%",
        f"This week: {week.done_days} of {week.target_days} days ({round(week.completion * 100)}%)",
        f"Sessions: {stats.sessions_total} ({stats.sessions_completed} completed,"
        f" {stats.sessions_counted} counted, {stats.sessions_practice} practice)"
        f" · {stats.total_minutes:g} minutes in all",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace, path: Path) -> int:
    # Reading needs no lock and changes nothing: every write replaces the file whole.
    store = Store.open(path)
    stats = load_stats(store)
    if args.json:
        print(json.dumps(stats.to_json_dict()))
    else:
        print(describe(stats))
    return 0
