"""Corrections to a stored session (issue 24): its note and ratings edited, or brought back."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from tui.domain.session import clean_note, is_stiffness

# What an edit leaves as it was.
UNCHANGED: Any = object()


def _saved_at(document: Mapping[str, Any]) -> datetime | None:
    for key in ("updated_at", "ended_at", "started_at"):
        raw = document.get(key)
        if isinstance(raw, str):
            try:
                moment = datetime.fromisoformat(raw)
            except ValueError:
                continue
            if moment.utcoffset() is not None:
                return moment
    return None


def later_than_before(document: Mapping[str, Any], now: datetime) -> str:
    """A save time for a new copy of `document` that outranks every earlier one: the later
    save wins (tui/storage/merge_rules.py), and a deletion wins a tie in its own second, so
    the new time is a whole second past both `now` and the copy's own last save (a clock
    set back, or a deletion stamped a second past that save, must not win over it)."""
    at = now.replace(microsecond=0)
    saved = _saved_at(document)
    if saved is not None and saved.replace(microsecond=0) + timedelta(seconds=1) > at:
        at = saved.replace(microsecond=0) + timedelta(seconds=1)
    return (at + timedelta(seconds=1)).isoformat(timespec="seconds")


def edited(
    document: Mapping[str, Any],
    now: datetime,
    *,
    note: str | None = UNCHANGED,
    stiffness_before: int | None = UNCHANGED,
    stiffness_after: int | None = UNCHANGED,
) -> dict[str, Any]:
    """A copy of `document` with the fields given changed (None clears one), saved later
    than it; ValueError for a rating outside 0–10."""
    result = copy.deepcopy(dict(document))
    if note is not UNCHANGED:
        result["note"] = None if note is None else clean_note(note)
    for key, value in (
        ("stiffness_before", stiffness_before),
        ("stiffness_after", stiffness_after),
    ):
        if value is UNCHANGED:
            continue
        if value is not None and not is_stiffness(value):
            raise ValueError(f"{key} must be a whole number from 0 to 10, not {value!r}")
        result[key] = value
    result["updated_at"] = later_than_before(document, now)
    return result


def brought_back(document: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """A deleted session as it was, saved later than its deletion (undo)."""
    result = copy.deepcopy(dict(document))
    result["updated_at"] = later_than_before(document, now)
    return result


__all__ = ["UNCHANGED", "brought_back", "edited", "later_than_before"]
