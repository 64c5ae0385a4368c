"""A plain run's session record: claimed with the run lock, saved as the app saves it, kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.i18n import _
from tui.plain.lines import Lines
from tui.storage.errors import StoreError

if TYPE_CHECKING:
    from filelock import BaseFileLock

    from tui.domain.session import Session
    from tui.storage.store import Store


class Recorder:
    """Saves the session of the run in progress whole, each time it changes (a step ends,
    the run ends, an answer is given), straight to the store: the plain mode waits on its
    keys, not on a screen, so a write of a few milliseconds holds nothing up. A save that
    fails is said once per reason and kept: the next save writes the newest state anyway,
    and what is still unsaved at the end goes to `keep_unsaved` (tui/cli.py)."""

    def __init__(self, store: Store, lines: Lines) -> None:
        self._store = store
        self._lines = lines
        self._lock: BaseFileLock | None = None
        self._unsaved: dict[str, dict[str, Any]] = {}
        self._problem: str | None = None

    def begin(self, session: Session) -> None:
        """Claim the run, as the app does: its lock tells other Supples it is alive."""
        from filelock import Timeout

        self.release()
        lock = self._store.run_lock(session.id)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return
        self._lock = lock

    def save(self, session: Session) -> None:
        document = session.to_document()
        try:
            self._store.save_session(document)
        except StoreError as error:
            self._unsaved[session.id] = document
            problem = _("Not saved yet, kept here and retried: {error}").format(error=error)
            if problem != self._problem:
                self._problem = problem
                self._lines.say(problem)
            return
        self._unsaved.pop(session.id, None)
        if self._problem is not None and not self._unsaved:
            self._problem = None
            self._lines.say(_("Saved: everything is in the file now."))

    def release(self) -> None:
        """Let the run's lock go, after its last save."""
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()
            Path(lock.lock_file).unlink(missing_ok=True)

    @property
    def unsaved(self) -> list[dict[str, Any]]:
        """Sessions whose newest state is not in the file."""
        return list(self._unsaved.values())
