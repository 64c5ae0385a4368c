"""Schema versions: an older file is upgraded after a backup, step by step; a newer one refused."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tui.domain.history import MarkKind
from tui.domain.routine import default_routine
from tui.storage import migrations
from tui.storage.atomic import Tables
from tui.storage.backups import backup_folder, list_backups
from tui.storage.errors import StoreError
from tui.storage.migrations import migrate, schema_version
from tui.storage.store import SCHEMA_VERSION, Store

FIXTURE = Path(__file__).parent / "fixtures" / "supple-schema-0.json"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "supple.json"
    shutil.copyfile(FIXTURE, path)
    return path


def meta_of(path: Path) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text())["meta"].values())


def test_the_fixture_is_in_the_old_layout() -> None:
    tables = json.loads(FIXTURE.read_text())
    assert "meta" not in tables
    assert schema_version(FIXTURE, tables) == 0


def test_a_file_from_the_previous_version_is_backed_up_then_upgraded(old_file: Path) -> None:
    original = old_file.read_bytes()
    before = json.loads(original)
    store = Store.open(old_file)
    assert old_file.read_bytes() == original  # opening alone never writes
    assert store.prepare() == 1  # the crashed run is closed as unfinished, too

    assert meta_of(old_file) == [{"schema": SCHEMA_VERSION}]
    (backup,) = list_backups(old_file)
    assert backup.note == "schema 0, taken before an upgrade"
    assert backup.path.read_bytes() == original
    # Everything the old file held is still there, as it was.
    after = json.loads(old_file.read_text())
    for table in ("marks", "routine", "settings"):
        assert after[table] == before[table]
    by_id = {d["id"]: d for d in after["sessions"].values()}
    for old in before["sessions"].values():
        if old["id"] != "fixture-crashed":
            assert by_id[old["id"]] == old
    assert by_id["fixture-crashed"]["ended_at"] == "2026-11-25T07:30:25+01:00"
    assert len(store.checked_sessions()) == 6 and store.warnings == []
    assert store.marks() == {date(2026, 11, 18): MarkKind.REST, date(2026, 11, 19): MarkKind.DONE}
    assert store.routine().stretches[0] == default_routine().stretches[-1]
    assert store.settings() == {"weekly_goal": 5, "muted": True}


def test_reading_an_old_file_changes_nothing(old_file: Path) -> None:
    original = old_file.read_bytes()
    store = Store.open(old_file)
    assert len(store.sessions()) == 6 and store.history_settings().weekly_goal == 5
    store.export_data()
    assert old_file.read_bytes() == original
    assert not backup_folder(old_file).exists()


def test_any_first_write_to_an_old_file_takes_the_backup_first(old_file: Path) -> None:
    original = old_file.read_bytes()
    Store.open(old_file).set_mark(date(2026, 11, 26), MarkKind.DONE)
    (backup,) = list_backups(old_file)
    assert backup.path.read_bytes() == original
    assert meta_of(old_file) == [{"schema": SCHEMA_VERSION}]


def test_a_new_file_is_written_with_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    Store.open(path).set_mark(date(2026, 11, 26), MarkKind.DONE)
    assert meta_of(path) == [{"schema": SCHEMA_VERSION}]
    assert not backup_folder(path).exists()  # nothing older to keep


def test_migrations_run_in_order_from_the_file_s_version(
    monkeypatch: pytest.MonkeyPatch, old_file: Path
) -> None:
    """The mechanism a future layout change uses: one more function in MIGRATIONS."""
    ran: list[str] = []

    def to_2(tables: Tables) -> None:
        ran.append("1→2")
        for document in tables.get("sessions", {}).values():
            document["tags"] = []

    def to_3(tables: Tables) -> None:
        ran.append("2→3")
        tables["settings"]["1"]["theme"] = "calm"

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, to_2, to_3])
    store = Store.open(old_file)  # readers see the upgraded layout, in memory only
    ran.clear()
    store.prepare()  # 0 → 3 in one go, written once
    assert ran == ["1→2", "2→3"]
    assert meta_of(old_file) == [{"schema": 3}]
    assert all(d["tags"] == [] for d in json.loads(old_file.read_text())["sessions"].values())

    ran.clear()
    tables = json.loads(old_file.read_text())
    tables["meta"]["1"]["schema"] = 2
    migrate(tables, 2)  # a schema-2 file takes only the last step
    assert ran == ["2→3"] and tables["meta"]["1"] == {"schema": 3}


def test_a_file_from_a_newer_supple_is_refused_and_untouched(old_file: Path) -> None:
    tables = json.loads(old_file.read_text())
    tables["meta"] = {"1": {"schema": SCHEMA_VERSION + 1}}
    old_file.write_text(json.dumps(tables))
    content = old_file.read_bytes()
    with pytest.raises(StoreError, match="newer Supple"):
        Store.open(old_file)
    with pytest.raises(StoreError, match="newer Supple"):
        Store(old_file).prepare()
    assert old_file.read_bytes() == content
