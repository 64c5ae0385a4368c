"""A session: one run of the flow as it is recorded (PRODUCT.md §3)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def local_now() -> datetime:
    """The wall-clock time with its UTC offset, as sessions record it."""
    return datetime.now().astimezone()


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class Session:
    """A run in progress or ended; `to_document()` is exactly what the store and export keep."""

    started_at: datetime
    routine: str
    speed: float = 1.0
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ended_at: datetime | None = None
    completed: bool = False
    steps: list[dict[str, Any]] = field(default_factory=list)
    updated_at: datetime | None = None

    @property
    def practice(self) -> bool:
        """Runs at another speed are practice: listed, never counted."""
        return self.speed != 1

    def to_document(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at) if self.ended_at else None,
            # Kept only so a run cut short by a crash can be closed at its last known moment.
            "updated_at": iso(self.updated_at or self.started_at),
            "routine": self.routine,
            "completed": self.completed,
            "speed": int(self.speed) if self.speed == int(self.speed) else self.speed,
            "steps": list(self.steps),
        }


def close_unfinished(document: dict[str, Any]) -> dict[str, Any]:
    """A session a crash left open, closed as unfinished at the last moment it was saved."""
    closed = dict(document)
    closed["ended_at"] = document.get("updated_at") or document["started_at"]
    closed["completed"] = False
    return closed
