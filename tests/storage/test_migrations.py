"""Schema versions: an older file is upgraded after a backup, step by step; a newer one refused."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tui.domain.history import MarkKind
from tui.domain.routine import default_routine
from tui.storage import migrations
from tui.storage.atomic import Tables
from tui.storage.backups import backup_folder, list_backups
from tui.storage.errors import StoreError
from tui.storage.layout import session_files, sessions_folder
from tui.storage.machine import current
from tui.storage.migrations import SESSION_OPTIONAL_KEYS, migrate, schema_version
from tui.storage.store import SCHEMA_VERSION, Store, read_bundle

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "supple-schema-0.json"
# Schema 1: the single-file layout every Supple before the file per year wrote.
SINGLE_FILE = FIXTURES / "supple-schema-1.json"
NULLS = dict.fromkeys(SESSION_OPTIONAL_KEYS)


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "supple.json"
    shutil.copyfile(FIXTURE, path)
    return path


@pytest.fixture
def single_file(tmp_path: Path) -> Path:
    path = tmp_path / "supple.json"
    shutil.copyfile(SINGLE_FILE, path)
    return path


def meta_of(path: Path) -> list[dict[str, Any]]:
    """The meta table's documents, the database's id left out (it is random)."""
    found = list(json.loads(path.read_text())["meta"].values())
    for document in found:
        assert isinstance(document.pop("db", ""), str)
    return found


def main_header(schema: int = SCHEMA_VERSION) -> list[dict[str, Any]]:
    return [{"kind": "main", "schema": schema}]


def mine(year: str) -> str:
    """This test machine's key for a year's file (tui/storage/layout.py)."""
    machine = current()
    assert machine is not None
    return f"{machine.id}/{year}"


def test_the_fixtures_are_in_the_old_layouts() -> None:
    tables = json.loads(FIXTURE.read_text())
    assert "meta" not in tables
    assert schema_version(FIXTURE, tables) == 0
    tables = json.loads(SINGLE_FILE.read_text())
    assert schema_version(SINGLE_FILE, tables) == 1 and len(tables["sessions"]) == 7


def test_a_file_from_the_previous_version_is_backed_up_then_upgraded(old_file: Path) -> None:
    original = old_file.read_bytes()
    before = json.loads(original)
    store = Store.open(old_file)
    assert old_file.read_bytes() == original  # opening alone never writes
    assert store.prepare() == 1  # the crashed run is closed as unfinished, too

    assert meta_of(old_file) == main_header()
    (backup,) = list_backups(old_file)
    assert backup.note == "schema 0, taken before an upgrade"
    assert backup.path.read_bytes() == original
    # Everything the old file held is still there, as it was, the sessions in their year's
    # file with the optional fields of §3 as null.
    after = json.loads(old_file.read_text())
    for table in ("marks", "routine", "settings"):
        assert after[table] == before[table]
    assert "sessions" not in after
    assert list(session_files(old_file)) == [mine("2026")]
    by_id = {d["id"]: d for d in read_bundle(old_file)["sessions"].values()}
    for old in before["sessions"].values():
        if old["id"] != "fixture-crashed":
            assert by_id[old["id"]] == {**old, **NULLS}
    assert by_id["fixture-crashed"]["ended_at"] == "2026-11-25T07:30:25+01:00"
    assert len(store.checked_sessions()) == 6 and store.warnings == []
    assert store.marks() == {date(2026, 11, 18): MarkKind.REST, date(2026, 11, 19): MarkKind.DONE}
    assert store.routine().stretches[0] == default_routine().stretches[-1]
    assert store.settings() == {"weekly_goal": 5, "muted": True}


def test_the_single_file_layout_moves_to_a_file_per_year_after_a_backup(
    single_file: Path,
) -> None:
    """What every person upgrading meets on the first start: schema 1 → today's layout."""
    original = single_file.read_bytes()
    before = json.loads(original)
    store = Store.open(single_file)
    assert single_file.read_bytes() == original  # opening alone never writes
    assert store.prepare() == 1

    (backup,) = list_backups(single_file)
    assert backup.note == "schema 1, taken before an upgrade"
    assert backup.path.read_bytes() == original and backup.sessions == 7
    after = json.loads(single_file.read_text())
    assert meta_of(single_file) == main_header() and "sessions" not in after
    for table in ("marks", "routine", "settings"):
        assert after[table] == before[table]
    files = session_files(single_file)
    assert list(files) == [mine("2025"), mine("2026")]
    assert sessions_folder(single_file) == single_file.parent / "supple-sessions"
    years = {key[-4:]: json.loads(path.read_text())["sessions"] for key, path in files.items()}
    assert sorted(d["id"] for d in years["2025"].values()) == ["fixture-1", "fixture-2"]
    # Each session keeps its document id, gains the optional fields as null, loses nothing.
    for doc_id, old in before["sessions"].items():
        year = old["started_at"][:4]
        if old["id"] == "fixture-crashed":
            assert years[year][doc_id]["ended_at"] == "2026-11-25T07:35:00+01:00"
        else:
            assert years[year][doc_id] == {**old, **NULLS}
    again = Store.open(single_file)
    assert len(again.checked_sessions()) == 7 and again.warnings == []
    assert again.marks() == {date(2025, 12, 29): MarkKind.REST, date(2026, 11, 22): MarkKind.DONE}
    assert again.settings() == {"weekly_goal": 5, "muted": True}
    assert again.routine().stretches[0] == default_routine().stretches[-1]
    # Once upgraded, a start has nothing more to do and writes nothing.
    snapshot = {p: p.read_bytes() for p in [single_file, *files.values()]}
    assert again.prepare() == 0
    assert {p: p.read_bytes() for p in snapshot} == snapshot


def test_a_move_cut_short_is_done_again_from_the_old_file(
    single_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash after some year files are written but before the main file is: the main file
    still holds every session, so the next start moves them again, and loses nothing."""
    from tui.storage import atomic

    original = single_file.read_bytes()
    writes: list[str] = []

    def die_on_the_second_file(step: str) -> None:
        if step == "replaced":
            writes.append(step)
            if len(writes) == 2:
                raise KeyboardInterrupt  # stands for a kill; no cleanup code depends on it

    monkeypatch.setattr(atomic, "step_hook", die_on_the_second_file)
    with pytest.raises(KeyboardInterrupt):
        Store.open(single_file).prepare()
    monkeypatch.setattr(atomic, "step_hook", None)
    assert single_file.read_bytes() == original  # the main file has not moved on
    assert len(Store.open(single_file).sessions()) == 7  # and readers read it

    assert Store.open(single_file).prepare() == 1
    assert len(read_bundle(single_file)["sessions"]) == 7
    assert "sessions" not in json.loads(single_file.read_text())
    # What the cut-short move had written was kept aside, not silently dropped.
    (aside,) = single_file.parent.glob("supple-sessions.replaced-*")
    (machine_folder,) = aside.iterdir()
    assert [p.name for p in machine_folder.iterdir()] == ["2025.json"]


def test_an_export_and_import_work_across_the_upgrade(single_file: Path, tmp_path: Path) -> None:
    from tui.domain.export_format import parse_export

    exported = Store.open(single_file).export_data()  # read from the old layout
    assert all(d["note"] is None for d in exported["sessions"])
    fresh = tmp_path / "fresh.json"
    assert Store.open(fresh).merge(parse_export(json.loads(json.dumps(exported)))) == (7, 2)
    Store.open(single_file).prepare()
    again = Store.open(single_file).export_data()
    assert again["sessions"][:-1] == exported["sessions"][:-1]  # all but the crashed run
    assert Store.open(fresh).export_data()["sessions"] == exported["sessions"]


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
    assert meta_of(old_file) == main_header()


def test_a_new_file_is_written_with_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    Store.open(path).set_mark(date(2026, 11, 26), MarkKind.DONE)
    assert meta_of(path) == main_header()
    assert not backup_folder(path).exists()  # nothing older to keep


def test_migrations_run_in_order_from_the_file_s_version(
    monkeypatch: pytest.MonkeyPatch, old_file: Path
) -> None:
    """The mechanism a future layout change uses: one more function in MIGRATIONS."""
    ran: list[str] = []

    def to_4(tables: Tables) -> None:
        ran.append("3→4")
        for document in tables.get("sessions", {}).values():
            document["tags"] = []

    def to_5(tables: Tables) -> None:
        ran.append("4→5")
        tables["settings"]["1"]["theme"] = "calm"

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, to_4, to_5])
    store = Store.open(old_file)  # readers see the upgraded layout, in memory only
    ran.clear()
    store.prepare()  # 0 → 5 in one go, written once
    assert ran == ["3→4", "4→5"]
    assert meta_of(old_file) == main_header(5)
    assert all(d["tags"] == [] for d in read_bundle(old_file)["sessions"].values())

    ran.clear()
    tables = json.loads(old_file.read_text())
    tables["meta"]["1"]["schema"] = 4
    migrate(tables, 4)  # a schema-4 file takes only the last step
    assert ran == ["4→5"] and tables["meta"]["1"]["schema"] == 5


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


def test_a_second_upgrade_on_one_day_never_overwrites_the_first_copy(
    single_file: Path,
) -> None:
    """Putting a schema-1 backup back the day the file was upgraded upgrades it again; the
    copy taken before the first upgrade stays as it was."""
    original = single_file.read_bytes()
    Store.open(single_file).prepare()
    other = json.loads(original)
    other["settings"]["1"]["weekly_goal"] = 3
    put_back = single_file.with_name("other-schema-1.json")
    put_back.write_text(json.dumps(other))
    Store(single_file).restore(put_back, datetime(2026, 11, 26, 21, 0))
    copies = [b for b in list_backups(single_file) if b.note.startswith("schema 1")]
    assert [c.path.read_bytes() for c in copies] == [original]
    assert Store.open(single_file).settings()["weekly_goal"] == 3
