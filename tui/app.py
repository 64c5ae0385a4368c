"""The Textual app: owns the store and the background writer, and switches between screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import BaseFileLock, Timeout
from textual.app import App
from textual.binding import Binding

from tui.domain.clock import Clock, MonotonicClock, ScaledClock
from tui.domain.history import HistoryStats, SessionFacts, history_stats
from tui.domain.session import Session, local_now
from tui.screens.editor import EditorScreen
from tui.screens.history import HistoryScreen
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store
from tui.storage.writer import BackgroundWriter


def styles_dir() -> Path:
    """The .tcss folder: inside the installed package, or at the top of a source checkout."""
    packaged = Path(__file__).parent / "styles"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "styles"


class SuppleApp(App[None]):
    """One thin app: screens do the work, the store keeps the data, the domain keeps the rules."""

    TITLE = "Supple"
    CSS_PATH = [
        styles_dir() / "app.tcss",
        styles_dir() / "routine.tcss",
        styles_dir() / "history.tcss",
        styles_dir() / "editor.tcss",
    ]
    MODES = {"routine": RoutineScreen, "history": HistoryScreen, "editor": EditorScreen}
    DEFAULT_MODE = "routine"
    BINDINGS = [
        Binding("1,r", "switch_mode('routine')", "Routine", id="app.routine", show=False),
        Binding("2,h", "switch_mode('history')", "History", id="app.history", show=False),
        Binding("3,e", "switch_mode('editor')", "Editor", id="app.editor", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        store: Store,
        *,
        speed: float = 1.0,
        clock: Clock | None = None,
        now: Callable[[], datetime] = local_now,
        mode: str = "routine",
    ) -> None:
        super().__init__()
        self.store = store
        self.speed = speed
        self.clock = clock or MonotonicClock()
        self.now = now
        self._start_mode = mode
        self.writer = BackgroundWriter(on_error=self._write_failed)
        self.muted = bool(store.settings().get("muted", False))
        self.terminal_title = "Supple"
        self._run_lock: BaseFileLock | None = None
        self._abandon_run: Callable[[], None] | None = None

    def on_mount(self) -> None:
        if self._start_mode != self.DEFAULT_MODE:
            self.switch_mode(self._start_mode)

    # -- services the screens use ----------------------------------------------------

    def flow_clock(self) -> Clock:
        """The clock a new run is timed by: the app's clock, sped up for practice runs."""
        return ScaledClock(self.clock, self.speed) if self.speed != 1 else self.clock

    def begin_run(self, session_id: str, abandon: Callable[[], None]) -> None:
        """Claim a run: its lock tells other Supple processes it is alive, not crashed."""
        self._run_lock = self.store.run_lock(session_id)
        try:
            self._run_lock.acquire(timeout=0)
        except Timeout:
            self._run_lock = None
        self._abandon_run = abandon

    def end_run(self) -> None:
        self._abandon_run = None
        if self._run_lock is not None:
            lock, self._run_lock = self._run_lock, None
            # Queued after the run's last save, so the lock outlives every write of the run.
            self.writer.submit(_release_and_remove, lock)

    def save_session(self, document: dict[str, Any]) -> None:
        """Queue a session write off the event loop, so the hold timer never waits on a disk."""
        self.writer.submit(self.store.save_session, document)

    def history_stats(self, pending: Session | None = None) -> HistoryStats:
        """Streaks and the week, counting `pending` even if its write is still queued."""
        documents = {d["id"]: d for d in self.store.checked_sessions()}
        if pending is not None:
            documents[pending.id] = pending.to_document()
        facts = [SessionFacts.from_document(d) for d in documents.values()]
        return history_stats(facts, self.store.marks(), self.store.history_settings(), self.now())

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        self.writer.submit(self.store.save_settings, {"muted": self.muted})
        return self.muted

    def cue(self) -> None:
        """The end-of-hold cue: the terminal bell, unless muted."""
        if not self.muted:
            self.bell()

    def set_terminal_title(self, title: str) -> None:
        if title == self.terminal_title:
            return
        self.terminal_title = title
        # Textual has no public call for the window title; OSC 2 is understood by every
        # terminal emulator and multiplexer that shows titles.
        if not self.is_headless and self._driver is not None:
            self._driver.write(f"\x1b]2;{title}\x07")

    def _write_failed(self, error: BaseException) -> None:
        self.call_from_thread(self.notify, f"Could not save: {error}", severity="error", timeout=10)

    async def action_quit(self) -> None:
        if self._abandon_run is not None:
            # Quitting mid-run closes the session as left early, keeping what was done.
            self._abandon_run()
        self.set_terminal_title("")
        self.exit()

    def on_unmount(self) -> None:
        self.writer.close()


def _release_and_remove(lock: BaseFileLock) -> None:
    lock.release()
    Path(lock.lock_file).unlink(missing_ok=True)
