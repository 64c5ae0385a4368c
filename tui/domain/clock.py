"""Clocks the player reads (monotonic in the app, scaled for practice runs, fake in tests),
and the local wall time sessions record."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the time in seconds on a clock that never goes back."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock: `time.monotonic()`, immune to wall-clock changes."""

    def now(self) -> float:
        return time.monotonic()


class ScaledClock:
    """Runs another clock `factor` times faster, so `--speed 20` plays a flow in seconds."""

    def __init__(self, base: Clock, factor: float) -> None:
        if factor <= 0:
            raise ValueError("speed factor must be positive")
        self._base = base
        self._factor = factor
        self._origin = base.now()

    def now(self) -> float:
        return (self._base.now() - self._origin) * self._factor


class FakeClock:
    """A clock that moves only when told to: lets tests play a whole flow without sleeping."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        self._now += seconds


def local_now() -> datetime:
    """The wall-clock time with its UTC offset, as sessions record it."""
    return datetime.now().astimezone()
