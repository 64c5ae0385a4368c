"""A session: one run of the flow as it is recorded (rules.md §3)."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Lives in clock.py (start-up reads it without this module); still read from here too.
from tui.domain.clock import local_now as local_now

# How stiff the back feels, 0 = not at all … 10 = worst (rules.md §3).
STIFFNESS_MIN = 0
STIFFNESS_MAX = 10
NOTE_MAX_CHARS = 500


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
    stiffness_before: int | None = None
    stiffness_after: int | None = None
    note: str | None = None

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
            "stiffness_before": self.stiffness_before,
            "stiffness_after": self.stiffness_after,
            "note": self.note,
        }


def close_unfinished(document: dict[str, Any]) -> dict[str, Any]:
    """A session a crash left open, closed as unfinished at the last moment it was saved."""
    closed = dict(document)
    closed["ended_at"] = document.get("updated_at") or document["started_at"]
    closed["completed"] = False
    return closed


def is_stiffness(value: object) -> bool:
    """A rating §3 allows: a whole number from 0 to 10 (a bool is not one)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and STIFFNESS_MIN <= value <= STIFFNESS_MAX
    )


def stiffness_of(document: Mapping[str, Any], key: str) -> int | None:
    """`stiffness_before` or `stiffness_after` of a stored session; None when not given (an
    older session has no such key) or not a rating at all."""
    value = document.get(key)
    return value if is_stiffness(value) else None


def note_of(document: Mapping[str, Any]) -> str | None:
    """The session's note as stored; None when there is none or it is not text. It may still
    hold what a file put there: show it through text_safety.shown, as text, never markup."""
    value = document.get("note")
    if not isinstance(value, str):
        return None
    return value.strip() or None


# Bidirectional overrides can make a note read backwards; other format characters (such as
# the joiner inside an emoji) are harmless and kept.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI_CONTROLS


def note_field_text(text: str) -> tuple[str, list[str]]:
    """Text on its way into the note field, which holds one line, and what was left out.

    Line breaks and tabs (a pasted paragraph, a cell copied from a table) become spaces, so
    words stay apart; any other character a note must not keep (control characters, which
    an import refuses, and bidirectional overrides) is left out, and returned so the field
    can say so. What is left passes the import's check as it is."""
    joined = " ".join(text.splitlines()).replace("\t", " ")
    kept: list[str] = []
    left_out: list[str] = []
    for char in joined:
        (left_out if _unsafe(char) else kept).append(char)
    return "".join(kept), left_out


def clean_note(text: str) -> str | None:
    """A note as it is kept: control characters (which could move the cursor or recolour a
    terminal) become spaces, the ends are trimmed, at most 500 characters; None when empty."""
    cleaned = "".join(" " if _unsafe(char) else char for char in text).strip()
    return cleaned[:NOTE_MAX_CHARS] or None
