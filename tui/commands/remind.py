"""`supple remind`: a desktop notification when a reminder is due; --install fires it on time."""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from tui.arguments import adopt_stored_language
from tui.domain.clock import local_now
from tui.domain.history import MarkKind, today
from tui.domain.reminder import (
    TITLE,
    ReminderError,
    ReminderPlan,
    Today,
    due_time,
    parse_days,
    parse_times,
    plan_from_settings,
    reminder_words,
    why_quiet,
)
from tui.domain.stats import history_stats
from tui.domain.streaks import stake_of, week_of
from tui.i18n import _
from tui.storage.errors import StoreError
from tui.storage.store import Store

SCHEDULER_CHOICES = ("systemd", "launchd", "cron")


def _times(text: str) -> str:
    try:
        parse_times(text)
    except ReminderError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _days(text: str) -> str:
    try:
        parse_days(text)
    except ReminderError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def define(parser: argparse.ArgumentParser) -> None:
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--install",
        action="store_true",
        help=_(
            "turn the reminder on and install what fires it at your times without Supple "
            "running (a systemd user timer, a launchd agent or a crontab line); again to update it"
        ),
    )
    action.add_argument(
        "--uninstall", action="store_true", help=_("remove what --install wrote, wherever it is")
    )
    parser.add_argument(
        "--at",
        type=_times,
        metavar="TIMES",
        help=_("with --install: the times of day, e.g. 18:00 or 07:30,18:00 (saved in settings)"),
    )
    parser.add_argument(
        "--days",
        type=_days,
        metavar="DAYS",
        # Translators: mon-fri, sat,sun and 'every day' are what to type: keep them in English.
        help=_("with --install: the weekdays, e.g. mon-fri, sat,sun or 'every day'"),
    )
    parser.add_argument(
        "--using",
        choices=SCHEDULER_CHOICES,
        metavar="SCHEDULER",
        help=_(
            "systemd, launchd or cron (default: launchd on macOS, systemd where it is, else cron)"
        ),
    )
    parser.set_defaults(run=run)


class Verdict(NamedTuple):
    """A reminder's words when one is due now, else why not."""

    words: str | None
    why_not: str


def check(store: Store, now: datetime) -> Verdict:
    """Is a reminder due at `now`? The cheap questions first (settings, the clock, run locks,
    marks): on most runs no session is read at all."""
    adopt_stored_language(store)  # its words, and why not, in the stored language
    plan = plan_from_settings(store.settings())
    if not plan.enabled:
        return Verdict(None, _("reminders are off (turn them on in settings, or remind --install)"))
    history = store.history_settings()
    if due_time(plan, now, history.day_starts_at) is None:
        return Verdict(None, _("no reminder time has come yet today"))
    marks = store.marks()
    this_day = today(now, history.day_starts_at)
    if marks.get(this_day) is MarkKind.REST:
        return Verdict(None, _("today is a rest day"))
    running = bool(store.runs_elsewhere())
    stats = history_stats(store.session_facts().values(), marks, history, now)
    state = Today(
        done=stats.done_today,
        rest=False,
        weekly_goal=history.weekly_goal,
        week_done_days=stats.week.done_days,
        week_target_days=stats.week.target_days,
        flow_running=running,
    )
    why = why_quiet(state)
    if why is not None:
        return Verdict(None, why)
    words = reminder_words(store.routine().total_seconds(), stake_of(stats), week_of(stats))
    return Verdict(words, "")


def remind(path: Path, now: datetime) -> int:
    """Check, and notify when due; every outcome exits 0, as a timer and a shell want."""
    try:
        verdict = check(Store(path), now)
    except StoreError as error:
        # Translators: {path} is the data file. `supple stats` is a command: keep it.
        message = _("cannot read {path} (`supple stats` says why)").format(path=error.path)
        return _say(message, err=True)
    except ReminderError as error:
        # Translators: {path} is the data file; {problem} what is wrong with its reminder
        # settings.
        message = _("no reminder: in {path}, {problem} (fix it in settings)")
        return _say(message.format(path=path, problem=error), err=True)
    if verdict.words is None:
        # A timer's run stays silent; a person trying it by hand is told why.
        if sys.stdout.isatty():
            # Translators: {why} says why no reminder is due, e.g. "today is a rest day".
            _say(_("no reminder: {why}").format(why=verdict.why_not))
        return 0
    # Loaded only now: most runs end above, and desktop-notifier and D-Bus take a while.
    from tui.reminders.notify import fall_back, send

    problem = send(TITLE, verdict.words)
    if problem is not None:
        from tui.commands.nudge import for_terminal

        fall_back(for_terminal(verdict.words, sys.stderr.encoding), problem)
    elif sys.stdout.isatty():
        # Translators: {words} is the reminder's own text.
        _say(_("reminder shown: {words}").format(words=verdict.words))
    return 0


def run(args: argparse.Namespace, path: Path) -> int:
    if args.install or args.uninstall:
        return change_timer(args, path)
    if args.at or args.days or args.using:
        return _say(
            _("--at, --days and --using go with --install (or --using with --uninstall)"), 2
        )
    return remind(path, local_now())


def change_timer(args: argparse.Namespace, path: Path) -> int:
    from tui.reminders.install import (
        SCHEDULERS,
        InstallError,
        default_scheduler,
        install,
        remind_command,
        uninstall,
        uninstall_everywhere,
    )

    scheduler = args.using or default_scheduler()
    try:
        if args.uninstall:
            if args.at or args.days:
                return _say(_("--at and --days go with --install"), 2)
            said = uninstall(scheduler) if args.using else uninstall_everywhere()
            for line in said or [_("nothing to remove: no Supple reminder is installed here")]:
                print(line)
            return 0
        plan = _plan_to_install(args, path)
        said = install(plan, remind_command(path), scheduler)
        # One reminder, fired one way: what an earlier install left elsewhere goes.
        for other in SCHEDULERS:
            if other != scheduler:
                with contextlib.suppress(InstallError):
                    said += uninstall(other)
    except (InstallError, ReminderError) as error:
        return _say(str(error), 2, err=True)
    for line in said:
        print(line)
    return 0


def _plan_to_install(args: argparse.Namespace, path: Path) -> ReminderPlan:
    """The stored plan, turned on, with --at and --days over it; saved when that changed it."""
    store = Store.open(path)
    adopt_stored_language(store)
    settings = store.settings()
    try:
        plan = plan_from_settings(settings)
    except ReminderError as error:
        if not (args.at and args.days):
            # Translators: {problem} says what is wrong with the stored reminder settings.
            raise ReminderError(
                _(
                    "the stored reminder settings are damaged ({problem}); give --at and --days, "
                    "or fix them in settings"
                ).format(problem=error)
            ) from None
        plan = ReminderPlan()
    chosen = replace(plan, enabled=True)
    if args.at:
        chosen = replace(chosen, times=parse_times(args.at))
    if args.days:
        chosen = replace(chosen, days=parse_days(args.days))
    wanted = chosen.to_settings()
    if any(settings.get(key) != value for key, value in wanted.items()):
        store.save_settings(wanted)
    return chosen


def _say(message: str, code: int = 0, *, err: bool = False) -> int:
    # Here, not at the top: nudge's module brings the stats command, which a quiet run skips.
    from tui.commands.nudge import for_terminal

    stream = sys.stderr if err else sys.stdout
    with contextlib.suppress(OSError, ValueError):
        print(for_terminal(f"supple: {message}", stream.encoding), file=stream)
        stream.flush()
    return code
