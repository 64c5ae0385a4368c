"""A plain mode for tests: a fake clock moved by the key waits, keys and answers scripted."""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterable
from datetime import datetime

from tests.conftest import FIXED_NOW
from tui.domain.clock import FakeClock
from tui.domain.cues import Cue
from tui.plain.keys import END
from tui.plain.lines import Lines
from tui.plain.loop import PlainLoop
from tui.storage.store import Store


class FakeKeys:
    """Keys at given real seconds after the start. A wait with nothing due by its timeout
    moves the clock on by the timeout (as `select` would wait), and answers None; a wait
    without a timeout takes the next key at once, or END when there is none."""

    def __init__(
        self,
        clock: FakeClock,
        script: Iterable[tuple[float, str]] = (),
        answers: Iterable[str] = (),
        interrupt_at: float | None = None,
    ) -> None:
        self.clock = clock
        self.start = clock.now()
        self.script = deque(script)
        self.answers = deque(answers)
        self.interrupt_at = interrupt_at
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None) -> str | None:
        self.waits.append(timeout)
        now = self.clock.now()
        key_first = bool(self.script) and (
            self.interrupt_at is None or self.script[0][0] <= self.interrupt_at
        )
        if not key_first and self.interrupt_at is not None:
            due = self.start + self.interrupt_at
            if timeout is None or due <= now + timeout:
                self.clock.advance(max(0.0, due - now))
                raise KeyboardInterrupt
        if self.script:
            at, key = self.script[0]
            due = self.start + at
            if timeout is None or due <= now + timeout:
                self.script.popleft()
                self.clock.advance(max(0.0, due - now))
                return key
        if timeout is None:
            return END
        self.clock.advance(timeout)
        return None

    def ask(self) -> str | None:
        return self.answers.popleft() if self.answers else None


class SilentCues:
    """A cue output that plays nothing and remembers what it was asked to play."""

    def __init__(self, mode: str = "off") -> None:
        self.mode = mode
        self.muted = False
        self.played: list[Cue] = []
        self.hushed = 0

    def play(self, cue: Cue, *, always: bool = False) -> None:
        self.played.append(cue)

    def hush(self) -> None:
        self.hushed += 1


class Plain:
    """A plain mode on `store`, its output kept as text."""

    def __init__(
        self,
        store: Store,
        *,
        speed: float = 20.0,
        script: Iterable[tuple[float, str]] = (),
        answers: Iterable[str] = (),
        cue_mode: str = "off",
        interrupt_at: float | None = None,
        now: datetime = FIXED_NOW,
    ) -> None:
        self.clock = FakeClock()
        self.keys = FakeKeys(self.clock, script, answers, interrupt_at)
        self.out = io.StringIO()
        self.cues = SilentCues(cue_mode)
        self.loop = PlainLoop(
            store,
            speed=speed,
            clock=self.clock,
            now=lambda: now,
            cues=self.cues,
            lines=Lines(self.out),
            keys=self.keys,
        )

    def run(self, mode: str = "routine") -> list[str]:
        self.loop.run(mode)
        return self.lines

    @property
    def lines(self) -> list[str]:
        return self.out.getvalue().splitlines()
