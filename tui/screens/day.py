"""One calendar day opened from the history: its sessions, its mark, and the keys to change it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tui.domain.history import MarkKind, SessionFacts
from tui.i18n import N_, _, pgettext
from tui.paths import styles_dir
from tui.widgets.table_fit import FittedTable

# Below this many rows the day's box drops its padding and gaps, so a session's row shows.
SHORT_SCREEN_ROWS = 16


class DayView(NamedTuple):
    """What the day shows: a line of words ("Tue 17 Nov: done — 1 session"), its mark by
    hand, and its sessions, each as a row of the table and what opens it."""

    day: date
    title: str
    words: str
    mark: MarkKind | None
    rows: list[tuple[str, ...]]
    sessions: list[tuple[SessionFacts, dict[str, Any]]]


def mark_words(mark: MarkKind | None) -> str:
    if mark is None:
        # Translators: d and z are keys (not translated).
        return _("No mark by hand · d marks it done, z a rest day")
    if mark is MarkKind.DONE:
        # Translators: x and z are keys (not translated).
        return _("Marked done by hand · x clears it, z marks it a rest day")
    # Translators: x and d are keys (not translated).
    return _("Marked rest by hand · x clears it, d marks it done")


class DayTable(FittedTable):
    """The day's sessions; too narrow for a column each, the time over the length, the steps
    over whether it counted (wrapping: why it did not), then the note."""

    GROUPS = ((0, 1), (2, 3), (4,))
    WRAPS = (1,)


class DayScreen(ModalScreen[None]):
    """The day from `describe`, read again after each mark; `mark` and `open_session` are the
    history screen's own, so a day changes exactly as it does on the calendar."""

    BINDING_GROUP_TITLE = N_("Day")
    CSS_PATH = styles_dir() / "stiffness.tcss"
    BINDINGS = [
        Binding("d", "mark('done')", N_("Mark done"), id="day.done"),
        Binding("z", "mark('rest')", N_("Mark rest"), id="day.rest"),
        Binding("x,backspace", "mark('')", N_("Clear mark"), id="day.clear"),
        Binding("escape,q", "close", N_("Close"), id="day.close"),
    ]

    def __init__(
        self,
        day: date,
        describe: Callable[[date], DayView],
        mark: Callable[[date, MarkKind | None], None],
        open_session: Callable[[dict[str, Any], SessionFacts], None],
    ) -> None:
        super().__init__()
        self.day = day
        self._describe = describe
        self._mark = mark
        self._open_session = open_session
        self.view = describe(day)

    def compose(self) -> ComposeResult:
        with Vertical(id="day-box"):
            yield Label(id="day-title")
            yield Label(id="day-words")
            yield Label(id="day-mark")
            yield DayTable(id="day-sessions", cursor_type="row", zebra_stripes=True)
            yield Label(id="day-hint")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            # Translators: the day's table of sessions: its column headers; keep them short.
            pgettext("time of day", "Time"),
            _("Length"),
            _("Steps"),
            _("Counted"),
            _("Note"),
        )

    def show(self) -> None:
        """Draw the day as `describe` gives it now."""
        view = self.view = self._describe(self.day)
        self.query_one("#day-title", Label).update(view.title)
        self.query_one("#day-words", Label).update(view.words)
        self.query_one("#day-mark", Label).update(mark_words(view.mark))
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(view.rows)
        table.display = bool(view.rows)
        # Translators: enter and escape are keys (not translated).
        hint = (
            _("enter opens a session · escape closes")
            if view.rows
            else _("No session this day · escape closes")
        )
        self.query_one("#day-hint", Label).update(hint)
        if view.rows:
            table.focus()

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_SCREEN_ROWS, "-short")

    def on_screen_resume(self) -> None:
        # Back from a session opened here: it may have been edited or deleted there.
        self.show()

    def action_mark(self, kind: str) -> None:
        self._mark(self.day, MarkKind(kind) if kind else None)
        self.show()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.view.sessions):
            facts, document = self.view.sessions[event.cursor_row]
            self._open_session(document, facts)

    def action_close(self) -> None:
        self.dismiss(None)
