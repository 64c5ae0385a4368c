"""`supple --plain` as a command with its input piped: a run from a script, and SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.plain.expected import expected_moments
from tui.domain.routine import default_routine
from tui.domain.settings import STIFFNESS, STIFFNESS_NEVER
from tui.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def plain(db: Path, speed: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tui",
        "--plain",
        "--speed",
        speed,
        "--cues",
        "off",
        "--db",
        str(db),
    ]


def test_a_piped_enter_plays_a_whole_flow_then_the_end_of_input_quits(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "supple.json")
    store.save_settings({STIFFNESS: STIFFNESS_NEVER})
    done = subprocess.run(
        plain(store.path, "100"),
        input="\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    moments = [line for line in lines if line[:1].isdigit() and ":" in line.split(" ")[0]]
    assert moments == expected_moments(default_routine())
    assert "\x1b" not in done.stdout
    [session] = Store.open(store.path).sessions()
    assert session["completed"] is True
    assert session["speed"] == 100


def test_sigterm_during_a_flow_keeps_what_was_done(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "supple.json")
    store.save_settings({STIFFNESS: STIFFNESS_NEVER})
    process = subprocess.Popen(
        plain(store.path, "1"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("\n")
        process.stdin.flush()
        for line in process.stdout:
            if line.startswith("0:00 First:"):
                break
        os.kill(process.pid, signal.SIGTERM)
        rest, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 143, errors
    assert rest.splitlines()[-1].endswith(" Flow left.")
    [session] = Store.open(store.path).sessions()
    assert session["completed"] is False
    assert session["ended_at"] is not None
