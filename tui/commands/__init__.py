"""Commands that answer without opening the app (stats, export, import, …); no Textual here."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from tui.i18n import N_, SOURCE_LANGUAGE, _, language

# Every command: what `supple --help` says of it (marked here, translated when shown), and the
# module and function that define its arguments and its `run(args, db_path) -> exit code`.
# Only the command given is imported, so `supple` alone, which opens the app, imports none of
# them (start-up, bench/README.md).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "stats": (
        N_("print streaks and this week's completion, no UI"),
        "tui.commands.stats",
        "define",
    ),
    "export": (N_("write all history out"), "tui.commands.transfer", "define_export"),
    "import": (
        N_("merge an export; importing twice adds nothing"),
        "tui.commands.transfer",
        "define_import",
    ),
    "status": (
        N_("where the history lives, the machines writing to it, conflict copies absorbed"),
        "tui.commands.status",
        "define",
    ),
    "merge-main": (
        N_("git's merge driver for Supple's files (README: On several machines)"),
        "tui.commands.merge_main",
        "define",
    ),
    "restore": (
        N_("list the daily backups, or put one back (the current file is kept)"),
        "tui.commands.restore",
        "define",
    ),
    "nudge": (
        N_("one line when today's flow is not done yet, nothing when it is (for .bashrc)"),
        "tui.commands.nudge",
        "define",
    ),
    "remind": (
        N_("a desktop reminder when one is due and today is not done; --install fires it on time"),
        "tui.commands.remind",
        "define",
    ),
    "serve": (
        N_("open Supple in a browser (a phone or tablet beside the mat)"),
        "tui.commands.serve",
        "define",
    ),
}


def register_all(commands: Any, common: argparse.ArgumentParser, given: str | None) -> None:
    """Add every command's parser: the `given` one in full, the others by name and help only
    (without their arguments or their own --help, which only that command's full parser has)."""
    for name, (help_text, module, function) in COMMANDS.items():
        if name == given:
            parser = commands.add_parser(name, parents=[common], help=_(help_text))
            # __import__, as an import statement does: `python -X importtime` then lists the
            # module (importlib.import_module leaves its own line out).
            getattr(__import__(module, fromlist=[function]), function)(parser)
        else:
            commands.add_parser(name, parents=[common], help=_(help_text), add_help=False)


def shown_number(value: int) -> str:
    """A count as the language in use groups it; English as it always was (no grouping)."""
    if language() == SOURCE_LANGUAGE:
        return str(value)
    from tui.i18n.formats import number

    return number(value)


def shown_decimal(value: float) -> str:
    """`value` to one place, with the language's decimal sign (English: as f"{value:.1f}")."""
    if language() == SOURCE_LANGUAGE:
        return f"{value:.1f}"
    from tui.i18n.formats import decimal

    return decimal(value, 1)


def shown_day(day: date) -> str:
    """A weekday and a date, short, as a heading shows it: 'Thu 26 Nov' in English."""
    if language() == SOURCE_LANGUAGE:
        return f"{day:%a %d %b}"
    from tui.i18n.formats import date_text

    return date_text(day, "MMMEd")


def shown_weekday(day: date) -> str:
    """The short weekday of `day`: 'Thu' in English, as strftime's %a always wrote it."""
    if language() == SOURCE_LANGUAGE:
        return f"{day:%a}"
    from tui.i18n.formats import day_name

    return day_name(day.weekday(), "abbreviated")
