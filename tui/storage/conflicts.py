"""The copies sync tools leave when two computers changed one file: found by their names.

Syncthing:  NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT   (the extension stays at the end)
Dropbox:    NAME (Someone's conflicted copy YYYY-MM-DD).EXT, a later one that day
            NAME (Someone's conflicted copy YYYY-MM-DD (1)).EXT
Nextcloud:  NAME (conflicted copy YYYY-MM-DD HHMMSS).EXT

The store merges each copy's contents into the history by the rules of merge_rules.py and
then removes it; a copy that cannot be read is moved aside into `<stem>-set-aside/` and named,
never merged in part (tui/storage/store.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from tui.storage.layout import MACHINE_FOLDER, sessions_folder

_FORMS = (
    re.compile(r"(?P<base>.+)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}(?P<ext>\.[^./]+)?"),
    # Dropbox's name has only the day: a second copy that day is counted, `… (1))`. Missed, it
    # would never be absorbed, and a change only it holds would be lost from the history.
    re.compile(
        r"(?P<base>.+?) \((?:[^()]*[ ])?conflicted copy[^()]*(?: \([0-9]+\))?\)(?P<ext>\.[^./]+)?"
    ),
)
SET_ASIDE = "set-aside"


def original_name(name: str) -> str | None:
    """The name of the file a conflict copy was copied from; None for any other name. A copy
    of a copy (two sync tools, or one copy changed on two computers) names the first file."""
    found = None
    while True:
        for form in _FORMS:
            match = form.fullmatch(name)
            if match:
                name = found = match["base"] + (match["ext"] or "")
                break
        else:
            return found


class ConflictCopy(NamedTuple):
    """A copy found, and the file of ours it is a copy of."""

    path: Path
    original: Path


def _copies_in(folder: Path, wanted: re.Pattern[str] | None, names: set[str]) -> list[ConflictCopy]:
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in entries:
        original = original_name(name)
        if original is None:
            continue
        if original in names or (wanted is not None and wanted.fullmatch(original)):
            found.append(ConflictCopy(folder / name, folder / original))
    return found


_YEAR = re.compile(r"(?:[0-9]{4}|undated)\.json")
# What earlier Supples kept in the sessions folder: only caches, which are worth nothing.
_LEGACY_CACHE = {"summary.json"}


def find(db: Path) -> list[ConflictCopy]:
    """Every conflict copy of the database's files: of the main file beside it, of a year
    file in any machine's folder (or a legacy flat one), of an old summary kept there."""
    found = _copies_in(db.parent, None, {db.name, f"{db.name}.lock"})
    folder = sessions_folder(db)
    found += _copies_in(folder, _YEAR, _LEGACY_CACHE)
    try:
        machines = [name for name in sorted(os.listdir(folder)) if MACHINE_FOLDER.fullmatch(name)]
    except OSError:
        machines = []
    for machine in machines:
        found += _copies_in(folder / machine, _YEAR, set())
    return found


def set_aside_folder(db: Path) -> Path:
    return db.parent / f"{db.stem}-{SET_ASIDE}"


def set_aside(db: Path, copy: Path) -> Path:
    """Move a copy that cannot be merged where no start will look for it again, keeping its
    name (and its folder's, for a year file) so a person can tell what it was."""
    folder = set_aside_folder(db)
    folder.mkdir(parents=True, exist_ok=True)
    prefix = "" if copy.parent == db.parent else f"{copy.parent.name}-"
    target = folder / f"{prefix}{copy.name}"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{prefix}{copy.name}.{number}"
    os.replace(copy, target)
    return target
