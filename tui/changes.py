"""The changes a screen may ask the app to save: plain records, each with the key it replaces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tui.domain.history import MarkKind
from tui.domain.routine import Routine


@dataclass(frozen=True)
class SessionChange:
    """A run's session document, whole: the newest one of a session replaces the older."""

    document: dict[str, Any]

    @property
    def key(self) -> str:
        return f"session {self.document['id']}"


@dataclass(frozen=True)
class RoutineChange:
    """The routine as edited (the editor, the pauses in settings)."""

    routine: Routine

    @property
    def key(self) -> str:
        return "routine"


@dataclass(frozen=True)
class SettingsChange:
    """Some settings' new values; the others are left as they are."""

    values: dict[str, Any]

    @property
    def key(self) -> str:
        return "settings " + " ".join(sorted(self.values))


@dataclass(frozen=True)
class MarkChange:
    """A day marked done or rest by hand, or its mark cleared (`kind` None)."""

    day: date
    kind: MarkKind | None

    @property
    def key(self) -> str:
        return f"mark {self.day.isoformat()}"


@dataclass(frozen=True)
class SessionDeletion:
    """A session deleted from the history (the store keeps a tombstone for every machine)."""

    session_id: str

    @property
    def key(self) -> str:
        return f"correction {self.session_id}"


@dataclass(frozen=True)
class SessionRestore:
    """A deleted session brought back as it was (undo): its key is its deletion's, so the
    newer of the two is the one retried."""

    document: dict[str, Any]

    @property
    def key(self) -> str:
        return f"correction {self.document['id']}"


Change = (
    SessionChange | RoutineChange | SettingsChange | MarkChange | SessionDeletion | SessionRestore
)
