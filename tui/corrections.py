"""A session deleted from the history, or brought back (issue 24): screens post these, the app
queues them in its one write queue, and the screen shown hears `Saved` once they landed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

from tui.changes import SessionDeletion, SessionRestore

if TYPE_CHECKING:
    from tui.app import SuppleApp


class DeleteSession(Message):
    """Delete a session: the store keeps a tombstone, so the deletion reaches every machine."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class RestoreSession(Message):
    """Bring a deleted session back as it was (undo)."""

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__()
        self.document = document


def queue_correction(app: SuppleApp, message: DeleteSession | RestoreSession) -> None:
    """The one place a deletion or its undo reaches the store: the saver's queue, after every
    change asked for so far, retried and said as every change is; the screen shown hears
    `Saved` once it landed."""
    if isinstance(message, DeleteSession):
        app.saver.save(SessionDeletion(message.session_id))
    else:
        app.saver.save(SessionRestore(message.document))


__all__ = ["DeleteSession", "RestoreSession", "queue_correction"]
