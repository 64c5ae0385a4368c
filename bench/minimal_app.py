"""The reference for start-up: the smallest Textual app that shows one line of text."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Minimal app ready")


if __name__ == "__main__":
    Minimal().run()
