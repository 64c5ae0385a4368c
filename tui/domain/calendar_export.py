"""The history as an iCalendar file (RFC 5545): each done or rest day an all-day event."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta

from tui.domain.history import HistorySettings, MarkKind, SessionFacts, day_sets, session_day
from tui.i18n import _, ngettext

PRODID = "-//Supple//Supple history//EN"


def day_uid(database: str, day: date) -> str:
    """One id per day of one history, whatever the day is: a calendar that imports the file
    again updates the day's event (a rest day later done, say) instead of adding another."""
    return f"{day.isoformat()}@{database}.supple"


def _text(value: str) -> str:
    """A TEXT value as RFC 5545 §3.3.11 writes it: backslash, semicolon, comma and line
    breaks escaped (the English words have none; a translation may)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n")


def _folded(line: str) -> str:
    """A content line folded at 75 octets as RFC 5545 §3.1 asks (never inside a character):
    a translated description can be longer than the English one."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # back to the start of a UTF-8 character
        parts.append(data[start:end].decode())
        start, limit = end, 74  # a continuation line begins with a space
    return "\r\n ".join(parts)


def ics_text(
    sessions: Iterable[SessionFacts],
    marks: Mapping[date, MarkKind],
    settings: HistorySettings,
    database: str,
    now: datetime,
) -> tuple[str, int]:
    """The calendar text and how many days it holds: every done day (a counted session, or
    marked done) and every rest day, oldest first. The events' words are in the language in
    use (a person's calendar shows them); the file's names and categories are the format's."""
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
            # Translators: a calendar event's title for a day the flow was done.
            summary = _("Supple: stretched")
            sessions_that_day = counted.get(day, 0)
            if sessions_that_day:
                # Translators: a calendar event's description: the sessions that counted.
                description = ngettext(
                    "{count} counted session", "{count} counted sessions", sessions_that_day
                ).format(count=sessions_that_day)
            else:
                # Translators: a calendar event's description: the day was marked done.
                description = _("Marked done by hand")
            category = "done"
        else:
            # Translators: a calendar event's title for a rest day.
            summary = _("Supple: rest day")
            # Translators: a calendar event's description of a rest day.
            description, category = _("Marked as a rest day"), "rest"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{day_uid(database, day)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            _folded(f"SUMMARY:{_text(summary)}"),
            _folded(f"DESCRIPTION:{_text(description)}"),
            f"CATEGORIES:Supple,{category}",
            # A stretch never makes a person busy for a whole day.
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    # The other lines are short and plain (fixed words, dates, the database id): none needs
    # folding or escaping under RFC 5545 §3.1 and §3.3.11.
    return "".join(line + "\r\n" for line in lines), len(days)


__all__ = ["PRODID", "day_uid", "ics_text"]
