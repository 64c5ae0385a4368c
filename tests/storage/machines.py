"""Several "machines" in one test process: own state, cache, clock and copy of the data folder."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import tui.domain.clock as clock
from tui.storage.conflicts import original_name
from tui.storage.machine import CACHE_ENV, STATE_ENV
from tui.storage.machine import current as current_machine
from tui.storage.store import Store

# The names each sync tool gives a copy of NAME.EXT that lost (tui/storage/conflicts.py).
FORMS: dict[str, Callable[[str, str], str]] = {
    "syncthing": lambda stem, ext: f"{stem}.sync-conflict-20261206-212054-75YE3JB{ext}",
    "dropbox": lambda stem, ext: f"{stem} (Desktop's conflicted copy 2026-12-06){ext}",
    "nextcloud": lambda stem, ext: f"{stem} (conflicted copy 2026-12-06 212054){ext}",
}


def conflict_name(name: str, form: str, number: int = 0, repeat: int = 0) -> str:
    """The name `form`'s sync tool gives a conflict copy of `name`; `number` varies its time.
    Dropbox's name has only a date, so a later copy of the same day is told apart by a count,
    `repeat` (`… conflicted copy 2026-12-06 (1)).json`): a sync tool never writes a conflict
    copy over another, since that copy may hold the only trace of a change."""
    stem, dot, ext = name.rpartition(".")
    made = FORMS[form](stem, dot + ext) if dot else FORMS[form](name, "")
    if repeat and form == "dropbox":
        made = made.replace("2026-12-06)", f"2026-12-06 ({repeat}))")
    return made.replace("212054", f"{212054 + number:06d}")


class WallClock:
    """A wall clock the test moves by hand; every machine reads it (plus its own error)."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def tick(self, seconds: float = 1.0) -> datetime:
        self.at += timedelta(seconds=seconds)
        return self.at


class Machine:
    """One computer: its own state and cache folders (so its own id and locks), a clock that
    may be off by `clock_off`, and its own copy of the data folder (`folder/supple.json`)."""

    def __init__(
        self,
        home: Path,
        folder: Path,
        *,
        wall: WallClock | None = None,
        clock_off: timedelta = timedelta(0),
    ) -> None:
        self.name = home.name
        self.state, self.cache = home / "state", home / "cache"
        self.folder = folder
        self.wall = wall
        self.clock_off = clock_off
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def db(self) -> Path:
        return self.folder / "supple.json"

    def now(self) -> datetime:
        real = self.wall.at if self.wall is not None else datetime.now().astimezone()
        return real + self.clock_off

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        """This machine's environment and clock while the block runs."""
        saved = {name: os.environ.get(name) for name in (STATE_ENV, CACHE_ENV)}
        real_now = clock.local_now
        os.environ[STATE_ENV], os.environ[CACHE_ENV] = str(self.state), str(self.cache)
        clock.local_now = self.now
        try:
            yield
        finally:
            clock.local_now = real_now
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    @contextlib.contextmanager
    def start(self) -> Iterator[Store]:
        """A new Supple process on this machine: a fresh store, opened as the app opens it,
        after the start's repairs (`prepare`)."""
        with self.active():
            store = Store.open(self.db)
            store.prepare()
            yield store

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        """A fresh store on this machine with no start's repairs (a command that only reads)."""
        with self.active():
            yield Store(self.db)

    @property
    def id(self) -> str:
        with self.active():
            found = current_machine()
        assert found is not None
        return found.id

    def view(self) -> dict[str, object]:
        """Everything a person sees of the history here, for comparing machines."""
        with self.store() as store:
            return {
                "sessions": sorted(store.sessions(), key=lambda d: str(d.get("id"))),
                "marks": sorted(
                    (day.isoformat(), kind.value) for day, kind in store.marks().items()
                ),
                "routine": store.routine().to_dict(),
                "settings": store.settings(),
            }


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of a data folder by path relative to it (set-aside copies left out)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "supple-set-aside" not in path.parts
    }


def conflict_copies(folder: Path) -> list[str]:
    """Every conflict copy left in a data folder, found by what the sync tools write in their
    names and not only by the store's own `original_name`: a copy the store fails to recognise
    is never absorbed, and must not look like a folder that has settled."""
    return [
        name
        for name in files_of(folder)
        if original_name(Path(name).name) is not None
        or any(mark in Path(name).name for mark in (".sync-conflict-", "conflicted copy"))
    ]


def deliver(
    source: Machine, target: Machine, form: str = "syncthing", number: int = 0
) -> list[str]:
    """What two computers' sync tool does once `source` and `target` changed apart: the
    source's own session files replace the target's copies (only the source writes them), the
    target's own stay, and a shared file both hold with other bytes (the main file) stays as the
    target has it with the source's beside it as a conflict copy named by `form`. Conflict
    copies travel as files. Returns the conflict copies made."""
    made = []
    own = f"supple-sessions/{target.id}/"
    theirs = f"supple-sessions/{source.id}/"
    for name, data in files_of(source.folder).items():
        there = target.folder / name
        there.parent.mkdir(parents=True, exist_ok=True)
        if name.startswith(own) and there.exists():
            continue
        if not name.startswith(theirs) and there.exists() and there.read_bytes() != data:
            copy = there.with_name(conflict_name(there.name, form, number))
            repeat = 0
            while copy.exists():  # two conflicts in one second are told apart by their time
                number, repeat = number + 1, repeat + 1  # (or, in one day, by a count)
                copy = there.with_name(conflict_name(there.name, form, number, repeat))
            there = copy
            made.append(there.relative_to(target.folder).as_posix())
        there.write_bytes(data)
    return made


def copy_folder(source: Path, target: Path) -> None:
    """Make `target` an exact copy of `source` (a sync tool that has caught up)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
