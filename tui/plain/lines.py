"""The plain mode's output: whole lines of plain text, each written once and never redrawn."""

from __future__ import annotations

import threading
from typing import TextIO

from tui.domain.routine import format_duration
from tui.domain.text_safety import shown


class Lines:
    """Writes lines to `stream`: no colour, no cursor moves, no clearing, no bell; a control
    character in a name or a note is spelled out (`\\x1b`), so nothing written can drive the
    terminal. A screen reader or a braille display reads each line as it comes."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        # Cue programs tell of a problem from their own threads: one line at a time.
        self._lock = threading.Lock()

    def say(self, *lines: str) -> None:
        """Write each of `lines` (which may hold line breaks) as lines of its own."""
        text = "".join(shown(line, newlines=True) + "\n" for line in lines)
        with self._lock:
            try:
                try:
                    self._stream.write(text)
                except UnicodeEncodeError:
                    # An output that cannot write "✓" or "→" (an ASCII locale) gets "?".
                    encoding = getattr(self._stream, "encoding", None) or "ascii"
                    self._stream.write(text.encode(encoding, "replace").decode(encoding))
                self._stream.flush()
            except BrokenPipeError:
                pass  # whoever read the output has gone; the run itself goes on and is kept

    def at(self, seconds: float, line: str) -> None:
        """A moment of the flow: its time in the flow, then what happens ('0:05 Hold…')."""
        self.say(f"{format_duration(seconds)} {line}")
