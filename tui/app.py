"""The Textual app: owns the store and the background writer, and switches between screens."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from tui.cues import CueOutput
from tui.domain.clock import Clock, MonotonicClock, ScaledClock, local_now
from tui.domain.history import (
    HistorySettings,
    HistoryStats,
    MarkKind,
    SessionFacts,
    history_stats,
    today,
)
from tui.domain.settings import stiffness_setting
from tui.domain.text_safety import shown
from tui.messages import RunFinished, Saved, StartFlow
from tui.paths import styles_dir
from tui.screens.routine import RoutineScreen
from tui.startup import ReusingStylesheet, resume_collection
from tui.storage.atomic import write_atomically
from tui.storage.store import Store
from tui.storage.writer import BackgroundWriter
from tui.views.overview import Overview

if TYPE_CHECKING:
    # filelock is imported when a run first claims its lock, not at start.
    from filelock import BaseFileLock

    from tui.domain.cues import Cue
    from tui.domain.session import Session


def _lazy(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A screen imported when first shown: start-up pays only for the screen it opens on."""

    def make() -> Screen[Any]:
        screen: Screen[Any] = getattr(importlib.import_module(module), name)()
        return screen

    return make


# A save that failed is tried again this often, and said on screen until one lands.
RETRY_SAVE_S = 5.0
SAVE_PROBLEM_TIMEOUT_S = 24 * 60 * 60


class SuppleApp(App[None]):
    """One thin app: screens do the work, the store keeps the data, the domain keeps the rules."""

    TITLE = "Supple"
    # Home's overview is the first frame; each other screen brings its own stylesheet when
    # it is first shown (CSS_PATH there), and each later view when it is mounted.
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "routine.tcss", Overview.STYLESHEET]
    MODES = {
        "routine": RoutineScreen,
        "history": _lazy("tui.screens.history", "HistoryScreen"),
        "editor": _lazy("tui.screens.editor", "EditorScreen"),
        "settings": _lazy("tui.screens.settings", "SettingsScreen"),
    }
    DEFAULT_MODE = "routine"
    BINDING_GROUP_TITLE = "Anywhere"
    # Screens are switched from help or the palette as well, so these stay out of the footer.
    BINDINGS = [
        Binding("1,r", "switch_mode('routine')", "Routine", id="app.routine", show=False),
        Binding("2,h", "switch_mode('history')", "History", id="app.history", show=False),
        Binding("3,e", "switch_mode('editor')", "Editor", id="app.editor", show=False),
        Binding("4,s", "switch_mode('settings')", "Settings", id="app.settings", show=False),
        Binding("question_mark", "help", "Help", id="app.help", show=False),
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
        cues: str | None = None,
        cache_dir: Path | None = None,
        ask_stiffness: str | None = None,
    ) -> None:
        # The screen to open on is the first mode, so `supple history` builds no home screen
        # (and reads no history for it) before showing the one asked for.
        self.DEFAULT_MODE = mode  # type: ignore[misc]
        super().__init__()
        self.stylesheet = ReusingStylesheet.replacing(self.stylesheet)
        self.store = store
        self.speed = speed
        self.clock = clock or MonotonicClock()
        self.now = now
        self.writer = BackgroundWriter(on_error=self._write_failed)
        # When this run asks how stiff the back is, over the stored setting (tests pass one).
        self.ask_stiffness_override = ask_stiffness
        settings = store.settings()
        self.muted = bool(settings.get("muted", False))
        # `--cues` is for this run only; the setting is what the person chose to keep.
        self.cues_for_run = cues
        self.cue_output = CueOutput(
            cues or settings.get("cues"),
            ring=lambda: self.bell(),
            cache_dir=cache_dir,
            muted=self.muted,
            tell=self._tell_from_thread,
        )
        self.terminal_title = "Supple"
        self._run_lock: BaseFileLock | None = None
        # Runs this app has played: its own lock, not yet let go, is not another's run.
        self._claimed: set[str] = set()
        self._abandon_run: Callable[[], None] | None = None
        # The history as last read: (file version, facts by id, marks, settings).
        self._history: (
            tuple[object, dict[str, SessionFacts], dict[date, MarkKind], HistorySettings] | None
        ) = None
        self._announced: str | None = None
        # Sessions by id whose newest document is not known to be saved, and those of them
        # whose last save failed: kept in memory, shown, and retried until a save lands.
        self._unsaved: dict[str, dict[str, Any]] = {}
        self._failing: set[str] = set()
        self._save_problem: str | None = None
        self._retry_timer: Timer | None = None
        self._app_loop: asyncio.AbstractEventLoop | None = None
        # The theme chosen last time; a name this Textual does not know is left alone.
        saved_theme = settings.get("theme")
        self._saved_theme = saved_theme if isinstance(saved_theme, str) else None
        if self._saved_theme in self.available_themes:
            self.theme = self._saved_theme

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast is plain text, shown literally: messages carry paths, names and what a
        damaged file holds, any of which may look like markup or hold control characters."""
        super().notify(
            shown(message, newlines=True),
            title=shown(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def watch_theme(self, theme: str) -> None:
        # However it was changed (palette, settings, a test), the choice outlives the app.
        if theme != self._saved_theme:
            self._saved_theme = theme
            self.writer.submit(self.store.save_settings, {"theme": theme})

    # -- services the screens use ----------------------------------------------------

    def flow_clock(self) -> Clock:
        """The clock a new run is timed by: the app's clock, sped up for practice runs."""
        return ScaledClock(self.clock, self.speed) if self.speed != 1 else self.clock

    def begin_run(self, session_id: str, abandon: Callable[[], None]) -> None:
        """Claim a run: its lock tells other Supple processes it is alive, not crashed."""
        self._claimed.add(session_id)
        from filelock import Timeout

        self._run_lock = self.store.run_lock(session_id)
        try:
            self._run_lock.acquire(timeout=0)
        except Timeout:
            self._run_lock = None
        self._abandon_run = abandon

    def run_elsewhere(self) -> datetime | None:
        """When another Supple (another terminal, another browser tab) is playing a flow on
        this file now: when that flow started. Two at once are safe; the person decides."""
        live = set(self.store.runs_elsewhere()) - self._claimed
        if not live:
            return None
        for document in self.store.sessions():
            if document.get("id") in live:
                try:
                    return datetime.fromisoformat(str(document.get("started_at")))
                except ValueError:
                    break
        return self.now()  # its first save is a moment behind its lock

    def on_run_finished(self, _: RunFinished) -> None:
        self.end_run()
        self.set_terminal_title("Supple")

    def end_run(self) -> None:
        """Let the run's lock go, once its last save has landed."""
        self._abandon_run = None
        if self._run_lock is not None:
            lock, self._run_lock = self._run_lock, None
            # Queued after the run's last save, so the lock outlives every write of the run.
            self.writer.submit(_release_and_remove, lock)

    def save_session(self, document: dict[str, Any]) -> None:
        """Queue a session write off the event loop, so the hold timer never waits on a disk.

        Until a save of its newest document lands, the session is kept here; a save that
        fails is said on screen until one succeeds, and retried every RETRY_SAVE_S."""
        session_id = str(document["id"])
        self._unsaved[session_id] = document
        future = self.writer.submit(self.store.save_session, document, report=False)
        future.add_done_callback(lambda done: self._on_app_thread(self._saved, document, done))

    def _on_app_thread(self, callback: Callable[..., None], *args: Any) -> None:
        # Done callbacks run on the writer's thread (or here, if the write already ended).
        # call_later runs it as one of the app's own messages, inside the app's context,
        # which timers and notifications started from it need.
        loop = self._app_loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.call_later, callback, *args)

    def _saved(self, document: dict[str, Any], done: Future[Any]) -> None:
        session_id = str(document["id"])
        error = None if done.cancelled() else done.exception()
        if error is not None:
            self._failing.add(session_id)
            self._say_save_failing(error)
            return
        if self._unsaved.get(session_id) is document:
            del self._unsaved[session_id]  # no newer save of it is on its way
            self._failing.discard(session_id)
        if self._save_problem is not None and not self._failing:
            self._save_problem = None
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            self.clear_notifications()
            self.notify("Saved: the session is in the file now.", timeout=5)

    def _say_save_failing(self, error: BaseException) -> None:
        """One toast that stays until a save succeeds (said again only if the reason changes)."""
        problem = f"Not saved yet, kept here and retried: {error}"
        if problem != self._save_problem:
            self._save_problem = problem
            self.clear_notifications()
            self.notify(problem, severity="error", timeout=SAVE_PROBLEM_TIMEOUT_S)
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(RETRY_SAVE_S, self.retry_unsaved)

    def retry_unsaved(self) -> None:
        """Save again, in their newest state, the sessions whose last save failed."""
        for session_id in sorted(self._failing):
            document = self._unsaved.get(session_id)
            if document is not None:
                self.save_session(document)

    @property
    def unsaved_sessions(self) -> list[dict[str, Any]]:
        """Sessions whose newest state is not known to be in the file (failed, or queued)."""
        return list(self._unsaved.values())

    def history_stats(self, pending: Session | None = None, *, fresh: bool = True) -> HistoryStats:
        """Streaks and the week, counting `pending` even if its write is still queued.

        `fresh=False` reuses the history last read even if the file has changed since (by
        this run's own saves, most likely): the summary shows at once instead of re-reading
        years of history the moment a flow ends."""
        if fresh or self._history is None:
            self.session_facts()
        assert self._history is not None
        _, facts_by_id, marks, settings = self._history
        facts = dict(facts_by_id)
        if pending is not None:
            facts[pending.id] = SessionFacts.from_document(pending.to_document())
        return history_stats(facts.values(), marks, settings, self.now())

    def session_facts(self) -> dict[str, SessionFacts]:
        """The facts of every readable session by id, read once per version of the file:
        a long history costs its parse once, however many screens ask."""
        version = self.store.version()
        if self._history is None or self._history[0] != version:
            facts = self.store.session_facts()
            marks, settings = self.store.marks(), self.store.history_settings()
            self._history = (version, facts, marks, settings)
            self._announce_odd_documents()
        return self._history[1]

    def _announce_odd_documents(self) -> None:
        """Damaged sessions or marks are left out of the history: say so once per run."""
        summary = self.store.warning_summary()
        if summary and summary != self._announced:
            self._announced = summary
            self.notify(summary, severity="warning", timeout=12)

    def ask_stiffness(self) -> str:
        """When the flow asks how stiff the back is: a key of STIFFNESS_CHOICES."""
        if self.ask_stiffness_override is not None:
            return self.ask_stiffness_override
        return stiffness_setting(self.store.settings())

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        self.cue_output.muted = self.muted
        if self.muted:
            self.cue_output.hush()
        self.writer.submit(self.store.save_settings, {"muted": self.muted})
        return self.muted

    def cue(self, cue: Cue) -> None:
        """Play one moment's cue in the current mode, unless muted."""
        self.cue_output.play(cue)

    def set_cue_mode(self, mode: str) -> str | None:
        """Keep a new cue mode (it also replaces a `--cues` given for this run); answers the
        fallback line when this machine cannot play it."""
        self.cues_for_run = None
        self.writer.submit(self.store.save_settings, {"cues": mode})
        return self.cue_output.set_mode(mode)

    def on_mount(self) -> None:
        # Where writes finished on the writer's thread hand their outcome back to.
        self._app_loop = asyncio.get_running_loop()
        # Start-up ran without cyclic garbage collection (tui/startup.py); once the first
        # screen is drawn it runs as usual.
        self.call_after_refresh(resume_collection)
        # A mode that fell back is said once, when the app first shows.
        if self.cue_output.note:
            self.notify(self.cue_output.note, severity="warning", timeout=10)

    def _tell_from_thread(self, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the app has already stopped
            self.call_from_thread(self.notify, message, severity="warning", timeout=10)

    def set_terminal_title(self, title: str) -> None:
        # The title goes out inside an escape sequence: nothing in it may end that early.
        title = shown(title)
        if title == self.terminal_title:
            return
        self.terminal_title = title
        # Textual has no public call for the window title; OSC 2 is understood by every
        # terminal emulator and multiplexer that shows titles.
        if not self.is_headless and self._driver is not None:
            self._driver.write(f"\x1b]2;{title}\x07")

    # -- help and the command palette ------------------------------------------------------

    def action_help(self) -> None:
        """Keys of the screen shown now, taken from its active bindings, and the rules."""
        from tui.screens.help import HelpScreen, group_title, key_groups

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        groups = key_groups(self, screen.active_bindings)
        # A running hold waits under help, as for a question (RoutineScreen.on_screen_suspend).
        self.push_screen(HelpScreen(group_title(screen), groups, self.store.history_settings()))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                # Textual's keys panel lists every generic key and does not close with
                # escape: here "Keys" is Supple's own help, which does.
                yield SystemCommand(
                    "Keys", "The keys here, in a box escape closes (?)", self.action_help
                )
            else:
                yield command
        yield SystemCommand("Start the flow", "Today's stretches, from the top", self.start_flow)
        for mode, title, help_text in (
            ("routine", "Routine", "Today, the streak and the flow (1)"),
            ("history", "History", "Streaks, weeks and the calendar (2)"),
            ("editor", "Editor", "Reorder and tune the stretches (3)"),
            ("settings", "Settings", "Goal, week, pauses, sound and theme (4)"),
        ):
            yield SystemCommand(f"Open {title}", help_text, self._opener(mode))
        yield SystemCommand("Help", "Every key here, and what a streak means (?)", self.action_help)
        yield SystemCommand(
            "Mark today as rest", "A rest day keeps the streak going", self.mark_today_rest
        )
        yield SystemCommand(
            "Export history", "All sessions and marks to a JSON file", self.export_history
        )
        yield SystemCommand(
            "Light or dark theme", "Switch between Textual's light and dark", self.toggle_dark
        )

    def _opener(self, mode: str) -> Callable[[], Any]:
        return lambda: self.switch_mode(mode)

    async def start_flow(self) -> None:
        await self.switch_mode("routine")
        self.screen.post_message(StartFlow())

    def toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def mark_today_rest(self) -> None:
        day = today(self.now(), self.store.history_settings().day_starts_at)
        if self.history_stats().done_today:
            self.notify("Today is done already: no rest mark needed.")
            return
        if self.store.marks().get(day) is MarkKind.REST:
            self.notify("Today is marked as a rest day already.")
            return
        future = self.writer.submit(self.store.set_mark, day, MarkKind.REST)
        self.run_worker(self._after_write(future, "Today is a rest day: your streak holds."))

    def export_history(self) -> None:
        moment = self.now()
        target = self.store.path.parent / f"supple-export-{moment:%Y-%m-%d-%H%M%S}.json"

        def write() -> str:
            from tui.commands.transfer import export_text

            data = self.store.export_data()
            write_atomically(target, export_text(data, "json"))
            count = len(data["sessions"])
            return f"Exported {count} session{'' if count == 1 else 's'} to {target}"

        self.run_worker(self._after_write(self.writer.submit(write)))

    async def _after_write(self, future: Future[Any], message: str | None = None) -> None:
        """Wait for a queued write without blocking the event loop, then tell and redraw."""
        try:
            result = await asyncio.wrap_future(future)
        except Exception:
            return  # the writer has already told the person (_write_failed)
        self.notify(message or str(result), timeout=8)
        self.screen.post_message(Saved())

    def _write_failed(self, error: BaseException) -> None:
        self.call_from_thread(self.notify, f"Could not save: {error}", severity="error", timeout=10)

    async def action_quit(self) -> None:
        if self._abandon_run is not None:
            # Quitting mid-run closes the session as left early, keeping what was done; the
            # run is let go here, as the app will handle no more messages.
            self._abandon_run()
            self.end_run()
        self.set_terminal_title("")
        self.exit()

    def on_unmount(self) -> None:
        self.cue_output.close()
        self.writer.close()


def _release_and_remove(lock: BaseFileLock) -> None:
    lock.release()
    Path(lock.lock_file).unlink(missing_ok=True)
