"""The history's figures from the last start, kept in this machine's cache for the next one.

The first screen shows the streak and the strength, which the rules of history work out from
every session: with several machines' ten years that is tens of milliseconds before the first
frame. A start that finds every file of the history as the last one left it, in the same hour
of the same day, shows the figures that start worked out instead; any change to any file, a
new hour, a new version of Supple, makes them worked out afresh. JSON, never pickle: a cache
file is read as data, and one that is odd in any way is simply not used.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tui.domain.history import HistoryStats, WeekSummary
from tui.domain.strength import Strength

if TYPE_CHECKING:
    from tui.storage.store import Store

SUFFIX = ".stats.json"


def memo_key(store: Store, now: datetime) -> str:
    """What the figures depend on: every file of the history (each one's identity), how facts
    are read, what the figures are, and the hour they were worked out in."""
    import tui
    from tui.storage import summary

    parts = [
        repr(store.version()),
        summary.fingerprint(),
        tui.__version__,
        ",".join(HistoryStats._fields + WeekSummary._fields + Strength._fields),
        now.strftime("%Y-%m-%dT%H%z"),
    ]
    return "|".join(parts)


def _path(store: Store) -> Any:
    from tui.storage import summary

    db = store.db_id()
    return None if db is None else summary.path_of(db).with_suffix(SUFFIX)


def _encode(stats: HistoryStats) -> list[Any]:
    week, strength = stats.week, stats.strength
    return [
        *(v.isoformat() if isinstance(v, date) else v for v in stats[:5]),
        [week.start.isoformat(), *week[1:]],
        *stats[6:11],
        list(strength),
        stats.streak_unit,
    ]


def _decode(values: list[Any]) -> HistoryStats:
    (
        today,
        done,
        current,
        longest,
        until,
        week,
        total,
        completed,
        practice,
        minutes,
        counted,
        strength,
        unit,
    ) = values
    week_start, *week_rest = week
    # Only what a start can show: the kinds are checked, the values were the rules' own.
    checks: list[tuple[Any, type | tuple[type, ...]]] = [
        (done, bool),
        (current, int),
        (longest, int),
        (until, (int, type(None))),
        (total, int),
        (completed, int),
        (practice, int),
        (minutes, (int, float)),
        (counted, int),
    ]
    if not all(isinstance(value, kind) for value, kind in checks) or unit not in ("days", "weeks"):
        raise ValueError("figures of the wrong kind")
    return HistoryStats(
        today=date.fromisoformat(today),
        done_today=done,
        current_streak=current,
        longest_streak=longest,
        days_until_break=until,
        week=WeekSummary(date.fromisoformat(week_start), *week_rest),
        sessions_total=total,
        sessions_completed=completed,
        sessions_practice=practice,
        total_minutes=minutes,
        sessions_counted=counted,
        strength=Strength(*strength),
        streak_unit=unit,
    )


def load(store: Store, key: str) -> HistoryStats | None:
    """The figures a start with this key worked out, or None."""
    path = _path(store)
    if path is None:
        return None
    try:
        document = json.loads(path.read_bytes())
        if document.get("key") != key:
            return None
        return _decode(document["stats"])
    except Exception:  # noqa: BLE001 - a cache that cannot be read is simply not used
        return None


def save(store: Store, key: str, stats: HistoryStats) -> None:
    """Keep the figures for the next start; a cache that cannot be written is no loss."""
    from tui.storage.atomic import write_atomically

    path = _path(store)
    if path is None:
        return
    try:
        write_atomically(path, json.dumps({"key": key, "stats": _encode(stats)}))
    except Exception:  # noqa: BLE001
        return
