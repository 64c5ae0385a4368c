"""Runs store writes one at a time, in order, on one thread beside the event loop.

A save rewrites one year's file of sessions (tui/storage/layout.py), a few hundred kilobytes
at most: serialising it holds Python's GIL for a few milliseconds, and the fsyncs release it,
so saving from a thread never stalls a frame for long (bench/README.md). Writes used to go to
a helper process, when every save rewrote the whole history; that process is gone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)


def _nothing() -> None:
    return None


class BackgroundWriter:
    """Writes keep their order, and `close()` waits for the last one."""

    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._on_error = on_error
        self._local = ThreadPoolExecutor(max_workers=1, thread_name_prefix="supple-writer")

    def submit(self, write: Callable[..., Any], *args: Any, report: bool = True) -> Future[Any]:
        """Queue `write(*args)`; with `report=False` a failure is left to the caller's own
        handling of the future, instead of `on_error`."""
        future = self._local.submit(write, *args)
        if report:
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
        """Finish every queued write, then stop the thread."""
        self._local.shutdown(wait=True)
