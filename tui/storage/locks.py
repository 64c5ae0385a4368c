"""This machine's locks on a database: one for changes, one per run being played.

They live in the machine's state folder (tui/storage/machine.py), never beside the data: a
sync tool would copy them to other computers, where they mean nothing. The operating system
drops a lock when its process dies, however it dies.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.storage.machine import local_key, state_folder

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_S = 10.0
FOLDER = "locks"


def locks_folder() -> Path:
    return state_folder() / FOLDER


def change_lock(db: Path) -> FileLock:
    """Held by every change of the database at `db` made on this machine."""
    # filelock is imported on the first write, not at start: reading needs no lock.
    from filelock import FileLock

    return FileLock(str(locks_folder() / f"{local_key(db)}.lock"), timeout=LOCK_TIMEOUT_S)


def run_lock(db: Path, session_id: str) -> FileLock:
    """Held by the process playing a session, so no other start closes it as crashed."""
    from filelock import FileLock

    return FileLock(str(locks_folder() / f"{local_key(db)}.run-{session_id}.lock"))


def runs_elsewhere(db: Path) -> list[str]:
    """The ids of sessions another process on this machine is playing now (another terminal,
    another browser tab): their run locks are held. Only lock files are looked at, so this is
    as cheap with years of history as with none. A run on another computer is that
    computer's: its session is simply another machine's session here."""
    from glob import escape as glob_escape  # here: only this needs it, not start-up

    prefix = f"{local_key(db)}.run-"
    live = []
    for lock_file in locks_folder().glob(f"{glob_escape(prefix)}*.lock"):
        session_id = lock_file.name[len(prefix) : -len(".lock")]
        lock = run_lock(db, session_id)
        try:
            lock.acquire(timeout=0)
        except TimeoutError:  # filelock's Timeout is a TimeoutError
            live.append(session_id)
        except OSError:
            continue
        else:
            lock.release()  # a crashed run's: the next start closes its session
    return live
