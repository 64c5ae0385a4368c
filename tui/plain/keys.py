"""Keys for the plain mode: one at a time from a terminal in cbreak mode, or lines from a pipe."""

from __future__ import annotations

import contextlib
import os
import select
import signal
from collections import deque
from collections.abc import Iterator
from types import FrameType
from typing import Any, Protocol

# Key names, as the app's bindings name them.
ENTER = "enter"
SPACE = "space"
LEFT = "left"
RIGHT = "right"
ESCAPE = "escape"
BACKSPACE = "backspace"
# Input was closed (a pipe at its end, a terminal gone): no key will come again.
END = "end"

_SEQUENCES = {
    b"\x1b[C": RIGHT,
    b"\x1bOC": RIGHT,
    b"\x1b[D": LEFT,
    b"\x1bOD": LEFT,
}
# Words a piped line may use for a key that is not a character of its own.
_WORDS = {
    "": ENTER,
    "enter": ENTER,
    "space": SPACE,
    "left": LEFT,
    "right": RIGHT,
    "esc": ESCAPE,
    "escape": ESCAPE,
}


class Keys(Protocol):
    """Where the plain mode's keys come from (a terminal, a pipe, a test)."""

    def wait(self, timeout: float | None) -> str | None:
        """The next key, waiting at most `timeout` real seconds (None: until one comes);
        None when the time ran out first, END once input is closed."""
        ...

    def ask(self) -> str | None:
        """A line typed as an answer (a number), without its line break; None at the end."""
        ...


def parse_keys(data: bytes) -> list[str]:
    """The keys in what one read of a terminal gave: several typed fast come together."""
    keys: list[str] = []
    rest = data
    while rest:
        for sequence, name in _SEQUENCES.items():
            if rest.startswith(sequence):
                keys.append(name)
                rest = rest[len(sequence) :]
                break
        else:
            if rest.startswith(b"\x1b[") or rest.startswith(b"\x1bO"):
                # Another key's sequence (an arrow up, a function key): not one of ours.
                end = next((i for i in range(2, len(rest)) if 0x40 <= rest[i] <= 0x7E), None)
                rest = rest[end + 1 :] if end is not None else b""
                continue
            byte, rest = rest[:1], rest[1:]
            if byte in (b"\r", b"\n"):
                keys.append(ENTER)
            elif byte == b" ":
                keys.append(SPACE)
            elif byte == b"\x1b":
                keys.append(ESCAPE)
            elif byte in (b"\x7f", b"\x08"):
                keys.append(BACKSPACE)
            elif byte[0] >= 0x80:
                # A character typed in UTF-8: its other bytes follow it.
                size = 2 if byte[0] < 0xE0 else 3 if byte[0] < 0xF0 else 4
                whole, rest = byte + rest[: size - 1], rest[size - 1 :]
                keys.append(whole.decode("utf-8", errors="replace"))
            elif byte[0] >= 0x20:
                keys.append(byte.decode("ascii"))
    return keys


def line_key(line: str) -> str:
    """A piped line as a key: 'q' is q, an empty line is enter, 'space' or ' ' is space."""
    if line.strip("\r") == " ":
        return SPACE
    word = line.strip()
    return _WORDS.get(word.lower(), word[:1])


class _Reader:
    """Bytes from a file descriptor, waited for with `select`, never with a busy loop."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.closed = False

    def read(self, timeout: float | None) -> bytes | None:
        """What is there within `timeout`: None when nothing came, b"" at the end."""
        if self.closed:
            if timeout is not None:
                select.select([], [], [], timeout)
            return None if timeout is not None else b""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        try:
            data = os.read(self.fd, 1024)
        except OSError:
            data = b""
        if not data:
            self.closed = True
        return data


class TerminalKeys:
    """Keys from a terminal in cbreak mode: each key as it is pressed, nothing echoed. An
    answer is read as a line with the terminal's own echo and editing, then cbreak again."""

    def __init__(self, fd: int) -> None:
        self._reader = _Reader(fd)
        self._pending: deque[str] = deque()
        self._saved: list[Any] | None = None

    def __enter__(self) -> TerminalKeys:
        import termios
        import tty

        self._saved = termios.tcgetattr(self._reader.fd)
        tty.setcbreak(self._reader.fd, termios.TCSANOW)
        return self

    def __exit__(self, *_: object) -> None:
        self.restore()

    def restore(self) -> None:
        """Give the terminal back as it was (every way out of the plain mode comes here)."""
        import termios

        if self._saved is not None:
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self._reader.fd, termios.TCSADRAIN, self._saved)

    def wait(self, timeout: float | None) -> str | None:
        if self._pending:
            return self._pending.popleft()
        data = self._reader.read(timeout)
        if data is None:
            return None
        if not data:
            return END
        self._pending.extend(parse_keys(data))
        return self._pending.popleft() if self._pending else None

    def ask(self) -> str | None:
        import termios
        import tty

        self._pending.clear()
        self.restore()
        try:
            # Canonical mode: the read returns once enter is pressed, with the line typed.
            data = self._reader.read(None)
        finally:
            if self._saved is not None:
                with contextlib.suppress(termios.error, OSError):
                    tty.setcbreak(self._reader.fd, termios.TCSANOW)
        if not data:
            return None
        return data.decode("utf-8", errors="replace").rstrip("\r\n")


class LineKeys:
    """Keys from a pipe or a file: one line per key (see `line_key`), so the plain mode can be
    driven by a script. After the last line, the flow plays on without keys."""

    def __init__(self, fd: int) -> None:
        self._reader = _Reader(fd)
        self._buffer = b""

    def _line(self) -> str | None:
        if b"\n" not in self._buffer:
            return None
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8", errors="replace")

    def _fill(self, timeout: float | None) -> bool | None:
        """Read once: True when something came, None when the time ran out, False at the end."""
        data = self._reader.read(timeout)
        if data is None:
            return None
        if not data:
            if self._buffer:
                self._buffer += b"\n"  # a last line without its line break still counts
                return True
            return False
        self._buffer += data
        return True

    def wait(self, timeout: float | None) -> str | None:
        while (line := self._line()) is None:
            filled = self._fill(timeout)
            if filled is None:
                return None
            if filled is False:
                return END
        return line_key(line)

    def ask(self) -> str | None:
        while (line := self._line()) is None:
            if not self._fill(None):
                return None
        return line.rstrip("\r")


class Stopped(Exception):
    """SIGTERM arrived: the plain mode ends as the app does when it is closed."""


@contextlib.contextmanager
def stopped_by_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises `Stopped`, so the run in progress is kept and the terminal
    given back on the way out, as on any other exit."""

    def stop(_signal: int, _frame: FrameType | None) -> None:
        raise Stopped

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: the default is left as it is
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def keys_of(fd: int) -> Iterator[Keys]:
    """The keys of input `fd`: a terminal's one at a time (given back as it was on every way
    out), else one per line."""
    if os.isatty(fd):
        with TerminalKeys(fd) as keys:
            yield keys
    else:
        yield LineKeys(fd)
