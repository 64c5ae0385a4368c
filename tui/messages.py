"""Messages that cross the app: what a view asks of its screen or the app, and what happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.domain.player import Player
    from tui.domain.session import Session


class StartFlow(Message):
    """Start today's flow from whatever home shows (its enter key, or the palette)."""


class RunFinished(Message):
    """A run ended, done or left early: its screen shows the summary, the app lets the run go."""

    def __init__(self, session: Session, player: Player, *, quitting: bool) -> None:
        super().__init__()
        self.session = session
        self.player = player
        # The app is quitting: nothing more is asked.
        self.quitting = quitting


class Saved(Message):
    """A change asked for has landed in the file: the screen shown redraws what it read."""
