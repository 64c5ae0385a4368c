"""What the command line and its commands share: a parser that errs in one line, the speed
factor, where the data file is, and the store's warnings on stderr."""

from __future__ import annotations

import argparse
import logging
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

MAX_SPEED = 100.0


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line and exit code 2, never a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def speed_factor(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"takes a number, not {text!r}") from None
    # argparse names the flag itself ("argument --speed: …").
    if not math.isfinite(value) or not 0 < value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most {MAX_SPEED:g}, not {text}")
    return value


def db_path(args: argparse.Namespace) -> Path:
    from tui.storage.atomic import resolve_target
    from tui.storage.store import default_db_path

    given: Path | None = getattr(args, "db", None)
    # A symlink is followed to its target once, here, so the commands and the store agree on
    # where the file, its lock and its backups are.
    return resolve_target(given.expanduser() if given else default_db_path())


@contextmanager
def warnings_to_stderr() -> Iterator[None]:
    """The store's notes about damaged documents, one line each on stderr, while it lasts.
    Never while the app runs: a line written then would land in the middle of its screen."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("supple: warning: %(message)s"))
    logger = logging.getLogger("tui.storage")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
