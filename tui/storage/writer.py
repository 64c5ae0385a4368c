"""Runs store writes one at a time in a helper process, so saving never stalls a frame.

A write of a long history parses and serialises megabytes of JSON; in a thread that work
holds Python's GIL for tens of milliseconds at a time, long enough to make a hold end late.
In its own process it cannot touch the app's event loop at all.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import resource_tracker
from pathlib import Path
from typing import Any

from tui.storage.store import Store

log = logging.getLogger(__name__)

# One Store per file in the helper process, so its read cache lives across writes.
_stores: dict[Path, Store] = {}


def _call_store(path: Path, method: str, args: tuple[Any, ...]) -> Any:
    store = _stores.get(path)
    if store is None:
        store = _stores[path] = Store(path)
    return getattr(store, method)(*args)


def _nothing() -> None:
    return None


_helper: ProcessPoolExecutor | None = None


def _helper_process() -> ProcessPoolExecutor:
    """The one helper process of this program, started at the first write and shared, since
    starting a Python process costs far more than any single write."""
    global _helper
    if _helper is None:
        # "spawn": forking a process that runs threads (Textual's driver does) is unsafe.
        _helper = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn")
        )
    return _helper


def _reset_helper() -> None:
    global _helper
    broken, _helper = _helper, None
    if broken is not None:
        broken.shutdown(wait=False, cancel_futures=True)


def _store_call(store: Store, method: str, args: tuple[Any, ...]) -> Any:
    """Run a store method in the helper process; should that process be gone (killed, out
    of memory), run it right here instead: a slower frame is better than a lost session."""
    try:
        return _helper_process().submit(_call_store, store.path, method, args).result()
    except BrokenProcessPool:
        log.warning("the writer process stopped; this write is made by the app itself")
        _reset_helper()
        return getattr(store, method)(*args)


class BackgroundWriter:
    """Writes keep their order, and `close()` waits for the last one.

    Everything submitted goes through one local thread, in order; `submit(store.method,
    *args)` hands that method to the helper process from there, and any other callable runs
    on the thread itself.
    """

    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._on_error = on_error
        self._local = ThreadPoolExecutor(max_workers=1, thread_name_prefix="supple-writer")
        # Started now, while sys.stderr is still the real one: Textual swaps it for an object
        # without a file descriptor, and the tracker cannot start from that later.
        resource_tracker.ensure_running()

    def submit(self, write: Callable[..., Any], *args: Any) -> Future[Any]:
        owner = getattr(write, "__self__", None)
        if isinstance(owner, Store):
            future = self._local.submit(_store_call, owner, write.__name__, args)
        else:
            future = self._local.submit(write, *args)
        future.add_done_callback(self._report)
        return future

    def _report(self, future: Future[Any]) -> None:
        if future.cancelled():
            return
        error = future.exception()
        if error is None:
            return
        log.error("a background write failed: %s", error)
        if self._on_error is not None:
            self._on_error(error)

    def wait(self) -> None:
        """Block until every write queued so far has finished."""
        self._local.submit(_nothing).result()

    def close(self) -> None:
        """Finish every queued write, then stop the local thread (the helper process is shared
        and ends with the program, after its queue is done)."""
        self._local.shutdown(wait=True)
