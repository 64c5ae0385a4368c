"""The figures a start worked out, kept for the next start while nothing has changed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from tests.factories import daily_history, session_document, write_history
from tui.domain.history import history_stats
from tui.storage import stats_memo
from tui.storage.store import Store

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=ZONE)


def figures(store: Store, now: datetime = NOW):  # type: ignore[no-untyped-def]
    return history_stats(
        store.session_facts().values(), store.marks(), store.history_settings(), now
    )


def test_the_figures_come_back_while_nothing_changes_and_not_after(tmp_path: Path) -> None:
    db = tmp_path / "supple.json"
    write_history(db, daily_history(date(2026, 11, 25), 40), layout=True)
    store = Store.open(db)
    stats = figures(store)
    key = stats_memo.memo_key(store, NOW)
    assert stats_memo.load(store, key) is None
    stats_memo.save(store, key, stats)
    again = Store.open(db)
    assert stats_memo.load(again, stats_memo.memo_key(again, NOW)) == stats
    # Another hour, or any change to any file, and they are worked out afresh.
    assert stats_memo.load(again, stats_memo.memo_key(again, NOW + timedelta(hours=1))) is None
    again.save_session(session_document(NOW - timedelta(minutes=20)))
    assert stats_memo.load(again, stats_memo.memo_key(again, NOW)) is None


def test_an_odd_memo_is_not_used(tmp_path: Path) -> None:
    db = tmp_path / "supple.json"
    write_history(db, daily_history(date(2026, 11, 25), 5), layout=True)
    store = Store.open(db)
    key = stats_memo.memo_key(store, NOW)
    stats_memo.save(store, key, figures(store))
    path = stats_memo._path(store)
    document = json.loads(path.read_bytes())
    document["stats"][2] = "5"  # a streak that is text
    wrong_kind = json.dumps(document).encode()
    for odd in (b"", b"{", b'{"key": 1}', wrong_kind):
        path.write_bytes(odd)
        assert stats_memo.load(store, key) is None


def test_a_streak_in_weeks_comes_back_in_weeks(tmp_path: Path) -> None:
    db = tmp_path / "supple.json"
    write_history(
        db, daily_history(date(2026, 11, 25), 40), settings={"weekly_goal": 3}, layout=True
    )
    store = Store.open(db)
    stats = figures(store)
    assert stats.streak_unit == "weeks"
    key = stats_memo.memo_key(store, NOW)
    stats_memo.save(store, key, stats)
    assert stats_memo.load(Store.open(db), key) == stats
