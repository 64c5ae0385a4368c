"""Commands that answer without opening the app (stats, export, import, …); no Textual here."""

from __future__ import annotations

import argparse
from typing import Any

from tui.i18n import N_, _

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
