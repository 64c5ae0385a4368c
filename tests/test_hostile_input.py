"""Hostile input (issue 11): exports that would destroy data, dates, text and cells that bite."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.factories import daily_history, session_document, write_history
from tests.test_cli import run
from tui.domain.routine import default_routine
from tui.domain.routine_edit import EditError, add_custom, update_dose, validate_routine
from tui.domain.session import local_now
from tui.domain.text_safety import control_problem, shown, spreadsheet_cell
from tui.storage.backups import list_backups
from tui.storage.errors import StoreError
from tui.storage.store import Store

ZONE = timezone(timedelta(hours=1))
TITLE_ESCAPE = "\x1b]2;PWNED\x1b\\"


def a_history(db: Path, *extra: dict[str, Any], settings: dict[str, Any] | None = None) -> None:
    write_history(
        db, [*daily_history(local_now().date() - timedelta(days=1), 3), *extra], settings=settings
    )


def an_export(tmp_path: Path, **changes: Any) -> Path:
    data: dict[str, Any] = {
        "format": "supple-export",
        "version": 1,
        "sessions": [session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))],
        "marks": [],
    }
    data.update(changes)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data))
    return path


def refused_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path, *words: str
) -> None:
    db = tmp_path / "supple.json"
    a_history(db)
    before = db.read_bytes()
    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err
    assert "nothing was imported" in err and all(word in err for word in words), err
    assert db.read_bytes() == before


# -- 2. `export -o` never replaces the data, its backups, or what is not a file ----------


def test_export_refuses_to_overwrite_the_data_file_by_any_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    assert Store.open(db).back_up_daily(date(2026, 11, 26)) is not None
    (tmp_path / "link.json").symlink_to(db)
    os.link(db, tmp_path / "hard.json")
    backup = list_backups(db)[0].path
    kept = tmp_path / "s.json.before-restore-20261126-090000"
    kept.write_bytes(db.read_bytes())
    before = {p: p.read_bytes() for p in (db, backup, kept)}
    for target in (db, tmp_path / "link.json", tmp_path / "hard.json", backup, kept):
        code, out, err = run(capsys, "--db", str(db), "export", "-o", str(target))
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, (target, err)
        assert "will not export" in err
    assert {p: p.read_bytes() for p in before} == before
    assert (tmp_path / "link.json").is_symlink()


def test_export_refuses_what_is_not_a_regular_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target, is_kind in (
        (fifo, stat.S_ISFIFO),
        (folder, stat.S_ISDIR),
        (Path(os.devnull), stat.S_ISCHR),  # a device node: it used to be replaced by a file
    ):
        code, _, err = run(capsys, "--db", str(db), "export", "-o", str(target))
        assert code == 2 and "not a regular file" in err and "\n" not in err.strip()
        assert is_kind(os.stat(target).st_mode)


def test_export_to_a_new_or_ordinary_file_is_written_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    out_file = tmp_path / "out.json"
    out_file.write_text("old")
    out_file.chmod(0o640)
    code, _, err = run(capsys, "--db", str(db), "export", "-o", str(out_file))
    # A file that is there is replaced only when asked to (issue 27 item 8).
    assert code == 2 and "--force" in err and out_file.read_text() == "old"
    code, _, err = run(capsys, "--db", str(db), "export", "-o", str(out_file), "--force")
    assert code == 0, err
    assert len(json.loads(out_file.read_text())["sessions"]) == 3
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# -- 5. dates the rules cannot count ------------------------------------------------------


def year_one() -> dict[str, Any]:
    document = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    document.update(started_at="0001-01-01T02:00:00+01:00", ended_at="0001-01-01T02:05:00+01:00")
    return document


def test_an_import_dated_year_one_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = an_export(tmp_path, sessions=[year_one()], settings={"day_starts_at": 4})
    refused_import(capsys, tmp_path, source, "outside the years")
    marks = an_export(tmp_path, marks=[{"date": "0001-01-01", "kind": "done"}])
    refused_import(capsys, tmp_path, marks, "mark 1")


def test_a_stored_session_dated_year_one_is_left_out_and_stats_still_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db, year_one(), settings={"day_starts_at": 4})
    raw = json.loads(db.read_text())
    raw["marks"] = {"1": {"date": "0001-01-01", "kind": "rest"}}
    db.write_text(json.dumps(raw))
    code, out, err = run(capsys, "--db", str(db), "stats", "--json")
    assert code == 0 and json.loads(out)["sessions"]["total"] == 3
    assert "left out 2 damaged documents" in err and "Traceback" not in err
    store = Store.open(db)
    store.prepare()  # a start works too
    assert len(store.checked_sessions()) == 3


# -- 8. control characters: refused on input, never printed raw ----------------------------


def test_control_characters_are_refused_in_names_and_instructions() -> None:
    routine = default_routine()
    for name in (TITLE_ESCAPE, "Cat\x9bcow", "bell\x07"):
        with pytest.raises(EditError, match="control characters"):
            add_custom(routine, name)
    with pytest.raises(EditError, match="control characters"):
        add_custom(routine, "Neck roll", f"Slowly{TITLE_ESCAPE}")
    custom, index = add_custom(routine, "Neck roll", "One\nTwo\tThree")
    assert custom.stretches[index].instructions == "One\nTwo\tThree"  # layout, not control
    for change in ({"instructions": "\x1b[2J"}, {"name": "Neck\x1b[2J"}):
        with pytest.raises(EditError, match="control characters"):
            update_dose(custom, index, **change)
    with pytest.raises(EditError, match="control characters"):
        validate_routine(type(routine)(f"Mine{TITLE_ESCAPE}", routine.stretches, routine.ready_s))


def test_a_stored_routine_with_control_characters_is_refused_like_damage(tmp_path: Path) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    raw = json.loads(db.read_text())
    raw["routine"] = {"1": {**default_routine().to_dict(), "name": f"Flow{TITLE_ESCAPE}"}}
    db.write_text(json.dumps(raw))
    with pytest.raises(StoreError, match="routine is damaged"):
        Store.open(db)


def test_an_import_with_control_characters_in_its_text_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    session = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    session["routine"] = f"Flow{TITLE_ESCAPE}"
    refused_import(capsys, tmp_path, an_export(tmp_path, sessions=[session]), "control")
    session = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    session["steps"][0]["name"] = "Knee\x07"
    refused_import(capsys, tmp_path, an_export(tmp_path, sessions=[session]), "step 1")
    session = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    session["note"] = f"stiff{TITLE_ESCAPE}"
    refused_import(capsys, tmp_path, an_export(tmp_path, sessions=[session]), "its note")
    routine = {**default_routine().to_dict(), "name": f"Flow{TITLE_ESCAPE}"}
    refused_import(capsys, tmp_path, an_export(tmp_path, routine=routine), "routine")


def test_exports_never_print_a_raw_control_character(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An older file may already hold them: what export prints is still safe to show."""
    db = tmp_path / "s.json"
    odd = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    odd["routine"] = f"Flow{TITLE_ESCAPE}\x9b\x7f"
    a_history(db, odd)
    for format_name in ("csv", "json"):
        code, out, _ = run(capsys, "--db", str(db), "export", "--format", format_name)
        assert code == 0
        assert not [c for c in out if c not in "\n" and (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F)]
    code, out, _ = run(capsys, "--db", str(db), "export")
    assert f"Flow{TITLE_ESCAPE}\x9b\x7f" in [s["routine"] for s in json.loads(out)["sessions"]]


def test_shown_spells_out_control_characters() -> None:
    assert shown("Cat\x1b]2;x\x07 cow\t\x9b") == "Cat\\x1b]2;x\\x07 cow\\t\\x9b"
    assert shown("two\nlines", newlines=True) == "two\nlines"
    assert shown("two\nlines") == "two\\x0alines"
    assert shown("café — ✓ [b]") == "café — ✓ [b]"
    assert control_problem("fine", "Name") is None
    assert (
        control_problem("a\x1bb", "Name") == "Name must not hold control characters (U+001B found)"
    )


# -- 9. CSV injection -----------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_would_start_a_formula_are_neutralised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, start: str
) -> None:
    db = tmp_path / "s.json"
    odd = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    odd["id"] = f'{start}HYPERLINK("http://evil","x")'
    odd["routine"] = f"{start}1+1"
    a_history(db, odd)
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    (row,) = [r for r in rows if "HYPERLINK" in r["id"]]
    assert row["id"].startswith("'") and row["routine"].startswith("'")
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r.values()
    )


def test_spreadsheet_cell_leaves_ordinary_text_alone() -> None:
    assert spreadsheet_cell("Lower-back flow") == "Lower-back flow"
    assert spreadsheet_cell("2026-11-20T07:00:00+01:00") == "2026-11-20T07:00:00+01:00"
    assert spreadsheet_cell("=1+1") == "'=1+1"


# -- 12. versions that are not versions; completed sessions that never ended -------------


@pytest.mark.parametrize("version", [True, -7, 0, 1.0, "1", None])
def test_an_export_with_a_version_that_is_not_one_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, version: Any
) -> None:
    refused_import(capsys, tmp_path, an_export(tmp_path, version=version), "export version")


def test_a_completed_session_without_an_end_is_refused_at_import_and_left_out_when_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    odd = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    odd["ended_at"] = None
    refused_import(capsys, tmp_path, an_export(tmp_path, sessions=[odd]), "no ended_at")
    # Already in a file: left out of every count, before and after a start, and kept as is.
    db = tmp_path / "stored.json"
    a_history(db, odd)
    store = Store.open(db)
    counted = len(store.checked_sessions())
    store.prepare()
    assert counted == len(Store.open(db).checked_sessions()) == 3
    assert odd in Store.open(db).sessions()


def test_a_name_the_editor_accepts_is_one_the_file_can_be_read_with() -> None:
    """Found by the fuzz: a name with an invisible character (U+202E) was saved by the editor,
    then the stored routine was refused at the next start as damaged."""
    from hypothesis import given
    from hypothesis import strategies as st

    @given(name=st.text(min_size=1, max_size=70), instructions=st.text(max_size=40))
    def accepted_is_readable(name: str, instructions: str) -> None:
        try:
            routine, _ = add_custom(default_routine(), name, instructions)
        except EditError:
            return
        validate_routine(routine)

    accepted_is_readable()
    with pytest.raises(EditError, match="printable"):
        add_custom(default_routine(), "Twist\u202eleft")


def test_a_rescued_session_replaces_its_older_save_on_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A run whose later saves failed is kept in a rescue file (an export); its first save
    may be in the data file already. Importing the rescue puts the newer state in; importing
    it again, or an older copy, changes nothing."""
    start = datetime(2026, 11, 20, 7, tzinfo=ZONE)
    early = session_document(start)
    early.update(
        ended_at=None, completed=False, updated_at=(start + timedelta(minutes=1)).isoformat()
    )
    late = dict(early, ended_at=(start + timedelta(minutes=6)).isoformat(), completed=True)
    late["updated_at"] = late["ended_at"]
    db = tmp_path / "supple.json"
    a_history(db, early)
    source = an_export(tmp_path, sessions=[late])
    code, out, _ = run(capsys, "--db", str(db), "import", str(source))
    assert code == 0
    (stored,) = [s for s in Store.open(db).sessions() if s["id"] == late["id"]]
    assert stored["completed"] is True and stored["ended_at"] == late["ended_at"]
    before = Store.open(db).sessions()
    assert run(capsys, "--db", str(db), "import", str(source))[0] == 0
    older = an_export(tmp_path, sessions=[dict(early, updated_at=start.isoformat())])
    assert run(capsys, "--db", str(db), "import", str(older))[0] == 0
    assert Store.open(db).sessions() == before
