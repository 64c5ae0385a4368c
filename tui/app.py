"""The Textual app: owns the store and the saver, switches between screens, and serves them."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.borrowed import mode_bases, screen_stacks, write_window_title
from tui.changes import SettingsChange
from tui.corrections import DeleteSession, RestoreSession, queue_correction
from tui.cues import CueOutput
from tui.domain.clock import Clock, MonotonicClock, ScaledClock, local_now
from tui.domain.history import HistorySettings, HistoryStats, MarkKind, SessionFacts
from tui.domain.settings import CUE_MODE, cue_mode_setting, stiffness_setting
from tui.domain.stats import history_stats
from tui.domain.text_safety import shown
from tui.i18n import N_, _
from tui.messages import RunFinished, Save, Saved
from tui.paths import styles_dir
from tui.saver import Saver
from tui.screens.routine import RoutineScreen
from tui.startup import resume_collection
from tui.storage.store import Store
from tui.views.overview import Overview
from tui.widgets.footer import SuppleFooter

if TYPE_CHECKING:
    # filelock is imported when a run first claims its lock, not at start.
    from filelock import BaseFileLock
    from textual.widget import Widget

    from tui.domain.cues import Cue
    from tui.domain.session import Session


def _lazy(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A screen imported when first shown: start-up pays only for the screen it opens on."""

    def make() -> Screen[Any]:
        screen: Screen[Any] = getattr(importlib.import_module(module), name)()
        return screen

    return make


# How often a running app looks for a sync tool's conflict copies (look_for_copies).
LOOK_FOR_COPIES_S = 15.0


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
    # Translators: the title, in help, of the keys that work on every screen.
    BINDING_GROUP_TITLE = N_("Anywhere")
    # Screens are switched from help or the palette as well, so these stay out of the footer.
    # Their words are translated where they are shown (the footer, help).
    BINDINGS = [
        # Translators: the names of Supple's four screens, as help and the footer list them.
        Binding("1,r", "switch_mode('routine')", N_("Routine"), id="app.routine", show=False),
        # Translators: the name of the history screen (sessions, streaks, the calendar).
        Binding("2,h", "switch_mode('history')", N_("History"), id="app.history", show=False),
        # Translators: the name of the editor screen, where the flow's stretches are tuned.
        Binding("3,e", "switch_mode('editor')", N_("Editor"), id="app.editor", show=False),
        # Translators: the name of the settings screen.
        Binding("4,s", "switch_mode('settings')", N_("Settings"), id="app.settings", show=False),
        # Translators: footer key labels (keep them very short): open help; quit Supple.
        Binding("question_mark", "help", N_("Help"), id="app.help", show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True),
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
        self.store = store
        self.speed = speed
        self.clock = clock or MonotonicClock()
        self.now = now
        # Every write goes through the saver, off the event loop (tui/saver.py).
        self.saver = Saver(self, store)
        # When this run asks how stiff the back is, over the stored setting (tests pass one).
        self.ask_stiffness_override = ask_stiffness
        # The kept mode, read from a file's older settings until the first start writes it.
        settings = store.settings()
        kept_mode, from_old_settings = cue_mode_setting(settings)
        self._cue_mode_to_write = kept_mode if from_old_settings else None
        # `m` mutes until Supple closes; "off" (the mode) is how cues are silenced for good.
        self.muted = False
        # `--cues` is for this run only; the setting is what the person chose to keep.
        self.cue_output = CueOutput(
            cues or kept_mode,
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
            self.saver.save(SettingsChange({"theme": theme}))

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
        return self.store.run_elsewhere_started(self.now(), self._claimed)

    def on_run_finished(self, _: RunFinished) -> None:
        self.end_run()
        self.set_terminal_title("Supple")

    def end_run(self) -> None:
        """Let the run's lock go, once its last save has landed."""
        self._abandon_run = None
        if self._run_lock is not None:
            lock, self._run_lock = self._run_lock, None
            # Queued after the run's last save, so the lock outlives every write of the run.
            self.saver.run(lambda: _release_and_remove(lock))

    @property
    def data_path(self) -> Path:
        """The data file (the reminder's timer runs `supple remind` on it)."""
        return self.store.path

    def on_save(self, message: Save) -> None:
        self.saver.save(message.change)

    def on_delete_session(self, message: DeleteSession) -> None:
        queue_correction(self, message)

    def on_restore_session(self, message: RestoreSession) -> None:
        queue_correction(self, message)

    @property
    def unsaved_sessions(self) -> list[dict[str, Any]]:
        """Sessions whose newest state is not known to be in the file (failed, or queued)."""
        return self.saver.unsaved_sessions

    def history_stats(self, pending: Session | None = None, *, fresh: bool = True) -> HistoryStats:
        """Streaks and the week, counting `pending` even if its write is still queued.

        `fresh=False` reuses the history last read even if the file has changed since (by
        this run's own saves, most likely): the summary shows at once instead of re-reading
        years of history the moment a flow ends."""
        if pending is None and self._history is None:
            # The first screen: the figures an earlier start worked out, while no file of
            # the history has changed since (tui/storage/stats_memo.py): a long history's
            # facts are then read after the first frame, not before it.
            from tui.storage import stats_memo

            key = stats_memo.memo_key(self.store, self.now())
            known = stats_memo.load(self.store, key)
            if known is not None:
                self.call_after_refresh(self._read_history_later)
                return known
            stats = self._stats_of(None, fresh)
            stats_memo.save(self.store, key, stats)
            return stats
        return self._stats_of(pending, fresh)

    def _stats_of(self, pending: Session | None, fresh: bool) -> HistoryStats:
        if fresh or self._history is None:
            self.session_facts()
        assert self._history is not None
        _, facts_by_id, marks, settings = self._history
        facts = dict(facts_by_id)
        if pending is not None:
            facts[pending.id] = SessionFacts.from_document(pending.to_document())
        return history_stats(facts.values(), marks, settings, self.now())

    def _read_history_later(self) -> None:
        """After a first screen drawn from the memo: read the history as usual (damaged
        documents are said then). Reading queues no frame behind the first one."""
        self.session_facts()

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
        return stiffness_setting(self.saver.settings())

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        self.cue_output.muted = self.muted
        if self.muted:
            self.cue_output.hush()
        return self.muted

    def cue(self, cue: Cue) -> None:
        """Play one moment's cue in the current mode, unless muted."""
        self.cue_output.play(cue)

    def set_cue_mode(self, mode: str) -> str | None:
        """Keep a new cue mode (it also replaces a `--cues` given for this run); answers the
        fallback line when this machine cannot play it."""
        self.saver.save(SettingsChange({CUE_MODE: mode}))
        return self.cue_output.set_mode(mode)

    def on_mount(self) -> None:
        self.saver.start()
        if self._cue_mode_to_write is not None:
            # What the old settings said, kept under the new key (they stay as they were).
            self.saver.save(SettingsChange({CUE_MODE: self._cue_mode_to_write}))
        self.set_interval(LOOK_FOR_COPIES_S, self.look_for_copies)
        # Start-up ran without cyclic garbage collection (tui/startup.py); once the first
        # screen is drawn it runs as usual.
        self.call_after_refresh(resume_collection)
        # A mode that fell back is said once, when the app first shows.
        if self.cue_output.note:
            self.notify(self.cue_output.note, severity="warning", timeout=10)

    def look_for_copies(self) -> None:
        """A sync tool may leave a conflict copy while Supple runs (another computer saved
        at the same time): it is merged by the rules a start uses (rules.md §8), in the
        saver's queue, and the screen shown redraws. Looking costs a few folder listings."""
        from tui.storage.conflicts import find

        if find(self.store.path):
            self.run_worker(self._absorb(self.saver.run(self.store.absorb_conflicts)))

    async def _absorb(self, future: Future[Any]) -> None:
        try:
            said = await asyncio.wrap_future(future)
        except Exception as error:
            # Translators: {error} is the system's reason, as it gives it (often in English).
            message = _("Could not merge another computer's copy: {error}").format(error=error)
            self.notify(message, severity="error")
            return
        if said:
            self._history = None
            self.screen.post_message(Saved())
            self.notify(_("Merged what another computer saved at the same time."), timeout=6)

    def _tell_from_thread(self, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the app has already stopped
            self.call_from_thread(self.notify, message, severity="warning", timeout=10)

    def set_terminal_title(self, title: str) -> None:
        # The title goes out inside an escape sequence: nothing in it may end that early.
        title = shown(title)
        if title == self.terminal_title:
            return
        self.terminal_title = title
        write_window_title(self, title)

    # -- help and the command palette ------------------------------------------------------

    def action_help(self) -> None:
        """Keys of the screen shown now, taken from its active bindings, and the rules."""
        from tui.screens.help import HelpScreen, group_title, key_groups, other_parts_groups

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        groups = key_groups(self, screen.active_bindings) + other_parts_groups(self, screen)
        # A running hold waits under help, as for a question (RoutineScreen.on_screen_suspend).
        self.push_screen(HelpScreen(group_title(screen), groups, self.store.history_settings()))

    def action_command_palette(self) -> None:
        """Textual's palette, its search field's hint in the language in use."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            # Translators: the hint in the command palette's empty search field.
            hint = _("Search for commands…")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=hint))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from tui.palette import supple_commands

        return supple_commands(self, super().get_system_commands(screen))

    # -- the language ------------------------------------------------------------------

    def change_language(self, value: str) -> None:
        """Speak the language `value` names from now on (the Language setting: "system" or a
        code), and show every screen in it, each where the person left it."""
        from tui.i18n import available_languages, use_language
        from tui.i18n.choice import choose

        choice = choose(None, value, os.environ, available_languages())
        use_language(choice.code, choice.tag)
        # After the handler that asked (a settings row's choice) has finished with its screen.
        self.call_later(self._show_in_language)

    async def _show_in_language(self) -> None:
        """Every screen again in the language now in use. A screen or a view that knows how
        says its words again itself (`language_changed`), keeping what it holds: home's views
        do, so a run goes on untouched. A mode's screen not shown is built anew when next
        shown; the one shown is replaced by a new one where the person was (the focused part,
        its cursor); a question over it is composed again."""
        bases = mode_bases(self)
        for mode, stack in screen_stacks(self).items():
            shown_mode = mode == self.current_mode
            for screen in list(stack):
                if not screen.is_attached:
                    continue
                hook = getattr(screen, "language_changed", None)
                if callable(hook):
                    await _awaited(hook())
                elif isinstance(screen, RoutineScreen):
                    for widget in list(screen.query("*")):
                        part_hook = getattr(widget, "language_changed", None)
                        if callable(part_hook):
                            await _awaited(part_hook())
                elif screen is stack[0] and len(stack) == 1 and mode in bases:
                    if shown_mode:
                        await self._rebuild_shown(mode, screen)
                    else:
                        base = bases[mode]
                        await self.remove_mode(mode)
                        self.add_mode(mode, base)
                    continue
                else:
                    place = _place_in(screen)
                    await screen.recompose()
                    _return_to(screen, place)
                _redraw_keys(screen)

    async def _rebuild_shown(self, mode: str, screen: Screen[Any]) -> None:
        """Replace the screen shown, alone in its mode, with a new one, in the same place."""
        make = mode_bases(self)[mode]
        if not callable(make):
            return
        place = _place_in(screen)
        fresh = make()
        await self.switch_screen(fresh)
        _return_to(fresh, place)
        _redraw_keys(fresh)

    async def action_quit(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        if self._abandon_run is not None and not isinstance(self.screen, ConfirmScreen):
            # Mid-run, ctrl+q asks what q and escape ask (a second ctrl+q under the question
            # quits at once); the question covers the flow, which waits under it.
            async def answered(leave: bool | None) -> None:
                if leave:
                    await self._quit_now()

            self.push_screen(
                ConfirmScreen(
                    # Translators: asked when ctrl+q is pressed during the flow.
                    _("Leave the flow and quit? What you have done so far is kept."),
                    # Translators: the buttons of the question "Leave the flow and quit?".
                    _("Quit"),
                    _("Stay"),
                ),
                answered,
            )
            return
        await self._quit_now()

    async def _quit_now(self) -> None:
        if self._abandon_run is not None:
            # Quitting mid-run closes the session as left early, keeping what was done; the
            # run is let go here, as the app will handle no more messages.
            self._abandon_run()
            # After the run's last save, which is on the app's queue now.
            self.call_later(self.end_run)
        self.set_terminal_title("")
        self.exit()

    def on_unmount(self) -> None:
        self.cue_output.close()
        self.saver.close()


async def _awaited(result: object) -> None:
    if inspect.isawaitable(result):
        await result


# Where the person is on a screen: the focused part (by id, else its place in the focus
# chain) and the cursor in it.
_Place = tuple[str | None, int | None, tuple[int, int] | int | None]


def _place_in(screen: Screen[Any]) -> _Place | None:
    # Imported here: the first frame has no table or list to load them for.
    from textual.widgets import DataTable, OptionList

    focused = screen.focused
    if focused is None:
        return None
    chain = screen.focus_chain
    index = chain.index(focused) if focused in chain else None
    cursor: tuple[int, int] | int | None = None
    if isinstance(focused, DataTable):
        cursor = (focused.cursor_coordinate.row, focused.cursor_coordinate.column)
    elif isinstance(focused, OptionList):
        cursor = focused.highlighted
    return focused.id, index, cursor


def _return_to(screen: Screen[Any], place: _Place | None) -> None:
    """Focus the same part of a screen composed anew, its cursor where it was."""
    from textual.widgets import DataTable, OptionList

    if place is None:
        return
    widget_id, index, cursor = place
    target: Widget | None = None
    if widget_id is not None:
        found = screen.query(f"#{widget_id}")
        target = found.first() if found else None
    if target is None and index is not None and index < len(screen.focus_chain):
        target = screen.focus_chain[index]
    if target is None:
        return
    target.focus(scroll_visible=False)
    if isinstance(target, DataTable) and isinstance(cursor, tuple):
        row, column = cursor
        if row < target.row_count:
            target.move_cursor(row=row, column=column, animate=False)
    elif isinstance(target, OptionList) and isinstance(cursor, int):
        target.highlighted = min(cursor, target.option_count - 1)


def _redraw_keys(screen: Screen[Any]) -> None:
    """The footer's and help's words again: a binding's words are translated as drawn."""
    screen.refresh_bindings()
    for footer in screen.query(SuppleFooter):
        footer.refresh()


def _release_and_remove(lock: BaseFileLock) -> None:
    lock.release()
    Path(lock.lock_file).unlink(missing_ok=True)
