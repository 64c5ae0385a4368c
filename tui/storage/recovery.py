"""What a start repairs, under the lock: temp files killed writers left, conflict copies sync
tools left, and this machine's sessions a crash left open.

Most starts find nothing to do, and then take no lock and write nothing, which keeps start-up
fast on a long history (`needs_preparing`).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tui.storage import backups, summary
from tui.storage.atomic import TEMP_PREFIX, TEMP_SUFFIX, remove_stale_temp_files
from tui.storage.layout import (
    MACHINE_FOLDER,
    key_machine,
    session_file_names,
    session_files,
    sessions_folder,
)
from tui.storage.machine import IDENTITY, cache_folder, state_folder

if TYPE_CHECKING:
    from tui.storage.store import Store
    from tui.storage.unit_of_work import Change

# A session still running, as Supple writes it: found without parsing years of history.
OPEN_SESSION = re.compile(rb'"ended_at"\s*:\s*null')
# Another computer's writer is not under this one's lock: its temp files are left for an hour.
OTHERS_TEMP_AGE_S = 3600.0


def _data_folder_targets(db: Path) -> str:
    """The files Supple writes beside the main file: itself, the copies a restore keeps, and
    the sessions kept when a save failed to the end."""
    name = re.escape(db.name)
    return rf"{name}|{name}\.before-restore-[0-9-]+|supple-unsaved-[0-9-]+\.json"


def _temp_places(store: Store) -> list[tuple[Path, str, float]]:
    """(folder, names of the files whose temp files are tidied there, minimum age)."""
    db = store.path
    own = store._own_id()
    folder = sessions_folder(db)
    places = [
        (db.parent, _data_folder_targets(db), 0.0),
        (folder, session_file_names() + r"|summary\.json", 0.0),
        (cache_folder() / summary.FOLDER, r"[0-9a-f]+\.json", 0.0),
        (state_folder(), re.escape(IDENTITY), 0.0),
    ]
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if MACHINE_FOLDER.fullmatch(name):
                age = 0.0 if name == own else OTHERS_TEMP_AGE_S
                places.append((folder / name, session_file_names(), age))
    return places


def _has_temp(folder: Path) -> bool:
    with contextlib.suppress(OSError):
        return any(
            n.startswith(TEMP_PREFIX) and n.endswith(TEMP_SUFFIX) for n in os.listdir(folder)
        )
    return False


def needs_preparing(store: Store) -> bool:
    """Whether `repair` has anything to do."""
    from tui.storage.absorb import pending
    from tui.storage.parsed import identity
    from tui.storage.session_reading import vouched
    from tui.storage.upgrade import needs_upgrade

    if identity(store.path) is None:
        return True
    raw = store.files.read(store.path)
    main, _, _ = store._main()
    # A file broken since it was opened is refused here, as a write would refuse it.
    store._check_documents(main)
    if raw is not None and needs_upgrade(store.path, raw):
        return True
    if pending(store):
        return True
    own = store._own_id()
    trusted = vouched(store)
    for key, path in session_files(store.path).items():
        if key_machine(key) != own:
            continue  # another computer's open session is its own run, not a crash here
        # The summary knows for the files it vouches for; in the others, searching the bytes
        # finds an open session without parsing them.
        if key in trusted:
            if trusted[key].get("open") is False:
                continue
            return True
        try:
            if OPEN_SESSION.search(path.read_bytes()):
                return True
        except OSError:
            return True
    if any(_has_temp(folder) for folder, _, _ in _temp_places(store)):
        return True
    return _has_temp(backups.backup_folder(store.path))


def tidy_temp_files(store: Store) -> int:
    """Every kind of temp file Supple makes, and only those. Call it under the lock: no
    writer of this machine is then between its temp file and its rename."""
    removed = 0
    for folder, targets, age in _temp_places(store):
        if age:
            removed += _remove_old_temps(folder, targets, age)
        else:
            removed += remove_stale_temp_files(folder, targets)
    removed += backups.remove_stale_temp_files_of_backups(store.path)
    return removed


def _remove_old_temps(folder: Path, targets: str, age: float) -> int:
    ours = re.compile(
        re.escape(TEMP_PREFIX) + f"(?:{targets})-[a-z0-9_]{{8}}" + re.escape(TEMP_SUFFIX)
    )
    removed = 0
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            path = folder / name
            with contextlib.suppress(OSError):
                if ours.fullmatch(name) and time.time() - path.stat().st_mtime > age:
                    path.unlink()
                    removed += 1
    return removed


def close_crashed(store: Store, work: Change) -> int:
    """Close this machine's sessions a crash left open; returns how many."""
    from tui.domain.export_format import ExportError, check_session
    from tui.domain.session import close_unfinished

    own = store._own_id()
    closed = 0
    for key, path in session_files(store.path).items():
        if key_machine(key) != own:
            continue
        try:
            if not OPEN_SESSION.search(path.read_bytes()):
                continue
        except OSError:
            pass
        sessions = work.sessions_of(key)
        for doc_id, doc in list(sessions.items()):
            if not isinstance(doc, dict) or doc.get("ended_at", "") is not None:
                continue
            try:
                check_session(doc, "session")
            except ExportError:
                continue  # a damaged document is left exactly as it is
            # A run whose lock is still held is going on in another terminal.
            lock = store.run_lock(str(doc["id"]))
            try:
                lock.acquire(timeout=0)
            except TimeoutError:  # filelock's Timeout is a TimeoutError
                continue
            try:
                sessions[doc_id] = close_unfinished(doc)
                work.touch(key)
                closed += 1
            finally:
                # Only its own process ever claims a session's run lock, and that process
                # is gone, so it is safe to let go before the write below.
                lock.release()
                Path(lock.lock_file).unlink(missing_ok=True)
    return closed


def repair(store: Store, work: Change) -> int:
    """Tidy, absorb, close: the whole of a start's repairs, in one locked change."""
    from tui.storage.absorb import absorb

    tidy_temp_files(store)
    absorb(store, work)
    return close_crashed(store, work)
