"""`supple --plain` for real, in a terminal (tmux): a whole flow at --speed 20 prints each cue
line once, in order, in plain text only, and redraws nothing during a hold (issue 25)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.plain.expected import expected_moments
from tui.domain.routine import CLOSING_LINE, default_routine

ROOT = Path(__file__).resolve().parents[2]
HOME_KEYS = "Keys: enter starts the flow, h shows the history, m mutes, r repeats, q quits."
STIFFNESS_QUESTION = "how stiff is your back, 0 (not at all) to 10 (worst)? Enter alone skips."
# How long any one step may take on a busy machine (the whole flow is about 16 s).
PATIENCE_S = 90.0
POLL_S = 0.2


class Terminal:
    """A tmux server of the test's own, with one 100×30 window running one command."""

    def __init__(self, socket: str) -> None:
        tmux = shutil.which("tmux")
        assert tmux is not None, "tmux is needed for this test (tests/run installs it)"
        self._base = [tmux, "-L", socket, "-f", os.devnull]
        self._env = {k: v for k, v in os.environ.items() if k != "TMUX"}

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            [*self._base, *args],
            env=self._env,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return done.stdout

    def screen(self) -> list[str]:
        """Every line the window has shown, its history included, wrapped lines joined."""
        return self("capture-pane", "-p", "-J", "-S", "-", "-t", "plain").rstrip("\n").split("\n")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(f"supple-plain-{os.getpid()}-{tmp_path.name}")
    try:
        yield term
    finally:
        subprocess.run([*term._base, "kill-server"], capture_output=True, timeout=30)


def wait_until(what: str, condition: Callable[[], bool]) -> None:
    """Poll `condition` until it holds: the program runs in real time in another process."""
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(POLL_S)


def test_a_whole_flow_at_speed_20_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    raw_file = tmp_path / "raw"
    raw_file.touch()
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    command = shlex.join(
        [
            "env",
            f"SUPPLE_STATE={os.environ['SUPPLE_STATE']}",
            f"SUPPLE_CACHE={os.environ['SUPPLE_CACHE']}",
            "LANG=C.UTF-8",
            sys.executable,
            "-m",
            "tui",
            "--plain",
            "--speed",
            "20",
            "--cues",
            "off",
            "--db",
            str(tmp_path / "supple.json"),
        ]
    )
    # The command waits at the gate until the window's output is being captured, so the
    # capture holds every byte the program writes, from its first.
    # Its exit status goes to a file: tmux 3.3 sometimes marks the pane dead without ever
    # reporting a status for it.
    exit_file = tmp_path / "exit"
    shell = (
        f"cd {shlex.quote(str(ROOT))} && read go < {shlex.quote(str(gate))} && {command}; "
        f"echo $? > {shlex.quote(str(exit_file))}"
    )
    terminal("new-session", "-d", "-s", "plain", "-x", "100", "-y", "30", shell)
    terminal("set-option", "-t", "plain", "remain-on-exit", "on")
    terminal("pipe-pane", "-t", "plain", "-o", f"cat >> {shlex.quote(str(raw_file))}")
    open_gate(gate)

    def output() -> str:
        return raw_file.read_bytes().decode("utf-8", errors="replace")

    def press(key: str) -> None:
        terminal("send-keys", "-t", "plain", key)

    wait_until("home", lambda: HOME_KEYS in output())
    press("Enter")
    wait_until("the question before", lambda: STIFFNESS_QUESTION in output())
    press("Enter")  # skipped
    wait_until("the end of the flow", lambda: output().count(STIFFNESS_QUESTION) == 2)
    press("Enter")
    wait_until("home again", lambda: output().count(HOME_KEYS) == 2)
    screen = terminal.screen()
    press("q")
    wait_until("the end", lambda: exit_file.exists() and exit_file.read_text().endswith("\n"))
    status = exit_file.read_text().strip()
    assert status == "0", f"exit {status}: {output()[-600:]}"

    raw = raw_file.read_bytes()
    # Plain text only: no escape sequence, no bell, no backspace, nothing but line ends.
    controls = {byte for byte in raw if byte < 0x20 or byte == 0x7F} - {0x0D, 0x0A}
    assert not controls, f"control bytes written: {sorted(controls)}"
    # Nothing redrawn: a carriage return only ever ends a line (the terminal's \r\n).
    assert raw.count(b"\r") == raw.count(b"\r\n")
    lines = raw.decode("utf-8").replace("\r\n", "\n").split("\n")

    expected = expected_moments(default_routine())
    moments = [line for line in lines if line[:1].isdigit() and ":" in line.split(" ")[0]]
    assert moments == expected
    for line in expected:
        assert lines.count(line) == 1, line
    # Between the first moment and the summary, the moments alone: nothing during a hold.
    first, last = lines.index(expected[0]), lines.index("Flow complete.")
    assert lines[first:last] == expected
    assert CLOSING_LINE in lines
    # The window shows exactly the lines written, in the order written: no line was
    # rewritten or moved (an answer typed is echoed by the terminal as a line of its own).
    shown = [line.rstrip() for line in screen]
    assert shown == [line.rstrip() for line in lines[: len(shown)]]


def open_gate(gate: Path) -> None:
    """Let the command start, once its shell is waiting at the gate."""
    deadline = time.monotonic() + PATIENCE_S
    while True:
        try:
            fd = os.open(gate, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # ENXIO: the shell has not opened it yet
            if time.monotonic() > deadline:
                raise
            time.sleep(POLL_S)
            continue
        os.write(fd, b"go\n")
        os.close(fd)
        return
