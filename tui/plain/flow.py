"""The flow in plain lines: each moment printed once, with its time, as the voice says it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from tui.domain.clock import Clock
from tui.domain.cues import COUNTDOWN, Cue, CueKind, CueSchedule
from tui.domain.plan import Event, FlowFinished, PhaseEnded, PhaseKind, StepFinished
from tui.domain.player import ADJUST_STEP_S, Player, View
from tui.domain.routine import Routine, format_duration, shown_routine_name
from tui.domain.session import Session
from tui.domain.status_words import flow_status
from tui.i18n import _, ngettext
from tui.plain.keys import END, ESCAPE, LEFT, RIGHT, SPACE, Keys
from tui.plain.lines import Lines
from tui.plain.questions import ask_yes
from tui.plain.record import Recorder

EPSILON = 1e-6
# A wake-up this much after a moment is due, never a hair before it (a clock read a hair
# early would find nothing ended and wake again at once). Stamps use the exact end.
WAKE_MARGIN_S = 0.001
# The phases whose last seconds are counted aloud (tui/domain/cues.py).
_COUNTED = (PhaseKind.READY, PhaseKind.SWITCH, PhaseKind.HOLD)


class CuePlayer(Protocol):
    """What the flow needs of the cue output (tui/cues.CueOutput)."""

    mode: str
    muted: bool

    def play(self, cue: Cue, *, always: bool = False) -> None: ...

    def hush(self) -> None: ...


def audible(cues: CuePlayer) -> bool:
    """Whether cues make a sound now. The bell is never rung in the plain mode: a bell
    character is not plain text, and a braille display would show it as a stray cell."""
    return cues.mode in ("voice", "tones") and not cues.muted


def flow_keys() -> str:
    """The keys of the flow, in one line (`?` prints it)."""
    # Translators: the plain mode's list of the flow's keys; key names (space, n, right, b,
    # left, +, -, m, q, esc, ?) stay as they are; {seconds} is 5.
    return _(
        "Keys: space pauses or resumes, n or right skips, b or left goes back, "
        "+ and - hold {seconds} seconds longer or shorter, m mutes, q or esc leaves, "
        "? lists the keys."
    ).format(seconds=f"{ADJUST_STEP_S:g}")


def next_moment(view: View, speed: float, *, counting: bool) -> float | None:
    """Real seconds until the flow next needs looking at: the end of the phase (or of the
    countdown after a pause); with `counting`, also the next second counted aloud. None
    while nothing moves (paused, finished): only a key can change anything then."""
    if view.paused or view.finished:
        return None
    count: float | None
    if view.resuming is not None:
        until = count = view.resuming
    else:
        until = view.remaining
        count = view.remaining if view.phase.kind in _COUNTED else None
    if counting and count is not None:
        ahead = [count - n for n in COUNTDOWN if count - n > EPSILON]
        if ahead:
            until = min(until, min(ahead))
    return until / speed + WAKE_MARGIN_S


class PlainFlow:
    """One run of the routine: plays it against `clock` (the flow's clock, sped up for
    practice), prints each moment once, plays its cue, and saves the session as it goes.
    Between moments it waits on the keys, with a timeout of when the next moment is due:
    nothing is printed, nothing redrawn, during a hold."""

    def __init__(
        self,
        routine: Routine,
        *,
        clock: Clock,
        speed: float,
        now: Callable[[], datetime],
        cues: CuePlayer,
        recorder: Recorder,
        lines: Lines,
        keys: Keys,
    ) -> None:
        self.player = Player(routine, clock)
        self._routine = routine
        self._clock = clock
        self._speed = speed
        self._now = now
        self._cues = cues
        self._recorder = recorder
        self._lines = lines
        self._keys = keys
        self._schedule = CueSchedule()
        self._was_paused = False
        self._origin = 0.0
        self.session: Session | None = None

    # -- the run -----------------------------------------------------------------

    def play(self, stiffness_before: int | None) -> Session:
        """Play the whole run; the session as recorded when it ended (done or left). An
        interruption (ctrl+c, SIGTERM) leaves the run as the app does when it is closed:
        what was done is kept, and saved, before the interruption goes on."""
        routine = self._routine
        session = self.session = Session(
            started_at=self._now(),
            routine=routine.name,
            speed=self._speed,
            stiffness_before=stiffness_before,
        )
        self._recorder.begin(session)
        self._recorder.save(session)
        self._lines.say(
            # Translators: the first line of a run; {routine} is its name, {length} like 5:13.
            _("Flow started: {routine}, {length}.").format(
                routine=shown_routine_name(routine),
                length=format_duration(routine.total_seconds()),
            ),
            flow_status(self._cues.muted, self._speed, self._cues.mode),
            flow_keys(),
        )
        self._origin = self._clock.now()
        player = self.player
        try:
            self._handle(player.start())
            while not player.finished:
                wake = next_moment(player.view(), self._speed, counting=audible(self._cues))
                key = self._keys.wait(wake)
                if key is None:
                    self._handle(player.advance())
                elif key == END and player.paused:
                    # Input is closed and nothing can resume the flow: it is left.
                    self._handle(player.quit())
                elif key != END:
                    self._key(key)
        finally:
            if not player.finished:
                self._handle(player.quit())
        return session

    def _stamp(self, events: list[Event]) -> float:
        """The flow time of a moment: when its phase ended exactly (a wake-up a moment late
        does not move it), else now."""
        ended = [e.at for e in events if isinstance(e, PhaseEnded)]
        at = ended[-1] if ended else self._clock.now()
        return max(0.0, at - self._origin)

    def _handle(self, events: list[Event]) -> None:
        """Each batch of the player's events is a moment: its cue is played and, unless it
        is a counted second, printed once; the session is saved when a step ends."""
        view = self.player.view()
        cue = self._schedule.update(events, view)
        if cue is not None:
            self._cues.play(cue)
            # The 3, 2, 1 before a phase ends are heard, not printed: a line per second
            # would fill a braille display with numbers; each moment's line says its time.
            if cue.kind is not CueKind.TICK:
                self._lines.at(self._stamp(events), cue.words)
        elif view.paused and not self._was_paused:
            # Nothing is said while paused, not even the end of what was being said.
            self._cues.hush()
        self._was_paused = view.paused
        save = False
        for event in events:
            if isinstance(event, StepFinished):
                save = True
            if isinstance(event, FlowFinished):
                self._finish(event.completed)
                return
        if save:
            self._save()

    def _save(self) -> None:
        session = self.session
        if session is None:
            return
        session.steps = [r.to_dict() for r in self.player.records()]
        session.updated_at = self._now()
        self._recorder.save(session)

    def _finish(self, completed: bool) -> None:
        session = self.session
        if session is None:
            return
        if not completed:
            self._cues.hush()
            self._lines.at(self._stamp([]), _("Flow left."))
        session.ended_at = self._now()
        session.completed = completed
        self._save()
        self._recorder.release()

    # -- keys --------------------------------------------------------------------

    def _key(self, key: str) -> None:
        player = self.player
        name = key.lower() if len(key) == 1 else key
        if name == SPACE:
            self._toggle_pause()
        elif name in ("n", "s", RIGHT):
            self._handle(player.skip())
        elif name in ("b", LEFT):
            self._handle(player.back())
        elif name in ("+", "="):
            self._adjust(+ADJUST_STEP_S)
        elif name == "-":
            self._adjust(-ADJUST_STEP_S)
        elif name == "m":
            self._toggle_mute()
        elif name in ("q", ESCAPE):
            self._leave()
        elif name == "?":
            self._lines.say(flow_keys())

    def _toggle_pause(self) -> None:
        player = self.player
        if player.paused:
            player.toggle_pause()
            self._lines.at(self._stamp([]), _("Resumed."))
            # The countdown's first number, or the phase's words: the cue of resuming.
            self._handle([])
            return
        # A phase that ran out just now ends first (its line, if any, comes before this one).
        self._handle(player.toggle_pause())
        if player.paused:
            self._lines.at(self._stamp([]), _("Paused. Space resumes."))

    def _adjust(self, delta: float) -> None:
        player = self.player
        events = player.adjust(delta)
        view = player.view()
        if view.phase.kind is not PhaseKind.HOLD:
            if not events:
                self._lines.say(_("Only a hold can be made longer or shorter."))
            self._handle(events)
            return
        self._handle(events)
        seconds = round(view.remaining)
        self._lines.at(
            self._stamp([]),
            ngettext(
                "{seconds} second left in this hold.",
                "{seconds} seconds left in this hold.",
                seconds,
            ).format(seconds=seconds),
        )

    def _toggle_mute(self) -> None:
        cues = self._cues
        cues.muted = not cues.muted
        if cues.muted:
            cues.hush()
        self._lines.say(_("Cues muted") if cues.muted else _("Cues on"))

    def _leave(self) -> None:
        """Ask first, as the app does; the flow waits, paused, while the question is asked."""
        player = self.player
        paused_here = not player.paused
        if paused_here:
            self._toggle_pause()
        question = _("Leave the flow? What you have done so far is kept.")
        if ask_yes(self._lines, self._keys, question):
            self._handle(player.quit())
        elif paused_here and player.paused and not player.finished:
            self._toggle_pause()
