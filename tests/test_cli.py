"""The command line: flags, stats, export and import, and bad input met with one line and exit 2."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.command_line import run
from tests.factories import daily_history, session_document, write_history
from tests.storage.test_damaged_files import DAMAGED
from tui.cli import main
from tui.domain.session import local_now
from tui.storage.atomic import read_json_file
from tui.storage.store import Store, read_bundle


def a_history(path: Path) -> None:
    today = local_now().date()
    sessions = daily_history(today - timedelta(days=1), 10)
    sessions.append(session_document(local_now() - timedelta(days=20), speed=2))
    sessions.append(session_document(local_now() - timedelta(days=30), completed=False))
    marks = [(today - timedelta(days=15), "rest"), (today - timedelta(days=16), "done")]
    # The week starts today, so whatever the weekday the weeks are the same: last week has
    # all seven days done (met), the week before three (not met for a goal of 5).
    settings = {"weekly_goal": 5, "week_starts_on": today.weekday()}
    write_history(path, sessions, marks, settings=settings)


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("supple ")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "stats" in out and "--speed" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--bogus"],
        ["--speed", "0"],
        ["--speed", "fast"],
        ["--speed", "nan"],
        ["--cues", "loud"],
        ["--cues"],
        ["frobnicate"],
        ["export", "--format", "xml"],
        ["import"],
    ],
)
def test_a_wrong_flag_gets_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "supple" in err


def test_stats_json_has_the_promised_shape(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    code, out, _ = run(capsys, "--db", str(db), "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["today"] == local_now().date().isoformat()
    assert stats["done_today"] is False
    # A goal of 5 counts in weeks: this week has just begun, so last week's run carries.
    assert (stats["current_streak"], stats["longest_streak"], stats["streak_unit"]) == (
        1,
        1,
        "weeks",
    )
    assert set(stats["week"]) >= {"start", "done_days", "rest_days", "target_days", "completion"}
    assert stats["week"]["target_days"] == 5
    assert stats["sessions"] == {"total": 12, "completed": 10, "practice": 1, "counted": 10}
    # Time held (rules.md §3), the one figure of time: no wall time beside it.
    assert stats["seconds_held"] > 0 and "total_minutes" not in stats
    # Eleven done days in the last seventeen, for a goal of 5 (a 15-day half-life): on its way.
    assert 0.1 < stats["strength"] < 0.5


def test_stats_in_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    code, out, _ = run(capsys, "stats", "--db", str(db))
    assert code == 0
    assert "Current streak: 1 week · longest: 1 week" in out and "not yet" in out
    assert "This week: 0 of 5 days" in out
    assert "strength: " in out and "10 counted" in out
    # A daily goal counts the same history in days, at once.
    store = Store(db)
    store.save_settings({"weekly_goal": 7})
    code, out, _ = run(capsys, "stats", "--db", str(db))
    assert "Current streak: 10 days · longest: 10 days" in out
    code, out, _ = run(capsys, "stats", "--json", "--db", str(db))
    assert json.loads(out)["streak_unit"] == "days"


def test_stats_says_a_rest_day_and_a_goal_passed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # What a new user did (issue 27 items 3 and 11): `z` on today, then `supple stats`.
    db = tmp_path / "s.json"
    today = local_now().date()
    # Goal 3; the week starts five days ago, and each of those days was done.
    days = daily_history(today - timedelta(days=1), 5)
    settings = {"weekly_goal": 3, "week_starts_on": (today - timedelta(days=5)).weekday()}
    write_history(db, days, [(today, "rest")], settings=settings)
    code, out, _ = run(capsys, "stats", "--db", str(db))
    assert code == 0
    assert "): rest day" in out.splitlines()[0] and "not yet" not in out
    assert "This week: 5 days · goal 3 met" in out
    code, out, _ = run(capsys, "stats", "--json", "--db", str(db))
    stats = json.loads(out)
    assert stats["today"] == today.isoformat() and stats["today_state"] == "rest"
    assert stats["done_today"] is False
    # Strength rounded as the words round it: the same figure in both.
    _, words, _ = run(capsys, "stats", "--db", str(db))
    shown = int(words.split("strength: ")[1].split("%")[0])
    assert stats["strength"] == shown / 100
    # Once the flow is done today, "done"; with nothing at all, "open".
    store = Store(db)
    store.set_mark(today, None)
    code, out, _ = run(capsys, "stats", "--json", "--db", str(db))
    assert json.loads(out)["today_state"] == "open"


def test_export_then_import_into_an_empty_file_gives_identical_stats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, copy, exported = tmp_path / "s.json", tmp_path / "copy.json", tmp_path / "out.json"
    a_history(db)
    assert run(capsys, "--db", str(db), "export", "-o", str(exported))[0] == 0
    code, out, _ = run(capsys, "--db", str(copy), "import", str(exported))
    assert code == 0 and "Imported 12 sessions and 2 marks" in out
    before = run(capsys, "--db", str(db), "stats", "--json")[1]
    after = run(capsys, "--db", str(copy), "stats", "--json")[1]
    assert json.loads(before) == json.loads(after)
    assert Store.open(copy).settings() == Store.open(db).settings()
    assert Store.open(copy).settings()["weekly_goal"] == 5
    assert Store.open(copy).routine() == Store.open(db).routine()


def test_importing_the_same_file_twice_adds_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, exported = tmp_path / "s.json", tmp_path / "out.json"
    a_history(db)
    exported.write_text(run(capsys, "--db", str(db), "export")[1])
    target = tmp_path / "t.json"
    run(capsys, "--db", str(target), "import", str(exported))
    first = target.read_bytes()
    code, out, _ = run(capsys, "--db", str(target), "import", str(exported))
    assert code == 0 and "Imported 0 sessions and 0 marks" in out
    assert len(Store.open(target).sessions()) == 12
    assert json.loads(target.read_bytes()) == json.loads(first)


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        "[]",
        '{"sessions": [], "marks": []}',
        '{"format": "supple-export", "version": 99, "sessions": [], "marks": []}',
        '{"format": "supple-export", "version": 1, "sessions": [{"id": "x"}], "marks": []}',
        '{"format": "supple-export", "version": 1, "sessions": [], "marks": [{"date": "x"}]}',
        '{"format": "supple-export", "version": 1, "sessions": [], "marks": [],'
        ' "settings": {"weekly_goal": 9}}',
    ],
)
def test_a_file_that_is_not_an_export_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str
) -> None:
    db, bad = tmp_path / "s.json", tmp_path / "bad.json"
    a_history(db)
    before = db.read_bytes()
    bad.write_text(content)
    code, out, err = run(capsys, "--db", str(db), "import", str(bad))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "nothing was imported" in err
    assert db.read_bytes() == before


def test_csv_export_has_one_row_per_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "csv")
    rows = out.strip().splitlines()
    assert code == 0 and rows[0].startswith("id,started_at,ended_at")
    assert len(rows) == 13
    assert sum(",true,2,true," in row for row in rows) == 1  # the practice run


def test_a_damaged_database_is_reported_in_one_line_and_left_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    db.write_text('{"sessions": {"1": ')
    for argv in (["stats"], ["export"], ["import", str(db)], []):
        code, out, err = run(capsys, "--db", str(db), *argv)
        assert code == 2, argv
        assert len(err.strip().splitlines()) == 1 and str(db) in err
    assert db.read_text() == '{"sessions": {"1": '


def test_marks_and_dates_survive_the_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, exported = tmp_path / "s.json", tmp_path / "out.json"
    a_history(db)
    run(capsys, "--db", str(db), "export", "-o", str(exported))
    data = json.loads(exported.read_text())
    assert {m["kind"] for m in data["marks"]} == {"done", "rest"}
    assert all(date.fromisoformat(m["date"]) for m in data["marks"])


# -- damaged files, warnings, backups and restore -------------------------------------------

EVERY_COMMAND = [
    [],
    ["history"],
    ["edit"],
    ["stats"],
    ["stats", "--json"],
    ["export"],
    ["export", "--format", "csv"],
    ["import", "EXPORT"],
    ["restore"],
]


@pytest.fixture
def no_ui(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app's start without its screen: everything `supple` does before the UI runs."""
    from tui.app import SuppleApp

    opened: list[str] = []
    monkeypatch.setattr(SuppleApp, "run", lambda app, *a, **k: opened.append(app.DEFAULT_MODE))
    return opened


@pytest.mark.parametrize(("content", "problem"), DAMAGED.values(), ids=DAMAGED.keys())
def test_every_command_refuses_a_damaged_file_in_one_line_and_leaves_it_be(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    no_ui: list[str],
    content: bytes,
    problem: str,
) -> None:
    db, export = tmp_path / "s.json", tmp_path / "export.json"
    export.write_text('{"format": "supple-export", "version": 1, "sessions": [], "marks": []}')
    db.write_bytes(content)
    for argv in EVERY_COMMAND:
        argv = [str(export) if a == "EXPORT" else a for a in argv]
        code, _, err = run(capsys, "--db", str(db), *argv)
        assert code == 2, argv
        assert len(err.strip().splitlines()) == 1, argv
        assert problem in err and str(db) in err and "supple restore" in err
    assert db.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", "s.json"]
    assert no_ui == []  # the app never opened


def test_a_damaged_session_is_left_out_with_a_one_line_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    odd = session_document(local_now() - timedelta(days=3))
    odd["started_at"] = "last friday"
    write_history(db, [*daily_history(local_now().date() - timedelta(days=1), 3), odd])
    before = db.read_bytes()
    code, out, err = run(capsys, "--db", str(db), "stats", "--json")
    assert code == 0 and json.loads(out)["sessions"]["total"] == 3
    assert err.startswith("supple: warning: left out 1 damaged document of")
    assert len(err.strip().splitlines()) == 1 and "session 4" in err
    code, out, err = run(capsys, "--db", str(db), "export")
    assert code == 0 and len(json.loads(out)["sessions"]) == 3 and "warning" in err
    assert db.read_bytes() == before


def test_the_app_start_backs_up_the_file_once_a_day(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_ui: list[str]
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    original = db.read_bytes()
    assert run(capsys, "--db", str(db))[0] == 0
    assert run(capsys, "--db", str(db), "history")[0] == 0
    assert no_ui == ["routine", "history"]
    (copy,) = (tmp_path / "backups").iterdir()
    assert copy.name == f"s-{local_now().date().isoformat()}.json"
    assert copy.read_bytes() == original  # taken before the start changed anything


def test_restore_lists_the_backups_and_puts_one_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    store = Store.open(db)
    today = local_now().date()
    store.back_up_daily(today - timedelta(days=2))
    store.save_session(session_document(local_now()))
    store.back_up_daily(today - timedelta(days=1))
    store.save_session(session_document(local_now()))
    current = read_bundle(db)  # the whole history, from the main file and its year files

    code, out, err = run(capsys, "--db", str(db), "restore")
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[1].split()[:2] == ["1", f"{today - timedelta(days=1):%a}"]
    assert "13 sessions" in lines[1] and "12 sessions" in lines[2] and "kB" in lines[1]

    code, out, _ = run(capsys, "--db", str(db), "restore", "2")
    assert code == 0 and "12 sessions" in out
    assert len(Store.open(db).sessions()) == 12
    (aside,) = tmp_path.glob("s.json.before-restore-*")
    assert read_json_file(aside) == current and str(aside) in out

    name = f"s-{today - timedelta(days=1)}.json"
    assert run(capsys, "--db", str(db), "restore", name)[0] == 0
    assert len(Store.open(db).sessions()) == 13
    assert run(capsys, "--db", str(db), "restore", str(aside))[0] == 0  # undo
    # The same history; only the record of which machine wrote when is new.
    assert {**read_bundle(db), "machines": {}} == {**current, "machines": {}}


@pytest.mark.parametrize("name", ["9", "0", "s-1999-01-01.json", "nonsense"])
def test_restoring_a_backup_that_is_not_there_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    Store.open(db).back_up_daily(local_now().date())
    before = db.read_bytes()
    code, out, err = run(capsys, "--db", str(db), "restore", name)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert db.read_bytes() == before


def test_restoring_a_damaged_backup_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "s-2026-11-20.json").write_text('{"sessions": ')
    before = db.read_bytes()
    code, out, err = run(capsys, "--db", str(db), "restore")
    assert code == 0 and "damaged" in out
    code, out, err = run(capsys, "--db", str(db), "restore", "1")
    assert code == 2 and "not valid JSON" in err and len(err.strip().splitlines()) == 1
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("s.json.before-restore-*"))


def test_restore_mends_a_damaged_file_and_keeps_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    a_history(db)
    Store.open(db).back_up_daily(local_now().date())
    db.write_bytes(b"\x00\x00")
    code, out, err = run(capsys, "--db", str(db), "restore")
    assert code == 2 and "1  " in out and "supple restore" in err  # listed, and the damage said
    code, out, _ = run(capsys, "--db", str(db), "restore", "1")
    assert code == 0 and "12 sessions" in out
    (aside,) = tmp_path.glob("s.json.before-restore-*")
    assert aside.read_bytes() == b"\x00\x00"
    assert run(capsys, "--db", str(db), "stats")[0] == 0


def test_cues_for_one_run_reach_the_app_and_are_not_kept(
    tmp_path: Path, no_ui: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app import SuppleApp

    modes: list[str] = []
    monkeypatch.setattr(SuppleApp, "run", lambda app, *a, **k: modes.append(app.cue_output.mode))
    monkeypatch.setenv("PATH", "")  # no speech program, no player: voice falls back to the bell
    db = tmp_path / "s.json"
    assert main(["--db", str(db), "--cues", "off"]) == 0
    assert main(["--db", str(db), "--cues", "voice"]) == 0
    assert modes == ["off", "bell"]
    assert not {"cues", "cue_mode"} & set(Store.open(db).settings())


def test_stiffness_and_notes_go_out_and_come_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv
    import io

    db, copy, exported = tmp_path / "s.json", tmp_path / "copy.json", tmp_path / "out.json"
    sessions = daily_history(local_now().date() - timedelta(days=1), 3)
    sessions[0].update(stiffness_before=7, stiffness_after=4, note="Tight, then loose, =fine")
    sessions[1].update(stiffness_before=None, stiffness_after=10, note=None)
    write_history(db, sessions)  # the third has no such keys at all, as older files
    assert run(capsys, "--db", str(db), "export", "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text())
    by_id = {d["id"]: d for d in data["sessions"]}
    assert by_id[sessions[0]["id"]]["note"] == "Tight, then loose, =fine"
    assert by_id[sessions[2]["id"]]["stiffness_before"] is None  # given as null in the file
    assert run(capsys, "--db", str(copy), "import", str(exported))[0] == 0
    again = {d["id"]: d for d in Store.open(copy).sessions()}
    for original in sessions:
        for key in ("stiffness_before", "stiffness_after", "note"):
            assert again[original["id"]][key] == original.get(key)
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    first = rows[sessions[0]["id"]]
    assert (first["stiffness_before"], first["stiffness_after"]) == ("7", "4")
    assert first["note"] == "Tight, then loose, =fine"  # a comma is quoted, not a new cell
    second, third = rows[sessions[1]["id"]], rows[sessions[2]["id"]]
    assert (second["stiffness_before"], second["stiffness_after"], second["note"]) == ("", "10", "")
    assert (third["stiffness_before"], third["stiffness_after"], third["note"]) == ("", "", "")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("stiffness_before", 11),
        ("stiffness_after", -1),
        ("stiffness_after", 2.5),
        ("stiffness_before", True),
        ("note", "x" * 501),
        ("note", 42),
        ("note", "bell \x07"),
    ],
)
def test_an_import_with_a_bad_rating_or_note_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str, value: object
) -> None:
    db, exported, target = tmp_path / "s.json", tmp_path / "out.json", tmp_path / "t.json"
    write_history(db, daily_history(local_now().date() - timedelta(days=1), 2))
    assert run(capsys, "--db", str(db), "export", "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text())
    data["sessions"][0][key] = value
    exported.write_text(json.dumps(data))
    code, out, err = run(capsys, "--db", str(target), "import", str(exported))
    assert code == 2 and out == "" and "nothing was imported" in err
    assert len(err.strip().splitlines()) == 1


@pytest.fixture
def plain_runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """tui.plain.run_plain stood in for: each call's store, speed, cues and mode."""
    import tui.plain

    calls: list[dict[str, object]] = []

    def stand_in(store: Store, *, speed: float, cues: str | None, mode: str) -> int:
        calls.append({"store": store.path, "speed": speed, "cues": cues, "mode": mode})
        return 3

    monkeypatch.setattr(tui.plain, "run_plain", stand_in)
    return calls


@pytest.mark.parametrize(
    ("argv", "mode"),
    [
        (["--plain"], "routine"),
        (["history", "--plain"], "history"),
        (["--plain", "history"], "history"),
    ],
)
def test_plain_runs_the_screen_reader_mode_instead_of_the_app(
    tmp_path: Path,
    no_ui: list[str],
    plain_runs: list[dict[str, object]],
    argv: list[str],
    mode: str,
) -> None:
    db = tmp_path / "s.json"
    assert main(["--db", str(db), "--speed", "2", "--cues", "off", *argv]) == 3
    assert plain_runs == [{"store": db.resolve(), "speed": 2.0, "cues": "off", "mode": mode}]
    assert no_ui == []


def test_the_plain_setting_starts_plain_without_the_flag(
    tmp_path: Path, no_ui: list[str], plain_runs: list[dict[str, object]]
) -> None:
    from tui.domain.settings import PLAIN

    db = tmp_path / "s.json"
    assert main(["--db", str(db)]) == 0
    assert plain_runs == [] and len(no_ui) == 1
    Store.open(db).save_settings({PLAIN: True})
    assert main(["--db", str(db)]) == 3
    assert main(["--db", str(db), "history"]) == 3
    assert [call["mode"] for call in plain_runs] == ["routine", "history"]
    # The editor has no plain form: asked for by name, it opens as it is.
    assert main(["--db", str(db), "edit"]) == 0
    assert len(plain_runs) == 2 and len(no_ui) == 2


@pytest.mark.parametrize("argv", [["edit", "--plain"], ["--plain", "edit"]])
def test_the_editor_is_refused_in_plain_mode_in_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    no_ui: list[str],
    plain_runs: list[dict[str, object]],
    argv: list[str],
) -> None:
    db = tmp_path / "s.json"
    code, out, err = run(capsys, "--db", str(db), *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "full screen" in err
    assert no_ui == [] and plain_runs == [] and not db.exists()
