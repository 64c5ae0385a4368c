"""Schema 2 → 3: flat year files move into this machine's folder, every file gains its header,
after a backup of everything, and a kill at any instant of it loses nothing."""

from __future__ import annotations

import json
import signal
from datetime import date
from pathlib import Path
from typing import Any

from tests.factories import daily_history, year_file
from tests.storage.crash_workers import die_at_event, processes
from tui.storage import atomic
from tui.storage.backups import list_backups
from tui.storage.layout import session_files, sessions_folder
from tui.storage.store import Store, read_bundle


def schema_2(path: Path, sessions: int = 60) -> list[str]:
    """A database as Supple wrote it before machines: a main file of schema 2 and one flat file
    a year, with the summary and the lock beside them; returns the session ids."""
    history = daily_history(date(2026, 1, 20), sessions)
    main = {
        "meta": {"1": {"schema": 2}},
        "marks": {"1": {"date": "2025-12-30", "kind": "rest"}},
        "settings": {"1": {"weekly_goal": 5}},
    }
    path.write_text(json.dumps(main))
    folder = sessions_folder(path)
    folder.mkdir()
    for year in ("2025", "2026"):
        docs = [d for d in history if d["started_at"].startswith(year)]
        table = {str(n): d for n, d in enumerate(docs, 1)}
        (folder / f"{year}.json").write_text(json.dumps({"sessions": table}))
    (folder / "summary.json").write_text('{"summary": {}}')
    path.with_name(path.name + ".lock").write_text("")
    return sorted(d["id"] for d in history)


def ids_of(tables: dict[str, Any]) -> list[str]:
    return sorted(d["id"] for d in tables["sessions"].values())


def test_a_schema_2_database_moves_into_this_machines_folder(tmp_path: Path) -> None:
    db = tmp_path / "supple.json"
    ids = schema_2(db)
    assert ids_of(read_bundle(db)) == ids  # readable as it is, before any write
    Store.open(db).prepare()

    files = session_files(db)
    assert list(files) == [f"{year_file(db).parent.name}/2025", f"{year_file(db).parent.name}/2026"]
    for key, path in files.items():
        header = json.loads(path.read_text())["meta"]["1"]
        assert header["kind"] == "year" and header["year"] == key[-4:]
        assert header["machine"] == year_file(db).parent.name
    main = json.loads(db.read_text())
    assert main["meta"]["1"]["kind"] == "main" and main["meta"]["1"]["schema"] == 3
    assert all(files[k].exists() for k in files)
    assert not (sessions_folder(db) / "2025.json").exists()
    assert not (sessions_folder(db) / "summary.json").exists()
    # The record of what is where, for this machine.
    (record,) = main["machines"].values()
    assert sum(record["files"].values()) == 60
    # The backup taken first holds everything: the main file alone was not all of it.
    (backup,) = list_backups(db)
    assert backup.note == "schema 2, taken before an upgrade" and backup.sessions == 60
    assert ids_of(read_bundle(db)) == ids
    assert Store.open(db).marks() and Store.open(db).settings() == {"weekly_goal": 5}


def test_a_kill_at_any_instant_of_the_upgrade_loses_nothing(tmp_path: Path) -> None:
    """SIGKILL at each step of each file the upgrade writes (the backup, the year files with
    their headers, the main file), then a start again: every session is there each time."""
    template = tmp_path / "template"
    template.mkdir()
    ids = schema_2(template / "supple.json")
    events = len(atomic.WRITE_STEPS) * 4  # a backup, two year files, the main file
    context = processes()
    for event in range(1, events + 2):
        folder = tmp_path / f"kill-{event}"
        _copy_tree(template, folder)
        db = folder / "supple.json"
        writer = context.Process(target=die_at_event, args=(str(db), event))
        writer.start()
        writer.join()
        killed = writer.exitcode == -signal.SIGKILL
        assert killed or event > events, f"no kill at event {event}"
        assert ids_of(read_bundle(db)) == ids, f"after a kill at event {event}"
        Store.open(db).prepare()
        assert ids_of(read_bundle(db)) == ids, f"after the start that followed event {event}"
        assert json.loads(db.read_text())["meta"]["1"]["kind"] == "main"
        assert not (sessions_folder(db) / "2026.json").exists()


def _copy_tree(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target)
