"""The one saver: every change is written off the event loop, in order, kept and retried until
it lands, and the person is told one way; screens ask with `Save` and hear `Saved`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from typing import TYPE_CHECKING, Any

from tui.changes import (
    Change,
    MarkChange,
    RoutineChange,
    SessionChange,
    SessionDeletion,
    SettingsChange,
)
from tui.domain.history import HistorySettings, MarkKind
from tui.domain.routine import Routine
from tui.i18n import _
from tui.messages import Saved
from tui.storage.writer import BackgroundWriter

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from tui.storage.store import Store

# A change whose save failed is tried again this often, and said on screen until it lands.
RETRY_SAVE_S = 5.0
SAVE_PROBLEM_TIMEOUT_S = 24 * 60 * 60


def _nothing() -> None:
    return None


class Saver:
    """Changes wait here, newest per key, from the moment they are asked for until they are
    in the file: reads through the saver see them at once (`routine`, `settings`, `marks`),
    a failed one stays and is retried, and a session still here when the app closes is kept
    by the command line (`unsaved_sessions`)."""

    def __init__(self, app: App[Any], store: Store) -> None:
        self._app = app
        self._store = store
        self.writer = BackgroundWriter()
        self._waiting: dict[str, Change] = {}
        self._failing: set[str] = set()
        self._problem: str | None = None
        self._retry: Timer | None = None
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        """Called once the app runs: where finished writes hand their outcome back to."""
        self._loop = asyncio.get_running_loop()

    # -- asking ----------------------------------------------------------------------

    def save(self, change: Change) -> Future[Any]:
        """Queue `change`; the screen shown hears `Saved` once it has landed."""
        self._waiting.pop(change.key, None)
        self._waiting[change.key] = change  # the newest last: reads apply them in order
        self._in_flight += 1
        self._idle.clear()
        future = self.writer.submit(self._write, change, report=False)
        future.add_done_callback(lambda done: self._on_app_thread(self._landed, change, done))
        return future

    def run(self, job: Callable[[], Any]) -> Future[Any]:
        """Another write (an export) in the same queue, after every change asked for so far."""
        return self.writer.submit(job, report=False)

    def _write(self, change: Change) -> None:
        store = self._store
        if isinstance(change, SessionChange):
            store.save_session(change.document)
        elif isinstance(change, RoutineChange):
            store.save_routine(change.routine)
        elif isinstance(change, SettingsChange):
            store.save_settings(change.values)
        elif isinstance(change, MarkChange):
            store.set_mark(change.day, change.kind)
        elif isinstance(change, SessionDeletion):
            store.delete_session(change.session_id)
        else:
            # Stamped as it is written, on the clock the tombstone was stamped with (the
            # store's), so the copy brought back outranks its deletion however late either
            # was written.
            from tui.domain.clock import local_now
            from tui.domain.session_edits import brought_back

            store.save_session(brought_back(change.document, local_now()))

    def _on_app_thread(self, callback: Callable[..., None], *args: Any) -> None:
        # Done callbacks run on the writer's thread: call_later runs it as one of the app's
        # own messages, in its context, which timers and notifications need.
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._app.call_later, callback, *args)

    def _landed(self, change: Change, done: Future[Any]) -> None:
        self._in_flight -= 1
        error = None if done.cancelled() else done.exception()
        if error is not None:
            self._failing.add(change.key)
            self._say_failing(error)
        else:
            if self._waiting.get(change.key) is change:
                del self._waiting[change.key]  # no newer change of it is on its way
                self._failing.discard(change.key)
            if self._problem is not None and not self._failing:
                self._all_saved()
            self._app.screen.post_message(Saved(change))
        if not self._in_flight:
            self._idle.set()

    # -- telling ---------------------------------------------------------------------

    def _say_failing(self, error: BaseException) -> None:
        """One toast that stays until every change lands (said again if the reason changes)."""
        # Translators: a save failed; {error} is the system's reason (often in English).
        problem = _("Not saved yet, kept here and retried: {error}").format(error=error)
        if problem != self._problem:
            self._problem = problem
            self._app.clear_notifications()
            self._app.notify(problem, severity="error", timeout=SAVE_PROBLEM_TIMEOUT_S)
        if self._retry is None:
            self._retry = self._app.set_interval(RETRY_SAVE_S, self.retry)

    def _all_saved(self) -> None:
        self._problem = None
        if self._retry is not None:
            self._retry.stop()
            self._retry = None
        self._app.clear_notifications()
        self._app.notify(_("Saved: everything is in the file now."), timeout=5)

    def retry(self) -> None:
        """Save again, in their newest state, the changes whose last save failed."""
        for key in sorted(self._failing):
            change = self._waiting.get(key)
            if change is not None:
                self.save(change)

    async def settled(self) -> None:
        """Wait, without blocking the event loop, until every change asked for so far has
        landed or failed and the app has heard how."""
        await asyncio.wrap_future(self.writer.submit(_nothing))
        if self._app.is_running:
            await self._idle.wait()

    def close(self) -> None:
        """Finish every queued write (the app is closing)."""
        self.writer.close()

    # -- reading, with the changes not landed yet ------------------------------------

    @property
    def unsaved_sessions(self) -> list[dict[str, Any]]:
        """Sessions whose newest state is not known to be in the file (failed, or queued)."""
        return [c.document for c in self._waiting.values() if isinstance(c, SessionChange)]

    def sessions(self) -> list[dict[str, Any]]:
        """Every stored session document (a run's own saves are heard as `Saved`)."""
        return self._store.sessions()

    def history_settings(self) -> HistorySettings:
        """The settings the history rules need, as stored (a new goal is heard as `Saved`)."""
        return self._store.history_settings()

    def routine(self) -> Routine:
        """The routine as it will be once every change asked for has landed."""
        waiting = self._waiting.get("routine")
        return waiting.routine if isinstance(waiting, RoutineChange) else self._store.routine()

    def settings(self) -> dict[str, Any]:
        settings = self._store.settings()
        for change in self._waiting.values():
            if isinstance(change, SettingsChange):
                settings.update(change.values)
        return settings

    def marks(self) -> dict[date, MarkKind]:
        marks = self._store.marks()
        for change in self._waiting.values():
            if isinstance(change, MarkChange):
                if change.kind is None:
                    marks.pop(change.day, None)
                else:
                    marks[change.day] = change.kind
        return marks
