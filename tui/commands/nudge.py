"""`supple nudge`: one short line for a shell's start-up file while today's flow is not done."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from tui.commands.stats import load_stats
from tui.domain.history import MarkKind
from tui.storage.errors import StoreError
from tui.storage.store import Store


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "nudge",
        parents=[common],
        help="one line when today's flow is not done yet, nothing when it is (for .bashrc)",
    )
    parser.set_defaults(run=run)


def nudge_line(done_today: bool, rest_today: bool, streak: int, seconds: float) -> str | None:
    """The line to print, or None when there is nothing to nudge about (done, or a rest day)."""
    if done_today or rest_today:
        return None
    minutes = max(1, round(seconds / 60))
    line = f"No stretch yet today — {minutes} min"
    if streak:
        line += f" · streak {streak} at stake"
    return line


def today_line(path: Path) -> str | None:
    """Read the file and say what today still needs; a missing file is a fresh start."""
    store = Store(path)
    stats = load_stats(store)
    marks = store.marks()
    rest_today = marks.get(stats.today) is MarkKind.REST
    return nudge_line(
        stats.done_today, rest_today, stats.current_streak, store.routine().total_seconds()
    )


def run(args: argparse.Namespace, path: Path) -> int:
    # A shell's start-up is no place for notes on single damaged documents: the store only
    # logs them from Store.open, which a nudge does not call; `supple stats` shows them.
    # Whatever goes wrong, the shell starts: one short line on stderr, never a traceback, and
    # exit code 0 so a start-up file with `set -e` is not cut short.
    try:
        line = today_line(path)
    except StoreError as error:
        return _warn(f"cannot read {error.path} (`supple stats` says why)")
    except Exception as error:  # noqa: BLE001 - a nudge must never break a shell's start-up
        return _warn(f"nudge failed ({type(error).__name__})")
    if line is not None:
        # A closed stdout (`supple nudge | head -0`) leaves nothing more to say.
        with contextlib.suppress(OSError):
            print(line)
    return 0


def _warn(message: str) -> int:
    with contextlib.suppress(OSError):
        print(f"supple: {message}", file=sys.stderr)
    return 0
