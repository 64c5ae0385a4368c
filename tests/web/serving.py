"""Start `supple serve` as a person does, find its URL, stop it, and see what it left behind."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import select
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 30.0
STARTED: list[Served] = []
URL = re.compile(r"Supple is served at (http://\S+)")


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    def app_pids(self) -> set[int]:
        """The app processes the server runs now (one per open tab)."""
        return children_of(self.process.pid)

    def all_pids(self) -> set[int]:
        """Every process under the server now: the apps and the helpers they started."""
        found: set[int] = set()
        todo = [self.process.pid]
        while todo:
            new = children_of(todo.pop()) - found
            found |= new
            todo.extend(new)
        return found

    def stop(self, sig: int = signal.SIGINT) -> int:
        """Ctrl+C (SIGINT) by default; the server's exit code."""
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()  # a failed test leaves no server behind either
            self.process.wait()
            raise


def serve(db: Path, *options: str, before: tuple[str, ...] = (), own_group: bool = False) -> Served:
    """`supple [before] --db DB serve --port 0 [options]`, once it says where it listens.
    `own_group`: in a process group of its own, as a shell runs it in a terminal."""
    command = [sys.executable, "-m", "tui", *before, "--db", str(db), "serve", "--port", "0"]
    process = subprocess.Popen(
        [*command, *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=own_group,
    )
    lines: list[str] = []
    found: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if match := URL.search(line):
                found.put(match.group(1))
        found.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        url = found.get(timeout=START_TIMEOUT)
    except queue.Empty:
        url = None
    if url is None:
        process.kill()
        process.wait()
        raise AssertionError("supple serve did not start:\n" + "".join(lines))
    served = Served(process, url, lines)
    STARTED.append(served)
    return served


def kill_leftovers() -> None:
    """After a module's tests: a server one left running (it failed before stopping it) is
    killed, with every process under it, so no failure leaves processes behind."""
    while STARTED:
        served = STARTED.pop()
        if served.process.poll() is None:
            for pid in served.all_pids():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            served.process.kill()
            served.process.wait()


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def ends_within(pid: int, seconds: float) -> bool:
    """True once the process has ended (woken by the kernel, no polling), False if it still
    runs after `seconds`."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([handle], [], [], seconds)
    finally:
        os.close(handle)
    return bool(readable) or not is_alive(pid)


def is_alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped has ended: it runs nothing)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
