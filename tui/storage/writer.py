"""Runs store writes one at a time on a background thread, so a slow disk never stalls a frame."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)


class BackgroundWriter:
    """A single worker thread: writes keep their order, and `close()` waits for the last one."""

    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="supple-writer")
        self._on_error = on_error

    def submit(self, write: Callable[..., Any], *args: Any) -> Future[Any]:
        future = self._pool.submit(write, *args)
        future.add_done_callback(self._report)
        return future

    def _report(self, future: Future[Any]) -> None:
        error = future.exception()
        if error is None:
            return
        log.error("a background write failed: %s", error)
        if self._on_error is not None:
            self._on_error(error)

    def wait(self) -> None:
        """Block until every write queued so far has finished."""
        self._pool.submit(lambda: None).result()

    def close(self) -> None:
        """Finish every queued write, then stop the thread."""
        self._pool.shutdown(wait=True)
