"""Writers stopped at every step of a write, and killed at random: the file is always whole."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from tests.factories import daily_history, write_history, year_file
from tests.storage.crash_workers import (
    counter_in,
    counter_session,
    die_at_step,
    processes,
    write_until_killed,
)
from tui.storage import atomic
from tui.storage.atomic import TEMP_PREFIX, WRITE_STEPS, write_atomically
from tui.storage.store import Store, read_bundle

# Steps after which the new file is in place; before them the old one still is.
NEW_FROM = WRITE_STEPS.index("replaced")

RANDOM_KILLS = 200
# A cap on the random-kill test's wall time, so a slow CI machine does fewer kills rather than
# running long; on a laptop the 200 kills take a few seconds.
TIME_CAP_S = 20.0


class Boom(Exception):
    """The failure injected at one step of a write."""


def a_file_with_history(path: Path, sessions: int = 30) -> None:
    """A database in today's layout: a main file, and 2025's and 2026's sessions (the counter
    is in 2026's file, which is the one each save rewrites)."""
    from datetime import date

    history = [*daily_history(date(2026, 11, 24), sessions), counter_session(1)]
    history.append(daily_history(date(2025, 12, 31), 1)[0])
    write_history(path, history, layout=True)


def files_of(path: Path) -> dict[str, bytes]:
    """Every file of the database, by name, with its bytes."""
    found = {path.name: path.read_bytes()}
    folder = year_file(path, "2026").parent
    for file in sorted(folder.iterdir()):
        if not file.name.startswith(TEMP_PREFIX):  # temp files are looked at on their own
            found[f"{folder.name}/{file.name}"] = file.read_bytes()
    return found


def year_key(path: Path) -> str:
    """How `files_of` names this machine's file of 2026."""
    year = year_file(path, "2026")
    return f"{year.parent.name}/{year.name}"


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"{TEMP_PREFIX}*"))


def everything_but_the_counter(tables: dict[str, Any]) -> str:
    sessions = [d for d in tables["sessions"].values() if d["id"] != "counter"]
    return json.dumps({**tables, "sessions": sessions}, sort_keys=True)


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_a_write_that_fails_at_any_step_leaves_the_old_or_the_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "supple.json"
    a_file_with_history(path)
    store = Store.open(path)
    before = files_of(path)

    def fail(name: str) -> None:
        if name == step:
            raise Boom(name)

    monkeypatch.setattr(atomic, "step_hook", fail)
    with pytest.raises(Boom):
        store.save_session(counter_session(2))
    monkeypatch.setattr(atomic, "step_hook", None)

    new = WRITE_STEPS.index(step) >= NEW_FROM
    assert counter_in(read_bundle(path)) == (2 if new else 1)
    after = files_of(path)
    if not new:
        assert after == before
    # A save rewrites its year's file, and no other.
    assert {name for name in before if before[name] != after[name]} <= {year_key(path)}
    assert not temp_files(tmp_path)  # a failed write tidies its own temp file
    store.save_session(counter_session(3))  # and lets go of the lock
    assert counter_in(read_bundle(path)) == 3


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_a_writer_killed_at_any_step_leaves_the_old_or_the_new_file(
    tmp_path: Path, step: str
) -> None:
    """SIGKILL, not an exception: no cleanup runs, as when the power or the terminal goes."""
    path = tmp_path / "supple.json"
    a_file_with_history(path)
    before = files_of(path)
    writer = processes().Process(target=die_at_step, args=(str(path), step, 2))
    writer.start()
    writer.join()
    assert writer.exitcode == -signal.SIGKILL

    new = WRITE_STEPS.index(step) >= NEW_FROM
    assert counter_in(read_bundle(path)) == (2 if new else 1)
    after = files_of(path)
    if not new:
        assert after == before
    assert {name for name in before if before[name] != after[name]} <= {year_key(path)}
    # A writer killed before its rename leaves its temp file; the next start removes it.
    assert bool(temp_files(tmp_path)) is (not new)
    Store.open(path).prepare()
    assert not temp_files(tmp_path)
    assert counter_in(read_bundle(path)) == (2 if new else 1)


def test_writers_killed_at_random_moments_never_break_the_file(tmp_path: Path) -> None:
    """Hundreds of real writer processes, each SIGKILLed at a random instant of its loop of
    saves: after each, the file parses and holds the last finished save or the one after."""
    path = tmp_path / "supple.json"
    a_file_with_history(path, sessions=200)  # a bigger file, so each write takes longer
    untouched = everything_but_the_counter(read_bundle(path))
    context = processes()
    committed = context.Value("q", 1, lock=False)
    rng = random.Random(20261126)
    deadline = time.monotonic() + TIME_CAP_S
    kills = 0
    while kills < RANDOM_KILLS and time.monotonic() < deadline:
        # A new event for each writer: one killed inside `set()` leaves its event's lock
        # held, and the next writer's must not wait on it.
        ready = context.Event()
        writer = context.Process(target=write_until_killed, args=(str(path), committed, ready))
        writer.start()
        assert ready.wait(timeout=30), "the writer never finished its first save"
        # Where the kill lands inside the loop of saves; nothing waits on this delay.
        time.sleep(rng.uniform(0, 0.01))
        os.kill(writer.pid or 0, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL
        kills += 1

        tables = read_bundle(path)  # raises if any file were broken
        # The save in progress when the kill came may or may not have reached the rename.
        assert counter_in(tables) in (committed.value, committed.value + 1)
        assert everything_but_the_counter(tables) == untouched
        committed.value = counter_in(tables)

    assert kills > 0
    store = Store.open(path)
    store.prepare()
    assert not temp_files(tmp_path)  # every temp file a kill left is gone after a start
    assert len(store.sessions()) == 202


def test_the_data_reaches_the_disk_before_the_rename_and_the_rename_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a kill cannot show: after a power cut the file is whole only if the temp file is
    fsynced before the rename, and the folder after it."""
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(source: Any, target: Any) -> None:
        calls.append("replace")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomically(tmp_path / "f.json", "{}")
    assert calls == ["fsync file", "replace", "fsync folder"]
