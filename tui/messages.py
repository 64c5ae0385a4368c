"""Messages that cross the app: what a view asks of its screen or the app, and what happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from tui.changes import Change
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


class Save(Message):
    """A screen or view asks for a change to be saved (tui/saver.py); see `ask_to_save`."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


def ask_to_save(node: MessagePump, change: Change) -> None:
    """Ask the app's saver for `change`, straight onto the app's own queue: it is taken in
    the order asked, before a later key, and before the app exits when quitting."""
    node.app.post_message(Save(change))


class Saved(Message):
    """A change has landed in the file: the screen shown redraws what it read."""

    def __init__(self, change: Change | None = None) -> None:
        super().__init__()
        self.change = change
