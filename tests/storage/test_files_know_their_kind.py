"""Every file knows whose it is: issue 21's findings, each tried as a careless person or an
attacker would, through the real command line on real files."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.command_line import run
from tests.factories import daily_history, write_history, year_file
from tests.unprivileged import run_supple
from tui.storage import atomic, summary
from tui.storage.backups import backup_folder, list_backups
from tui.storage.errors import StoreError
from tui.storage.layout import sessions_folder
from tui.storage.machine import cache_folder
from tui.storage.store import Store

ZONE = timezone(timedelta(hours=1))
DAY = date(2026, 11, 26)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Two years of daily sessions (2025, 2026) in today's layout, and a backup of them."""
    path = tmp_path / "supple.json"
    write_history(path, daily_history(date(2026, 11, 24), 400), layout=True)
    Store.open(path).back_up_daily(DAY)
    return path


def everything(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def untouched(db: Path) -> Iterator[None]:
    """The test may refuse things, but must leave every file of the database as it was."""
    before = everything(db.parent)
    yield
    assert everything(db.parent) == before


def an_export(tmp_path: Path) -> Path:
    other = tmp_path / "other" / "s.json"
    other.parent.mkdir()
    write_history(other, daily_history(date(2026, 12, 5), 2))
    out = tmp_path / "export.json"
    out.write_text(json.dumps(Store.open(other).export_data()))
    return out


# -- 1, 2, 14: a file of the wrong kind ---------------------------------------------------


@pytest.mark.parametrize("command", [[], ["stats"], ["import", "EXPORT"], ["history"]])
def test_1_db_naming_a_year_file_is_refused_and_changes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    export = an_export(tmp_path)
    before = everything(db.parent)
    argv = [str(export) if word == "EXPORT" else word for word in command]
    code, _, err = run(capsys, "--db", str(year_file(db, "2025")), *argv)
    assert code == 2 and "a year file of sessions, not a main file" in one_line(err)
    assert everything(db.parent) == before
    assert len(Store.open(db).sessions()) == 400


def test_1_an_old_flat_year_file_is_recognised_by_its_place_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flat = tmp_path / "supple-sessions" / "2025.json"
    flat.parent.mkdir()
    flat.write_text(json.dumps({"sessions": {"1": daily_history(date(2025, 5, 1), 1)[0]}}))
    before = flat.read_bytes()
    code, _, err = run(capsys, "--db", str(flat), "stats")
    assert code == 2 and "year file" in one_line(err) and flat.read_bytes() == before


@pytest.mark.parametrize("command", [[], ["stats"], ["export"]])
def test_2_db_naming_a_backup_is_refused_and_the_backup_stays_whole(
    db: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    (backup,) = list_backups(db)
    before = backup.path.read_bytes()
    code, _, err = run(capsys, "--db", str(backup.path), *command)
    assert code == 2 and "it is a backup, not a main file" in one_line(err)
    assert "supple restore" in err and backup.path.read_bytes() == before
    assert list_backups(db)[0].sessions == 400


def test_14_restore_refuses_a_year_file_or_a_summary(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(db).session_facts()  # so the summary exists
    summary_file = summary.path_of(Store(db).db_id() or "")
    assert summary_file.is_file()
    before = everything(db.parent)
    for wrong, words in ((year_file(db, "2026"), "year file"), (summary_file, "summary cache")):
        code, _, err = run(capsys, "--db", str(db), "restore", str(wrong))
        assert code == 2 and words in one_line(err), err
    assert everything(db.parent) == before


# -- 3, 4: a sessions folder missing, replaced, looping or closed --------------------------


def test_3_a_missing_sessions_folder_is_an_error_not_an_empty_history(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sessions_folder(db)
    folder.rename(db.parent / "moved-away")
    backups_before = everything(backup_folder(db))
    for command in ([], ["stats"], ["nudge"], ["export"]):
        code, out, err = run(capsys, "--db", str(db), *command)
        line = one_line(err)
        assert str(folder) in line
        if command == ["nudge"]:
            assert code == 0 and out == ""  # a shell's start goes on; the reason on stderr
            continue
        assert code == 2 and out == ""
        assert "the folder of sessions is missing" in line and "400 sessions" in line
    # A week of daily starts makes no backup of the empty-looking history, prunes none.
    for day in range(1, 8):
        with pytest.raises(StoreError, match="missing"):
            Store.open(db).back_up_daily(DAY + timedelta(days=day))
    assert everything(backup_folder(db)) == backups_before
    # Put back, everything is there again.
    (db.parent / "moved-away").rename(folder)
    assert len(Store.open(db).sessions()) == 400


def test_3_a_file_in_place_of_the_folder_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sessions_folder(db)
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    code, _, err = run(capsys, "--db", str(db), "stats")
    assert code == 2 and "is a file, not the folder of sessions" in one_line(err)


def test_3_a_year_of_this_computer_missing_or_replaced_by_an_older_copy_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = year_file(db, "2026")
    content = json.loads(year.read_text())
    older = dict(list(content["sessions"].items())[:5])
    year.write_text(json.dumps({**content, "sessions": older}))
    code, _, err = run(capsys, "--db", str(db), "stats")
    assert code == 2 and "holds 5 sessions" in one_line(err) and "this computer" in err
    year.unlink()
    code, _, err = run(capsys, "--db", str(db), "stats")
    assert code == 2 and "it is missing" in one_line(err)


def test_3_another_machines_file_not_here_yet_is_said_and_no_backup_is_taken(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a sync tool still bringing a file looks like: said, not fatal, and no backup of a
    part of the history pushes out the backups of all of it."""
    tables = json.loads(db.read_text())
    tables["machines"]["9"] = {
        "id": "aaaaaaaaaaaa",
        "name": "desktop",
        "at": "2026-11-25T07:00:00.000000Z",
        "files": {"2026": 3},
    }
    db.write_text(json.dumps(tables))
    code, out, err = run(capsys, "--db", str(db), "stats")
    assert code == 0 and "Sessions: 400" in out
    assert "aaaaaaaaaaaa/2026.json: it is missing" in err and "still syncing" in err
    assert Store.open(db).back_up_daily(DAY + timedelta(days=1)) is None
    assert [b.day for b in list_backups(db)] == [DAY]


def test_4_a_sessions_folder_that_loops_is_one_line_everywhere(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sessions_folder(db)
    shutil.rmtree(folder)
    folder.symlink_to(folder)
    for command in ([], ["stats"], ["export"], ["restore"]):
        code, _, err = run(capsys, "--db", str(db), *command)
        assert code == 2 and "loop of symbolic links" in one_line(err), (command, err)


def test_4_a_sessions_folder_that_cannot_be_entered_is_one_line(shared_folder: Path) -> None:
    db = shared_folder / "supple.json"
    write_history(db, daily_history(date(2026, 11, 24), 20), layout=True)
    for path in [shared_folder, *shared_folder.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    sessions_folder(db).chmod(0o600)  # readable names, but no way in
    for command in (["stats"], ["export"]):
        result = run_supple("--db", str(db), *command, person=True)
        assert result.returncode == 2, result.stderr
        line = one_line(result.stderr)
        assert "Traceback" not in result.stderr and "sessions" in line


# -- 5, 8, 10: documents and summaries that lie ----------------------------------------------


def test_5_a_document_id_of_thousands_of_digits_is_refused_in_one_line(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = year_file(db, "2026")
    text = year.read_text().replace('"sessions":{"', '"sessions":{"' + "9" * 5000 + '":{},"', 1)
    year.write_text(text)
    code, _, err = run(capsys, "--db", str(db), "stats")
    line = one_line(err)
    assert code == 2 and "(5000 characters)" in line and "not a document" in line
    # The recovery tool lists backups whatever the file holds, a backup holding such an id too.
    (backup,) = list_backups(db)
    backup.path.write_text(
        backup.path.read_text().replace('"sessions":{"', '"sessions":{"' + "9" * 5000 + '":{},"')
    )
    code, out, err = run(capsys, "--db", str(db), "restore")
    assert code == 2 and "damaged" in out and "Traceback" not in err


def test_8_a_year_file_with_a_table_of_another_name_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = year_file(db, "2025")
    tables = json.loads(year.read_text())
    tables["Sessions"] = tables.pop("sessions")
    year.write_text(json.dumps(tables))
    before = year.read_bytes()
    for command in (["stats"], ["export"]):
        code, _, err = run(capsys, "--db", str(db), *command)
        assert code == 2 and "'Sessions'" in one_line(err)
    assert year.read_bytes() == before


def test_10_a_forged_summary_is_never_believed(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Made-up rows under the real files' identities: beside the data, where a synced or
    copied folder could bring them (Supple no longer looks there), or in this machine's own
    cache with more rows than the file could hold."""
    truth = json.loads(run(capsys, "--db", str(db), "stats", "--json")[1])
    store = Store.open(db)
    store.session_facts()
    path = summary.path_of(store.db_id() or "")
    cached = json.loads(path.read_text())
    files = cached["summary"]["1"]["files"]
    fake = files[next(iter(files))]["sessions"][0]
    for key, entry in files.items():
        for day in range(5000):
            started = (datetime(2020, 1, 1, 7, tzinfo=ZONE) + timedelta(days=day)).isoformat()
            entry["sessions"].append([f"forged-{key}-{day}", started, *fake[2:]])
    forged = json.dumps(cached)
    path.write_text(forged)
    (sessions_folder(db) / "summary.json").write_text(forged)
    assert json.loads(run(capsys, "--db", str(db), "stats", "--json")[1]) == truth
    code, out, _ = run(capsys, "--db", str(db), "nudge")
    assert code == 0 and "5000" not in out


# -- 6: orphan temp files ------------------------------------------------------------------


def test_6_every_start_tidies_every_kind_of_temp_file_and_only_those(db: Path) -> None:
    store = Store.open(db)
    store.session_facts()
    summary_file = summary.path_of(store.db_id() or "")
    leftovers = [
        summary_file.parent / f".supple-{summary_file.name}-abcd1234.tmp",  # a killed reader
        db.parent / ".supple-supple.json.before-restore-20261126-210500-abcd1234.tmp",
        db.parent / ".supple-supple.json-abcd1234.tmp",
        year_file(db, "2026").parent / ".supple-2026.json-abcd1234.tmp",
        backup_folder(db) / ".supple-supple-2026-11-26.json-abcd1234.tmp",
    ]
    strangers = [
        db.parent / ".supple-someone-else.json-abcd1234.tmp",
        db.parent / "notes.tmp",
        sessions_folder(db) / ".syncthing.2026.json.tmp",  # a sync tool's own
    ]
    for path in [*leftovers, *strangers]:
        path.write_text("{")
    Store.open(db).prepare()
    assert not [p for p in leftovers if p.exists()]
    assert all(p.exists() for p in strangers)
    # Nothing is left to do: the next start takes no lock and writes nothing.
    before = everything(db.parent)
    assert Store.open(db).prepare() == 0
    assert everything(db.parent) == before


# -- 7: one session in two files ---------------------------------------------------------------


def test_7_one_session_in_two_files_is_listed_once_the_later_save_winning(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = year_file(db, "2026")
    tables = json.loads(own.read_text())
    doc_id, first = next(iter(tables["sessions"].items()))
    newer = {**first, "note": "edited later", "updated_at": "2026-12-01T08:00:00+01:00"}
    # The same id twice in this file and once more in another machine's file.
    tables["sessions"]["99999"] = newer
    own.write_text(json.dumps(tables))
    other = sessions_folder(db) / "bbbbbbbbbbbb" / "2026.json"
    other.parent.mkdir()
    other.write_text(json.dumps({"sessions": {"1": {**first, "note": "older"}}}))
    code, out, _ = run(capsys, "--db", str(db), "export")
    exported = json.loads(out)
    ids = [s["id"] for s in exported["sessions"]]
    assert code == 0 and len(ids) == len(set(ids)) == 400
    assert next(s for s in exported["sessions"] if s["id"] == first["id"])["note"] == "edited later"
    stats = json.loads(run(capsys, "--db", str(db), "stats", "--json")[1])
    assert stats["sessions"]["total"] == 400 if "sessions" in stats else True
    # And that export imports, whole, into another database.
    out_file = tmp_path / "all.json"
    out_file.write_text(out)
    fresh = tmp_path / "fresh" / "s.json"
    code, out, _ = run(capsys, "--db", str(fresh), "import", str(out_file))
    assert code == 0 and len(Store.open(fresh).sessions()) == 400


# -- 11: a full disk at start ------------------------------------------------------------------


def test_11_a_full_disk_at_start_says_try_again_not_restore(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_ui: None
) -> None:
    shutil.rmtree(backup_folder(db))

    def full(step: str) -> None:
        if step == "temp-written":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "step_hook", full)
    code, _, err = run(capsys, "--db", str(db))
    line = one_line(err)
    assert code == 2 and "No space left on device" in line
    assert "try again" in line and "restore" not in line


@pytest.fixture
def no_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's start up to the UI, which is not opened."""
    from tui.app import SuppleApp

    monkeypatch.setattr(SuppleApp, "run", lambda self, **kwargs: None)


def test_the_summary_lives_in_the_machines_cache_never_beside_the_data(db: Path) -> None:
    Store.open(db).session_facts()
    assert not (sessions_folder(db) / "summary.json").exists()
    assert list((cache_folder() / summary.FOLDER).glob("*.json"))


def test_restore_names_the_file_it_will_not_restore_from(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Not "cannot use the data file": the data file is fine, the other file is the trouble."""
    stranger = tmp_path / "passwd"
    stranger.write_text("root:x:0:0:root:/root:/bin/bash\n")
    before = everything(db.parent)
    for source, words in ((stranger, "not valid JSON"), (db, "the data file itself")):
        code, _, err = run(capsys, "--db", str(db), "restore", str(source))
        line = one_line(err)
        assert code == 2 and line.startswith(f"supple: will not restore from {source}: ")
        assert words in line and "nothing was changed" in line
    assert everything(db.parent) == before
