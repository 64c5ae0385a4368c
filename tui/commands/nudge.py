"""`supple nudge`: one short line for a shell's start-up file while today's flow is not done."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tui.arguments import adopt_stored_language
from tui.commands.stats import load_stats
from tui.domain.history import MarkKind
from tui.domain.streaks import stake_of, week_of
from tui.i18n import _
from tui.storage.errors import StoreError
from tui.storage.store import Store

# A shell's start waits for the nudge: it answers or gives up within this many seconds of
# the process starting (the interpreter and imports included), whatever the file.
BUDGET_S = 0.4
# The least time left for reading, however slow the start was.
MIN_READ_S = 0.05

# What a terminal that cannot show them gets instead (an ISO-8859-1 or ASCII locale).
_PLAIN = str.maketrans({"—": "-", "·": "|", "…": "..."})

T = TypeVar("T")


class _TookTooLong(Exception):
    pass


def within(budget_s: float, work: Callable[[], T]) -> T:
    """`work()`'s answer, or _TookTooLong once `budget_s` seconds have passed without one.
    The work goes on in a daemon thread that dies with the program."""
    answer: list[T] = []
    failure: list[BaseException] = []

    def attempt() -> None:
        try:
            answer.append(work())
        except BaseException as error:  # noqa: BLE001 - handed back to the caller below
            failure.append(error)

    worker = threading.Thread(target=attempt, name="supple-nudge", daemon=True)
    worker.start()
    worker.join(budget_s)
    if failure:
        raise failure[0]
    if not answer:
        raise _TookTooLong
    return answer[0]


def seconds_since_start() -> float:
    """How long this process has been running; Linux says exactly, elsewhere a fair guess."""
    try:
        with open("/proc/self/stat") as stat_file:
            started = int(stat_file.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as uptime_file:
            uptime = float(uptime_file.read().split()[0])
        return max(0.0, uptime - started / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.15


def for_terminal(line: str, encoding: str | None) -> str:
    """`line` as this terminal's encoding can show it: plain ASCII stand-ins for the dash
    and the dot, and `?` for anything else it lacks, rather than an error at a shell's start."""
    try:
        line.encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        line = line.translate(_PLAIN).encode("ascii", "replace").decode("ascii")
    return line


def define(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(run=run)


def nudge_line(
    done_today: bool,
    rest_today: bool,
    seconds: float,
    stake: str | None = None,
    week: str | None = None,
) -> str | None:
    """The line to print, or None when there is nothing to nudge about (done, or a rest day).
    `week` is how far this week is ("1 of 3 this week"), `stake` the streak today can keep."""
    if done_today or rest_today:
        return None
    minutes = max(1, round(seconds / 60))
    # Translators: a shell's start-up line; {minutes} is how long the flow takes. Keep it short.
    first = _("No stretch yet today — {minutes} min").format(minutes=minutes)
    return " · ".join(part for part in (first, week, stake) if part)


def today_line(path: Path) -> str | None:
    """Read the file and say what today still needs; a missing file is a fresh start."""
    store = Store(path)
    stats = load_stats(store)
    adopt_stored_language(store)  # the line is worded below, in the stored language
    marks = store.marks()
    rest_today = marks.get(stats.today) is MarkKind.REST
    return nudge_line(
        stats.done_today,
        rest_today,
        store.routine().total_seconds(),
        stake_of(stats),
        week_of(stats),
    )


def run(args: argparse.Namespace, path: Path) -> int:
    # A shell's start-up is no place for notes on single damaged documents: the store only
    # logs them from Store.open, which a nudge does not call; `supple stats` shows them.
    # Whatever goes wrong, the shell starts: one short line on stderr, never a traceback, and
    # exit code 0 so a start-up file with `set -e` is not cut short.
    try:
        budget = max(MIN_READ_S, BUDGET_S - seconds_since_start())
        line = within(budget, lambda: today_line(path))
    except StoreError as error:
        # Translators: {path} is the data file. `supple stats` is a command: keep it.
        return _warn(_("cannot read {path} (`supple stats` says why)").format(path=error.path))
    except _TookTooLong:
        _warn(_("gave up reading {path} (too slow for a shell's start)").format(path=path))
        # Leave now: a normal exit would wait for the reading thread to let go of the GIL,
        # which parsing a huge file can hold for a long while. Nothing here needs cleaning.
        os._exit(0)
    except Exception as error:  # noqa: BLE001 - a nudge must never break a shell's start-up
        # Translators: {error} is the name of a Python error, such as MemoryError.
        return _warn(_("nudge failed ({error})").format(error=type(error).__name__))
    if line is not None:
        try:
            print(for_terminal(line, sys.stdout.encoding))
            sys.stdout.flush()
        except (OSError, ValueError):
            # A closed stdout (`supple nudge | head -0`) leaves nothing more to say; what is
            # left in the buffer goes nowhere rather than fail again at exit.
            _drop_stdout()
    return 0


def _drop_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _warn(message: str) -> int:
    with contextlib.suppress(OSError, ValueError):
        print(for_terminal(f"supple: {message}", sys.stderr.encoding), file=sys.stderr)
        sys.stderr.flush()
    return 0
