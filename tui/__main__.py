"""`python -m tui` and the `supple` command: the command line, with garbage collection held
from the first import (tui/cli.py says why, and when it runs again)."""

from __future__ import annotations

import gc


def run() -> int:
    # Before the command line's own imports: they are part of start-up too.
    gc.disable()
    from tui.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
