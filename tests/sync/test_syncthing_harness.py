"""The two-Syncthing harness does what the multi-machine tests rely on, with real instances."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.sync.syncthing import (
    CONFLICT_COPY,
    StartSyncthing,
    SyncthingError,
    SyncthingPair,
)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # the process ended while the list was read
        return b""


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file Syncthing would sync (its marker folder left out), by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".stfolder" not in path.parts
    }


def test_a_file_written_on_either_side_arrives_byte_identical(
    start_syncthing: StartSyncthing, tmp_path: Path
) -> None:
    pair = start_syncthing(tmp_path / "A", tmp_path / "B")
    # Not text: every byte value, and enough of them to take more than one block.
    payload = os.urandom(300_000) + bytes(range(256))
    year = tmp_path / "A" / "supple-sessions" / "laptop" / "2026.json"
    year.parent.mkdir(parents=True)
    year.write_bytes(payload)
    pair.wait_in_sync()
    assert (tmp_path / "B" / "supple-sessions" / "laptop" / "2026.json").read_bytes() == payload

    (tmp_path / "B" / "supple.json").write_bytes(b'{"from": "B", "\xc3\xa9": 1}')
    pair.wait_in_sync()
    assert (tmp_path / "A" / "supple.json").read_bytes() == b'{"from": "B", "\xc3\xa9": 1}'
    assert files_in(tmp_path / "A") == files_in(tmp_path / "B")


def test_a_file_deleted_on_one_side_disappears_on_the_other(
    start_syncthing: StartSyncthing, tmp_path: Path
) -> None:
    pair = start_syncthing(tmp_path / "A", tmp_path / "B")
    for name in ("kept.json", "gone.json"):
        (tmp_path / "B" / name).write_text(name)
    pair.wait_in_sync()
    assert sorted(files_in(tmp_path / "A")) == ["gone.json", "kept.json"]

    (tmp_path / "B" / "gone.json").unlink()
    pair.wait_in_sync()
    assert files_in(tmp_path / "A") == files_in(tmp_path / "B") == {"kept.json": b"kept.json"}


def test_files_the_ignores_name_stay_on_their_own_side(
    start_syncthing: StartSyncthing, tmp_path: Path
) -> None:
    pair = start_syncthing(tmp_path / "A", tmp_path / "B")
    pair.set_ignores(["*.lock", "(?d).DS_Store"])
    (tmp_path / "A" / "supple.json.lock").write_text("A's own")
    (tmp_path / "A" / "supple.json").write_text("shared")
    pair.wait_in_sync()
    # Each side keeps its own .stignore (Syncthing never syncs it), written by set_ignores.
    assert sorted(files_in(tmp_path / "B")) == [".stignore", "supple.json"]
    assert (tmp_path / "B" / "supple.json").read_bytes() == b"shared"


def test_one_file_changed_on_both_sides_while_apart_leaves_a_conflict_copy_on_both(
    start_syncthing: StartSyncthing, tmp_path: Path
) -> None:
    pair = start_syncthing(tmp_path / "A", tmp_path / "B")
    (tmp_path / "A" / "summary.json").write_text("both had this")
    pair.wait_in_sync()

    before = datetime.now()
    with pair.link_paused():
        (tmp_path / "A" / "summary.json").write_text("A changed it first")
        (tmp_path / "B" / "summary.json").write_text("B changed it later")
        # The older change loses; the modification times say which one that is.
        an_hour_ago = time.time() - 3600
        os.utime(tmp_path / "A" / "summary.json", (an_hour_ago, an_hour_ago))
        pair.rescan()
    pair.wait_in_sync()

    for side in (tmp_path / "A", tmp_path / "B"):
        files = files_in(side)
        copies = [name for name in files if name != "summary.json"]
        assert len(copies) == 1, files
        match = CONFLICT_COPY.match(copies[0])
        assert match, copies[0]
        # Syncthing 1.19 names the copy after the device whose version won (B here), not the
        # one whose version the copy holds: who wrote the copy is not in its name.
        assert (match["stem"], match["ext"]) == ("summary", ".json")
        assert match["device"] == pair.b.short_id
        # Syncthing names the copy with the local time at which it made it.
        made = datetime.strptime(match["date"] + match["time"], "%Y%m%d%H%M%S")
        assert before - timedelta(seconds=2) <= made <= datetime.now() + timedelta(seconds=2)
        assert files["summary.json"] == b"B changed it later"
        assert files[copies[0]] == b"A changed it first"
    assert files_in(tmp_path / "A") == files_in(tmp_path / "B")


def test_the_pair_is_stopped_when_the_block_using_it_fails(tmp_path: Path) -> None:
    pair = SyncthingPair(tmp_path / "A", tmp_path / "B", tmp_path / "homes")
    with pytest.raises(RuntimeError), pair:
        assert pair.connected()
        raise RuntimeError("a test that fails")
    assert not pair.a.running() and not pair.b.running()
    # Nor is Syncthing's inner process (the monitor's child) left behind.
    assert not [
        cmdline
        for cmdline in Path("/proc").glob("[0-9]*/cmdline")
        if str(pair.workdir).encode() in _read(cmdline)
    ]
    with pytest.raises((OSError, SyncthingError)):
        pair.a.api("GET", "/rest/system/ping", timeout=2)


def test_the_conflict_copy_pattern_keeps_the_extension_last() -> None:
    assert CONFLICT_COPY.match("2026.sync-conflict-20261206-212054-75YE3JB.json")
    assert CONFLICT_COPY.match("notes.sync-conflict-20261206-212054-75YE3JB")
    assert not CONFLICT_COPY.match("2026.json")
    assert not CONFLICT_COPY.match("2026.json.sync-conflict-2026126-212054-75YE3JB")
