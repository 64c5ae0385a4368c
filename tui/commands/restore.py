"""`supple restore [NAME]`: list the daily backups, or put one back in place of the file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.domain.session import local_now
from tui.storage.backups import Backup, backup_folder, list_backups
from tui.storage.errors import StoreError
from tui.storage.store import Store


def define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "backup",
        nargs="?",
        metavar="NAME",
        help="a number or a name from the list, or the path of any Supple file",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, path: Path) -> int:
    found = list_backups(path)
    if args.backup is None:
        return list_them(path, found)
    backup = choose(args.backup, found)
    if backup is None:
        print(
            f"supple: there is no backup {args.backup!r} of {path}; `supple restore` lists them",
            file=sys.stderr,
        )
        return 2
    # A backup Supple cannot read raises StoreError before anything is touched.
    try:
        kept = Store(path).restore(backup, local_now())
    except StoreError as error:
        if error.path != backup:
            raise  # the data file's own trouble, said as every command says it
        print(
            f"supple: will not restore from {backup}: {error.problem}; nothing was changed",
            file=sys.stderr,
        )
        return 2
    sessions = len(Store(path).sessions())
    print(f"Restored {backup.name} ({_count(sessions, 'session')}) as {path}.")
    if kept:
        print(f"What it replaced is kept as {' and '.join(str(p) for p in kept)}.")
    return 0


def list_them(path: Path, found: list[Backup]) -> int:
    if not found:
        print(
            f"No backups of {path} yet (in {backup_folder(path)}): Supple makes one "
            "on the first start of each day."
        )
    else:
        print(f"Backups of {path}, newest first:")
        for number, backup in enumerate(found, start=1):
            sessions = "—" if backup.sessions is None else _count(backup.sessions, "session")
            print(
                f"{number:>3}  {backup.day:%a %Y-%m-%d}  {_size(backup.size):>8}  "
                f"{sessions:<13} {backup.name}"
                + ("" if backup.note == "daily" else f"  ({backup.note})")
            )
        print("Put one back with `supple restore NUMBER`; the current file is kept beside it.")
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
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
