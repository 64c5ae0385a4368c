"""The history's table of sessions, with the keys that correct one or go to a day."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable


class SessionsTable(DataTable[str]):
    """A row per session, newest first; its keys are the history screen's actions on the
    session under the cursor (that screen knows the sessions and asks for the changes)."""

    BINDING_GROUP_TITLE = "Sessions"
    BINDINGS: ClassVar[list[BindingType]] = [
        # DataTable's own enter, named so help and the footer say what it does here.
        Binding(
            "enter",
            "select_cursor",
            "Open",
            id="sessions.open",
            tooltip="Open the session: its steps, stiffness and note",
        ),
        Binding("delete", "screen.delete_session", "Delete", id="sessions.delete"),
        Binding("n", "screen.edit_note", "Note", id="sessions.note"),
        Binding("b", "screen.edit_stiffness('before')", "Stiff before", id="sessions.before"),
        Binding("a", "screen.edit_stiffness('after')", "Stiff after", id="sessions.after"),
        Binding("g", "screen.go_to_day", "Go to day", id="sessions.go"),
    ]
