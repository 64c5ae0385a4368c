"""Damaged files are refused whole and untouched; a damaged document among good ones is skipped."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.factories import daily_history, session_document, write_history, year_file
from tui.domain.history import MarkKind
from tui.domain.routine import default_routine
from tui.storage.atomic import read_json_file
from tui.storage.errors import StoreError
from tui.storage.layout import session_key
from tui.storage.store import SCHEMA_VERSION, Store

ZONE = timezone(timedelta(hours=1))


def good_tables() -> dict[str, Any]:
    sessions = daily_history(date(2026, 11, 24), 3)
    return {
        "meta": {"1": {"schema": SCHEMA_VERSION}},
        "sessions": {str(n): doc for n, doc in enumerate(sessions, start=1)},
        "marks": {"1": {"date": "2026-11-01", "kind": "rest"}},
        "routine": {"1": default_routine().to_dict()},
        "settings": {"1": {"weekly_goal": 5}},
    }


def with_change(table: str, document: dict[str, Any]) -> bytes:
    tables = good_tables()
    tables[table] = {"1": document}
    return json.dumps(tables).encode()


GOOD = json.dumps(good_tables()).encode()

# Files that must be refused whole: what is wrong with them, and words the message says.
DAMAGED = {
    "empty": (b"", "empty"),
    "blank": (b"  \n\t", "empty"),
    "truncated": (GOOD[: len(GOOD) // 2], "ends too soon"),
    "cut after one byte": (GOOD[:1], "ends too soon"),
    "not json": (b"sessions: yes", "not valid JSON"),
    "not text": (b'{"sessions": "\x80"}', "not text"),
    "a list": (b"[1, 2, 3]", "wrong shape"),
    "a number": (b"42", "wrong shape"),
    "a table that is a list": (b'{"sessions": []}', "wrong shape"),
    "a document that is a number": (b'{"sessions": {"1": 5}}', "wrong shape"),
    "a document id that is a word": (b'{"sessions": {"one": {}}}', "wrong shape"),
    "two spellings of one id": (b'{"marks": {"1": {}, "01": {}}}', "wrong shape"),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "newer schema": (b'{"meta": {"1": {"schema": 99}}}', "newer Supple"),
    "schema as text": (b'{"meta": {"1": {"schema": "1"}}}', "not a whole number"),
    "negative schema": (b'{"meta": {"1": {"schema": -1}}}', "not a whole number"),
    "routine without stretches": (with_change("routine", {"name": "x"}), "routine is damaged"),
    "routine with a bad dose": (
        with_change(
            "routine",
            {**default_routine().to_dict(), "stretches": [{"key": "k", "name": "n", "hold_s": -4}]},
        ),
        "routine is damaged",
    ),
    "routine pause of infinity": (
        with_change("routine", {**default_routine().to_dict(), "ready_s": 1e400}),
        "routine is damaged",
    ),
    "settings of the wrong type": (
        with_change("settings", {"weekly_goal": "every day"}),
        "settings are damaged",
    ),
    "settings out of range": (with_change("settings", {"weekly_goal": 12}), "settings are damaged"),
    # It reads fine, but no write could ever save it back: every later save would fail.
    "a lone surrogate": (with_change("settings", {"theme": "\ud800"}), "lone surrogate"),
    # Python's json keeps the second and drops the first, which the next write loses for good.
    "one key twice": (
        b'{"marks": {"1": {"date": "2026-11-01", "kind": "rest"},'
        b' "1": {"date": "2026-11-02", "kind": "done"}}}',
        "twice",
    ),
    "a 5000-digit number": (
        b'{"settings": {"1": {"weekly_goal": ' + b"7" * 5000 + b"}}}",
        "number too long",
    ),
}


@pytest.mark.parametrize(("content", "problem"), DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_is_refused_in_one_line_and_left_byte_for_byte(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "supple.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert problem in message and str(path) in message
    assert "\n" not in message and "supple restore" in message
    assert path.read_bytes() == content


@pytest.mark.parametrize(("content", "problem"), DAMAGED.values(), ids=DAMAGED.keys())
def test_no_write_goes_through_to_a_file_damaged_meanwhile(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    """Another program may break the file while Supple runs: every write re-reads it first,
    so it is refused then too, rather than overwritten with what this process remembers."""
    path = tmp_path / "supple.json"
    store = Store.open(path)
    store.prepare()
    path.write_bytes(content)
    for write in (
        lambda: store.save_session(session_document(datetime(2026, 11, 26, 7, tzinfo=ZONE))),
        lambda: store.set_mark(date(2026, 11, 26), MarkKind.DONE),
        lambda: store.save_settings({"muted": True}),
        lambda: store.prepare(),
    ):
        with pytest.raises(StoreError):
            write()
        assert path.read_bytes() == content


# The same damage in one year's file of today's layout: refused whole as well.
YEAR_DAMAGE = {
    name: (content, problem)
    for name, (content, problem) in DAMAGED.items()
    if not name.startswith(("routine", "settings", "newer", "schema", "negative"))
}


@pytest.mark.parametrize(("content", "problem"), YEAR_DAMAGE.values(), ids=YEAR_DAMAGE.keys())
def test_a_damaged_year_file_is_refused_in_one_line_and_left_byte_for_byte(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "supple.json"
    write_history(path, daily_history(date(2026, 11, 24), 3), layout=True)
    year = year_file(path, "2026")
    year.write_bytes(content)
    main = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert problem in message and str(year) in message
    assert "\n" not in message and "supple restore" in message
    with pytest.raises(StoreError):
        Store.open(path, deep=False)  # as the app opens it: refused before the first screen
    store = Store(path)
    with pytest.raises(StoreError):
        store.save_session(session_document(datetime(2026, 11, 26, 7, tzinfo=ZONE)))
    store.prepare()
    assert year.read_bytes() == content and path.read_bytes() == main


def odd_sessions() -> dict[str, Any]:
    no_steps = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    del no_steps["steps"]
    bad_date = session_document(datetime(2026, 11, 21, 7, tzinfo=ZONE))
    bad_date["started_at"] = "last friday"
    bad_speed = session_document(datetime(2026, 11, 22, 7, tzinfo=ZONE))
    bad_speed["speed"] = "fast"
    unfinished_odd = session_document(datetime(2026, 11, 23, 7, tzinfo=ZONE))
    unfinished_odd.update(ended_at=None, id=["not", "text"])
    return {
        "lacks steps": no_steps,
        "bad date": bad_date,
        "bad speed": bad_speed,
        "odd id": unfinished_odd,
    }


@pytest.mark.parametrize("odd", ["lacks steps", "bad date", "bad speed", "odd id"])
def test_one_damaged_session_is_skipped_with_a_warning_and_kept_in_the_file(
    tmp_path: Path, odd: str
) -> None:
    path = tmp_path / "supple.json"
    document = odd_sessions()[odd]
    write_history(path, [*daily_history(date(2026, 11, 24), 3), document])
    store = Store.open(path)
    assert len(store.checked_sessions()) == 3
    assert len(store.sessions()) == 4  # views that count what they cannot show still see it
    (warning,) = store.warnings
    summary = store.warning_summary() or ""
    assert "session 4" in warning and str(path) in summary and "\n" not in summary
    assert len(store.export_data()["sessions"]) == 3

    # Writes leave the damaged document exactly as it was.
    store.prepare()
    store.save_session(session_document(datetime(2026, 11, 25, 7, tzinfo=ZONE)))
    store.set_mark(date(2026, 11, 1), MarkKind.REST)
    # Now in the file of its year (or undated.json when its start is no date), as it was.
    kept = (read_json_file(year_file(path, session_key(document))) or {})["sessions"]["4"]
    assert kept == document
    after = Store.open(path)
    assert len(after.checked_sessions()) == 4
    (warning,) = after.warnings
    assert "session 4 of" in warning


def test_a_damaged_mark_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    write_history(path, [], marks=[(date(2026, 11, 1), "rest"), (date(2026, 11, 2), "holiday")])
    store = Store.open(path)
    assert store.marks() == {date(2026, 11, 1): MarkKind.REST}
    assert store.warnings == ["mark 2 is not a date with kind done or rest"]


def test_a_file_without_damage_has_no_warnings(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    path.write_bytes(GOOD)
    store = Store.open(path)
    assert store.warnings == [] and store.warning_summary() is None
