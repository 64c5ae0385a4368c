"""Two machines sharing one history through two real Syncthing instances end with one history."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from tests.factories import session_document
from tests.storage.machines import Machine, conflict_copies
from tests.sync.syncthing import StartSyncthing, SyncthingPair
from tui.domain.history import MarkKind
from tui.domain.routine import default_routine

ROUNDS = 6


def supple(machine: Machine, *args: str) -> str:
    """`supple --db FOLDER/supple.json ARGS` run as its own process on `machine`."""
    env = {**os.environ, "SUPPLE_STATE": str(machine.state), "SUPPLE_CACHE": str(machine.cache)}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(machine.db), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def played(machine: Machine, made: list[str], days_ago: int, minutes: int = 0) -> None:
    """A flow played and saved on `machine` (its run saved open first, as the app does)."""
    start = datetime.now().astimezone().replace(microsecond=0) - timedelta(
        days=days_ago, minutes=minutes + 10
    )
    document = session_document(start)
    with machine.store() as store:
        store.save_session({**document, "ended_at": None, "completed": False})
        store.save_session(document)
    made.append(document["id"])


def settle(pair: SyncthingPair, machines: tuple[Machine, Machine]) -> int:
    """Let Syncthing settle, then start Supple on each side until no conflict copy is left:
    first both at once, then one at a time (each start's write synced before the next).
    Returns the rounds it took."""
    pair.wait_in_sync()
    for round_number in range(1, ROUNDS + 1):
        if not any(conflict_copies(m.folder) for m in machines):
            return round_number - 1
        if round_number == 1:
            for machine in machines:
                with machine.start():
                    pass
            pair.wait_in_sync()
        else:
            for machine in machines:
                with machine.start():
                    pass
                pair.wait_in_sync()
    left = {m.name: conflict_copies(m.folder) for m in machines}
    raise AssertionError(f"conflict copies left after {ROUNDS} rounds: {left}")


def test_two_machines_playing_importing_and_editing_apart_end_with_one_history(
    start_syncthing: StartSyncthing, tmp_path: Path
) -> None:
    began = time.monotonic()
    laptop = Machine(tmp_path / "laptop", tmp_path / "laptop-data")
    desktop = Machine(tmp_path / "desktop", tmp_path / "desktop-data")
    phone = Machine(tmp_path / "phone", tmp_path / "phone-data")
    pair = start_syncthing(laptop.folder, desktop.folder)
    machines = (laptop, desktop)
    made: list[str] = []
    today = datetime.now().astimezone().date()
    day = [today - timedelta(days=n) for n in range(30)]

    # An export from a third history, made by `supple export` (its shape is export's own).
    for days_ago in (20, 21, 22):
        played(phone, made, days_ago)
    with phone.store() as store:
        store.set_mark(day[23], MarkKind.REST)
    exported = tmp_path / "phone-export.json"
    supple(phone, "export", "-o", str(exported))

    # The laptop starts the history; the desktop gets it and starts too.
    with laptop.start() as store:
        store.set_mark(day[10], MarkKind.REST)
        store.set_mark(day[11], MarkKind.DONE)
    played(laptop, made, 1)
    pair.wait_in_sync()
    with desktop.start() as store:
        assert [d["id"] for d in store.sessions()] == made[-1:]

    # Linked: both sides play and change things at the same moment.
    played(laptop, made, 0)
    played(desktop, made, 0, minutes=30)
    with laptop.store() as store:
        store.set_mark(day[5], MarkKind.REST)
    with desktop.store() as store:
        store.set_mark(day[6], MarkKind.DONE)
        store.save_settings({"weekly_goal": 6})
    pair.wait_in_sync()

    # Apart: each side plays, imports the export, marks days and edits the routine and the
    # settings; the later change of each shared thing is the desktop's unless said.
    with pair.link_paused():
        played(laptop, made, 2)
        played(desktop, made, 3)
        supple(laptop, "import", str(exported))
        with laptop.store() as store:
            store.save_routine(dataclasses.replace(default_routine(), name="Laptop flow"))
            store.save_settings({"weekly_goal": 5, "week_starts_on": 1})
            store.set_mark(day[10], None)  # cleared here: stays cleared
            store.set_mark(day[12], MarkKind.DONE)
        supple(desktop, "import", str(exported))
        played(desktop, made, 4)
        with desktop.store() as store:
            store.save_routine(dataclasses.replace(default_routine(), name="Desk flow"))
            store.save_settings({"weekly_goal": 4})
            store.set_mark(day[12], MarkKind.REST)
            store.set_mark(day[13], MarkKind.DONE)
        played(laptop, made, 5)
        pair.rescan()
    # Both changed the main file apart: Syncthing leaves a conflict copy, which starts absorb.
    assert settle(pair, machines) >= 1

    views = [m.view() for m in machines]
    assert views[0] == views[1]
    view = views[0]
    assert sorted(d["id"] for d in view["sessions"]) == sorted(made)  # type: ignore[union-attr]
    assert len(made) == 10
    assert view["marks"] == sorted(
        [
            (day[5].isoformat(), "rest"),
            (day[6].isoformat(), "done"),
            (day[11].isoformat(), "done"),
            (day[12].isoformat(), "rest"),
            (day[13].isoformat(), "done"),
            (day[23].isoformat(), "rest"),
        ]
    )
    assert view["routine"]["name"] == "Desk flow"  # type: ignore[index]
    assert view["settings"] == {"weekly_goal": 4, "week_starts_on": 1}
    stats = [json.loads(supple(m, "stats", "--json")) for m in machines]
    assert stats[0] == stats[1]
    assert stats[0]["sessions"]["total"] == len(made)
    assert stats[0]["current_streak"] > 0 and stats[0]["strength"] > 0
    # Each machine wrote only its own session files: nothing else is left in the folder.
    own_files = {
        f"supple-sessions/{m.id}/{year}.json"
        for m in machines
        for year in range(today.year - 1, today.year + 1)
    }
    for machine in machines:
        names = {
            p.relative_to(machine.folder).as_posix()
            for p in machine.folder.rglob("*")
            # Syncthing's own temp files come and go while it works; they are its business.
            if p.is_file() and ".stfolder" not in p.parts and not p.name.startswith(".syncthing.")
        }
        assert "supple.json" in names and names - {"supple.json"} <= own_files, names
    assert time.monotonic() - began < 60
