"""How a test waits for the app's saves: on the saver, never on a thread or a clock."""

from __future__ import annotations

from tui.app import SuppleApp


async def saved(app: SuppleApp) -> None:
    """Every change asked for so far has landed (or failed), and the app has heard how."""
    await app.saver.settled()
