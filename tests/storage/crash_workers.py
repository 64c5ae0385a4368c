"""Writers that run in child processes, to be killed mid-write or run side by side."""

from __future__ import annotations

import multiprocessing
import os
import signal
from ctypes import c_longlong
from datetime import date, datetime, timedelta, timezone
from multiprocessing.context import ForkServerContext
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from tests.factories import session_document
from tui.domain.history import MarkKind
from tui.storage import atomic
from tui.storage.store import Store

COUNTER_ID = "counter"
ZONE = timezone(timedelta(hours=1))


def processes() -> ForkServerContext:
    """Children forked from a server that has imported Supple once: a new writer costs a
    fork, not an interpreter start, so hundreds of them fit in a few seconds. The test
    process itself is never forked (it may run threads)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def counter_session(value: int) -> dict[str, Any]:
    """A session whose first step's `done` counts the writes made to it."""
    document = session_document(datetime(2026, 11, 25, 7, 0, tzinfo=ZONE))
    document["id"] = COUNTER_ID
    document["steps"][0]["done"] = value
    return document


def counter_in(tables: dict[str, dict[str, Any]]) -> int:
    (document,) = [d for d in tables["sessions"].values() if d["id"] == COUNTER_ID]
    value: int = document["steps"][0]["done"]
    return value


def write_until_killed(path: str, committed: c_longlong, ready: Event) -> None:
    """Save the counter again and again, publishing each value once its write returned."""
    store = Store(Path(path))
    value = committed.value
    announced = False
    while True:
        value += 1
        store.save_session(counter_session(value))
        committed.value = value
        if not announced:
            # Once only: the event's lock is shared with the test, and a kill while this
            # process held it (as `is_set()` on every save did) left it held for good.
            ready.set()
            announced = True


def die_at_step(path: str, step: str, value: int) -> None:
    """Save the counter, and kill this process outright when the write reaches `step`."""

    def hook(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    atomic.step_hook = hook
    Store(Path(path)).save_session(counter_session(value))


def save_many(path: str, worker: int, count: int, first_day: str, go: Event) -> None:
    """Record `count` sessions (saved when started and again when finished) and as many
    marks, all at once with the other workers."""
    store = Store.open(Path(path))
    day = date.fromisoformat(first_day) + timedelta(days=worker * count)
    go.wait()
    for number in range(count):
        started = datetime(2026, 1, 1, 7, 0, tzinfo=ZONE) + timedelta(days=worker * count + number)
        document = session_document(started)
        document["id"] = f"worker{worker}-{number}"
        running = {**document, "ended_at": None, "completed": False}
        store.save_session(running)
        store.set_mark(day + timedelta(days=number), MarkKind.DONE if number % 2 else MarkKind.REST)
        store.save_session(document)


def die_at_event(path: str, event: int) -> None:
    """Start Supple on the database (an upgrade, say), killing this process outright at the
    `event`-th step of its writes, counting every step of every file it writes."""
    seen = 0

    def hook(name: str) -> None:
        nonlocal seen
        seen += 1
        if seen == event:
            os.kill(os.getpid(), signal.SIGKILL)

    atomic.step_hook = hook
    Store.open(Path(path)).prepare()
