"""The summary beside the sessions: years that did not change are not read again, and a
summary that is damaged, stale or made by other code is never believed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.factories import daily_history, session_document, write_history, year_file
from tui.storage import atomic, summary
from tui.storage.layout import sessions_folder
from tui.storage.store import Store

ZONE = timezone(timedelta(hours=1))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three years of daily sessions (2024 to 2026) in today's layout, one of them odd."""
    path = tmp_path / "supple.json"
    history = daily_history(date(2026, 11, 24), 800)
    history[10]["speed"] = "fast"  # damaged: left out, noted, kept
    write_history(path, history, layout=True)
    return path


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from now on."""
    parsed: list[str] = []
    real = atomic.read_json_file

    def counting(path: Path) -> Any:
        parsed.append(path.name)
        return real(path)

    import tui.storage.parsed as parsed_module

    monkeypatch.setattr(parsed_module, "read_json_file", counting)
    return parsed


def test_unchanged_years_are_not_read_again(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Store.open(db)
    facts = first.session_facts()
    assert len(facts) == 799 and len(first.warnings) == 1
    # In this machine's cache, by the database's id: never beside the (synced) data.
    assert summary.path_of(first.db_id() or "").is_file()
    assert not (sessions_folder(db) / "summary.json").exists()

    parsed = reads(monkeypatch)
    again = Store.open(db)
    assert again.session_facts() == facts
    assert again.warnings == first.warnings  # the damaged one is still said, from the summary
    assert parsed == ["supple.json"]  # the year files were not parsed at all
    assert again.prepare() == 0  # and a start finds nothing to do without parsing them
    assert parsed == ["supple.json"]


def test_a_year_saved_to_is_read_again_and_the_others_are_not(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db).session_facts()
    new = session_document(datetime(2026, 11, 25, 7, tzinfo=ZONE))
    Store(db).save_session(new)
    parsed = reads(monkeypatch)
    store = Store.open(db, deep=False)  # as the app opens it: only the changed year is parsed
    assert parsed == ["supple.json", "2026.json"]
    facts = store.session_facts()
    assert new["id"] in facts and len(facts) == 800
    assert parsed == ["supple.json", "2026.json"]


def test_a_crashed_run_in_a_year_the_summary_vouches_for_is_still_closed(db: Path) -> None:
    running = {**session_document(datetime(2026, 11, 25, 7, tzinfo=ZONE)), "ended_at": None}
    running["completed"] = False
    Store(db).save_session(running)
    Store.open(db).session_facts()  # the summary now knows 2026 holds an open session
    store = Store.open(db)
    assert store.prepare() == 1
    assert Store.open(db).prepare() == 0


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"summary": {"1": {"fingerprint": "someone else", "files": {}}}}',
        b'{"summary": {"1": {"fingerprint": "FP", "files": {"2026": {"identity": [], '
        b'"sessions": [["x", 1]], "odd": {}}}}}}',
        b'{"summary": {"1": {"fingerprint": "FP", "files": {"2026": {"identity": "ID", '
        b'"sessions": [["forged", 1, 2, 3]], "odd": {}}}}}}',
    ],
    ids=["empty", "not json", "other code", "a wrong identity", "rows that make no facts"],
)
def test_a_summary_that_cannot_be_believed_is_not(db: Path, damage: bytes) -> None:
    truth = Store.open(db).session_facts()
    path = summary.path_of(Store(db).db_id() or "")
    identity = json.dumps(list(summary.file_identity(year_file(db, "2026")) or ()))
    key = json.dumps(f"{year_file(db).parent.name}/2026").encode()
    path.write_bytes(
        damage.replace(b'"FP"', json.dumps(summary.fingerprint()).encode())
        .replace(b'"ID"', identity.encode())
        .replace(b'"2026"', key)
    )
    store = Store.open(db)
    assert store.session_facts() == truth
    assert len(store.warnings) == 1
    # It was written afresh, and believed next time.
    assert Store.open(db).session_facts() == truth


def test_a_year_damaged_after_the_summary_was_written_is_refused(db: Path) -> None:
    from tui.storage.errors import StoreError

    Store.open(db).session_facts()
    year = year_file(db, "2025")
    year.write_bytes(year.read_bytes()[:-20])
    with pytest.raises(StoreError, match="2025.json"):
        Store.open(db, deep=False)


def test_no_summary_is_needed_or_written_for_a_file_holding_everything(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    write_history(path, daily_history(date(2026, 11, 24), 30))
    assert len(Store.open(path).session_facts()) == 30
    assert not sessions_folder(path).exists()  # a reader writes nothing beside an old file
