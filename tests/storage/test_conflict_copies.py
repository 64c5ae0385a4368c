"""Conflict copies sync tools leave: absorbed at start, merged by rule, set aside if damaged."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.factories import session_document
from tests.storage.machines import (
    FORMS,
    Machine,
    WallClock,
    conflict_copies,
    conflict_name,
    copy_folder,
    deliver,
    files_of,
)
from tui.domain.history import MarkKind
from tui.domain.routine import Routine, default_routine
from tui.storage.conflicts import original_name

ZONE = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=ZONE)


@pytest.fixture
def wall() -> WallClock:
    return WallClock(T0)


@pytest.fixture
def laptop(tmp_path: Path, wall: WallClock) -> Machine:
    return Machine(tmp_path / "laptop", tmp_path / "data-laptop", wall=wall)


@pytest.fixture
def desktop(tmp_path: Path, wall: WallClock) -> Machine:
    return Machine(tmp_path / "desktop", tmp_path / "data-desktop", wall=wall)


def shared_start(laptop: Machine, desktop: Machine) -> None:
    """One history both machines have: started on the laptop, synced to the desktop."""
    with laptop.start() as store:
        store.save_session(session_document(T0 - timedelta(days=1)))
    copy_folder(laptop.folder, desktop.folder)


def renamed_routine(name: str) -> Routine:
    return dataclasses.replace(default_routine(), name=name)


def test_every_name_form_is_recognised_and_names_its_original() -> None:
    for form in FORMS:
        for name in ("supple.json", "2026.json", "undated.json"):
            # A second copy of one day too (Dropbox counts them: `… 2026-12-06 (1))`).
            for repeat in (0, 1, 12):
                copy = conflict_name(name, form, repeat=repeat)
                assert copy != name
                assert original_name(copy) == name, (form, copy)
    assert original_name("supple.json") is None
    for outer in FORMS:
        twice = conflict_name(conflict_name("supple.json", "syncthing"), outer, 1)
        assert original_name(twice) == "supple.json", twice
    assert original_name("supple (copy).json") is None


@pytest.mark.parametrize("form", FORMS)
def test_a_conflict_copy_of_the_main_file_is_merged_field_by_field_and_removed(
    form: str, laptop: Machine, desktop: Machine, wall: WallClock
) -> None:
    shared_start(laptop, desktop)
    wall.tick()
    # Apart: each machine changes the shared things, some the same, some not.
    with laptop.start() as store:
        store.set_mark(date(2026, 11, 20), MarkKind.REST)
        store.save_settings({"weekly_goal": 5, "cues": "bell"})
    wall.tick()
    with desktop.start() as store:
        store.set_mark(date(2026, 11, 21), MarkKind.DONE)
        store.save_routine(renamed_routine("Desk flow"))
        store.save_settings({"weekly_goal": 4})
        store.save_session(session_document(T0 + timedelta(hours=1)))
    made = deliver(desktop, laptop, form)
    assert [Path(m).name for m in made] == [conflict_name("supple.json", form)]

    with laptop.start() as store:
        assert conflict_copies(laptop.folder) == []
        assert store.marks() == {
            date(2026, 11, 20): MarkKind.REST,
            date(2026, 11, 21): MarkKind.DONE,
        }
        assert store.routine().name == "Desk flow"
        # The later change of each setting, each on its own.
        assert store.settings() == {"weekly_goal": 4, "cues": "bell"}
        assert len(store.sessions()) == 2
        (me,) = [m for m in store.machines() if m["this"]]
        assert any(conflict_name("supple.json", form) in n["what"] for n in me["absorbed"])

    # Once the desktop has the laptop's merged file, both show the same history.
    copy_folder(laptop.folder, desktop.folder)
    assert desktop.view() == laptop.view()


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("absorber", ["owner", "other"])
def test_a_conflict_copy_of_a_year_file_gives_its_newer_sessions_and_is_removed(
    form: str, absorber: str, laptop: Machine, desktop: Machine, wall: WallClock
) -> None:
    kept = session_document(T0 - timedelta(days=3))
    edited = session_document(T0 - timedelta(days=2))
    with laptop.start() as store:
        store.save_session(kept)
        store.save_session(edited)
    copy_folder(laptop.folder, desktop.folder)
    # The copy a sync tool kept of the laptop's year file: a session the file no longer has
    # (say the file was put back from an older copy) and a newer save of another.
    year = Path("supple-sessions") / laptop.id / "2026.json"
    tables = json.loads((laptop.folder / year).read_text())
    only_in_copy = session_document(T0 - timedelta(days=1))
    newer = {**edited, "note": "newer", "updated_at": "2026-11-26T08:00:00+01:00"}
    tables["sessions"] = {"1": kept, "2": newer, "3": only_in_copy}
    machine = laptop if absorber == "owner" else desktop
    copy = machine.folder / year.with_name(conflict_name("2026.json", form))
    copy.write_text(json.dumps(tables))

    with machine.start() as store:
        assert not copy.exists()
        found = {d["id"]: d for d in store.sessions()}
        assert sorted(found) == sorted([kept["id"], edited["id"], only_in_copy["id"]])
        assert found[edited["id"]]["note"] == "newer"
    # Nothing but this machine's own files changed, and the laptop's file is as it was.
    other = desktop if machine is laptop else laptop
    copy_folder(machine.folder, other.folder)
    assert laptop.view() == desktop.view()


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        ("supple.json", b'{"meta": {"1": {"kind": "main"'),
        ("supple.json", b"\x00" * 40),
        ("2026.json", b'{"sessions": {"1": {"id": "x"'),
        ("2026.json", b"[1, 2, 3]"),
    ],
)
def test_a_damaged_conflict_copy_is_set_aside_named_and_nothing_of_it_merged(
    name: str, damage: bytes, laptop: Machine, desktop: Machine
) -> None:
    shared_start(laptop, desktop)
    folder = laptop.folder if name == "supple.json" else laptop.folder / "supple-sessions"
    if name != "supple.json":
        folder = folder / laptop.id
    copy = folder / conflict_name(name, "syncthing")
    copy.write_bytes(damage)
    before = files_of(laptop.folder)
    del before[copy.relative_to(laptop.folder).as_posix()]

    with laptop.start() as store:
        assert not copy.exists()
        aside = list((laptop.folder / "supple-set-aside").iterdir())
        assert [p.read_bytes() for p in aside] == [damage]
        assert copy.name in aside[0].name
        (me,) = [m for m in store.machines() if m["this"]]
        assert any(copy.name in n["what"] and "set aside" in n["what"] for n in me["absorbed"])
        assert any(copy.name in line for line in store.warnings)
        assert len(store.sessions()) == 1
    after = files_of(laptop.folder)
    # Only the main file changed (its record of what was set aside); no session file did.
    assert {k: v for k, v in after.items() if k != "supple.json"} == {
        k: v for k, v in before.items() if k != "supple.json"
    }


def test_a_year_copy_with_a_good_start_and_a_damaged_end_merges_none_of_it(
    laptop: Machine, desktop: Machine
) -> None:
    shared_start(laptop, desktop)
    year = laptop.folder / "supple-sessions" / laptop.id / "2026.json"
    tables = json.loads(year.read_text())
    tables["sessions"]["9"] = session_document(T0)
    text = json.dumps(tables)
    copy = year.with_name(conflict_name("2026.json", "dropbox"))
    copy.write_text(text[: len(text) - 3])
    with laptop.start() as store:
        assert len(store.sessions()) == 1
        assert not copy.exists()
        assert len(list((laptop.folder / "supple-set-aside").iterdir())) == 1


def test_a_backup_named_as_a_conflict_copy_is_set_aside(laptop: Machine, desktop: Machine) -> None:
    shared_start(laptop, desktop)
    with laptop.store() as store:
        backup = store.bundle()
    extra = session_document(T0 - timedelta(days=5))
    backup["sessions"]["99"] = extra
    text = json.dumps(backup)
    year_copy = (
        laptop.folder / "supple-sessions" / laptop.id / conflict_name("2026.json", "syncthing")
    )
    main_copy = laptop.folder / conflict_name("supple.json", "nextcloud")
    year_copy.write_text(text)
    main_copy.write_text(text)
    with laptop.start() as store:
        assert not year_copy.exists() and not main_copy.exists()
        assert len(list((laptop.folder / "supple-set-aside").iterdir())) == 2
        assert extra["id"] not in {d["id"] for d in store.sessions()}
        assert len(store.warnings) == 2


def test_a_copy_of_a_conflict_copy_is_absorbed_too(laptop: Machine, desktop: Machine) -> None:
    shared_start(laptop, desktop)
    with desktop.start() as store:
        store.set_mark(date(2026, 11, 3), MarkKind.DONE)
    inner = conflict_name("supple.json", "syncthing")
    copy = laptop.folder / conflict_name(inner, "dropbox")
    copy.write_bytes(desktop.db.read_bytes())
    with laptop.start() as store:
        assert not copy.exists()
        assert store.marks() == {date(2026, 11, 3): MarkKind.DONE}


def test_copies_of_an_earlier_supples_lock_and_summary_are_removed(
    laptop: Machine, desktop: Machine
) -> None:
    shared_start(laptop, desktop)
    lock = laptop.folder / conflict_name("supple.json.lock", "syncthing")
    summary = laptop.folder / "supple-sessions" / conflict_name("summary.json", "dropbox")
    for path in (lock, summary):
        path.write_text("")
    with laptop.start() as store:
        assert not lock.exists() and not summary.exists()
        assert len(store.sessions()) == 1
    before = files_of(laptop.folder)
    with laptop.start():
        pass
    # Nothing left to do: the next start writes nothing.
    assert files_of(laptop.folder) == before


def test_a_year_file_named_as_a_main_file_copy_is_set_aside(
    laptop: Machine, desktop: Machine
) -> None:
    shared_start(laptop, desktop)
    year = laptop.folder / "supple-sessions" / laptop.id / "2026.json"
    copy = laptop.folder / conflict_name("supple.json", "syncthing")
    copy.write_bytes(year.read_bytes())
    with laptop.start() as store:
        assert not copy.exists()
        assert len(list((laptop.folder / "supple-set-aside").iterdir())) == 1
        assert len(store.sessions()) == 1


def test_two_histories_started_apart_in_one_folder_become_one(
    laptop: Machine, desktop: Machine, wall: WallClock
) -> None:
    # Both computers started Supple in the synced folder before it had synced once: two
    # databases (two ids), one name. The first sync makes a conflict copy of the main file.
    made = []
    for machine, day in ((laptop, 1), (desktop, 2)):
        with machine.start() as store:
            made.append(session_document(T0 - timedelta(days=day)))
            store.save_session(made[-1])
            store.set_mark(date(2026, 11, day), MarkKind.REST)
        wall.tick()
    deliver(desktop, laptop)
    with laptop.start():
        pass
    deliver(laptop, desktop)
    with desktop.start():
        pass
    assert conflict_copies(laptop.folder) == conflict_copies(desktop.folder) == []
    for machine in (laptop, desktop):
        view = machine.view()
        assert {d["id"] for d in view["sessions"]} == {d["id"] for d in made}  # type: ignore[union-attr]
        assert view["marks"] == [("2026-11-01", "rest"), ("2026-11-02", "rest")]
    with laptop.store() as one, desktop.store() as other:
        assert one.db_id() == other.db_id()


def test_a_year_copy_absorbed_is_named_in_this_machines_record(
    laptop: Machine, desktop: Machine
) -> None:
    shared_start(laptop, desktop)
    # The desktop's copy of the folder holds a conflict copy of the laptop's year file.
    year = desktop.folder / "supple-sessions" / laptop.id / "2026.json"
    tables = json.loads(year.read_text())
    tables["sessions"]["2"] = session_document(T0)
    copy = year.with_name(conflict_name("2026.json", "syncthing"))
    copy.write_text(json.dumps(tables))
    with desktop.start() as store:
        (me,) = [m for m in store.machines() if m["this"]]
        assert any(copy.name in note["what"] for note in me["absorbed"])


@pytest.mark.parametrize("hours", [-7, 7])
def test_a_machine_whose_clock_is_hours_off_loses_no_session_and_all_agree(
    hours: int, tmp_path: Path, wall: WallClock
) -> None:
    right = Machine(tmp_path / "right", tmp_path / "data-right", wall=wall)
    off = Machine(
        tmp_path / "off", tmp_path / "data-off", wall=wall, clock_off=timedelta(hours=hours)
    )
    made = []
    with right.start() as store:
        for day in range(3):
            made.append(session_document(T0 - timedelta(days=day + 1)))
            store.save_session(made[-1])
        store.set_mark(date(2026, 11, 1), MarkKind.REST)
        store.save_settings({"weekly_goal": 6})
    copy_folder(right.folder, off.folder)
    wall.tick(60)

    # The machine that is off changes what it has seen: each change must stand.
    gone = made[0]
    with off.start() as store:
        assert store.delete_session(gone["id"])
        store.set_mark(date(2026, 11, 1), None)
        store.save_settings({"weekly_goal": 3})
        made.append(session_document(off.now() - timedelta(minutes=10)))
        store.save_session(made[-1])
    wall.tick(60)
    # Meanwhile, apart, the right machine records more (and edits a setting not touched).
    with right.start() as store:
        made.append(session_document(wall.at - timedelta(minutes=10)))
        store.save_session(made[-1])
        store.set_mark(date(2026, 11, 2), MarkKind.DONE)
    wall.tick(60)

    deliver(off, right, "syncthing", 1)
    deliver(right, off, "dropbox", 2)
    for machine in (right, off):
        with machine.start():
            pass
        assert conflict_copies(machine.folder) == []
    # The two files now agree on everything; once each has the other's, they are one.
    deliver(right, off, "syncthing", 3)
    deliver(off, right, "syncthing", 4)
    for _ in range(3):
        for machine in (right, off):
            with machine.start():
                pass
            deliver(machine, off if machine is right else right, "syncthing", 5)
    views = [right.view(), off.view()]
    assert views[0] == views[1]
    shown = {d["id"] for d in views[0]["sessions"]}  # type: ignore[union-attr]
    assert shown == {d["id"] for d in made} - {gone["id"]}
    assert views[0]["marks"] == [("2026-11-02", "done")]
    assert views[0]["settings"] == {"weekly_goal": 3}


def test_a_run_going_on_another_machine_is_never_closed_by_this_ones_start(
    laptop: Machine, desktop: Machine, wall: WallClock
) -> None:
    shared_start(laptop, desktop)
    running = session_document(T0, completed=False, steps_done=3)
    running["ended_at"] = None
    with desktop.start() as store:
        # The desktop plays the flow: its run lock held, its session saved open.
        run_lock = store.run_lock(running["id"])
        run_lock.acquire()
        store.save_session(running)
    try:
        copy_folder(desktop.folder, laptop.folder)
        # A sync tool also left a copy of the desktop's year file holding a later save of
        # the run (the file itself went back to an earlier one).
        year = laptop.folder / "supple-sessions" / desktop.id / "2026.json"
        tables = json.loads(year.read_text())
        (number,) = tables["sessions"]
        later = (T0 + timedelta(minutes=10)).isoformat(timespec="seconds")
        tables["sessions"][number] = {**running, "updated_at": later}
        year.with_name(conflict_name("2026.json", "nextcloud")).write_text(json.dumps(tables))
        wall.tick(120)

        for _ in range(2):
            with laptop.start() as store:
                (found,) = [d for d in store.sessions() if d["id"] == running["id"]]
                assert found["ended_at"] is None
                assert found["completed"] is False
        assert conflict_copies(laptop.folder) == []
        deliver(laptop, desktop)
        with desktop.start() as store:
            assert [d["ended_at"] for d in store.sessions() if d["id"] == running["id"]] == [None]
            # The run ends on the desktop, and that end is what both show.
            finished = {**running, "ended_at": wall.at.isoformat(timespec="seconds")}
            finished.update(completed=True, updated_at=finished["ended_at"])
            store.save_session(finished)
    finally:
        with desktop.active():
            run_lock.release()
    deliver(desktop, laptop)
    for machine in (laptop, desktop):
        with machine.start() as store:
            (found,) = [d for d in store.sessions() if d["id"] == running["id"]]
            assert found["completed"] is True


def test_a_copy_of_a_whole_history_in_one_file_gives_its_sessions_and_merges(
    laptop: Machine, desktop: Machine
) -> None:
    """Two computers syncing an older Supple's single file both saved it: the conflict copy
    holds ten years of sessions in one file. Its sessions and its fields come in; none is
    lost, and the copy is gone."""
    from tests.factories import daily_history, write_history

    shared_start(laptop, desktop)
    history = daily_history(date(2026, 11, 20), 3650)
    bundle = desktop.folder / "bundle.json"
    write_history(bundle, history, [(date(2020, 5, 5), "rest")], settings={"weekly_goal": 3})
    copy = desktop.folder / conflict_name("supple.json", "syncthing")
    bundle.rename(copy)
    with desktop.start() as store:
        ids = {d["id"] for d in store.sessions()}
        assert {d["id"] for d in history} <= ids and len(ids) == 3651
        assert store.marks()[date(2020, 5, 5)] == MarkKind.REST
        assert not copy.exists()
        (me,) = [m for m in store.machines() if m["this"]]
        assert any("3650 sessions new here" in note["what"] for note in me["absorbed"])
