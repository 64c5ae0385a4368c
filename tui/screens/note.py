"""A short note on a session, written at the summary: enter keeps it, escape leaves it as it was."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.domain.session import NOTE_MAX_CHARS, clean_note, note_field_text
from tui.domain.text_safety import control_problem
from tui.i18n import N_, _
from tui.paths import styles_dir


class NoteInput(Input):
    """An input that takes no control characters, from a key, a paste or the clipboard, so
    the note kept is the note shown, and one an import would take back; of a long paste it
    keeps as much as fits, where Input would refuse it all."""

    class LeftOut(Message):
        """Characters a paste held that a note may not."""

        def __init__(self, characters: list[str]) -> None:
            super().__init__()
            self.characters = characters

    def _on_paste(self, event: events.Paste) -> None:
        # The whole paste, not only its first line as Input's own (which must not run too):
        # `replace` makes it one line.
        event.stop()
        event.prevent_default()
        if event.text:
            self.replace(event.text, *self.selection)

    def replace(self, text: str, start: int, end: int) -> None:
        # Every way text comes in (a key, a paste, ctrl+v, deleting) passes through here.
        kept, left_out = note_field_text(text)
        if left_out:
            self.post_message(self.LeftOut(left_out))
        if len(text) > 1:
            room = NOTE_MAX_CHARS - len(self.value) + abs(end - start)
            kept = kept[: max(0, room)]
        super().replace(kept, start, end)


def left_out_words(characters: list[str]) -> str:
    """One line naming what was left out, by code point, since it cannot be shown."""
    points = list(dict.fromkeys(f"U+{ord(char):04X}" for char in characters))
    named = ", ".join(points[:3]) + (" …" if len(points) > 3 else "")
    # Translators: named lists code points, e.g. "U+0007, U+001B".
    return _("A note holds no control characters: left out {named}").format(named=named)


class NoteScreen(ModalScreen[str | None]):
    """Dismisses with the cleaned note ("" clears it), or None when cancelled."""

    # Translators: a note written on a session (a noun).
    BINDING_GROUP_TITLE = N_("Note")
    CSS_PATH = styles_dir() / "stiffness.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="note.cancel")]

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        # A note from a file edited by hand may hold what the field refuses: it is shown,
        # and kept, without it, and the person is told.
        self.current, self._left_out = note_field_text(current or "")

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Label(_("A note on this session"), id="note-title")
            yield NoteInput(
                self.current,
                placeholder=_("How it went, what helped, what hurt…"),
                max_length=NOTE_MAX_CHARS,
                id="note-input",
            )
            yield Label(id="note-count")
            yield Label(id="note-problem")

    def on_mount(self) -> None:
        self._count(self.current)
        self._say(left_out_words(self._left_out) if self._left_out else None)
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._count(event.value)

    def on_note_input_left_out(self, event: NoteInput.LeftOut) -> None:
        self._say(left_out_words(event.characters))

    def _count(self, text: str) -> None:
        # Translators: count and most are numbers of characters; enter and escape are keys.
        words = _("{count} of {most} characters · enter keeps it · escape cancels")
        self.query_one("#note-count", Label).update(
            words.format(count=len(text), most=NOTE_MAX_CHARS)
        )

    def _say(self, problem: str | None) -> None:
        label = self.query_one("#note-problem", Label)
        label.update(problem or "")
        label.display = problem is not None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        # The field lets none in; checked again with the import's own words all the same, so
        # what is kept is always what an import of it takes back.
        # Translators: the subject of "… must not hold control characters".
        problem = control_problem(event.value, _("A note"))
        if problem:
            self._say(problem)
            return
        self.dismiss(clean_note(event.value) or "")

    def action_cancel(self) -> None:
        self.dismiss(None)
