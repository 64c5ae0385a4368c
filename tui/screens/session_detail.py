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
from tui.domain.session import note_of, stiffness_of
from tui.domain.stiffness import stiffness_words
from tui.domain.text_safety import shown
from tui.domain.time_held import held_words
from tui.paths import styles_dir
from tui.widgets.footer import SuppleFooter

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LABEL = 17  # the width of the labels on the left


def counted_words(facts: SessionFacts) -> str:
    """Whether the session made its day a done day, and if not, why not (§4)."""
    reason = facts.why_not_counted
    if reason is None:
        return "yes ✓ (completed at speed 1, at least half of its steps held)"
    return f"no: {reason}"


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else "?"


def detail_text(
    document: Mapping[str, Any], facts: SessionFacts, settings: HistorySettings
) -> Text:
    """Everything the detail shows, as text (never markup: names and the note come from a
    file or a person and are shown as they are, control characters spelled out)."""
    day = session_day(facts.started_at, settings.day_starts_at)
    text = Text(no_wrap=False, end="")

    def row(label: str, value: str | Text, style: str = "") -> None:
        if text.plain:
            text.append("\n")
        text.append(f"{label:<{_LABEL}}", "bold")
        text.append(value if isinstance(value, Text) else Text(value, style=style))

    when = (
        f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"
        f" · {facts.started_at:%H:%M}"
    )
    row("Started", when)
    if facts.ended_at is None:
        row("Length", "still open")
    else:
        seconds = max(0, round((facts.ended_at - facts.started_at).total_seconds()))
        row("Length", f"{seconds // 60}:{seconds % 60:02d} (pauses included)")
    # Time held (rules.md §3): what the summary, stats and the CSV say of this session.
    row("Time held", held_words(facts.active_seconds))
    routine = document.get("routine")
    row("Routine", shown(routine) if isinstance(routine, str) else "?")
    row("Reached the end", "yes" if facts.completed else "no, left early")
    if facts.practice:
        row("Speed", f"{facts.speed:g}×")
    row("Counted", counted_words(facts))
    row(
        "Back stiffness",
        stiffness_words(
            stiffness_of(document, "stiffness_before"), stiffness_of(document, "stiffness_after")
        ),
    )
    note = note_of(document)
    row("Note", Text(shown(note)) if note else Text("none", style="dim"))
    steps = document.get("steps", [])
    text.append("\n\n")
    text.append(f"Steps · {facts.held_steps} of {facts.steps} held", "bold")
    if not steps:
        text.append("\nNo step was played.", "dim")
    for step in steps:
        name = step.get("name")
        label = shown(name) if isinstance(name, str) else "?"
        side = step.get("side")
        if side in ("left", "right"):
            label += f" · {side}"
        unit = "s" if step.get("unit") == "s" else "reps"
        done = step.get("done")
        planned = step.get("planned")
        amounts = f"{_number(done)} of {_number(planned)} {unit}"
        adjusted = step.get("adjusted_s")
        if isinstance(adjusted, int | float) and adjusted:
            # `+`/`-` during the hold, beside the routine's dose it changed (rules.md §3).
            amounts += f" ({adjusted:+g} s)"
        status = step.get("status")
        text.append("\n")
        text.append(f"{label[:34]:<36}")
        text.append(f"{amounts:<20}")
        status_word = status if status in ("done", "partial", "skipped") else "?"
        text.append(status_word, "dim" if status_word == "skipped" else "")
    return text


class SessionDetailScreen(ModalScreen[str | None]):
    """One session; escape, enter or q closes it. A correction closes it too, saying which
    ("delete", "note", "before", "after"): the history screen asks and saves it."""

    BINDING_GROUP_TITLE = "Session"
    CSS_PATH = styles_dir() / "stiffness.tcss"
    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="session.close"),
        # A modal screen hides the app's keys: help is offered here as everywhere else.
        Binding("question_mark", "app.help", "Help", id="session.help", show=False),
        Binding("delete", "correct('delete')", "Delete", id="session.delete"),
        Binding("n", "correct('note')", "Note", id="session.note"),
        Binding("b", "correct('before')", "Stiff before", id="session.before"),
        Binding("a", "correct('after')", "Stiff after", id="session.after"),
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
            yield Label("Session", id="session-title")
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
