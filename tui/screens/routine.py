"""The routine screen (home): the overview, the running flow and its summary, one at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher

from tui.domain.settings import STIFFNESS_BEFORE_AND_AFTER, STIFFNESS_NEVER
from tui.i18n import _
from tui.messages import RunFinished, Saved, StartFlow
from tui.startup import add_styles
from tui.views.overview import Overview
from tui.widgets.footer import SuppleFooter

# Home is the first screen, so what only a run needs (the player, its cues, the flow panel
# and the questions) is imported when a run first needs it, not at start (bench/README.md).
if TYPE_CHECKING:
    from tui.app import SuppleApp
    from tui.domain.player import Player
    from tui.views.running_flow import RunningFlow
    from tui.views.summary import Summary

# Below this many rows the big digits and the margins give way (styles/*.tcss: -short).
SHORT_ROWS = 20
# Below this many columns the flow's title and place stack, and the steps take two lines.
NARROW_COLUMNS = 60
# From this many rows the floor view's bar is three rows thick instead of two.
TALL_ROWS = 40


class RoutineScreen(Screen[None]):
    """Home. The flow and its summary are views switched in place, so `escape` never loses
    them; each view has its own keys, which work while it is shown (and focused)."""

    # Home's enter also works before the overview has the focus: a served tab's first keys
    # may arrive while the screen is still settling (the overview's own enter comes first
    # once it is focused, and shows in the footer).
    BINDINGS = [Binding("enter", "start_from_home", show=False)]

    def __init__(self) -> None:
        super().__init__()
        # The flow and the summary, mounted when a run first needs them (run_views).
        self._run_views: AwaitMount | None = None
        self._run_views_ready = False
        self._resumed = False

    @property
    def supple(self) -> SuppleApp:
        return cast("SuppleApp", self.app)

    @property
    def help_name(self) -> str:
        """What help calls this screen: it names the view shown now (marked with N_ there;
        help translates it)."""
        return str(self._shown().BINDING_GROUP_TITLE)

    def compose(self) -> ComposeResult:
        # The overview only: the first frame is what start-up waits for, and the flow and
        # the summary are not seen until a run starts (run_views).
        with ContentSwitcher(initial="overview", id="routine-views"):
            yield Overview(id="overview", start=self.start_flow)
        yield SuppleFooter()

    def run_views(self) -> AwaitMount:
        """Mount the running flow and the summary, hidden, once, when the first run starts:
        they cost start-up nothing, and a run starts a few milliseconds later for it, once a
        session (bench/README.md). Awaitable."""
        if self._run_views is None:
            from tui.views.running_flow import RunningFlow
            from tui.views.summary import Summary

            for view in (RunningFlow, Summary):
                add_styles(self.app, view.STYLESHEET)
            flow, summary = RunningFlow(id="flow"), Summary(id="summary")
            flow.display = summary.display = False  # the switcher shows one view at a time
            self._run_views = self.query_one(ContentSwitcher).mount(flow, summary)
            self.call_next(self._run_views_mounted)
        return self._run_views

    async def _run_views_mounted(self) -> None:
        assert self._run_views is not None
        await self._run_views
        self._run_views_ready = True

    def _flow(self) -> RunningFlow | None:
        if not self._run_views_ready:
            return None
        from tui.views.running_flow import RunningFlow

        return self.query_one(RunningFlow)

    def _summary(self) -> Summary:
        from tui.views.summary import Summary

        return self.query_one(Summary)

    @property
    def player(self) -> Player | None:
        """The run in progress, if any."""
        flow = self._flow()
        return flow.player if flow is not None else None

    def tick(self) -> None:
        """Let the running flow catch up with its clock now (tests move a fake clock)."""
        flow = self._flow()
        if flow is not None:
            flow.tick()

    # -- views -------------------------------------------------------------------

    @property
    def view_name(self) -> str:
        return self.query_one(ContentSwitcher).current or "overview"

    def _shown(self) -> Overview | RunningFlow | Summary:
        view = self.query_one(f"#{self.view_name}")
        return cast("Overview | RunningFlow | Summary", view)

    def _switch(self, name: str) -> None:
        self.query_one(ContentSwitcher).current = name
        # Each view's keys work while it has the focus.
        self._shown().focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # Shown for the first time, just mounted: every widget's styles were worked out
            # as it mounted, and Textual's own handler (which runs after this one) would
            # work them all out again before the first frame.
            self._resumed = True
            event.refresh_styles = False
        # The editor may have changed the routine, settings the cue mode; a run in progress
        # keeps its own copy of the routine.
        flow = self._flow()
        if flow is not None:
            flow.show_status()
        if flow is not None and flow.running:
            flow.uncovered()
        else:
            self.query_one(Overview).refresh_all()

    def on_screen_suspend(self) -> None:
        flow = self._flow()
        if flow is not None:
            # Help, the palette or a question over the flow covers it for a moment; the other
            # screens (a switch of mode, a palette command's too) leave it paused.
            flow.covered(for_a_moment=isinstance(self.app.screen, ModalScreen))

    def on_saved(self, _: Saved) -> None:
        if self.view_name == "overview":
            self.query_one(Overview).refresh_all()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_ROWS, "-short")
        self.set_class(event.size.width < NARROW_COLUMNS, "-narrow")
        self.set_class(event.size.height >= TALL_ROWS, "-tall")

    # -- a run, from the start to its summary ---------------------------------------

    def action_start_from_home(self) -> None:
        if self.view_name == "overview":
            self.start_flow()

    def on_start_flow(self, message: StartFlow) -> None:
        message.stop()
        self.start_flow()

    def start_flow(self) -> None:
        """Start from whatever is shown (home's enter, the palette); a run in progress goes on."""
        if self.view_name == "flow":
            self.notify(_("The flow is already running."), timeout=3)
            return
        if self.view_name == "summary":
            self._home()
        started = self.supple.run_elsewhere()
        if started is None:
            self._ask_stiffness()
            return

        def answered(start_here: bool | None) -> None:
            if start_here and self.view_name == "overview":
                self._ask_stiffness()

        # Translators: time is when the other flow started, e.g. "08:15".
        question = _(
            "A flow started at {time} is running in another window or browser tab. "
            "Start one here too?"
        ).format(time=f"{started:%H:%M}")
        from tui.screens.confirm import ConfirmScreen

        # Translators: the answers to starting a second flow here (buttons: keep short).
        self.app.push_screen(ConfirmScreen(question, _("Start here too"), _("Not now")), answered)

    def _ask_stiffness(self) -> None:
        """Ask how stiff the back is first, when the setting says so, then begin."""
        if self.supple.ask_stiffness() != STIFFNESS_BEFORE_AND_AFTER:
            self._begin(None)
            return

        def rated(stiffness: int | None) -> None:
            # The palette may have started a run meanwhile; a second one never starts.
            if self.view_name == "overview":
                self._begin(stiffness)

        from tui.screens.stiffness import StiffnessScreen

        # Translators: the stiffness question's title before a flow starts.
        self.app.push_screen(StiffnessScreen(_("Before you start")), rated)

    def _begin(self, stiffness_before: int | None) -> None:
        if not self._run_views_ready:
            # The first run of this app: it starts once its views are mounted.
            self.call_next(self._begin_when_ready, stiffness_before)
            return
        flow = self._flow()
        if flow is not None and not flow.running and self.view_name == "overview":
            self._switch("flow")
            flow.begin(stiffness_before)

    async def _begin_when_ready(self, stiffness_before: int | None) -> None:
        await self.run_views()
        self._run_views_ready = True
        self._begin(stiffness_before)

    def on_run_finished(self, message: RunFinished) -> None:
        # Not stopped: the app lets the run go as well.
        summary = self._summary()
        summary.show(message.player, message.session)
        self._switch("summary")
        if not message.quitting and self.supple.ask_stiffness() != STIFFNESS_NEVER:
            summary.action_rate_after()

    def on_summary_done(self, message: Summary.Done) -> None:
        message.stop()
        self._home()

    def _home(self) -> None:
        self._switch("overview")
        self.query_one(Overview).refresh_all()
