"""The summary of a run just ended: what was held, whether it counts, the streak, and two
questions (how stiff the back is now, a note) whose answers are saved with the session."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, Static

from tui.changes import SessionChange
from tui.domain.history import SessionFacts
from tui.domain.plan import StepStatus
from tui.domain.routine import CLOSING_LINE
from tui.domain.stiffness import stiffness_words
from tui.domain.streaks import length_words, week_of
from tui.domain.time_held import held_words
from tui.i18n import N_, _
from tui.messages import ask_to_save
from tui.paths import styles_dir

if TYPE_CHECKING:
    from tui.app import SuppleApp
    from tui.domain.player import Player
    from tui.domain.session import Session

# `n` skips in the flow and writes a note here: a key held to skip to the end must not open
# the note and type into it, so the summary takes `n` only after this long.
NOTE_KEY_GRACE_S = 0.6

# The summary's labels, in a column four wider than the longest in the language in use.
_LABELS = (
    N_("Time held"),
    N_("Steps held"),
    N_("Today"),
    N_("Streak"),
    N_("Back stiffness"),
    N_("Note"),
)


def label(word: str) -> str:
    """`word` (one of _LABELS) in the language in use, padded to the labels' column."""
    width = max(len(_(each)) for each in _LABELS) + 4
    return f"{_(word):<{width}}"


def stiffness_line(before: int | None, after: int | None) -> str:
    """'Back stiffness    6 → 4 (2 better)', with a dash for a rating not given."""
    if before is None and after is None:
        # Translators: k is a key (not translated).
        not_given = _("not given (k says how stiff it is now)")
        return label(N_("Back stiffness")) + not_given
    return label(N_("Back stiffness")) + stiffness_words(before, after)


def counted_words(facts: SessionFacts, done_today: bool) -> str:
    """Whether this run counts for today, and if not, why, in plain words."""
    reason = facts.why_not_counted
    if reason is None:
        return _("counted ✓")
    if done_today:
        # Translators: {reason} is why the run does not count, such as "left early".
        return _("{reason}: this run is not counted (today is done already)").format(reason=reason)
    # Translators: {reason} is why the run does not count, such as "left early".
    return _("{reason}: not counted today").format(reason=reason)


class Summary(VerticalScroll, can_focus=True, inherit_bindings=False):
    """Shown when a run ends; `enter` goes back home (posted as `Summary.Done`)."""

    # Read with the running flow's, which always comes first (RoutineScreen.run_views).
    STYLESHEET = styles_dir() / "summary.tcss"
    BINDING_GROUP_TITLE = N_("Summary")
    BINDINGS = [
        Binding(
            "enter",
            "finish",
            # Translators: a key label: the person has read the summary.
            N_("Done"),
            id="summary.done",
            tooltip=N_("Back to today's overview"),
        ),
        Binding(
            "n", "note", N_("Note"), id="summary.note", tooltip=N_("Add a note to this session")
        ),
        Binding(
            "k",
            "rate_after",
            N_("Stiffness"),
            id="summary.stiffness",
            tooltip=N_("Say how stiff your back is now"),
        ),
    ]

    class Done(Message):
        """The person has read the summary: home shows the overview again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: Session | None = None
        self._lines: list[str] = []
        self._since = 0.0

    @property
    def supple(self) -> SuppleApp:
        return cast("SuppleApp", self.app)

    def compose(self) -> ComposeResult:
        yield Label(_("Flow complete"), id="summary-title")
        yield Static(id="summary-body")
        yield Label(_(CLOSING_LINE), id="summary-closing")

    def show(self, player: Player, session: Session) -> None:
        """The run just ended; its answers, given here, are saved with it."""
        self.session = session
        records = player.records()
        counts = {status: 0 for status in StepStatus}
        for record in records:
            counts[record.status] += 1
        stats = self.supple.history_stats(pending=session, fresh=False)
        facts = SessionFacts.from_document(session.to_document())
        # Translators: the steps of the run held of those planned, then how they ended.
        steps = _("{held} of {steps}  ({done} done · {partial} partial · {skipped} skipped)")
        self._lines = [
            # Time held (rules.md §3): the figure history, stats and the CSV give too.
            label(N_("Time held")) + held_words(facts.active_seconds),
            label(N_("Steps held"))
            + steps.format(
                held=facts.held_steps,
                steps=facts.steps,
                done=counts[StepStatus.DONE],
                partial=counts[StepStatus.PARTIAL],
                skipped=counts[StepStatus.SKIPPED],
            ),
            label(N_("Today")) + counted_words(facts, stats.done_today),
            label(N_("Streak"))
            + length_words(stats.current_streak, stats.streak_unit)
            + (f" · {week}" if (week := week_of(stats)) else ""),
        ]
        title = (
            _("Flow complete") if session.completed else _("Flow left early: what you did is kept")
        )
        self.query_one("#summary-title", Label).update(title)
        self.show_body()
        self._since = self.supple.clock.now()

    def show_body(self) -> None:
        """The summary's lines, then how the back felt and the note, as given so far."""
        session = self.session
        body = Text("\n".join(self._lines))
        if session is not None:
            body.append("\n" + stiffness_line(session.stiffness_before, session.stiffness_after))
            if session.note:
                # Text, never markup: a note shows exactly as it was typed.
                body.append("\n" + label(N_("Note")))
                body.append(session.note)
        self.query_one("#summary-body", Static).update(body)

    def _save_answers(self) -> None:
        """The run is over and its steps are saved: write the session again as a whole, with
        the answers given here, after the run's own saves."""
        if self.session is not None:
            ask_to_save(self, SessionChange(self.session.to_document()))

    def action_rate_after(self) -> None:
        session = self.session
        if session is None:
            return

        def rated(stiffness: int | None) -> None:
            if stiffness is not None and self.session is session:
                session.stiffness_after = stiffness
                self._save_answers()
                self.show_body()

        from tui.screens.stiffness import StiffnessScreen

        self.app.push_screen(StiffnessScreen(_("After the flow"), session.stiffness_after), rated)

    def action_note(self) -> None:
        session = self.session
        if session is None or self.supple.clock.now() - self._since < NOTE_KEY_GRACE_S:
            return

        def written(note: str | None) -> None:
            if note is not None and self.session is session:
                session.note = note or None
                self._save_answers()
                self.show_body()

        from tui.screens.note import NoteScreen

        self.app.push_screen(NoteScreen(session.note), written)

    def action_finish(self) -> None:
        self.session = None
        self.post_message(self.Done())
