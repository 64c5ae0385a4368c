"""The routine screen (home): today's status and the flow, then the running flow and its summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Label, Static

from tui.domain.history import SessionFacts
from tui.domain.routine import CLOSING_LINE, SAFETY_NOTE, Routine, format_duration
from tui.domain.settings import STIFFNESS_BEFORE_AND_AFTER, STIFFNESS_NEVER
from tui.paths import styles_dir
from tui.startup import add_styles
from tui.widgets.footer import SuppleFooter
from tui.widgets.status_words import cue_words, flow_status
from tui.widgets.step_list import StepList

# Home is the first screen, so what only a run needs (the player, its cues, the flow panel
# and the questions) is imported when a run first needs it, not at start (bench/README.md).
if TYPE_CHECKING:
    from tui.app import SuppleApp
    from tui.domain.cues import CueSchedule
    from tui.domain.player import Event, Player, View
    from tui.domain.session import Session
    from tui.widgets.flow_panel import FlowPanel

# How often a bar may move; digits and phase ends are never held back by it. A hold's bar
# moves three times a second, which keeps a hold under 1% of a core (bench/README.md); the
# breathing bar, which the breath follows, moves twice as often.
HOLD_BAR_REDRAWS_PER_S = 3
BREATH_BAR_REDRAWS_PER_S = 6
# Below this many rows the big digits and the margins give way (styles/routine.tcss, flow.tcss).
SHORT_ROWS = 20
# Below this many columns the flow's title and place stack, and the steps take two lines.
NARROW_COLUMNS = 60
# From this many rows the floor view's bar is three rows thick instead of two.
TALL_ROWS = 40


def stiffness_line(before: int | None, after: int | None) -> str:
    """'Back stiffness    6 → 4 (2 better)', with a dash for a rating not given."""
    from tui.domain.stiffness import stiffness_words

    if before is None and after is None:
        return "Back stiffness    not given (k says how stiff it is now)"
    return f"Back stiffness    {stiffness_words(before, after)}"


# `n` skips in the flow and writes a note at the summary: a key held to skip to the end must
# not open the note and type into it, so the summary takes `n` only after this long.
NOTE_KEY_GRACE_S = 0.6

_FLOW_ACTIONS = {"pause", "resume", "skip", "back", "more", "less", "leave"}


def streak_words(current: int, longest: int) -> str:
    """The streak as home says it; with none going, the best one so far is not forgotten."""
    if current:
        return f"{current}-day streak"
    if longest:
        return f"Longest streak {longest} day{'' if longest == 1 else 's'}: a new one starts today"
    return "No streak yet: today can start one"


def counted_words(facts: SessionFacts, done_today: bool) -> str:
    """Whether this run counts for today, and if not, why, in plain words."""
    reason = facts.why_not_counted
    if reason is None:
        return "counted ✓"
    if done_today:
        return f"{reason}: this run is not counted (today is done already)"
    return f"{reason}: not counted today"


class RoutineScreen(Screen[None]):
    """Home. The flow and its summary are views switched in place, so `escape` never loses them."""

    # Short descriptions, so an 80-column footer shows every flow key and help; the tooltips
    # are what help (and hovering the footer) says in full.
    BINDINGS = [
        Binding("enter", "start", "Start", id="routine.start", tooltip="Start today's flow"),
        # Two bindings per toggle, one shown at a time: the footer says what the key does now.
        Binding(
            "space",
            "pause",
            "Pause",
            id="flow.pause",
            tooltip="Pause the flow; resuming counts down 3 s first",
        ),
        Binding(
            "space",
            "resume",
            "Resume",
            id="flow.resume",
            tooltip="Resume the flow, after a 3 s countdown",
        ),
        Binding("n,right", "skip", "Skip", id="flow.skip", tooltip="Skip to the next phase"),
        Binding(
            "b,left",
            "back",
            "Back",
            id="flow.back",
            tooltip="Back to the start of this stretch; twice quickly, the one before",
        ),
        Binding(
            "plus,equals_sign", "more", "+5s", id="flow.more", tooltip="Hold this side 5 s longer"
        ),
        Binding("minus", "less", "−5s", id="flow.less", tooltip="Hold this side 5 s less"),
        Binding("m", "mute", "Mute", id="flow.mute", tooltip="Mute the cues"),
        Binding("m", "unmute", "Unmute", id="flow.unmute", tooltip="Unmute the cues"),
        Binding(
            "q,escape",
            "leave",
            "Leave",
            id="flow.leave",
            tooltip="Leave the flow (asks first; what you did is kept)",
        ),
        Binding("enter", "finish", "Done", id="summary.done", tooltip="Back to today's overview"),
        Binding("n", "note", "Note", id="summary.note", tooltip="Add a note to this session"),
        Binding(
            "k",
            "rate_after",
            "Stiffness",
            id="summary.stiffness",
            tooltip="Say how stiff your back is now",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.player: Player | None = None
        self.session: Session | None = None
        self._ticker: Timer | None = None
        self._cues: CueSchedule | None = None
        # The flow panel and the summary, mounted when a run first needs them (run_views).
        self._run_views: AwaitMount | None = None
        self._run_views_ready = False
        self._was_paused = False
        self._summary_lines: list[str] = []
        self._summary_since = 0.0
        # True while the app is quitting: the summary then asks nothing.
        self._abandoning = False
        self._shown_paused = False
        self._resumed = False

    @property
    def supple(self) -> SuppleApp:
        return cast("SuppleApp", self.app)

    @property
    def help_name(self) -> str:
        """What help calls this screen: it names the view shown now."""
        return {"flow": "Running flow", "summary": "Summary"}.get(self.view_name, "Routine")

    def compose(self) -> ComposeResult:
        # The overview only: the first frame is what start-up waits for, and the flow panel
        # and the summary are not seen until a run starts (run_views).
        with ContentSwitcher(initial="overview", id="routine-views"), Vertical(id="overview"):
            yield Label(id="today-status")
            yield Label(id="routine-name")
            # On a short terminal only the steps scroll: the note and the hint stay in view.
            with VerticalScroll(id="step-scroll", can_focus=False):
                yield StepList(id="step-list")
            yield Static(SAFETY_NOTE, id="safety-note")
            yield Label("Press enter to begin.", id="start-hint")
        yield SuppleFooter()

    def on_mount(self) -> None:
        # The overview itself is filled in on_screen_resume, which every screen gets first.
        self._show_states()

    def run_views(self) -> AwaitMount:
        """Mount the flow panel and the summary, hidden, once, when the first run starts: they
        cost start-up nothing (mounted just after the first frame, they held that frame back
        from the terminal; bench/README.md), and a run starts a few milliseconds later for
        it, once a session. Awaitable."""
        if self._run_views is None:
            from tui.widgets.flow_panel import FlowPanel

            add_styles(self.app, styles_dir() / "flow.tcss")
            panel = FlowPanel(id="flow")
            summary = VerticalScroll(
                Label("Flow complete", id="summary-title"),
                Static(id="summary-body"),
                Label(CLOSING_LINE, id="summary-closing"),
                id="summary",
                can_focus=False,
            )
            panel.display = summary.display = False  # the switcher shows one view at a time
            self._run_views = self.query_one(ContentSwitcher).mount(panel, summary)
            self.call_next(self._run_views_mounted)
        return self._run_views

    async def _run_views_mounted(self) -> None:
        assert self._run_views is not None
        await self._run_views
        self._run_views_ready = True
        self._show_states()

    def _panel(self) -> FlowPanel:
        from tui.widgets.flow_panel import FlowPanel

        return self.query_one("#flow", FlowPanel)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # Shown for the first time, just mounted: every widget's styles were worked out
            # as it mounted, and Textual's own handler (which runs after this one) would
            # work them all out again before the first frame.
            self._resumed = True
            event.refresh_styles = False
        # The editor may have changed the routine; a run in progress keeps its own copy.
        # Settings may have changed the cue mode.
        self._show_states()
        if self.player is None:
            self.refresh_overview()
        else:
            self._render_flow()

    def on_screen_suspend(self) -> None:
        # Another screen covers the flow (history, the editor, settings, the palette): a hold
        # must not run on and ring unseen, so it waits, and coming back shows it paused.
        # A question or help paused it already (hold_still) and resumes it when closed.
        player = self.player
        if player is not None and not player.paused and not player.finished:
            self._handle(player.toggle_pause())
            self._render_flow()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_ROWS, "-short")
        self.set_class(event.size.width < NARROW_COLUMNS, "-narrow")
        self.set_class(event.size.height >= TALL_ROWS, "-tall")

    # -- views -------------------------------------------------------------------

    @property
    def view_name(self) -> str:
        return self.query_one(ContentSwitcher).current or "overview"

    def _switch(self, name: str) -> None:
        self.query_one(ContentSwitcher).current = name
        self.refresh_bindings()

    def refresh_overview(self) -> None:
        routine = self.supple.store.routine()
        self.query_one("#routine-name", Label).update(
            Content(f"{routine.name} · {format_duration(routine.total_seconds())}")
        )
        self.query_one(StepList).show(routine)
        # In the first frame, with the streak: the summary kept beside the sessions makes it
        # quick to read at any history size, and a line filled in after the first frame
        # would cost a second full frame at once (bench/README.md).
        self.refresh_status()

    def refresh_status(self) -> None:
        stats = self.supple.history_stats()
        status = "Done today ✓" if stats.done_today else "Not stretched yet today"
        streak_text = streak_words(stats.current_streak, stats.longest_streak)
        parts = [status, streak_text]
        # Before the first done day there is no strength to speak of (it is exactly 0).
        if stats.strength.value > 0:
            parts.append(f"strength {stats.strength.percent}%")
        self.query_one("#today-status", Label).update("  ·  ".join(parts))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view_name
        if action == "start":
            return view == "overview"
        if action in ("finish", "note", "rate_after"):
            return view == "summary"
        if action in ("mute", "unmute"):
            return view in ("flow", "overview") and self.supple.muted == (action == "unmute")
        if action in _FLOW_ACTIONS:
            if view != "flow":
                return False
            if action in ("pause", "resume"):
                paused = self.player is not None and self.player.paused
                return paused == (action == "resume")
        return True

    # -- running the flow ----------------------------------------------------------

    def action_start(self) -> None:
        started = self.supple.run_elsewhere()
        if started is None:
            self._start()
            return

        def answered(start_here: bool | None) -> None:
            if start_here and self.player is None:
                self._start()

        question = (
            f"A flow started at {started:%H:%M} is running in another window or browser tab. "
            "Start one here too?"
        )
        from tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, "Start here too", "Not now"), answered)

    def _start(self) -> None:
        """Ask how stiff the back is first, when the setting says so, then begin."""
        if self.supple.ask_stiffness() != STIFFNESS_BEFORE_AND_AFTER:
            self._begin(None)
            return

        def rated(stiffness: int | None) -> None:
            # The palette may have started a run meanwhile; a second one never starts.
            if self.player is None and self.view_name != "flow":
                self._begin(stiffness)

        from tui.screens.stiffness import StiffnessScreen

        self.app.push_screen(StiffnessScreen("Before you start"), rated)

    def _begin(self, stiffness_before: int | None) -> None:
        if not self._run_views_ready:
            # The first run of this app: it starts once its views are mounted.
            self.call_next(self._begin_when_ready, stiffness_before)
            return
        from tui.domain.cues import CueSchedule
        from tui.domain.player import Player
        from tui.domain.session import Session

        routine: Routine = self.supple.store.routine()
        self.player = Player(routine, self.supple.flow_clock())
        self._cues = CueSchedule()
        self._was_paused = False
        self.session = Session(
            started_at=self.supple.now(),
            routine=routine.name,
            speed=self.supple.speed,
            stiffness_before=stiffness_before,
        )
        self.supple.begin_run(self.session.id, abandon=self.abandon)
        self._save_session()
        self._switch("flow")
        self._handle(self.player.start())
        self._render_flow()

    async def _begin_when_ready(self, stiffness_before: int | None) -> None:
        await self.run_views()
        if self.player is None and self.view_name == "overview":
            self._begin(stiffness_before)

    def tick(self) -> None:
        if self.player is None:
            return
        self._handle(self.player.advance())
        if self.player is not None:
            self._render_flow()

    def _render_flow(self) -> None:
        if self.player is None or self.player.finished:
            return
        view = self.player.view()
        panel = self._panel()
        # Reduced motion: the bar steps with the seconds, so there is nothing to wake for
        # between them. The phase ends are timed exactly as before.
        still = self.app.animation_level == "none"
        panel.show(view, stepped=still)
        if view.paused != self._shown_paused:
            # The footer's space key says Pause or Resume, whichever it does now.
            self._shown_paused = view.paused
            self.refresh_bindings()
        self.supple.set_terminal_title(
            f"Supple · {format_duration(view.total_remaining)} left"
            + (" · paused" if view.paused else "")
        )
        # A bar just shown has no width until the next layout: wake as often as the widest
        # bar would need, or it would sit still until the digits change a second later.
        cells = 0 if still else panel.bar_cells() or self.size.width
        self._schedule(view, cells)

    def _schedule(self, view: View, bar_cells: int) -> None:
        """Sleep until the next visible change: no fixed frame rate, no wake-ups while paused.
        Time itself always comes from the player's clock, so a late wake-up loses nothing."""
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        from tui.domain.frame_pacing import next_wake
        from tui.domain.player import PhaseKind

        breathing = view.phase.kind in (PhaseKind.INHALE, PhaseKind.EXHALE)
        rate = BREATH_BAR_REDRAWS_PER_S if breathing else HOLD_BAR_REDRAWS_PER_S
        delay = next_wake(view, bar_cells, self.supple.speed, 1 / rate)
        if delay is not None:
            self._ticker = self.set_timer(delay, self.tick)

    def _cue(self, events: list[Event]) -> None:
        """Each batch of the player's events is a moment: hand on its cue, if it has one."""
        if self.player is None or self._cues is None:
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
        from tui.domain.player import FlowFinished, StepFinished

        self._cue(events)
        save = False
        for event in events:
            if isinstance(event, StepFinished):
                save = True
            if isinstance(event, FlowFinished):
                self._finish(event.completed)
                return
        if save:
            self._save_session()

    def _save_session(self) -> None:
        if self.player is None or self.session is None:
            return
        self.session.steps = [r.to_dict() for r in self.player.records()]
        self.session.updated_at = self.supple.now()
        # The document is built here and handed over whole: the writer shares nothing with us.
        self.supple.save_session(self.session.to_document())

    def _finish(self, completed: bool) -> None:
        if self.player is None or self.session is None:
            return
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if not completed:
            self.supple.cue_output.hush()
        self.session.ended_at = self.supple.now()
        self.session.completed = completed
        self._save_session()
        self.supple.end_run()
        self._show_summary(self.player, self.session)
        self.player = None
        self.supple.set_terminal_title("Supple")
        if not self._abandoning and self.supple.ask_stiffness() != STIFFNESS_NEVER:
            self.action_rate_after()

    def _show_summary(self, player: Player, session: Session) -> None:
        from tui.domain.player import StepStatus

        records = player.records()
        counts = {status: 0 for status in StepStatus}
        for record in records:
            counts[record.status] += 1
        stats = self.supple.history_stats(pending=session, fresh=False)
        facts = SessionFacts.from_document(session.to_document())
        lines = [
            f"Time stretching   {format_duration(player.active_seconds)}",
            f"Steps held        {facts.held_steps} of {facts.steps}"
            f"  ({counts[StepStatus.DONE]} done · {counts[StepStatus.PARTIAL]} partial ·"
            f" {counts[StepStatus.SKIPPED]} skipped)",
            f"Today             {counted_words(facts, stats.done_today)}",
            f"Streak            {stats.current_streak} day"
            + ("" if stats.current_streak == 1 else "s"),
        ]
        self._summary_lines = lines
        title = "Flow complete" if session.completed else "Flow left early: what you did is kept"
        self.query_one("#summary-title", Label).update(title)
        self._show_summary_body()
        self._summary_since = self.supple.clock.now()
        self._switch("summary")

    def _show_summary_body(self) -> None:
        """The summary's lines, then how the back felt and the note, as given so far."""
        session = self.session
        body = Text("\n".join(self._summary_lines))
        if session is not None:
            body.append("\n" + stiffness_line(session.stiffness_before, session.stiffness_after))
            if session.note:
                # Text, never markup: a note shows exactly as it was typed.
                body.append("\nNote              ")
                body.append(session.note)
        self.query_one("#summary-body", Static).update(body)

    def _save_answers(self) -> None:
        """The run is over and its steps are saved: write the session again as a whole, with
        the answers given at the summary, through the same ordered writer."""
        if self.session is not None:
            self.supple.save_session(self.session.to_document())

    def action_rate_after(self) -> None:
        session = self.session
        if session is None:
            return

        def rated(stiffness: int | None) -> None:
            if stiffness is not None and self.session is session:
                session.stiffness_after = stiffness
                self._save_answers()
                self._show_summary_body()

        from tui.screens.stiffness import StiffnessScreen

        self.app.push_screen(StiffnessScreen("After the flow", session.stiffness_after), rated)

    def action_note(self) -> None:
        session = self.session
        if session is None or self.supple.clock.now() - self._summary_since < NOTE_KEY_GRACE_S:
            return

        def written(note: str | None) -> None:
            if note is not None and self.session is session:
                session.note = note or None
                self._save_answers()
                self._show_summary_body()

        from tui.screens.note import NoteScreen

        self.app.push_screen(NoteScreen(session.note), written)

    # -- keys --------------------------------------------------------------------

    def action_pause(self) -> None:
        if self.player is None:
            return
        self._handle(self.player.toggle_pause())
        self._render_flow()

    def action_skip(self) -> None:
        if self.player is not None:
            self._handle(self.player.skip())
            self._render_flow()

    def action_back(self) -> None:
        if self.player is not None:
            self._handle(self.player.back())
            self._render_flow()

    def action_more(self) -> None:
        if self.player is not None:
            self._handle(self.player.adjust(+5))
            self._render_flow()

    def action_less(self) -> None:
        if self.player is not None:
            self._handle(self.player.adjust(-5))
            self._render_flow()

    def action_mute(self) -> None:
        muted = self.supple.toggle_mute()
        self.notify("Cues muted" if muted else "Cues on", timeout=2)
        self.refresh_bindings()
        self._show_states()

    def action_unmute(self) -> None:
        self.action_mute()

    def action_resume(self) -> None:
        self.action_pause()

    def _show_states(self) -> None:
        """Cues and practice, always in view: in the flow's status line, and on home."""
        muted, speed, mode = self.supple.muted, self.supple.speed, self.supple.cue_output.mode
        if self._run_views_ready:
            self._panel().show_status(flow_status(muted, speed, mode))
        cues = cue_words(muted, mode)
        if self.supple.speed != 1:
            cues += f" · practice at {self.supple.speed:g}× speed"
        hint = Content.assemble("Press enter to begin.", "  ·  ", (cues, "not bold dim"))
        self.query_one("#start-hint", Label).update(hint)

    def hold_still(self) -> Callable[[], None]:
        """Pause a running flow while something covers it (a question, help); the call
        returned resumes it, through the usual countdown, unless it was paused already."""
        player = self.player
        if player is None or player.paused:
            return lambda: None
        self._handle(player.toggle_pause())
        self._render_flow()

        def resume() -> None:
            if self.player is player and player.paused:
                self._handle(player.toggle_pause())
                self._render_flow()

        return resume

    def start_flow(self) -> None:
        """Start from whatever is shown (the palette's command); a run in progress goes on."""
        if self.view_name == "flow":
            self.notify("The flow is already running.", timeout=3)
            return
        if self.view_name == "summary":
            self.action_finish()
        self.action_start()

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
            ConfirmScreen("Leave the flow? What you have done so far is kept.", "Leave", "Stay"),
            answered,
        )

    def abandon(self) -> None:
        """Leave the run without asking: the app is quitting."""
        self._abandoning = True
        if self.player is not None:
            self._handle(self.player.quit())

    def action_finish(self) -> None:
        self._switch("overview")
        self.refresh_overview()
