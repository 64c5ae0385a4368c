"""Screen-reader mode (`supple --plain`): home, the flow and the history as plain lines.

No Textual here, so it works wherever a full-screen app does not: no animation, no colour, no
redraws. Each moment of the flow is printed once, with its time, in the words the voice says,
so a screen reader or a braille display reads it; keys work as in the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tui.storage.store import Store


@contextmanager
def _input_fd() -> Iterator[int]:
    """Standard input's descriptor; an empty input where there is none (a closed stdin)."""
    try:
        yield sys.stdin.fileno()
        return
    except (AttributeError, ValueError, OSError):
        pass
    fd = os.open(os.devnull, os.O_RDONLY)
    try:
        yield fd
    finally:
        os.close(fd)


def run_plain(store: Store, *, speed: float, cues: str | None, mode: str) -> int:
    """Run the plain mode on an open, prepared store; the exit code. A session whose save
    failed is kept as the app keeps it (tui/cli.py's `keep_unsaved`)."""
    from tui.cli import keep_unsaved
    from tui.cues import CueOutput
    from tui.domain.clock import MonotonicClock, local_now
    from tui.domain.settings import cue_mode_setting
    from tui.i18n import _
    from tui.plain.keys import Stopped, keys_of, stopped_by_sigterm
    from tui.plain.lines import Lines
    from tui.plain.loop import PlainLoop

    lines = Lines(sys.stdout)
    kept_mode, _old = cue_mode_setting(store.settings())
    # The bell is never rung here (tui/plain/flow.py: audible): it is not plain text.
    output = CueOutput(cues or kept_mode, ring=lambda: None, tell=lines.say)
    code = 0
    loop: PlainLoop | None = None
    try:
        with _input_fd() as fd, keys_of(fd) as keys, stopped_by_sigterm():
            # Cues are for a run: the history alone says nothing of them.
            if output.note and mode != "history":
                lines.say(output.note)
            if output.mode == "bell" and mode != "history":
                lines.say(_("Cues: the bell is not rung in the plain mode, so there are none."))
            loop = PlainLoop(
                store,
                speed=speed,
                clock=MonotonicClock(),
                now=local_now,
                cues=output,
                lines=lines,
                keys=keys,
                interactive=os.isatty(fd),
            )
            loop.run(mode)
    except KeyboardInterrupt:
        code = 130
    except Stopped:
        code = 143
    finally:
        output.close()
    unsaved = loop.recorder.unsaved if loop is not None else []
    return keep_unsaved(store, unsaved) or code
