"""A short note on a session, written at the summary: enter keeps it, escape leaves it as it was."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.domain.session import NOTE_MAX_CHARS, clean_note
from tui.paths import styles_dir


class NoteInput(Input):
    """An input that keeps as much of a long paste as fits, where Input would refuse it all."""

    def _on_paste(self, event: events.Paste) -> None:
        room = NOTE_MAX_CHARS - len(self.value) + len(self.selected_text)
        lines = event.text.splitlines()
        if lines and room > 0:
            event = events.Paste(lines[0][:room])
        super()._on_paste(event)


class NoteScreen(ModalScreen[str | None]):
    """Dismisses with the cleaned note ("" clears it), or None when cancelled."""

    BINDING_GROUP_TITLE = "Note"
    CSS_PATH = styles_dir() / "stiffness.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Label("A note on this session", id="note-title")
            yield NoteInput(
                self.current,
                placeholder="How it went, what helped, what hurt…",
                max_length=NOTE_MAX_CHARS,
                id="note-input",
            )
            yield Label(id="note-count")

    def on_mount(self) -> None:
        self._count(self.current)
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._count(event.value)

    def _count(self, text: str) -> None:
        self.query_one("#note-count", Label).update(
            f"{len(text)} of {NOTE_MAX_CHARS} characters · enter keeps it · escape cancels"
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(clean_note(event.value) or "")

    def action_cancel(self) -> None:
        self.dismiss(None)
