"""Shared helpers for the benchmarks: tmux sessions, CPU and memory from /proc, medians."""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The benchmarks use the project's own code and test factories straight from the tree.
sys.path.insert(0, str(ROOT))
BENCH = ROOT / "bench"
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass
class Terminal:
    """A program running in a detached tmux session of a given size."""

    name: str

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def pid(self) -> int:
        """The pid of the program (not the shell): tmux runs it directly via exec."""
        out = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(out.split()[0])

    def wait_for(self, text: str, timeout: float = 20.0, poll: float = 0.005) -> float:
        """Seconds until `text` shows on the screen (polled every 5 ms)."""
        began = time.perf_counter()
        while time.perf_counter() - began < timeout:
            if text in self.screen():
                return time.perf_counter() - began
            time.sleep(poll)
        raise TimeoutError(f"{text!r} never appeared on {self.name}:\n{self.screen()}")


@contextmanager
def terminal(
    command: list[str], env: dict[str, str] | None = None, size: tuple[int, int] = (100, 30)
) -> Iterator[Terminal]:
    name = f"bench-{uuid.uuid4().hex[:8]}"
    environment = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    # As an installed Supple runs: its modules compiled once, not at every start (a shell
    # with PYTHONDONTWRITEBYTECODE set would make every start compile Supple afresh).
    shell = (
        f"exec env -u PYTHONDONTWRITEBYTECODE TERM=xterm-256color {environment} "
        f"{shlex.join(command)}"
    )
    start = ["tmux", "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1])]
    for attempt in range(3):
        # A tmux server whose last session just ended may still be exiting ("server exited
        # unexpectedly"): the next try starts a fresh one.
        if subprocess.run([*start, shell], capture_output=True).returncode == 0:
            break
        if attempt == 2:
            subprocess.run([*start, shell], check=True)
        time.sleep(0.2)
    try:
        yield Terminal(name)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def cpu_percent(pid: int, seconds: float) -> float:
    """Share of one core used over the next `seconds`."""
    before, began = cpu_seconds(pid), time.perf_counter()
    time.sleep(seconds)
    return 100 * (cpu_seconds(pid) - before) / (time.perf_counter() - began)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def busy_cores(count: int) -> Iterator[None]:
    """Load the machine: `count` processes spinning until the block ends."""
    spinners = [subprocess.Popen([PYTHON, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def whole_run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MiB) of one run of `command`, launch to exit, from the kernel's own
    accounting of the finished child (as `/usr/bin/time -v` reports it)."""
    began = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, _, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
