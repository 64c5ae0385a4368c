"""Daily backups: one copy on the first start of a day, the newest seven kept, put back whole."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.factories import daily_history, write_history, year_file
from tui.storage import backups
from tui.storage.atomic import TEMP_PREFIX, read_json_file
from tui.storage.backups import KEEP_DAILY, backup_folder, list_backups
from tui.storage.errors import StoreError
from tui.storage.layout import sessions_folder
from tui.storage.store import Store, read_bundle

DAY = date(2026, 11, 26)


def history_of(tables: dict[str, Any] | None) -> dict[str, Any]:
    """What a person's history is, without the bookkeeping a restore writes afresh (the
    header, which machine holds what, when each field was changed)."""
    assert tables is not None
    return {k: v for k, v in tables.items() if k not in ("meta", "machines", "stamps")}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "supple.json"
    write_history(path, daily_history(DAY - timedelta(days=1), 4))
    return path


def test_the_first_start_of_a_day_copies_the_file_and_later_starts_do_not(db: Path) -> None:
    store = Store.open(db)
    copy = store.back_up_daily(DAY)
    assert copy == backup_folder(db) / "supple-2026-11-26.json"
    # A file holding everything already (from before headers) is copied byte for byte.
    assert copy.read_bytes() == db.read_bytes()
    before = copy.read_bytes()
    store.save_settings({"muted": True})
    assert store.back_up_daily(DAY) is None  # the morning's copy stays as it was
    assert copy.read_bytes() == before and read_json_file(copy) != read_bundle(db)


def test_only_the_newest_seven_daily_backups_are_kept(db: Path) -> None:
    store = Store.open(db)
    for n in range(10):
        store.back_up_daily(DAY + timedelta(days=n))
    kept = [b.day for b in list_backups(db)]
    assert kept == [DAY + timedelta(days=n) for n in range(9, 9 - KEEP_DAILY, -1)]


def test_two_data_files_in_one_folder_keep_their_backups_apart(db: Path) -> None:
    other = db.with_name("other.json")
    write_history(other, daily_history(DAY, 1))
    for n in range(10):
        Store.open(other).back_up_daily(DAY + timedelta(days=n))
    Store.open(db).back_up_daily(DAY)
    assert [b.name for b in list_backups(db)] == ["supple-2026-11-26.json"]
    assert len(list_backups(other)) == KEEP_DAILY


def test_no_backup_of_a_file_that_is_not_there(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    assert Store.open(path).back_up_daily(DAY) is None
    assert not backup_folder(path).exists()


def test_a_listing_says_day_size_and_sessions_and_flags_a_damaged_copy(db: Path) -> None:
    store = Store.open(db)
    store.back_up_daily(DAY - timedelta(days=1))
    store.back_up_daily(DAY)
    (backup_folder(db) / "supple-2026-11-20.json").write_text('{"sessions": ')
    listed = list_backups(db)
    assert [b.day.day for b in listed] == [26, 25, 20]
    assert listed[0].sessions == 4 and listed[0].size == listed[0].path.stat().st_size
    assert listed[2].sessions is None and "damaged" in listed[2].note


def test_a_backup_of_the_layout_is_one_file_holding_everything(db: Path) -> None:
    store = Store.open(db)
    store.save_settings({"weekly_goal": 3})  # now a main file and a file per year
    assert sessions_folder(db).is_dir() and "sessions" not in read_json_file(db)
    copy = store.back_up_daily(DAY)
    assert copy is not None
    # The whole history in one file, saying what it is: a backup, of this database.
    taken = read_json_file(copy)
    assert taken == read_bundle(db) and taken["meta"]["1"]["kind"] == "backup"
    assert taken["meta"]["1"]["db"] == Store(db).db_id()
    assert len(read_bundle(db)["sessions"]) == 4
    (listed,) = list_backups(db)
    assert listed.sessions == 4


def test_putting_a_backup_back_keeps_the_current_file_beside_it(db: Path) -> None:
    store = Store.open(db)
    store.back_up_daily(DAY)
    backup = backup_folder(db) / "supple-2026-11-26.json"
    store.save_settings({"weekly_goal": 3})
    current = read_bundle(db)
    (aside,) = store.restore(backup, datetime(2026, 11, 26, 21, 5, 0))
    assert aside == db.with_name("supple.json.before-restore-20261126-210500")
    # The whole database as it was, in one file that can itself be put back.
    assert read_json_file(aside) == current
    restored = read_bundle(db)
    assert history_of(restored) == history_of(read_json_file(backup))
    assert "sessions" not in read_json_file(db)  # moved out to the year files at once
    # A second restore in the same second never overwrites the first one's copy.
    (again,) = store.restore(backup, datetime(2026, 11, 26, 21, 5, 0))
    assert again != aside and read_json_file(aside) == current
    assert store.restore(aside, datetime(2026, 11, 26, 21, 6))
    assert history_of(read_bundle(db)) == history_of(current)


def test_a_damaged_backup_is_refused_and_nothing_changes(db: Path) -> None:
    broken = backup_folder(db) / "supple-2026-11-20.json"
    broken.parent.mkdir()
    broken.write_text('{"sessions": ')
    before = db.read_bytes()
    with pytest.raises(StoreError):
        Store(db).restore(broken, datetime(2026, 11, 26, 21, 5))
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["backups", "supple.json"]


def test_a_main_file_alone_is_not_put_back(db: Path) -> None:
    """A main file of today's layout holds no sessions: putting it back would empty the
    history, so it is refused."""
    store = Store.open(db)
    store.save_settings({"weekly_goal": 3})
    alone = db.with_name("main-only.json")
    alone.write_bytes(db.read_bytes())
    before = read_bundle(db)
    with pytest.raises(StoreError, match="no sessions"):
        store.restore(alone, datetime(2026, 11, 26, 21, 5))
    assert read_bundle(db) == before


def test_a_damaged_file_can_be_replaced_by_a_backup_and_is_kept(db: Path) -> None:
    Store.open(db).back_up_daily(DAY)
    db.write_bytes(b'{"sessions": {"1": ')
    (aside,) = Store(db).restore(
        backup_folder(db) / "supple-2026-11-26.json", datetime(2026, 11, 26)
    )
    assert aside.read_bytes() == b'{"sessions": {"1": '
    assert len(Store.open(db).sessions()) == 4


def test_a_damaged_year_file_can_be_mended_by_a_backup_and_is_kept(db: Path) -> None:
    store = Store.open(db)
    store.back_up_daily(DAY)
    store.save_settings({"weekly_goal": 3})
    year = year_file(db)
    year.write_bytes(b'{"sessions": {"1": ')
    with pytest.raises(StoreError, match="2026.json"):
        Store.open(db)
    main = db.read_bytes()
    kept = Store(db).restore(backup_folder(db) / "supple-2026-11-26.json", datetime(2026, 11, 26))
    # Damaged, it cannot be read into one file: its files are kept aside as they were.
    assert [p.name for p in kept] == [
        "supple.json.before-restore-20261126-000000",
        "supple-sessions.replaced-" + kept[1].name.split("replaced-")[1],
    ]
    assert kept[0].read_bytes() == main
    assert (kept[1] / year.parent.name / "2026.json").read_bytes() == b'{"sessions": {"1": '
    assert len(Store.open(db).sessions()) == 4


def test_a_copy_cut_short_is_tidied_at_the_next_start(db: Path) -> None:
    folder = backup_folder(db)
    folder.mkdir()
    leftover = folder / f"{TEMP_PREFIX}supple-2026-11-26.json-abcd1234.tmp"
    leftover.write_text("{")
    someone_elses = folder / f"{TEMP_PREFIX}other-2026-11-26.json-abcd1234.tmp"
    someone_elses.write_text("{")
    Store.open(db).prepare()
    assert not leftover.exists() and someone_elses.exists()


def test_a_migration_backup_is_never_pruned(db: Path) -> None:
    backups.take_before_migration(db, DAY - timedelta(days=30), 0, db.read_bytes())
    store = Store.open(db)
    for n in range(10):
        store.back_up_daily(DAY + timedelta(days=n))
    notes = [b.note for b in list_backups(db)]
    assert notes.count("daily") == KEEP_DAILY
    assert notes[-1] == "schema 0, taken before an upgrade"


def test_a_backup_that_cannot_be_made_is_said_plainly(db: Path) -> None:
    backup_folder(db).write_text("a file where the folder should be")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="daily backup cannot be made in"):
        Store.open(db).back_up_daily(DAY)
    assert db.read_bytes() == before
