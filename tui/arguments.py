"""What the command line and its commands share: a parser that errs in one line (in the
language in use), the speed factor and the language flag, where the data file is, the stored
language once a store is open, and the store's warnings on stderr."""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tui.i18n import _, available_languages, use_language

if TYPE_CHECKING:
    from tui.storage.store import Store

MAX_SPEED = 100.0


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with its "usage: " in the language in use."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None:
            # Translators: the start of `supple --help`'s first line, before the command's form.
            prefix = _("usage: ")
        super().add_usage(usage, actions, groups, prefix)


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line and exit code 2, never a usage dump; and the words
    argparse writes itself in its help (usage, options, -h) in the language in use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        # Translators: the heading of --help's list of the arguments a command takes by
        # position (the backup's NAME, the FILE to import).
        self._positionals.title = _("positional arguments")
        # Translators: the heading of --help's list of the flags (--db, --speed, …).
        self._optionals.title = _("options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _("show this help message and exit")

    def error(self, message: str) -> NoReturn:
        # Translators: {prog} is "supple" or "supple stats"; {message} is argparse's own
        # (English) words about what was wrong, such as "unrecognized arguments: --x".
        line = _("{prog}: {message} (see {prog} --help)")
        self.exit(2, line.format(prog=self.prog, message=message) + "\n")


def speed_factor(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        # Translators: after "argument --speed: "; {text} is what was typed, quoted.
        words = _("takes a number, not {text}")
        raise argparse.ArgumentTypeError(words.format(text=repr(text))) from None
    # argparse names the flag itself ("argument --speed: …").
    if not math.isfinite(value) or not 0 < value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(
            # Translators: after "argument --speed: "; {most} is 100, {text} what was typed.
            _("must be above 0 and at most {most}, not {text}").format(
                most=f"{MAX_SPEED:g}", text=text
            )
        )
    return value


def language_code(text: str) -> str:
    """`--lang`'s value: a language Supple has ("de", "de_AT", "de-AT.UTF-8" all mean German);
    anything else is refused, naming the ones there are."""
    from tui.i18n.choice import match

    available = available_languages()
    if match(text, available) is None:
        raise argparse.ArgumentTypeError(
            # Translators: after "argument --lang: "; {text} is what was typed, {codes} the
            # language codes Supple has, such as "en, de, es, fr".
            _("{text} is not a language Supple speaks; it speaks {codes}").format(
                text=repr(text), codes=", ".join(available)
            )
        )
    return text


def language_flag(argv: Sequence[str]) -> str | None:
    """The last `--lang X` or `--lang=X` in `argv`, before the parser reads it: the help the
    parser writes is already in that language. Nothing after a `--` counts."""
    found: str | None = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif word.startswith("--lang="):
            found = word.split("=", 1)[1]
    return found


# The `--lang` of this run, if one was given: it outranks the stored setting.
_flag: str | None = None


def start_language(flag: str | None) -> None:
    """Speak the language of `--lang`, else of the system, from here on (the stored setting
    is read once the data file is open: adopt_stored_language)."""
    global _flag
    from tui.i18n.choice import choose

    _flag = flag or None
    chosen = choose(flag, None, os.environ, available_languages())
    use_language(chosen.code, chosen.tag)


def adopt_stored_language(store: Store) -> None:
    """Once a store is open: its Language setting decides, unless `--lang` was given. Reads
    the settings the store has loaded already; a setting that cannot be read is passed over
    (the command says what is wrong with the file in its own way)."""
    if _flag:
        return
    from tui.domain.settings import LANGUAGE
    from tui.i18n.choice import choose
    from tui.storage.errors import StoreError

    try:
        setting = store.settings().get(LANGUAGE)
    except StoreError:
        return
    chosen = choose(None, setting, os.environ, available_languages())
    use_language(chosen.code, chosen.tag)


def db_path(args: argparse.Namespace) -> Path:
    from tui.storage.atomic import resolve_target
    from tui.storage.store import default_db_path

    given: Path | None = getattr(args, "db", None)
    # A symlink is followed to its target once, here, so the commands and the store agree on
    # where the file, its lock and its backups are.
    return resolve_target(given.expanduser() if given else default_db_path())


class _WarningFormatter(logging.Formatter):
    """`supple: warning: …` with its frame in the language in use when the line is written."""

    def format(self, record: logging.LogRecord) -> str:
        # Translators: a note on stderr about the data file; {message} is the note itself.
        return _("supple: warning: {message}").format(message=record.getMessage())


@contextmanager
def warnings_to_stderr() -> Iterator[None]:
    """The store's notes about damaged documents, one line each on stderr, while it lasts.
    Never while the app runs: a line written then would land in the middle of its screen."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_WarningFormatter())
    logger = logging.getLogger("tui.storage")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
