"""A session deleted from the history, or brought back (issue 24): screens post these, the app
queues them in its one write queue, and the screen shown hears `Saved` once they landed."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from textual.message import Message

from tui.domain.clock import local_now
from tui.domain.session_edits import brought_back
from tui.messages import Saved

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
    """The one place a deletion or its undo reaches the store: after every change asked for
    so far, in the app's one write queue."""
    store = app.store
    if isinstance(message, DeleteSession):
        session_id = message.session_id

        def job() -> None:
            store.delete_session(session_id)
    else:
        document = message.document

        def job() -> None:
            # Stamped as it is written, on the clock the tombstone was stamped with (the
            # store's), so the copy brought back outranks its deletion however late either
            # was written.
            store.save_session(brought_back(document, local_now()))

    app.run_worker(_landed(app, app.saver.run(job)))


async def _landed(app: SuppleApp, future: Future[Any]) -> None:
    try:
        await asyncio.wrap_future(future)
    except Exception as error:  # noqa: BLE001 - said, and the history shows what is there
        app.notify(f"Could not change the history: {error}", severity="error", timeout=10)
    app.screen.post_message(Saved())


__all__ = ["DeleteSession", "RestoreSession", "queue_correction"]
