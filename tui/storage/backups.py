"""Daily copies of the database in a `backups/` folder beside it, and putting one back.

A backup is one file holding the whole database (a bundle: tui/storage/layout.py), so it is
one history at one instant, and any backup can be put back, whatever layout it was taken in."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from tui.i18n import _
from tui.storage.atomic import read_json_file, remove_stale_temp_files, write_atomically
from tui.storage.errors import StoreError

FOLDER = "backups"
KEEP_DAILY = 7


def backup_folder(db: Path) -> Path:
    return db.parent / FOLDER


def _names(db: Path) -> re.Pattern[str]:
    # Named after the data file, so two data files in one folder keep their backups apart.
    return re.compile(
        re.escape(db.stem) + r"-(?P<day>\d{4}-\d{2}-\d{2})(?:-schema-(?P<schema>\d+))?\.json"
    )


def is_copy_of(db: Path, candidate: Path) -> bool:
    """Whether `candidate` names one of `db`'s backups or a copy a restore kept beside it."""
    if candidate.parent == backup_folder(db) and _names(db).fullmatch(candidate.name):
        return True
    return candidate.parent == db.parent and candidate.name.startswith(f"{db.name}.before-restore-")


def daily_name(db: Path, day: date) -> str:
    return f"{db.stem}-{day.isoformat()}.json"


def migration_name(db: Path, day: date, version: int) -> str:
    """The copy of a schema-`version` file taken before it is upgraded; never pruned."""
    return f"{db.stem}-{day.isoformat()}-schema-{version}.json"


class Backup(NamedTuple):
    """One backup file as `supple restore` lists it. (A NamedTuple, which Python builds
    faster than a dataclass: this module is loaded at every start, for the daily copy.)"""

    path: Path
    day: date
    size: int
    sessions: int | None  # None when the copy cannot be read
    note: str  # why it was taken, or what is wrong with it

    @property
    def name(self) -> str:
        return self.path.name


def take_daily(db: Path, day: date, content: Callable[[], bytes | None]) -> Path | None:
    """Write today's backup of `db` (`content()`: the whole database, None when there is
    none yet) unless there is one already, then keep the newest few. Call it under the
    database's lock, so the copy is of whole writes."""
    target = backup_folder(db) / daily_name(db, day)
    if target.exists():
        return None
    data = content()
    if data is None:
        return None
    write_atomically(target, data)
    _mark_as_newest(target, _daily(db))
    prune(db, just_made=target)
    return target


def take_before_migration(db: Path, day: date, version: int, content: bytes) -> Path:
    """Keep the whole history as it is (`content`, one bundle) before an upgrade changes it."""
    target = backup_folder(db) / migration_name(db, day, version)
    if target.exists():
        # The first copy of the day stays, never overwritten: a later upgrade that day is of a
        # file put back (a backup, or a copy a restore kept aside), which is itself kept.
        return target
    write_atomically(target, content)
    return target


def _daily(db: Path) -> list[Path]:
    pattern = _names(db)
    return [p for p in _files(db) if (m := pattern.fullmatch(p.name)) and m["schema"] is None]


def _made_at(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _mark_as_newest(made: Path, daily: list[Path]) -> None:
    """Make the modification time of the copy just made the newest of all, even when the
    clock was set later before (a copy dated 2100): the times then keep the order in which
    the copies were made, which is what pruning goes by."""
    newest = max((_made_at(p) for p in daily if p != made), default=0)
    if _made_at(made) < newest:
        with contextlib.suppress(OSError):
            os.utime(made, ns=(newest + 1_000_000_000, newest + 1_000_000_000))


def prune(db: Path, just_made: Path | None = None) -> list[Path]:
    """Delete daily backups beyond the newest KEEP_DAILY in the order they were made (their
    modification times, not the dates in their names, which a wrong clock can put anywhere);
    the copy just made is never one of them. Copies taken before a migration stay."""
    daily = sorted(_daily(db), key=lambda p: (_made_at(p), p.name), reverse=True)
    removed = [p for p in daily[KEEP_DAILY:] if p != just_made]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def remove_stale_temp_files_of_backups(db: Path) -> int:
    """Tidy copies a killed process left half made; call it under the data file's lock."""
    return remove_stale_temp_files(backup_folder(db), _names(db).pattern)


def _files(db: Path) -> list[Path]:
    try:
        return [p for p in backup_folder(db).iterdir() if not p.name.startswith(".")]
    except OSError:
        return []


def list_backups(db: Path) -> list[Backup]:
    """Every backup of `db`, newest first, with what a person needs to choose one."""
    pattern = _names(db)
    found = []
    for path in _files(db):
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            day = date.fromisoformat(match["day"])
        except ValueError:
            continue
        schema = match["schema"]
        # "daily" is no words but a sign: `supple restore` shows the others beside the backup.
        note = (
            "daily"
            if schema is None
            # Translators: a backup's note in `supple restore`; {schema} is a number.
            else _("schema {schema}, taken before an upgrade").format(schema=schema)
        )
        sessions: int | None
        try:
            tables = read_json_file(path) or {}
            sessions = sum(1 for d in tables.get("sessions", {}).values() if not _is_tombstone(d))
        except StoreError as error:
            # Translators: a backup's note in `supple restore`; {problem} what is wrong.
            sessions, note = None, _("damaged: {problem}").format(problem=error.problem)
        found.append(Backup(path, day, path.stat().st_size, sessions, note))
    # Newest day first; on one day the daily copy (taken first thing) after the others.
    return sorted(found, key=lambda b: (b.day, b.note != "daily", b.name), reverse=True)


def _is_tombstone(document: object) -> bool:
    return isinstance(document, dict) and document.get("deleted") is True


def aside_name(db: Path, now: datetime) -> Path:
    """Where the current file goes when a backup is put back; never an existing file."""
    base = db.with_name(f"{db.name}.before-restore-{now:%Y%m%d-%H%M%S}")
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def put_back(db: Path, content: bytes, now: datetime, current: bytes | None) -> Path | None:
    """Put a backup's `content` in place of `db`, keeping `current` (the whole database as it
    is, None when there is none) beside it under a new name. Call it under the database's
    lock. Returns where the current database went."""
    aside = None
    if current is not None:
        aside = aside_name(db, now)
        # Written before the main file changes: at every instant the history is there, whole.
        write_atomically(aside, current)
    write_atomically(db, content)
    return aside
