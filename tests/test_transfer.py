"""`supple export` and `supple import` at scale and at their edges (issue 21 items 7, 9, 12;
issue 27 item 8): streamed files, limits refused before parsing, repeated ids, deletions,
and `export -o` that never replaces a Supple data file."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.command_line import run
from tests.factories import daily_history, session_document, write_history, year_file
from tui.domain.export_format import FORMAT_VERSION
from tui.storage import atomic, import_stream, summary
from tui.storage.backups import list_backups
from tui.storage.layout import sessions_folder
from tui.storage.store import Store

ZONE = timezone(timedelta(hours=1))
OTHER_MACHINE = "bbbbbbbbbbbb"


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def everything(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three years of sessions (2024 to 2026, two a day at the end) in today's layout."""
    path = tmp_path / "data" / "supple.json"
    path.parent.mkdir()
    sessions = daily_history(date(2026, 11, 24), 800)
    sessions += daily_history(date(2026, 11, 24), 30, at_hour=18)
    write_history(path, sessions, [(date(2026, 11, 25), "rest")], {"weekly_goal": 4}, layout=True)
    return path


def export_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def line_export(sessions: list[dict[str, Any]], deleted: list[dict[str, Any]] = ()) -> str:  # type: ignore[assignment]
    """An export in the layout `supple export` writes (version 2, a session a line)."""
    head = json.dumps({"format": "supple-export", "version": 2, "kind": "export", "marks": []})
    parts = [head[:-1] + ',"deleted":[']
    parts.append(",\n".join(json.dumps(d) for d in deleted))
    parts.append('],"sessions":[')
    parts.append(",\n".join(json.dumps(s) for s in sessions))
    parts.append("]}")
    return "\n".join(parts) + "\n"


# -- the export's shape ----------------------------------------------------------------------


def test_the_export_is_one_json_document_with_a_session_a_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    code, _, err = run(capsys, "--db", str(db), "export", "-o", str(out))
    assert code == 0 and "Exported 830 sessions" in err
    data = json.loads(out.read_text())
    assert list(data) == [
        "format",
        "version",
        "kind",
        "db",
        "routine",
        "settings",
        "marks",
        "deleted",
        "sessions",
    ]
    assert data["version"] == FORMAT_VERSION == 2 and data["kind"] == "export"
    assert data["db"] == Store(db).db_id() and data["settings"] == {"weekly_goal": 4}
    starts = [s["started_at"] for s in data["sessions"]]
    assert len(starts) == 830 and starts == sorted(starts)
    lines = export_lines(out)
    # The header on the first line, each session on a line of its own, the end on the last.
    assert lines[0].endswith('"deleted":[') and lines[1] == '],"sessions":['
    assert [json.loads(line.rstrip(",")) for line in lines[2:-1]] == data["sessions"]
    assert lines[-1] == "]}"


def test_the_export_is_written_a_year_at_a_time(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is written from chunks as the years are read: never one text of it all."""
    written: list[int] = []
    real = atomic.write_atomically

    def counting(path: Path, content: Any) -> None:
        assert not isinstance(content, str | bytes)

        def chunks() -> Any:
            for chunk in content:
                written.append(len(chunk.encode()))
                yield chunk

        real(path, chunks())

    monkeypatch.setattr("tui.commands.transfer.write_atomically", counting)
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    assert sum(written) == out.stat().st_size and max(written) < out.stat().st_size / 2
    assert len(written) >= 3 + 3  # the header, the deletions, three years, the end


def test_a_csv_export_is_streamed_too_and_has_a_row_per_session(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.csv"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    rows = out.read_text().splitlines()
    assert rows[0].startswith("id,started_at,") and len(rows) == 831


def test_the_export_trusts_the_summary_only_for_files_unchanged_since(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged session the summary knows of, and one written into a file after the summary
    read it, are both left out with the warning."""
    Store.open(db)  # the summary is made
    own = year_file(db, "2025")
    tables = json.loads(own.read_text())
    doc_id, first = next(iter(tables["sessions"].items()))
    tables["sessions"][doc_id] = {**first, "speed": -1}
    own.write_text(json.dumps(tables))
    code, out, err = run(capsys, "--db", str(db), "export")
    assert code == 0 and "warning: left out 1 damaged document" in err
    assert len(json.loads(out)["sessions"]) == 829
    # Again, now that the summary vouches for the file as it is (and knows its damage).
    code, out, err = run(capsys, "--db", str(db), "export")
    assert code == 0 and "left out 1 damaged" in err and len(json.loads(out)["sessions"]) == 829


def test_a_session_in_two_years_files_is_exported_once_as_the_copy_that_wins(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy in a file of another year (a file edited by hand) is still only a copy."""
    Store.open(db)
    tables = json.loads(year_file(db, "2026").read_text())
    first = next(iter(tables["sessions"].values()))
    other = sessions_folder(db) / OTHER_MACHINE / "2024.json"
    other.parent.mkdir()
    newer = {**first, "note": "the later copy", "updated_at": "2026-12-02T08:00:00+01:00"}
    other.write_text(json.dumps({"sessions": {"1": newer}}))
    code, out, _ = run(capsys, "--db", str(db), "export")
    sessions = json.loads(out)["sessions"]
    assert code == 0 and [s["id"] for s in sessions].count(first["id"]) == 1
    assert next(s for s in sessions if s["id"] == first["id"])["note"] == "the later copy"


# -- import: limits, refusals, two passes ------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(import_stream.MAX_IMPORT_BYTES + 1)  # sparse: no disk used

    def never(*_: Any) -> Any:
        raise AssertionError("the file was opened for reading")

    monkeypatch.setattr(import_stream, "_open", never)
    monkeypatch.setattr(import_stream, "read_json_bytes", never)
    target = tmp_path / "t.json"
    code, out, err = run(capsys, "--db", str(target), "import", str(huge))
    line = one_line(err)
    assert code == 2 and out == "" and "256 MB" in line and "nothing was imported" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge.json"]


def test_a_file_of_too_many_objects_is_refused_before_it_is_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of empty objects under the size limit is counted, not parsed: bytes.count over
    a few megabytes at a time, stopping at the limit."""
    monkeypatch.setattr(import_stream, "MAX_IMPORT_OBJECTS", 1000)
    monkeypatch.setattr(import_stream, "_CHUNK", 64)

    def never(*_: Any) -> Any:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(import_stream, "parse_json_bytes", never)
    monkeypatch.setattr(import_stream, "read_json_bytes", never)
    objects = tmp_path / "objects.json"
    objects.write_text("[" + ",".join(["{}"] * 1001) + "]")
    code, _, err = run(capsys, "--db", str(tmp_path / "t.json"), "import", str(objects))
    assert code == 2 and "more than 1,000 JSON objects" in one_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["objects.json"]


def test_the_real_limits_take_a_hundred_thousand_sessions() -> None:
    """What the limits are for: a 100,000-session export (about 1.1 kB and 10 objects each)
    imports, with room to spare."""
    line = json.dumps(session_document(datetime(2026, 1, 1, 7, tzinfo=ZONE)), separators=(",", ":"))
    assert 100_000 * (len(line) + 2) < import_stream.MAX_IMPORT_BYTES / 2
    assert 100_000 * line.count("{") <= import_stream.MAX_IMPORT_OBJECTS / 2


def test_one_bad_session_refuses_the_whole_file_and_nothing_is_written(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    lines = export_lines(out)
    # The very last session is bad: every year before it would have been written by now.
    last = json.loads(lines[-2])
    lines[-2] = json.dumps({**last, "speed": -1})
    out.write_text("\n".join(lines) + "\n")
    target = tmp_path / "fresh" / "t.json"
    code, stdout, err = run(capsys, "--db", str(target), "import", str(out))
    line = one_line(err)
    assert code == 2 and stdout == "" and "session 830" in line and "nothing was imported" in line
    assert not target.parent.exists()
    # Into a database that has sessions: not a byte of it changes.
    other = tmp_path / "other" / "o.json"
    other.parent.mkdir()
    write_history(other, daily_history(date(2020, 1, 10), 5), layout=True)
    before = everything(other.parent)
    code, _, err = run(capsys, "--db", str(other), "import", str(out))
    assert code == 2 and everything(other.parent) == before


def test_a_broken_line_is_named_by_line_and_column(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    lines = export_lines(out)
    lines[5] = lines[5][:40]
    out.write_text("\n".join(lines) + "\n")
    code, _, err = run(capsys, "--db", str(tmp_path / "t.json"), "import", str(out))
    # Cut after line 6's first 40 characters: the parser stops at line 7's first character.
    assert code == 2 and "not valid JSON (line 7, column 1)" in one_line(err)


def test_a_key_twice_in_a_session_line_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = line_export([session_document(datetime(2026, 3, 1, 7, tzinfo=ZONE))])
    twice = text.replace('{"id": ', '{"speed": 2, "id": ', 1)
    export = tmp_path / "twice.json"
    export.write_text(twice)
    code, _, err = run(capsys, "--db", str(tmp_path / "t.json"), "import", str(export))
    assert code == 2 and "'speed' twice" in one_line(err)


def test_an_export_round_trips_through_import_into_an_empty_database(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    copy = tmp_path / "copy" / "c.json"
    code, stdout, _ = run(capsys, "--db", str(copy), "import", str(out))
    assert code == 0 and "Imported 830 sessions and 1 mark" in stdout
    again = tmp_path / "again.json"
    assert run(capsys, "--db", str(copy), "export", "-o", str(again))[0] == 0
    first, second = json.loads(out.read_text()), json.loads(again.read_text())
    assert first["sessions"] == second["sessions"] and first["marks"] == second["marks"]
    # Each year's file was written once, and the record of them covers every session.
    store = Store.open(copy)
    assert sum(m["sessions"] for m in store.machines()) == 830 and store.doubts == []
    assert sorted(p.name for p in year_file(copy, "2026").parent.iterdir()) == [
        "2024.json",
        "2025.json",
        "2026.json",
    ]


def test_an_import_merges_into_the_years_already_there(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A year file written early (Change.flush) keeps the sessions it held."""
    target = tmp_path / "t" / "t.json"
    target.parent.mkdir()
    write_history(target, daily_history(date(2026, 3, 10), 20, at_hour=12), layout=True)
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    code, stdout, _ = run(capsys, "--db", str(target), "import", str(out))
    assert code == 0 and "Imported 830 sessions" in stdout
    assert len(Store.open(target).sessions()) == 850
    code, stdout, _ = run(capsys, "--db", str(target), "import", str(out))
    assert (
        code == 0 and "Imported 0 sessions and 0 marks" in stdout and "830 already there" in stdout
    )


def test_an_export_that_repeats_an_id_imports_the_later_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = session_document(datetime(2026, 3, 1, 7, tzinfo=ZONE))
    later = {**first, "note": "later", "updated_at": "2026-03-02T09:00:00+01:00"}
    other = session_document(datetime(2026, 3, 3, 7, tzinfo=ZONE))
    for name, text in (
        ("lines.json", line_export([later, other, first])),
        (
            "whole.json",
            json.dumps(
                {"format": "supple-export", "version": 1, "sessions": [first, other, later]},
                indent=2,
            ),
        ),
    ):
        export = tmp_path / name
        export.write_text(text)
        target = tmp_path / name.replace(".json", "") / "t.json"
        code, stdout, err = run(capsys, "--db", str(target), "import", str(export))
        assert code == 0, err
        assert "Imported 2 sessions" in stdout
        notes = {s["id"]: s.get("note") for s in Store.open(target).sessions()}
        assert notes == {first["id"]: "later", other["id"]: None}


def test_deletions_travel_with_the_export(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    copy = tmp_path / "copy" / "c.json"
    assert run(capsys, "--db", str(copy), "import", str(out))[0] == 0
    gone = Store.open(db).sessions()[10]["id"]
    assert Store.open(db).delete_session(gone)
    assert run(capsys, "--db", str(db), "export", "-o", str(out), "--force")[0] == 0
    data = json.loads(out.read_text())
    assert [d["id"] for d in data["deleted"]] == [gone] and data["deleted"][0]["deleted"] is True
    assert gone not in {s["id"] for s in data["sessions"]}
    code, stdout, _ = run(capsys, "--db", str(copy), "import", str(out))
    assert code == 0 and "Imported 0 sessions, 1 deletion and 0 marks" in stdout
    assert gone not in {s["id"] for s in Store.open(copy).sessions()}
    assert len(Store.open(copy).sessions()) == 829


def test_a_version_1_export_still_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions = [session_document(datetime(2025, 5, d, 7, tzinfo=ZONE)) for d in range(1, 6)]
    old = {
        "format": "supple-export",
        "version": 1,
        "sessions": sessions,
        "marks": [{"date": "2025-05-07", "kind": "rest"}],
        "settings": {"weekly_goal": 3},
    }
    export = tmp_path / "old.json"
    export.write_text(json.dumps(old, indent=2))
    target = tmp_path / "t.json"
    code, stdout, _ = run(capsys, "--db", str(target), "import", str(export))
    assert code == 0 and "Imported 5 sessions and 1 mark" in stdout
    assert Store.open(target).settings() == {"weekly_goal": 3}


def test_an_export_reformatted_by_hand_imports_whole(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    out.write_text(json.dumps(json.loads(out.read_text()), indent=2))
    code, stdout, _ = run(capsys, "--db", str(tmp_path / "t.json"), "import", str(out))
    assert code == 0 and "Imported 830 sessions" in stdout


def test_an_import_file_changed_between_its_two_passes_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    real = import_stream.read_import

    def then_changed(path: Path) -> import_stream.ImportPlan:
        plan = real(path)
        text = out.read_text().replace('"speed":1', '"speed":9', 1)
        out.write_text(text)
        return plan

    monkeypatch.setattr(import_stream, "read_import", then_changed)
    target = tmp_path / "t" / "t.json"
    code, _, err = run(capsys, "--db", str(target), "import", str(out))
    assert code == 2 and "changed while it was being imported" in one_line(err)
    assert not year_file(target, "2024").exists()


# -- export -o ---------------------------------------------------------------------------------


def supple_files(db: Path) -> dict[str, Path]:
    """One file of each kind Supple keeps for the database at `db`, each made real."""
    store = Store.open(db)
    store.back_up_daily(date(2026, 11, 26))
    link = db.parent / "year-link.json"
    link.symlink_to(year_file(db, "2025"))
    other = db.parent / "other-db.json"
    write_history(other, daily_history(date(2020, 1, 10), 3), layout=True)
    old_main = db.parent / "old-main.json"
    old_main.write_text(json.dumps({"routine": {}, "settings": {"1": {"weekly_goal": 3}}}))
    return {
        "main": db,
        "year": year_file(db, "2026"),
        "year of another machine": _another_machines_year(db),
        "backup": list_backups(db)[0].path,
        "summary": summary.path_of(store.db_id() or ""),
        "symlink to a year": link,
        "main of another database": other,
        "year of another database": year_file(other, "2020"),
        "main file from before headers": old_main,
    }


def _another_machines_year(db: Path) -> Path:
    path = sessions_folder(db) / OTHER_MACHINE / "2026.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"sessions": {}}))
    return path


@pytest.mark.parametrize("force", [False, True], ids=["plain", "with --force"])
def test_export_never_writes_over_a_supple_data_file(
    db: Path, capsys: pytest.CaptureFixture[str], force: bool
) -> None:
    files = supple_files(db)
    before = {name: path.read_bytes() for name, path in files.items()}
    for name, path in files.items():
        argv = ["--db", str(db), "export", "-o", str(path), *(["--force"] if force else [])]
        code, out, err = run(capsys, *argv)
        line = one_line(err)
        assert code == 2 and out == "" and "will not export" in line, (name, line)
        assert "exists" not in line, (name, line)  # said for what it is, not as a mere file
    assert {name: path.read_bytes() for name, path in files.items()} == before
    assert files["symlink to a year"].is_symlink()


def test_export_says_an_existing_file_exists_and_replaces_it_with_force(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert run(capsys, "--db", str(db), "export", "-o", str(out))[0] == 0
    first = out.read_bytes()
    code, _, err = run(capsys, "--db", str(db), "export", "-o", str(out))
    assert code == 2 and "an earlier export that exists" in one_line(err) and "--force" in err
    assert out.read_bytes() == first
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    code, _, err = run(capsys, "--db", str(db), "export", "-o", str(notes))
    assert code == 2 and "a file that exists" in one_line(err) and notes.read_text() == "my notes"
    code, _, err = run(capsys, "--db", str(db), "export", "-o", str(out), "--force")
    assert code == 0 and "replaced the file that was there" in one_line(err)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_format_comes_from_the_extension_unless_said(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_csv = tmp_path / "history.csv"
    assert run(capsys, "--db", str(db), "export", "-o", str(as_csv))[0] == 0
    assert as_csv.read_text().startswith("id,started_at,")
    as_json = tmp_path / "history.JSON"
    assert run(capsys, "--db", str(db), "export", "-o", str(as_json))[0] == 0
    assert json.loads(as_json.read_text())["format"] == "supple-export"
    other = tmp_path / "history.txt"
    assert run(capsys, "--db", str(db), "export", "--format", "csv", "-o", str(other))[0] == 0
    assert other.read_text().startswith("id,")
    mismatch = tmp_path / "mismatch.json"
    code, _, err = run(capsys, "--db", str(db), "export", "--format", "csv", "-o", str(mismatch))
    assert code == 2 and "does not match" in one_line(err) and not mismatch.exists()


def test_write_atomically_takes_chunks_and_keeps_its_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    steps: list[str] = []
    monkeypatch.setattr(atomic, "step_hook", steps.append)
    atomic.write_atomically(target, iter(["a", "é", "c"]))
    assert target.read_text() == "aéc" and steps == list(atomic.WRITE_STEPS)

    def broken() -> Any:
        yield "half"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic.write_atomically(target, broken())
    assert target.read_text() == "aéc" and sorted(os.listdir(tmp_path)) == ["f.txt"]


def test_the_import_rank_is_the_merge_rule_s() -> None:
    """import_stream._rank is session_rank's first two, worked out without serialising."""
    from tui.storage.merge_rules import session_rank

    base = session_document(datetime(2026, 3, 1, 7, tzinfo=ZONE))
    variants: list[dict[str, Any]] = [
        base,
        {**base, "updated_at": None},
        {**base, "updated_at": "garbled", "ended_at": None},
        {**base, "updated_at": None, "ended_at": None, "started_at": "later"},
        {"id": "x", "started_at": None, "updated_at": "2026-03-02T10:00:00", "deleted": True},
        {"id": "x", "deleted": "yes"},
    ]
    for document in variants:
        assert import_stream._rank(document) == session_rank(document)[:2]
