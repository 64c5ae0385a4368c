"""The running flow: plays the routine against the clock, draws, cues and saves it as it goes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer

from tui.changes import SessionChange
from tui.domain.cues import CueSchedule
from tui.domain.frame_pacing import next_wake
from tui.domain.plan import Event, FlowFinished, PhaseKind, StepFinished
from tui.domain.player import ADJUST_STEP_S, Player, View
from tui.domain.routine import format_duration
from tui.domain.session import Session
from tui.domain.status_words import flow_status
from tui.i18n import N_, _
from tui.messages import RunFinished, ask_to_save
from tui.paths import styles_dir
from tui.views.keys import MUTE_ACTIONS, MUTE_BINDINGS, mute_key_shown, toggle_mute
from tui.widgets.flow_panel import FlowPanel

if TYPE_CHECKING:
    from tui.app import SuppleApp

# How often a bar may move; digits and phase ends are never held back by it. A hold's bar
# moves three times a second, which keeps a hold under 1% of a core (bench/README.md); the
# breathing bar, which the breath follows, moves twice as often.
HOLD_BAR_REDRAWS_PER_S = 3
BREATH_BAR_REDRAWS_PER_S = 6

_STEP = f"{ADJUST_STEP_S:g}"


class RunningFlow(Vertical, can_focus=True):
    """One run at a time: `begin` starts it, and its end is posted as `RunFinished`."""

    # Read when the first run mounts this view, not at start (RoutineScreen.run_views).
    STYLESHEET = styles_dir() / "flow.tcss"
    # Translators: the title of the running flow's keys in help.
    BINDING_GROUP_TITLE = N_("Running flow")
    # Short descriptions, so an 80-column footer shows every flow key and help; the tooltips
    # are what help (and hovering the footer) says in full. Each is translated where it is
    # shown (the footer, help).
    # Translators: the words of the flow's keys below: footer labels (keep them very short)
    # and, in full, what help and hovering the footer say.
    BINDINGS = [
        # Two bindings per toggle, one shown at a time: the footer says what the key does now.
        Binding(
            "space",
            "pause",
            # Translators: footer key label (keep it very short): pause the flow (a verb).
            N_("Pause"),
            id="flow.pause",
            tooltip=N_("Pause the flow; resuming counts down 3 s first"),
        ),
        Binding(
            "space",
            "resume",
            # Translators: footer key label (keep it very short): resume the flow (a verb).
            N_("Resume"),
            id="flow.resume",
            tooltip=N_("Resume the flow, after a 3 s countdown"),
        ),
        # Translators: footer key label (keep it very short): skip to the next phase (a verb).
        Binding(
            "n,right", "skip", N_("Skip"), id="flow.skip", tooltip=N_("Skip to the next phase")
        ),
        Binding(
            "b,left",
            "back",
            # Translators: footer key label (keep it very short): go back a stretch (a verb).
            N_("Back"),
            id="flow.back",
            tooltip=N_("Back to the start of this stretch; twice quickly, the one before"),
        ),
        # The step's figure in the words (ADJUST_STEP_S is 5): a catalog holds no placeholder
        # a binding could fill, and `+5s` is the key's label in every language.
        Binding(
            "plus,equals_sign",
            "more",
            f"+{_STEP}s",
            id="flow.more",
            tooltip=N_("Hold this side 5 s longer"),
        ),
        Binding(
            "minus", "less", f"−{_STEP}s", id="flow.less", tooltip=N_("Hold this side 5 s less")
        ),
        *MUTE_BINDINGS,
        Binding(
            "q,escape",
            "leave",
            # Translators: footer key label (keep it very short): leave the flow (a verb).
            N_("Leave"),
            id="flow.leave",
            tooltip=N_("Leave the flow (asks first; what you did is kept)"),
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.player: Player | None = None
        self.session: Session | None = None
        self._ticker: Timer | None = None
        self._cues = CueSchedule()
        self._was_paused = False
        self._shown_paused = False
        # Paused because a help box or another modal covers the flow: resumed when it closes.
        self._held: Player | None = None
        self._quitting = False

    @property
    def supple(self) -> SuppleApp:
        return cast("SuppleApp", self.app)

    def compose(self) -> ComposeResult:
        yield FlowPanel(id="flow-panel")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MUTE_ACTIONS:
            return mute_key_shown(action, self.supple.muted)
        if action in ("pause", "resume"):
            paused = self.player is not None and self.player.paused
            return paused == (action == "resume")
        return True

    @property
    def running(self) -> bool:
        return self.player is not None

    def begin(self, stiffness_before: int | None) -> None:
        """Start a run of the routine as stored now, at the app's speed."""
        supple = self.supple
        routine = supple.saver.routine()
        self.player = Player(routine, supple.flow_clock())
        self._cues = CueSchedule()
        self._was_paused = False
        self._quitting = False
        self.session = Session(
            started_at=supple.now(),
            routine=routine.name,
            speed=supple.speed,
            stiffness_before=stiffness_before,
        )
        supple.begin_run(self.session.id, abandon=self.abandon)
        self._save()
        self.show_status()
        self._handle(self.player.start())
        self._draw()

    def tick(self) -> None:
        if self.player is None:
            return
        self._handle(self.player.advance())
        self._draw()

    def show_status(self) -> None:
        """Cues and practice, always in view in the flow's status line."""
        supple = self.supple
        status = flow_status(supple.muted, supple.speed, supple.cue_output.mode)
        self.query_one(FlowPanel).show_status(status)

    def language_changed(self) -> None:
        """The run's words again in the language now in use (SuppleApp.change_language)."""
        self.query_one(FlowPanel).forget_shown()
        self.show_status()
        self._draw()

    def _ends(self, view: View) -> str | None:
        """The time of day the flow will end at this pace, as termdown shows it; none while
        paused, when it would slip a second each second."""
        if view.paused or view.resuming is not None:
            return None
        seconds = view.total_remaining / self.supple.speed
        return f"{self.supple.now() + timedelta(seconds=round(seconds)):%H:%M}"

    def _draw(self) -> None:
        if self.player is None or self.player.finished:
            return
        view = self.player.view()
        panel = self.query_one(FlowPanel)
        # Reduced motion: the bar steps with the seconds, so there is nothing to wake for
        # between them. The phase ends are timed exactly as before.
        still = self.app.animation_level == "none"
        panel.show(view, stepped=still, ends=self._ends(view))
        if view.paused != self._shown_paused:
            # The footer's space key says Pause or Resume, whichever it does now.
            self._shown_paused = view.paused
            self.refresh_bindings()
        left = format_duration(view.total_remaining)
        # Translators: the terminal window's title while the flow is paused; {time} is left.
        paused = _("Supple · {time} left · paused")
        # Translators: the terminal window's title during a flow; {time} (m:ss) is left.
        running = _("Supple · {time} left")
        title = paused if view.paused else running
        self.supple.set_terminal_title(title.format(time=left))
        # A bar just shown has no width until the next layout: wake as often as the widest
        # bar would need, or it would sit still until the digits change a second later.
        cells = 0 if still else panel.bar_cells() or self.screen.size.width
        self._schedule(view, cells)

    def _schedule(self, view: View, bar_cells: int) -> None:
        """Sleep until the next visible change: no fixed frame rate, no wake-ups while paused.
        Time itself always comes from the player's clock, so a late wake-up loses nothing."""
        self._stop_ticker()
        breathing = view.phase.kind in (PhaseKind.INHALE, PhaseKind.EXHALE)
        rate = BREATH_BAR_REDRAWS_PER_S if breathing else HOLD_BAR_REDRAWS_PER_S
        delay = next_wake(view, bar_cells, self.supple.speed, 1 / rate)
        if delay is not None:
            self._ticker = self.set_timer(delay, self.tick)

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def _cue(self, events: list[Event]) -> None:
        """Each batch of the player's events is a moment: hand on its cue, if it has one."""
        if self.player is None:
            return
        view = self.player.view()
        cue = self._cues.update(events, view)
        if cue is not None:
            self.supple.cue(cue)
        elif view.paused and not self._was_paused:
            # Nothing is said while paused, not even the end of what was being said.
            self.supple.cue_output.hush()
        self._was_paused = view.paused

    def _handle(self, events: list[Event]) -> None:
        self._cue(events)
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
        if self.player is None or self.session is None:
            return
        self.session.steps = [r.to_dict() for r in self.player.records()]
        self.session.updated_at = self.supple.now()
        # The document is built here and handed over whole: the saver shares nothing with us.
        ask_to_save(self, SessionChange(self.session.to_document()))

    def _finish(self, completed: bool) -> None:
        player, session = self.player, self.session
        if player is None or session is None:
            return
        self._stop_ticker()
        if not completed:
            self.supple.cue_output.hush()
        session.ended_at = self.supple.now()
        session.completed = completed
        self._save()
        self.player = self.session = None
        self.post_message(RunFinished(session, player, quitting=self._quitting))

    def _act(self, events: list[Event]) -> None:
        self._handle(events)
        self._draw()

    # -- keys --------------------------------------------------------------------

    def action_pause(self) -> None:
        if self.player is not None:
            self._act(self.player.toggle_pause())

    def action_resume(self) -> None:
        self.action_pause()

    def action_skip(self) -> None:
        if self.player is not None:
            self._act(self.player.skip())

    def action_back(self) -> None:
        if self.player is not None:
            self._act(self.player.back())

    def action_more(self) -> None:
        if self.player is not None:
            self._act(self.player.adjust(+ADJUST_STEP_S))

    def action_less(self) -> None:
        if self.player is not None:
            self._act(self.player.adjust(-ADJUST_STEP_S))

    def action_mute(self) -> None:
        toggle_mute(self)
        self.show_status()

    def action_unmute(self) -> None:
        self.action_mute()

    def action_leave(self) -> None:
        player = self.player
        if player is None:
            return
        resume = self.hold_still()

        def answered(leave: bool | None) -> None:
            if self.player is not player:
                return
            if leave:
                self._handle(player.quit())
            else:
                resume()

        from tui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                # Translators: asked when q or escape is pressed during the flow.
                _("Leave the flow? What you have done so far is kept."),
                # Translators: the buttons of the question "Leave the flow?".
                _("Leave"),
                _("Stay"),
            ),
            answered,
        )

    # -- when something covers the flow --------------------------------------------

    def hold_still(self) -> Callable[[], None]:
        """Pause a running flow while something covers it (a question); the call returned
        resumes it, through the usual countdown, unless it was paused already."""
        player = self.player
        if player is None or player.paused:
            return lambda: None
        self._act(player.toggle_pause())

        def resume() -> None:
            if self.player is player and player.paused:
                self._act(player.toggle_pause())

        return resume

    def covered(self, *, for_a_moment: bool) -> None:
        """Another screen covers the flow: a hold must not run on and ring unseen, so it
        waits. Covered `for_a_moment` (help, a question over it), it resumes when uncovered;
        covered by another screen (history, the editor, settings), coming back shows it
        paused."""
        player = self.player
        if player is not None and not player.paused and not player.finished:
            self._act(player.toggle_pause())
            self._held = player if for_a_moment else None

    def uncovered(self) -> None:
        player, self._held = self._held, None
        if player is not None and self.player is player and player.paused:
            self._act(player.toggle_pause())
        else:
            self._draw()

    def abandon(self) -> None:
        """Leave the run without asking: the app is quitting."""
        self._quitting = True
        if self.player is not None:
            self._handle(self.player.quit())
