"""Where a Supple database lives on disk (schema 2): a small main file and a folder of sessions.

    supple.json                 meta (schema), routine, settings, marks: what the first screen reads
    supple-sessions/2026.json   the sessions that started in 2026, one TinyDB file per year
    supple-sessions/undated.json  sessions whose start is not a readable date (damaged ones)

Every file is a TinyDB JSON file (tables of numbered documents), read with `read_json_file`
and replaced whole with `write_atomically`. A save rewrites one year, never the whole history.

A main file that still holds a `sessions` table is *bundled*: a file from before schema 2, a
backup put back, or any single-file copy. Its sessions are the ones inside it, and the folder
is ignored until the next write moves them out ("unbundles" it). Backups are bundles, so one
backup file is one whole history at one instant.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SESSIONS = "sessions"
# The schema from which sessions live in the folder rather than in the main file.
LAYOUT_SINCE = 2
UNDATED = "undated"
_SESSION_FILE = re.compile(r"(?P<key>[0-9]{4}|undated)\.json")


def sessions_folder(db: Path) -> Path:
    """`supple-sessions/` beside `supple.json`: named after the main file, so two databases in
    one folder keep their sessions apart (as they keep their backups)."""
    return db.parent / f"{db.stem}-sessions"


def session_key(document: object) -> str:
    """The file a session belongs in: the year it started, as its own `started_at` writes it."""
    started = document.get("started_at") if isinstance(document, dict) else None
    if isinstance(started, str) and len(started) >= 5 and started[4] == "-":
        year = started[:4]
        if year.isascii() and year.isdigit():
            return year
    return UNDATED


def session_file(db: Path, key: str) -> Path:
    return sessions_folder(db) / f"{key}.json"


def session_files(db: Path) -> dict[str, Path]:
    """The session files there are, by key, oldest year first ("undated" last)."""
    folder = sessions_folder(db)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    found = {}
    for name in names:
        match = _SESSION_FILE.fullmatch(name)
        if match:
            found[match["key"]] = folder / name
    return dict(sorted(found.items(), key=lambda item: (item[0] == UNDATED, item[0])))


def session_file_names() -> str:
    """A regex of the names of session files (for tidying their temp files)."""
    return r"[0-9]{4}\.json|undated\.json"
