"""The history as an iCalendar file (RFC 5545): each done or rest day an all-day event."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta

from tui.domain.history import HistorySettings, MarkKind, SessionFacts, day_sets, session_day

PRODID = "-//Supple//Supple history//EN"


def day_uid(database: str, day: date) -> str:
    """One id per day of one history, whatever the day is: a calendar that imports the file
    again updates the day's event (a rest day later done, say) instead of adding another."""
    return f"{day.isoformat()}@{database}.supple"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def ics_text(
    sessions: Iterable[SessionFacts],
    marks: Mapping[date, MarkKind],
    settings: HistorySettings,
    database: str,
    now: datetime,
) -> tuple[str, int]:
    """The calendar text and how many days it holds: every done day (a counted session, or
    marked done) and every rest day, oldest first."""
    sessions = list(sessions)
    sets = day_sets(sessions, marks, settings)
    counted = Counter(
        session_day(s.started_at, settings.day_starts_at) for s in sessions if s.counts
    )
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Supple",
    ]
    days = sorted(sets.done | sets.rest)
    for day in days:
        if day in sets.done:
            summary = "Supple: stretched"
            sessions_that_day = counted.get(day, 0)
            description = (
                f"{_plural(sessions_that_day, 'counted session')}"
                if sessions_that_day
                else "Marked done by hand"
            )
            category = "done"
        else:
            summary, description, category = "Supple: rest day", "Marked as a rest day", "rest"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{day_uid(database, day)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{summary}",
            f"DESCRIPTION:{description}",
            f"CATEGORIES:Supple,{category}",
            # A stretch never makes a person busy for a whole day.
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    # Every line is short and plain (fixed words, dates, the database id): none needs folding
    # or escaping under RFC 5545 §3.1 and §3.3.11.
    return "".join(line + "\r\n" for line in lines), len(days)


__all__ = ["PRODID", "day_uid", "ics_text"]
