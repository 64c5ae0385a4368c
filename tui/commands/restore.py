"""`supple restore [NAME]`: list the daily backups, or put one back in place of the file."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from tui.arguments import adopt_stored_language
from tui.commands import shown_decimal, shown_number, shown_weekday
from tui.domain.session import local_now
from tui.i18n import _, ngettext
from tui.storage.backups import Backup, backup_folder, list_backups
from tui.storage.errors import StoreError
from tui.storage.store import Store


def define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "backup",
        nargs="?",
        metavar="NAME",
        help=_("a number or a name from the list, or the path of any Supple file"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, path: Path) -> int:
    # In the stored language when the file says one; a file that cannot be read is for the
    # listing to report, after the list (below), so nothing here depends on it.
    with contextlib.suppress(StoreError):
        adopt_stored_language(Store(path))
    found = list_backups(path)
    if args.backup is None:
        return list_them(path, found)
    backup = choose(args.backup, found)
    if backup is None:
        # Translators: {name} is what was typed, quoted; {path} the data file.
        # `supple restore` is a command: keep it.
        words = _("supple: there is no backup {name} of {path}; `supple restore` lists them")
        print(words.format(name=repr(args.backup), path=path), file=sys.stderr)
        return 2
    # A backup Supple cannot read raises StoreError before anything is touched.
    try:
        kept = Store(path).restore(backup, local_now())
    except StoreError as error:
        if error.path != backup:
            raise  # the data file's own trouble, said as every command says it
        # Translators: {backup} is the file asked for; {problem} what is wrong with it.
        words = _("supple: will not restore from {backup}: {problem}; nothing was changed")
        print(words.format(backup=backup, problem=error.problem), file=sys.stderr)
        return 2
    sessions = len(Store(path).sessions())
    # Translators: {backup} is the backup's file name, {sessions} a count such as "3 sessions",
    # {path} the data file it became.
    words = _("Restored {backup} ({sessions}) as {path}.")
    print(words.format(backup=backup.name, sessions=_sessions(sessions), path=path))
    if kept:
        places = str(kept[0])
        for place in kept[1:]:
            # Translators: two paths joined, as in "the file and the folder".
            places = _("{first} and {second}").format(first=places, second=place)
        # Translators: {places} is one path, or two joined by "and".
        print(_("What it replaced is kept as {places}.").format(places=places))
    return 0


def list_them(path: Path, found: list[Backup]) -> int:
    if not found:
        # Translators: {path} is the data file, {folder} where its backups go.
        words = _(
            "No backups of {path} yet (in {folder}): Supple makes one "
            "on the first start of each day."
        )
        print(words.format(path=path, folder=backup_folder(path)))
    else:
        print(_("Backups of {path}, newest first:").format(path=path))
        for number, backup in enumerate(found, start=1):
            sessions = "—" if backup.sessions is None else _sessions(backup.sessions)
            day = f"{shown_weekday(backup.day)} {backup.day:%Y-%m-%d}"
            print(
                f"{number:>3}  {day}  {_size(backup.size):>8}  "
                f"{sessions:<13} {backup.name}"
                + ("" if backup.note == "daily" else f"  ({backup.note})")
            )
        # Translators: `supple restore NUMBER` is a command: keep it (NUMBER may be translated).
        print(_("Put one back with `supple restore NUMBER`; the current file is kept beside it."))
    try:
        # Listing is how a person recovers a damaged file, so it never depends on that file;
        # the damage is still reported, and the exit code says so.
        Store.open(path)
    except StoreError as error:
        print(f"supple: {error}", file=sys.stderr)
        return 2
    return 0


def choose(text: str, found: list[Backup]) -> Path | None:
    """A number from the list, a backup's name, or the path of any file (an older copy kept
    beside the data file by an earlier restore, say)."""
    if text.isdigit():
        number = int(text)
        return found[number - 1].path if 1 <= number <= len(found) else None
    for backup in found:
        if text == backup.name:
            return backup.path
    given = Path(text).expanduser()
    return given if given.is_file() else None


def _size(size: int) -> str:
    if size < 1000:
        # Translators: a file's size in bytes, kilobytes and megabytes: keep them short.
        return _("{size} B").format(size=size)
    if size < 1_000_000:
        return _("{size} kB").format(size=shown_decimal(size / 1000))
    return _("{size} MB").format(size=shown_decimal(size / 1_000_000))


def _sessions(number: int) -> str:
    return ngettext("{count} session", "{count} sessions", number).format(
        count=shown_number(number)
    )
