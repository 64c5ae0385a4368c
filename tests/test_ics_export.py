"""`supple export --format ics`: done and rest days as all-day events a calendar can read and
update, read back here with the icalendar library."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.factories import daily_history, session_document, write_history
from tests.test_cli import run
from tui.domain.session import local_now
from tui.storage.store import Store


def events_of(text: str | bytes) -> dict[date, dict[str, str]]:
    """Each event's day (DTSTART, an all-day date) with its UID, summary and categories."""
    calendar = Calendar.from_ical(text)
    found = {}
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1)  # all day, one day
        found[start] = {
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
            "categories": ",".join(str(c) for c in event["CATEGORIES"].cats),
        }
    return found


def a_week(path: Path) -> date:
    """Five days done up to two days ago, the day before them marked rest, one marked done by
    hand, a practice run and an unfinished one on other days; returns today."""
    today = local_now().date()
    sessions = daily_history(today - timedelta(days=2), 5)
    sessions.append(session_document(local_now() - timedelta(days=10), speed=2))
    sessions.append(session_document(local_now() - timedelta(days=11), completed=False))
    marks = [(today - timedelta(days=7), "rest"), (today - timedelta(days=9), "done")]
    write_history(path, sessions, marks, layout=True)
    return today


def test_done_and_rest_days_are_all_day_events(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, out = tmp_path / "supple.json", tmp_path / "supple.ics"
    today = a_week(db)
    code, _, err = run(capsys, "--db", str(db), "export", "-o", str(out))  # from the extension
    assert code == 0 and f"Exported 7 days to {out}" in err
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    events = events_of(raw)
    done = {today - timedelta(days=n) for n in range(2, 7)} | {today - timedelta(days=9)}
    rest = today - timedelta(days=7)
    assert set(events) == done | {rest}  # no practice day, no unfinished one
    for day in done:
        assert events[day]["summary"] == "Supple: stretched"
        assert events[day]["categories"] == "Supple,done"
    assert events[today - timedelta(days=2)]["description"] == "1 counted session"
    assert events[today - timedelta(days=9)]["description"] == "Marked done by hand"
    assert events[rest]["summary"] == "Supple: rest day"
    assert events[rest]["categories"] == "Supple,rest"
    database = Store(db).db_id()
    assert database and all(e["uid"] == f"{d}@{database}.supple" for d, e in events.items())


def test_a_second_export_keeps_each_day_s_uid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, first, second = tmp_path / "supple.json", tmp_path / "a.ics", tmp_path / "b.txt"
    today = a_week(db)
    assert run(capsys, "--db", str(db), "export", "-o", str(first))[0] == 0
    before = events_of(first.read_bytes())
    # Today is done now, and the rest day was done after all.
    store = Store.open(db)
    # Half an hour ago, unless that was yesterday (a run just after midnight).
    earlier = local_now() - timedelta(minutes=30)
    store.save_session(session_document(earlier if earlier.date() == today else local_now()))
    rested = today - timedelta(days=7)
    store.set_mark(rested, None)
    store.save_session(session_document(datetime.combine(rested, local_now().timetz())))
    code, _, _ = run(capsys, "--db", str(db), "export", "--format", "ics", "-o", str(second))
    assert code == 0
    after = events_of(second.read_bytes())
    assert set(after) == set(before) | {today}
    assert all(after[day]["uid"] == before[day]["uid"] for day in before)
    assert after[rested]["summary"] == "Supple: stretched"  # the same event, updated


def test_to_standard_output_and_a_format_that_does_not_match(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "supple.json"
    a_week(db)
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "ics")
    assert code == 0 and len(events_of(out)) == 7
    code, _, err = run(
        capsys, "--db", str(db), "export", "--format", "json", "-o", str(tmp_path / "x.ics")
    )
    assert code == 2 and "does not match its extension (.ics)" in err


def test_an_empty_history_is_an_empty_calendar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "none.ics"
    code, _, err = run(capsys, "--db", str(tmp_path / "new.json"), "export", "-o", str(out))
    assert code == 0 and "Exported 0 days" in err
    assert events_of(out.read_bytes()) == {}
