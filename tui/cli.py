"""The `supple` command line: open the app (or its plain, screen-reader form), or answer from
the history without a UI; in the language of `--lang`, the setting or the system."""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui import __version__
from tui.arguments import (
    OneLineParser,
    adopt_stored_language,
    db_path,
    language_code,
    language_flag,
    speed_factor,
    start_language,
    warnings_to_stderr,
)
from tui.domain.settings import CUE_MODES, PLAIN
from tui.i18n import N_, _, ngettext
from tui.storage.errors import StoreError

if TYPE_CHECKING:
    from tui.storage.store import Store

# Screens the app can open on, by command name.
APP_COMMANDS = {"history": "history", "edit": "editor"}
# The app's screens that have a plain form (tui/plain): the editor needs the full screen.
PLAIN_MODES = ("routine", "history")


PLAIN_HELP = N_("screen-reader mode: plain lines, no animation, no redraws")


def build_parser(command: str | None = None) -> OneLineParser:
    """The command line, with `command`'s own arguments (the others are named, not defined)."""
    # --db is accepted before or after a command; SUPPRESS keeps a later default from
    # overwriting a value given earlier.
    common = OneLineParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=_("the TinyDB file to use (default: $SUPPLE_DB, else the user data folder)"),
    )
    common.add_argument(
        "--lang",
        type=language_code,
        metavar="CODE",
        default=argparse.SUPPRESS,
        help=_(
            "the language for this run: en, de, es, fr, …; overrides the setting and the system"
        ),
    )
    parser = OneLineParser(
        prog="supple",
        description=_("A calm terminal guide for a daily five-minute lower-back stretch flow."),
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"supple {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--speed",
        type=speed_factor,
        default=1.0,
        metavar="FACTOR",
        help=_("run every timer FACTOR times faster; such runs are practice and never counted"),
    )
    parser.add_argument(
        "--cues",
        choices=CUE_MODES,
        default=None,
        metavar="MODE",
        # Translators: voice, tones, bell and off are the values to type: keep them as they are.
        help=_("cues for this run only: voice, tones, bell or off (default: the setting)"),
    )
    parser.add_argument("--plain", action="store_true", help=_(PLAIN_HELP))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    history = commands.add_parser(
        "history", parents=[common], help=_("open the app on the history screen")
    )
    edit = commands.add_parser(
        "edit", parents=[common], help=_("open the app on the routine editor")
    )
    # After the command too; SUPPRESS keeps a `--plain` given before it.
    for screen in (history, edit):
        screen.add_argument(
            "--plain", action="store_true", default=argparse.SUPPRESS, help=_(PLAIN_HELP)
        )
    from tui.commands import register_all

    register_all(commands, common, command)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse in two steps: which command (if any) is given, then that command in full. So
    only a command that is used is imported, and `supple` alone imports none of them."""
    parser = build_parser()
    given, _rest = parser.parse_known_args(argv)
    if given.command not in (None, *APP_COMMANDS):
        parser = build_parser(given.command)
    return parser.parse_args(argv)


def run_app(args: argparse.Namespace) -> int:
    # No cyclic garbage collection until the first screen shows (tui/startup.py turns it
    # back on then). Start-up allocates tens of thousands of objects that all live on (the
    # modules, Textual's classes, the first screen), so each collection Python would run
    # there scans them and frees nothing: about 30 ms of the start (bench/README.md).
    # Reference counting still frees everything else at once.
    gc.disable()
    from tui.domain.clock import local_now
    from tui.storage.store import Store

    with warnings_to_stderr():
        # Sessions and marks are checked once the first screen shows (see SuppleApp).
        store = Store.open(db_path(args), deep=False)
        # Only a file that opened fine is copied, and before anything at start changes it.
        store.back_up_daily(local_now().date())
        store.prepare()
    # The Language setting, from the settings the store has read already (no --lang given).
    adopt_stored_language(store)
    mode = APP_COMMANDS.get(args.command or "", "routine")
    if mode in PLAIN_MODES and (
        getattr(args, "plain", False) or store.settings().get(PLAIN) is True
    ):
        # No first frame to wait for: garbage collection as usual (tui/startup.py would turn
        # it on for the app).
        gc.enable()
        from tui.plain import run_plain

        code: int = run_plain(store, speed=args.speed, cues=args.cues, mode=mode)
        return code
    # Textual is imported only when the app opens, so the commands without a UI start fast.
    from tui.app import SuppleApp
    from tui.textual_driver_decoder import decode_input_leniently

    app = SuppleApp(store, speed=args.speed, mode=mode, cues=args.cues)
    decode_input_leniently(app.driver_class)  # typed bytes that are not UTF-8 never end it
    app.run()
    return keep_unsaved(store, app.unsaved_sessions)


def keep_unsaved(store: Store, documents: list[dict[str, Any]]) -> int:
    """After the app: a session whose save never landed is saved once more, and if that fails
    too it is written as an export beside the file (or in the temp folder), so closing the app
    while the disk is full or the file read-only loses nothing. Exit 2 when one was kept so."""
    from tui.domain.clock import local_now
    from tui.domain.export_format import FORMAT_NAME, FORMAT_VERSION
    from tui.storage.atomic import write_atomically

    # The store adds the machine that played a session; the rest must be as the app left it.
    saved = [{k: v for k, v in d.items() if k != "machine"} for d in store.sessions()]
    left: list[dict[str, Any]] = []
    problem = ""
    for document in documents:
        if {k: v for k, v in document.items() if k != "machine"} in saved:
            continue  # its last write landed as the app closed
        try:
            store.save_session(document)
        except StoreError as error:
            left.append(document)
            problem = f"{error.path}: {error.problem}"
    count = len(left)
    if not left:
        return 0
    export = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "sessions": left, "marks": []}
    name = f"supple-unsaved-{local_now():%Y%m%d-%H%M%S}.json"
    for folder in (store.path.parent, Path(tempfile.gettempdir())):
        try:
            write_atomically(folder / name, json.dumps(export, ensure_ascii=False, indent=2))
        except (OSError, StoreError):
            continue
        # Translators: {problem} is the file and why it could not be written; {file} the
        # path of the export kept in its place. `supple import …` is a command: keep it.
        kept = ngettext(
            "supple: {n} session(s) could not be saved ({problem}); kept in {file}: "
            "`supple import {file}` puts them in later",
            "supple: {n} session(s) could not be saved ({problem}); kept in {file}: "
            "`supple import {file}` puts them in later",
            count,
        )
        print(kept.format(n=count, problem=problem, file=folder / name), file=sys.stderr)
        return 2
    # Translators: {problem} is the file and why it could not be written.
    lost = ngettext(
        "supple: {n} session(s) could not be saved anywhere ({problem})",
        "supple: {n} session(s) could not be saved anywhere ({problem})",
        count,
    )
    print(lost.format(n=count, problem=problem), file=sys.stderr)
    return 2


# Commands that only read the data file: an existing file is all they need.
READING_COMMANDS = {"stats", "export", "nudge", "remind", "status"}
# Commands a shell's start or a timer runs: a place that cannot be read still exits 0.
QUIET_COMMANDS = {"nudge", "remind"}


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # Before the parser is built, so its --help and its errors are in that language.
    start_language(language_flag(words))
    args = parse_arguments(words)
    if getattr(args, "lang", None):
        start_language(args.lang)  # as the parser read it (`--lan de` is --lang too)
    if args.command == "edit" and getattr(args, "plain", False):
        print(
            _("supple: the routine editor needs the full screen; it has no plain form"),
            file=sys.stderr,
        )
        return 2
    try:
        _check_place(args)
        if args.command in (None, *APP_COMMANDS):
            return run_app(args)
        # A command without a UI runs with garbage collection as usual (tui/__main__.py held
        # it for the start-up of the app).
        gc.enable()
        with warnings_to_stderr():
            code: int = args.run(args, db_path(args))
            # Flushed here, not at exit, so a reader gone early is met below, not by a trace.
            sys.stdout.flush()
        return code
    except StoreError as error:
        print(f"supple: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `supple stats | head -0`: whoever read the output stopped before it was all written.
        _silence_stdout()
        print(_("supple: the output was closed before all of it was written"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _check_place(args: argparse.Namespace) -> None:
    """Say at once, in one line, when the data file's place cannot be written: before a
    blank screen waits on a lock there, or a command prints an empty history from it."""
    from tui.storage.place import check_place

    try:
        check_place(db_path(args), reading_only=args.command in READING_COMMANDS)
    except StoreError as error:
        if args.command in QUIET_COMMANDS and not getattr(args, "install", False):
            # A shell's start-up file goes on (exit 0), with the reason on stderr.
            print(f"supple: {error}", file=sys.stderr)
            raise SystemExit(0) from None
        raise


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit finds nowhere broken to write."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
