"""Which day to go to in the sessions table: a date, or a day counted back from today."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.domain.day_words import HINT, parse_day
from tui.i18n import N_, _
from tui.paths import styles_dir


class GoToDayScreen(ModalScreen[date | None]):
    """Dismisses with the day typed, or None when cancelled; a day it cannot read is said."""

    BINDING_GROUP_TITLE = N_("Go to day")
    CSS_PATH = styles_dir() / "stiffness.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="go.cancel")]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="go-box"):
            yield Label(_("Go to a day"), id="go-title")
            # Translators: examples of what can be typed to go to a day (a date, a day, a
            # weekday, 2 weeks back). What is typed is read as tui/domain/day_words.py reads
            # it: keep its words (yesterday, mon, 2w) unless it reads yours too.
            yield Input(placeholder=_("2026-11-03, yesterday, mon, 2w"), id="go-input")
            # HINT is the day parser's own (tui/domain/day_words.py), translated here if marked.
            yield Label(_(HINT), id="go-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            day = parse_day(event.value, self.today)
        except ValueError as error:
            self.query_one("#go-hint", Label).update(str(error))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
