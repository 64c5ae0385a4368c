"""Several Supple processes writing one file at once: no update is ever lost."""

from __future__ import annotations

from pathlib import Path

from tests.storage.crash_workers import processes, save_many
from tui.storage.store import Store

WORKERS = 4
SESSIONS_EACH = 25


def test_parallel_writers_lose_no_session_and_no_mark(tmp_path: Path) -> None:
    """Each process saves its sessions twice (started, finished) and sets a mark between;
    every save is a read-modify-write, so without the lock some would overwrite others."""
    path = tmp_path / "supple.json"
    Store.open(path).prepare()
    context = processes()
    go = context.Event()
    writers = [
        context.Process(target=save_many, args=(str(path), n, SESSIONS_EACH, "2026-01-01", go))
        for n in range(WORKERS)
    ]
    for writer in writers:
        writer.start()
    go.set()  # all of them at once, so their writes interleave
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0

    store = Store.open(path)
    sessions = store.sessions()
    expected = {f"worker{w}-{n}" for w in range(WORKERS) for n in range(SESSIONS_EACH)}
    assert len(sessions) == WORKERS * SESSIONS_EACH
    assert {s["id"] for s in sessions} == expected
    assert all(s["completed"] and s["ended_at"] for s in sessions)  # the later save won
    assert len(store.marks()) == WORKERS * SESSIONS_EACH
    assert store.warnings == []
