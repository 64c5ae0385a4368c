"""One session opened from the history: its steps (done of planned), stiffness, note, and
whether it counted and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.domain.history import HistorySettings, SessionFacts, session_day
from tui.domain.history_words import date_words
from tui.domain.routine import DEFAULT_ROUTINE_NAME, shown_name_of
from tui.domain.session import note_of, stiffness_of
from tui.domain.stiffness import stiffness_words
from tui.domain.text_safety import shown
from tui.domain.time_held import held_words
from tui.i18n import N_, _, pgettext
from tui.paths import styles_dir
from tui.widgets.footer import SuppleFooter

# The labels on the left, in a column two wider than the longest in the language in use.
_LABELS = (
    N_("Started"),
    N_("Length"),
    N_("Time held"),
    N_("Routine"),
    N_("Reached the end"),
    N_("Speed"),
    N_("Counted"),
    N_("Back stiffness"),
    N_("Note"),
)


def counted_words(facts: SessionFacts) -> str:
    """Whether the session made its day a done day, and if not, why not (§4)."""
    reason = facts.why_not_counted
    if reason is None:
        return _("yes ✓ (completed at speed 1, at least half of its steps held)")
    # Translators: {reason} is why the session did not count, such as "left early".
    return _("no: {reason}").format(reason=reason)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else "?"


def detail_text(
    document: Mapping[str, Any], facts: SessionFacts, settings: HistorySettings
) -> Text:
    """Everything the detail shows, as text (never markup: names and the note come from a
    file or a person and are shown as they are, control characters spelled out)."""
    day = session_day(facts.started_at, settings.day_starts_at)
    text = Text(no_wrap=False, end="")
    width = max(len(_(label)) for label in _LABELS) + 2

    def row(label: str, value: str | Text, style: str = "") -> None:
        if text.plain:
            text.append("\n")
        text.append(f"{_(label):<{width}}", "bold")
        text.append(value if isinstance(value, Text) else Text(value, style=style))

    when = f"{date_words(day, year=True)} · {facts.started_at:%H:%M}"
    row(N_("Started"), when)
    if facts.ended_at is None:
        row(N_("Length"), _("still open"))
    else:
        seconds = max(0, round((facts.ended_at - facts.started_at).total_seconds()))
        # Translators: {length} is minutes:seconds, such as 12:05.
        length = _("{length} (pauses included)").format(
            length=f"{seconds // 60}:{seconds % 60:02d}"
        )
        row(N_("Length"), length)
    # Time held (rules.md §3): what the summary, stats and the CSV say of this session.
    row(N_("Time held"), held_words(facts.active_seconds))
    routine = document.get("routine")
    if isinstance(routine, str):
        # The built-in routine's name, recorded in English, is shown translated.
        routine = _(routine) if routine == DEFAULT_ROUTINE_NAME else routine
    row(N_("Routine"), shown(routine) if isinstance(routine, str) else "?")
    # Translators: whether the session reached the end of the flow.
    row(N_("Reached the end"), _("yes") if facts.completed else _("no, left early"))
    if facts.practice:
        row(N_("Speed"), f"{facts.speed:g}×")
    row(N_("Counted"), counted_words(facts))
    row(
        N_("Back stiffness"),
        stiffness_words(
            stiffness_of(document, "stiffness_before"), stiffness_of(document, "stiffness_after")
        ),
    )
    note = note_of(document)
    # Translators: there is no note.
    no_note = pgettext("note", "none")
    row(N_("Note"), Text(shown(note)) if note else Text(no_note, style="dim"))
    steps = document.get("steps", [])
    text.append("\n\n")
    # Translators: the heading over a session's steps: steps held of the steps planned.
    heading = _("Steps · {held} of {steps} held").format(held=facts.held_steps, steps=facts.steps)
    text.append(heading, "bold")
    if not steps:
        text.append("\n" + _("No step was played."), "dim")
    for step in steps:
        name, key = step.get("name"), step.get("key")
        # A built-in stretch's recorded name in the language in use, when the step says
        # which stretch it was (its key).
        label = (
            shown(shown_name_of(key if isinstance(key, str) else None, name))
            if isinstance(name, str)
            else "?"
        )
        side = step.get("side")
        if side == "left":
            label += " · " + pgettext("side of the body", "left")
        elif side == "right":
            label += " · " + pgettext("side of the body", "right")
        done, planned = _number(step.get("done")), _number(step.get("planned"))
        if step.get("unit") == "s":
            # Translators: seconds held of seconds planned; s is the unit (seconds).
            amounts = _("{done} of {planned} s").format(done=done, planned=planned)
        else:
            # Translators: repetitions done of repetitions planned; keep "reps" short.
            amounts = _("{done} of {planned} reps").format(done=done, planned=planned)
        adjusted = step.get("adjusted_s")
        if isinstance(adjusted, int | float) and adjusted:
            # `+`/`-` during the hold, beside the routine's dose it changed (rules.md §3).
            # Translators: seconds the hold was made longer or shorter, such as +10 or -5.
            amounts += " " + _("({seconds} s)").format(seconds=f"{adjusted:+g}")
        status = step.get("status")
        text.append("\n")
        if len(label) > 34:
            # A long name (a longer language's side word, a name of one's own) keeps its
            # line, its amounts go under: a name is never cut.
            text.append(label + "\n" + " " * 36)
        else:
            text.append(f"{label:<36}")
        text.append(f"{amounts:<20}")
        text.append(_step_status_words(status), "dim" if status == "skipped" else "")
    return text


def _step_status_words(status: object) -> str:
    """How a step of the session ended, as recorded: done, partial, skipped (else '?')."""
    if status == "done":
        return pgettext("state of a step", "done")
    if status == "partial":
        return pgettext("state of a step", "partial")
    if status == "skipped":
        return pgettext("state of a step", "skipped")
    return "?"


class SessionDetailScreen(ModalScreen[str | None]):
    """One session; escape, enter or q closes it. A correction closes it too, saying which
    ("delete", "note", "before", "after"): the history screen asks and saves it."""

    BINDING_GROUP_TITLE = N_("Session")
    CSS_PATH = styles_dir() / "stiffness.tcss"
    BINDINGS = [
        Binding("escape,enter,q", "close", N_("Close"), id="session.close"),
        # A modal screen hides the app's keys: help is offered here as everywhere else.
        Binding("question_mark", "app.help", N_("Help"), id="session.help", show=False),
        Binding("delete", "correct('delete')", N_("Delete"), id="session.delete"),
        Binding("n", "correct('note')", N_("Note"), id="session.note"),
        # Translators: footer key labels: correct how stiff the back was before / after.
        Binding("b", "correct('before')", N_("Stiff before"), id="session.before"),
        Binding("a", "correct('after')", N_("Stiff after"), id="session.after"),
    ]

    def __init__(
        self, document: Mapping[str, Any], facts: SessionFacts, settings: HistorySettings
    ) -> None:
        super().__init__()
        self.document = document
        self.facts = facts
        self.settings = settings

    def compose(self) -> ComposeResult:
        with Vertical(id="session-box"):
            yield Label(_("Session"), id="session-title")
            with VerticalScroll(id="session-scroll"):
                yield Static(
                    detail_text(self.document, self.facts, self.settings), id="session-body"
                )
        # Its keys in a footer of its own, as a question has, over the history's footer:
        # one line that fits at 80 columns, where a hint in the box was cut.
        yield SuppleFooter()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_correct(self, what: str) -> None:
        self.dismiss(what)
