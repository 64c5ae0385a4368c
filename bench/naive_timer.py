"""The reference for CPU: a naive hold timer, Digits plus ProgressBar updated 30 times a second."""

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, ProgressBar

HZ = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
HOLD_S = 300.0


class NaiveTimer(App[None]):
    def compose(self) -> ComposeResult:
        yield Digits("300")
        yield ProgressBar(total=HOLD_S, show_eta=False)

    def on_mount(self) -> None:
        self.began = time.monotonic()
        self.set_interval(1 / HZ, self.tick)

    def tick(self) -> None:
        elapsed = time.monotonic() - self.began
        self.query_one(Digits).update(f"{max(0, HOLD_S - elapsed):.0f}")
        self.query_one(ProgressBar).update(progress=elapsed)


if __name__ == "__main__":
    NaiveTimer().run()
