"""Where a Supple database lives on disk (schema 3): a small main file and a folder of sessions,
one subfolder per machine that recorded them.

    supple.json                        header, routine, settings, marks (each change stamped),
                                       and which machine holds how many sessions in which file
    supple-sessions/<machine>/2026.json  the sessions one machine started in 2026
    supple-sessions/<machine>/undated.json  its sessions whose start is not a readable date

A machine writes only the files of its own folder (tui/storage/machine.py), so two computers
sharing the folder through a sync tool never write the same session file. Schema 2 kept one
flat folder of year files (`supple-sessions/2026.json`): those are "legacy" files, read as
they are and moved into the folder of the machine that upgrades them.

A main file that still holds a `sessions` table is *bundled*: a file from before schema 2, a
backup put back, or any single-file copy. Its sessions are the ones inside it, and the folder
is ignored until the next write moves them out ("unbundles" it). Backups are bundles, so one
backup file is one whole history at one instant.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from tui.i18n import _

SESSIONS = "sessions"
# The schema from which sessions live in the folder rather than in the main file.
LAYOUT_SINCE = 2
UNDATED = "undated"
DB_ENV = "SUPPLE_DB"
_SESSION_FILE = re.compile(r"(?P<key>[0-9]{4}|undated)\.json")
MACHINE_FOLDER = re.compile(r"[a-z2-7]{12}")


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
    """The file of a key: "<machine>/2026" (or a legacy "2026")."""
    return sessions_folder(db) / f"{key}.json"


def machine_folder(db: Path, machine_id: str) -> Path:
    return sessions_folder(db) / machine_id


def own_key(machine_id: str, year: str) -> str:
    """The key of a machine's file for one year: its path below the sessions folder."""
    return f"{machine_id}/{year}"


def key_machine(key: str) -> str | None:
    """The machine whose file a key names; None for a legacy (schema 2) flat file."""
    return key.split("/", 1)[0] if "/" in key else None


def _list(folder: Path) -> list[str] | None:
    """A folder's names; None when it is not there; StoreError when it is there but cannot be
    listed (a loop of links, no permission, a file in its place)."""
    from tui.storage.errors import StoreError

    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return None
    except NotADirectoryError as error:
        raise StoreError(folder, _("it is a file, not the folder of sessions")) from error
    except PermissionError as error:
        raise StoreError(
            folder,
            _("the folder of sessions cannot be opened (permission denied)"),
            _("Nothing was read or written; give yourself read and search (r-x) permission on it."),
        ) from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StoreError(
                folder, _("the folder of sessions is a loop of symbolic links")
            ) from error
        # Translators: {reason} is the system's own words, such as "Input/output error".
        words = _("the folder of sessions cannot be read ({reason})")
        raise StoreError(folder, words.format(reason=error.strerror)) from error


def folder_state(db: Path) -> str:
    """ "missing", "folder", or StoreError for a folder of sessions that is there but unusable."""
    return "missing" if _list(sessions_folder(db)) is None else "folder"


def session_files(db: Path, *, legacy: bool = True) -> dict[str, Path]:
    """The session files there are, by key ("<machine>/2026", or "2026" for a legacy flat
    file), in a stable order: machines by id, each one's years oldest first, "undated" last."""
    folder = sessions_folder(db)
    names = _list(folder)
    if names is None:
        return {}
    found: dict[str, Path] = {}
    for name in sorted(names):
        match = _SESSION_FILE.fullmatch(name)
        if match:
            if legacy:
                found[match["key"]] = folder / name
            continue
        if not MACHINE_FOLDER.fullmatch(name) or not (folder / name).is_dir():
            continue
        inner = _list(folder / name) or []
        years = sorted(
            (m["key"] for m in map(_SESSION_FILE.fullmatch, inner) if m),
            key=lambda key: (key == UNDATED, key),
        )
        for year in years:
            found[own_key(name, year)] = folder / name / f"{year}.json"
    return found


def session_file_names() -> str:
    """A regex of the names of session files (for tidying their temp files)."""
    return r"[0-9]{4}\.json|undated\.json"


def default_db_path() -> Path:
    """`$SUPPLE_DB`, or supple.json in the user data folder platformdirs gives."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # here, not at the top: most starts name no default and skip it

    return platformdirs.user_data_path("supple") / "supple.json"
