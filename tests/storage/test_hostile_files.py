"""Hostile files (issue 11): links, pipes, modes, clocks and numbers meet one line, never harm."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.factories import daily_history, session_document, write_history
from tests.unprivileged import ROOT, run_supple
from tui.storage.atomic import read_json_file
from tui.storage.backups import KEEP_DAILY, backup_folder, list_backups
from tui.storage.errors import NOT_A_FILE, StoreError
from tui.storage.store import Store

ZONE = timezone(timedelta(hours=1))
DAY = date(2026, 11, 26)


def one_line_refusal(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


# -- 1. a symlinked data file ------------------------------------------------------------


def test_a_symlinked_data_file_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    synced = tmp_path / "synced" / "supple.json"
    synced.parent.mkdir()
    write_history(synced, daily_history(DAY, 2))
    link = tmp_path / "home" / "supple.json"
    link.parent.mkdir()
    link.symlink_to(os.path.relpath(synced, link.parent))

    store = Store.open(link)
    store.back_up_daily(DAY)
    store.prepare()
    store.save_session(session_document(datetime(2026, 11, 27, 7, tzinfo=ZONE)))

    assert link.is_symlink() and link.resolve() == synced
    assert len(Store.open(synced).sessions()) == 3
    # Temp files and backups live beside the real file, none beside the link; the lock is
    # this machine's, in its state folder, never in the (synced) data folder.
    assert not list(synced.parent.glob("*.lock"))
    assert list_backups(synced) and not backup_folder(link).exists()
    assert sorted(p.name for p in link.parent.iterdir()) == ["supple.json"]


def test_a_command_writes_through_a_symlinked_data_file(tmp_path: Path) -> None:
    synced = tmp_path / "synced.json"
    write_history(synced, daily_history(DAY, 1))
    link = tmp_path / "link.json"
    link.symlink_to(synced)
    export = tmp_path / "export.json"
    write_history(tmp_path / "other.json", daily_history(DAY - timedelta(days=5), 2))
    assert (
        run_supple("--db", str(tmp_path / "other.json"), "export", "-o", str(export)).returncode
        == 0
    )

    result = run_supple("--db", str(link), "import", str(export))

    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and len(Store.open(synced).sessions()) == 3


# -- 4. backups dated in the future by a wrong clock ---------------------------------------


def test_backups_dated_in_the_future_never_make_today_s_backup_vanish(tmp_path: Path) -> None:
    db = tmp_path / "supple.json"
    write_history(db, daily_history(DAY, 1))
    store = Store.open(db)
    for n in range(3):
        store.back_up_daily(DAY - timedelta(days=3 - n))  # real days, before the clock went wrong
    future = datetime(2100, 1, 1, tzinfo=ZONE)
    for n in range(KEEP_DAILY):
        made = store.back_up_daily(date(2100, 1, 1) + timedelta(days=n))
        assert made is not None
        moment = (future + timedelta(days=n)).timestamp()
        os.utime(made, (moment, moment))  # the clock said 2100 when they were made

    today = store.back_up_daily(DAY)

    assert today is not None and today.exists()
    # The next real days keep their copies too, and the 2100 ones go first, oldest made first.
    for n in range(1, KEEP_DAILY + 1):
        assert store.back_up_daily(DAY + timedelta(days=n)) is not None
    kept = sorted(b.day for b in list_backups(db))
    assert kept == [DAY + timedelta(days=n) for n in range(1, KEEP_DAILY + 1)]


# -- 6. the file's mode, and a file made read-only ----------------------------------------


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_a_write_keeps_the_file_s_mode(tmp_path: Path, mode: int) -> None:
    db = tmp_path / "supple.json"
    write_history(db, daily_history(DAY, 1))
    db.chmod(mode)
    store = Store.open(db)
    store.save_session(session_document(datetime(2026, 11, 27, 7, tzinfo=ZONE)))
    store.back_up_daily(DAY)
    assert stat.S_IMODE(db.stat().st_mode) == mode
    assert len(Store.open(db).sessions()) == 2


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        Store.open(tmp_path / "new.json").prepare()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_a_file_made_read_only_is_refused_in_one_line_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "supple.json"
    write_history(db, daily_history(DAY, 1))
    db.chmod(0o444)
    before = db.read_bytes()
    store = Store.open(db)  # reading it is fine
    with pytest.raises(StoreError) as caught:
        store.save_session(session_document(datetime(2026, 11, 27, 7, tzinfo=ZONE)))
    message = str(caught.value)
    assert "read-only" in message and "\n" not in message
    assert "supple restore" not in message and "chmod u+w" in message
    assert db.read_bytes() == before and stat.S_IMODE(db.stat().st_mode) == 0o444


@pytest.mark.parametrize("mode", [0o444, 0o644])
def test_a_person_who_may_not_write_the_file_is_refused(
    shared_folder: Path, tmp_path: Path, mode: int
) -> None:
    """In a folder anyone may write, a file the person may not write (read-only, or another
    user's) is still not replaced behind its owner's back. Runs as `nobody` under root."""
    db = shared_folder / "supple.json"
    write_history(db, daily_history(DAY, 1))
    db.chmod(mode)
    export = shared_folder / "export.json"
    write_history(tmp_path / "other.json", daily_history(DAY - timedelta(days=5), 2))
    assert (
        run_supple("--db", str(tmp_path / "other.json"), "export", "-o", str(export)).returncode
        == 0
    )
    export.chmod(0o644)
    before = db.read_bytes()

    result = run_supple("--db", str(db), "import", str(export), person=True)

    one_line_refusal(result, str(db))
    assert ("read-only" if mode == 0o444 else "you may not write it") in result.stderr
    assert db.read_bytes() == before and stat.S_IMODE(db.stat().st_mode) == mode


# -- 10. files that are not files, folders that cannot be entered, numbers too long --------


def test_a_fifo_as_the_data_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "supple.json"
    os.mkfifo(fifo)
    for argv in (["stats"], ["export"], ["nudge"], []):
        if argv == ["nudge"]:
            continue  # see tests/test_nudge.py: it gives up quietly, exit 0
        # The app itself (no command) must refuse it before any screen opens.
        result = run_supple("--db", str(fifo), *argv, timeout=15)
        one_line_refusal(result, "named pipe")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("argv", [["stats"], ["export"], ["history"], []], ids=repr)
def test_a_fifo_gets_no_restore_advice_only_what_it_is(tmp_path: Path, argv: list[str]) -> None:
    """A pipe is not a damaged file: there is nothing to restore, only a file to name."""
    fifo = tmp_path / "supple.json"
    os.mkfifo(fifo)
    result = run_supple("--db", str(fifo), *argv, timeout=15)
    one_line_refusal(result, f"{fifo}: it is a named pipe (FIFO), not a regular file.")
    said = result.stderr.split(str(fifo), 1)[1]  # the path itself may hold any word
    assert "restore" not in said and "backup" not in said
    assert "Nothing was read or written" in said and "--db" in said


def test_a_file_that_became_a_fifo_after_the_check_gets_the_same_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before the open and the one after it (a file swapped for a pipe between
    the two) say the same thing."""
    fifo = tmp_path / "supple.json"
    os.mkfifo(fifo)
    regular = os.stat(__file__)  # what the check before the open saw
    monkeypatch.setattr("tui.storage.atomic.file_status", lambda _path: regular)
    with pytest.raises(StoreError) as caught:
        read_json_file(fifo)
    assert caught.value.problem == "it is a named pipe (FIFO), not a regular file"
    assert caught.value.advice == NOT_A_FILE


def test_a_symlink_loop_as_the_data_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    for argv in (["stats"], ["export"], ["nudge"], []):
        result = run_supple("--db", str(tmp_path / "a.json"), *argv, timeout=15)
        if argv == ["nudge"]:
            # A nudge never breaks a shell's start: one line, exit 0.
            assert result.returncode == 0 and len(result.stderr.splitlines()) == 1
            continue
        one_line_refusal(result, "loop")


def test_a_folder_without_search_permission_is_refused_in_one_line(shared_folder: Path) -> None:
    """Runs as `nobody` under root, for whom folder permissions do not apply."""
    folder = shared_folder / "locked"
    folder.mkdir()
    db = folder / "supple.json"
    write_history(db, daily_history(DAY, 1))
    folder.chmod(0o666)  # readable, writable, but no search (x): nothing inside can be reached
    for argv in (["stats"], ["export"], []):
        result = run_supple("--db", str(db), *argv, person=True, timeout=15)
        one_line_refusal(result, str(db))


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "supple-export", "version": 1, "sessions": [], "n": ' + b"9" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"format": "supple-export", "version": 1, "sessions": [], "x": 1, "x": 2}',
        b'{"format": "supple-export", "version": 1, "sessions": [], "x": "\\udc00"}',
    ],
    ids=["5000 digits", "nested 100000 deep", "a key twice", "a lone surrogate"],
)
def test_an_import_file_that_cannot_be_read_safely_changes_nothing(
    tmp_path: Path, content: bytes
) -> None:
    db = tmp_path / "supple.json"
    write_history(db, daily_history(DAY, 1))
    before = db.read_bytes()
    source = tmp_path / "export.json"
    source.write_bytes(content)
    result = run_supple("--db", str(db), "import", str(source))
    one_line_refusal(result, str(source), "nothing was imported")
    assert db.read_bytes() == before


def test_output_closed_early_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """`supple stats | head -0`: the reader goes away before Supple writes."""
    db = tmp_path / "supple.json"
    write_history(db, daily_history(DAY, 30))
    for argv in (["stats"], ["export"], ["restore"]):
        reader, writer = os.pipe()
        os.close(reader)  # like `head -0`, which exits at once
        try:
            child = subprocess.run(
                [sys.executable, "-m", "tui", "--db", str(db), *argv],
                cwd=ROOT,
                stdout=writer,
                stderr=subprocess.PIPE,
                text=True,
                timeout=20,
            )
        finally:
            os.close(writer)
        assert child.returncode == 2, child.stderr
        assert child.stderr.count("\n") == 1 and "Traceback" not in child.stderr
        assert "Exception ignored" not in child.stderr


def test_json_export_import_still_reads_fine_on_big_numbers(tmp_path: Path) -> None:
    """The limits refuse only what cannot be read: a long float and deep-enough nesting pass."""
    db = tmp_path / "supple.json"
    write_history(db, daily_history(DAY, 1), settings={"weekly_goal": 5})
    raw = json.loads(db.read_text())
    raw["settings"]["1"]["note"] = {"a": [[[[1.5]]]]}
    db.write_text(json.dumps(raw))
    assert Store.open(db).settings()["note"] == {"a": [[[[1.5]]]]}


# -- 12. advice that fits: a lock held too long, a full disk -------------------------------


def test_a_lock_held_too_long_or_a_full_disk_does_not_send_the_person_to_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from tui.storage import atomic, locks

    db = tmp_path / "supple.json"
    write_history(db, daily_history(DAY, 1))
    store = Store.open(db)
    document = session_document(datetime(2026, 11, 27, 7, tzinfo=ZONE))
    monkeypatch.setattr(locks, "LOCK_TIMEOUT_S", 0.0)
    with locks.change_lock(db), pytest.raises(StoreError) as held:
        Store(db).save_session(document)

    def disk_full(step: str) -> None:
        if step == "temp-written":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "step_hook", disk_full)
    with pytest.raises(StoreError) as full:
        store.save_session(document)
    for caught, words in ((held, "lock"), (full, "No space left")):
        message = str(caught.value)
        assert words in message and "supple restore" not in message and "\n" not in message
        assert "left as it was" in message
    assert len(Store.open(db).sessions()) == 1
