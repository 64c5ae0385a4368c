"""A day as a person types it to go there: a date, or a day counted back from today."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tui.domain.history import countable_day

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BACK = re.compile(r"^-?\s*(\d{1,5})\s*(d|days?|w|weeks?)?(\s+ago)?$")

HINT = "YYYY-MM-DD, today, yesterday, a weekday (the last one), or 3 / 3d / 2w back"


def parse_day(text: str, today: date) -> date:
    """The day `text` names, counting back from `today`; ValueError says what it takes."""
    words = text.strip().lower()
    if words in ("today", "t", "0"):
        return today
    if words in ("yesterday", "y"):
        return today - timedelta(days=1)
    named = [n for n, name in enumerate(_WEEKDAYS) if len(words) >= 3 and name.startswith(words)]
    if named:
        # The most recent such day, today included: the history only looks back.
        return today - timedelta(days=(today.weekday() - named[0]) % 7)
    match = _BACK.match(words)
    if match:
        count = int(match[1])
        days = count * 7 if (match[2] or "d").startswith("w") else count
        try:
            return countable_day(today - timedelta(days=days))
        except (OverflowError, ValueError):
            raise ValueError(f"{text.strip()!r} is further back than a history goes") from None
    try:
        return countable_day(date.fromisoformat(words))
    except ValueError:
        raise ValueError(f"Not a day: {text.strip()!r}. Type {HINT}.") from None


__all__ = ["HINT", "parse_day"]
