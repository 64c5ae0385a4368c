"""A private D-Bus session bus with the stand-in notification service, for the reminder tests."""

from __future__ import annotations

import json
import selectors
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

STAND_IN = Path(__file__).with_name("stand_in.py")
# How long a fresh bus and its service may take to be ready; they take a fraction of it.
READY_S = 20.0


@dataclass
class Bus:
    """A running private bus: its address, and the Notify calls the stand-in has logged."""

    address: str
    log: Path

    def notifications(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]


def start_bus(tmp_path: Path, *, answering: bool) -> Iterator[Bus]:
    log = tmp_path / "notify-log.jsonl"
    argv = ["dbus-run-session", "--", sys.executable, str(STAND_IN), str(log)]
    if not answering:
        argv.append("--no-name")
    process = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # dbus-daemon's note on fd limits, not ours
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    try:
        # The stand-in prints the bus's address once it owns its name: wait for that line,
        # with a deadline, without sleeping.
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            if not selector.select(READY_S):
                raise AssertionError("the private bus did not start")
        address = process.stdout.readline().strip()
        assert address.startswith("unix:"), f"no bus address from the stand-in: {address!r}"
        yield Bus(address, log)
    finally:
        process.stdin.close()  # the stand-in ends, and dbus-run-session with it
        try:
            process.wait(timeout=READY_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bus]:
    """A bus where org.freedesktop.Notifications answers, set as this session's bus."""
    for running in start_bus(tmp_path, answering=True):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", running.address)
        yield running


@pytest.fixture
def silent_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bus]:
    """A bus where no notification service answers."""
    for running in start_bus(tmp_path, answering=False):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", running.address)
        yield running
