"""The history's table of sessions, with the keys that correct one or go to a day."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.i18n import N_
from tui.widgets.table_fit import FittedTable


class SessionsTable(FittedTable):
    """A row per session, newest first; its keys are the history screen's actions on the
    session under the cursor (that screen knows the sessions and asks for the changes).

    Too narrow for a column each (40 columns, or a long language at 80), a column holds two,
    one under the other: the date over the time, the length over the steps, completed over
    practice, then the back over the note while they fit (the session, opened, shows them)."""

    GROUPS = ((0, 1), (2, 3), (4, 5), (6, 7))

    # Translators: the title of the history's sessions table's keys in help.
    BINDING_GROUP_TITLE = N_("Sessions")
    # Translated where they are shown (the footer, help); footer labels, so keep them short.
    BINDINGS: ClassVar[list[BindingType]] = [
        # DataTable's own enter, named so help and the footer say what it does here.
        Binding(
            "enter",
            "select_cursor",
            # Translators: footer key label (keep it very short): open the session.
            N_("Open"),
            id="sessions.open",
            tooltip=N_("Open the session: its steps, stiffness and note"),
        ),
        # Translators: footer key label (keep it very short): delete the session.
        Binding("delete", "screen.delete_session", N_("Delete"), id="sessions.delete"),
        # Translators: footer key label (keep it very short): write the session's note (a noun).
        Binding("n", "screen.edit_note", N_("Note"), id="sessions.note"),
        # Translators: footer key labels (keep them very short): rate how stiff the back was
        # before, and after, the session.
        Binding("b", "screen.edit_stiffness('before')", N_("Stiff before"), id="sessions.before"),
        # Translators: footer key label (keep it very short): how stiff the back was after.
        Binding("a", "screen.edit_stiffness('after')", N_("Stiff after"), id="sessions.after"),
        # Translators: footer key label (keep it very short): go to a day in the calendar.
        Binding("g", "screen.go_to_day", N_("Go to day"), id="sessions.go"),
    ]
