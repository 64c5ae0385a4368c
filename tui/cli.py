"""The `supple` command line: open the app, or answer from the history without a UI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.storage.errors import StoreError

MAX_SPEED = 100.0


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line and exit code 2, never a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def speed_factor(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--speed takes a number, not {text!r}") from None
    if not 0 < value <= MAX_SPEED or value != value:
        raise argparse.ArgumentTypeError(f"--speed must be above 0 and at most {MAX_SPEED:g}")
    return value


def build_parser() -> OneLineParser:
    parser = OneLineParser(
        prog="supple",
        description="A calm terminal guide for a daily five-minute lower-back stretch flow.",
    )
    parser.add_argument("--version", action="version", version=f"supple {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the TinyDB file to use (default: $SUPPLE_DB, else the user data folder)",
    )
    parser.add_argument(
        "--speed",
        type=speed_factor,
        default=1.0,
        metavar="FACTOR",
        help="run every timer FACTOR times faster; such runs are practice and never counted",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from tui.storage.store import Store, default_db_path

    path: Path = args.db.expanduser() if args.db else default_db_path()
    try:
        store = Store.open(path)
        store.prepare()
    except StoreError as error:
        print(f"supple: {error}", file=sys.stderr)
        return 2
    # Textual is imported only when the app opens, so the commands without a UI start fast.
    from tui.app import SuppleApp

    SuppleApp(store, speed=args.speed).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
