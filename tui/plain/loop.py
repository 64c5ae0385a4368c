"""The plain mode's loop: home, then a run, the history or a key, until q (or input ends)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tui.domain.clock import Clock, ScaledClock
from tui.domain.history import HistoryStats, SessionFacts
from tui.domain.routine import CLOSING_LINE
from tui.domain.session import Session
from tui.domain.settings import STIFFNESS_BEFORE_AND_AFTER, STIFFNESS_NEVER, stiffness_setting
from tui.domain.stats import history_stats
from tui.i18n import _
from tui.plain.flow import CuePlayer, PlainFlow
from tui.plain.history import history_keys, history_lines
from tui.plain.home import cues_line, home_keys, home_lines, status_line
from tui.plain.keys import END, ENTER, ESCAPE, Keys
from tui.plain.lines import Lines
from tui.plain.questions import ask_stiffness, ask_yes
from tui.plain.record import Recorder
from tui.plain.summary import stiffness_line, summary_lines
from tui.storage.store import Store


class PlainLoop:
    """What `supple --plain` does between its first line and its last; the clock, the wall
    clock, the cue output, the lines and the keys are given (tests give fakes)."""

    def __init__(
        self,
        store: Store,
        *,
        speed: float,
        clock: Clock,
        now: Callable[[], datetime],
        cues: CuePlayer,
        lines: Lines,
        keys: Keys,
        interactive: bool = True,
    ) -> None:
        self.store = store
        self.speed = speed
        self.clock = clock
        self.now = now
        self.cues = cues
        self.lines = lines
        self.keys = keys
        # False when keys come from a pipe: the history is printed and left without a key.
        self.interactive = interactive
        self.recorder = Recorder(store, lines)

    def run(self, mode: str) -> None:
        """Open on `mode` ("routine" or "history"), as the app does."""
        if mode == "history":
            self.lines.say(*history_lines(self.store, self.now()))
            if self.interactive:
                self.lines.say(history_keys())
                self.keys.wait(None)
            return
        self.show_home()
        while True:
            key = self.keys.wait(None)
            if key is None:
                continue
            name = key.lower() if len(key) == 1 else key
            if name in (END, "q", ESCAPE):
                return
            if name == ENTER:
                self.start()
            elif name == "h":
                self.lines.say(*history_lines(self.store, self.now()), history_keys())
                self._back_from_history()
            elif name == "m":
                self.cues.muted = not self.cues.muted
                if self.cues.muted:
                    self.cues.hush()
                self.lines.say(cues_line(self.cues.muted, self.cues.mode, self.speed))
            elif name == "r":
                self.show_home()
            elif name == "?":
                self.lines.say(home_keys())

    def _back_from_history(self) -> None:
        while (key := self.keys.wait(None)) not in (END, ENTER, ESCAPE) and (
            key is None or key.lower() != "q"
        ):
            pass
        if key != END:
            self.lines.say(home_keys())

    def stats(self, pending: Session | None = None) -> HistoryStats:
        """The history's figures now, with `pending` in them even if its save failed."""
        facts = self.store.session_facts()
        if pending is not None:
            facts[pending.id] = SessionFacts.from_document(pending.to_document())
        settings = self.store.history_settings()
        return history_stats(facts.values(), self.store.marks(), settings, self.now())

    def show_home(self) -> None:
        self.lines.say(
            *home_lines(
                self.stats(),
                self.store.routine(),
                muted=self.cues.muted,
                mode=self.cues.mode,
                speed=self.speed,
            )
        )

    def flow_clock(self) -> Clock:
        """The clock a run is timed by: sped up for practice runs, as the app's."""
        return ScaledClock(self.clock, self.speed) if self.speed != 1 else self.clock

    def _run_elsewhere(self) -> datetime | None:
        """When another Supple is playing a flow on this file now: when it started. (This
        one's own run has let its lock go by the time another can start.)"""
        return self.store.run_elsewhere_started(self.now())

    def start(self) -> None:
        """A run from its first question to its last line, then home's keys again."""
        started = self._run_elsewhere()
        if started is not None and not ask_yes(
            self.lines,
            self.keys,
            # Translators: {time} is when the other flow started, like 09:05.
            _(
                "A flow started at {time} is running in another window or browser tab. "
                "Start one here too?"
            ).format(time=f"{started:%H:%M}"),
        ):
            self.lines.say(home_keys())
            return
        asking = stiffness_setting(self.store.settings())
        before = None
        if asking == STIFFNESS_BEFORE_AND_AFTER:
            before = ask_stiffness(self.lines, self.keys, _("Before you start"))
        flow = PlainFlow(
            self.store.routine(),
            clock=self.flow_clock(),
            speed=self.speed,
            now=self.now,
            cues=self.cues,
            recorder=self.recorder,
            lines=self.lines,
            keys=self.keys,
        )
        session = flow.play(before)
        self.lines.say(*summary_lines(session, self.stats(session)))
        if asking != STIFFNESS_NEVER:
            after = ask_stiffness(self.lines, self.keys, _("After the flow"))
            if after is not None:
                session.stiffness_after = after
                self.recorder.save(session)
        rated = stiffness_line(session.stiffness_before, session.stiffness_after)
        if rated is not None:
            self.lines.say(rated)
        self.lines.say(_(CLOSING_LINE), status_line(self.stats(session)), home_keys())
