"""Everything Supple takes from Textual's private names, in one place, each name tested
(tests/ui/test_borrowed.py) on the Textual version pyproject.toml pins.

Two borrowings: the terminal window's title, for which Textual has no public call; and every
mode's screen stack with the screens the modes are made from, so a change of language redraws
screens of modes not shown (Textual shows only the current mode's stack). (A
stylesheet that parsed the app's CSS once at start was here too; it saved about 3 ms of a
160 ms start, no longer worth six private names: bench/README.md.)"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen

# The private names this module relies on, for the tests that hold Textual to them.
APP_NAMES = ("_driver", "_screen_stacks", "_modes")


def write_window_title(app: App[Any], title: str) -> None:
    """Set the terminal window's title (OSC 2, which every terminal emulator and multiplexer
    that shows titles understands), through the app's driver: Textual has no public call."""
    driver = app._driver
    if not app.is_headless and driver is not None:
        driver.write(f"\x1b]2;{title}\x07")


def screen_stacks(app: App[Any]) -> dict[str, list[Screen[Any]]]:
    """Each mode's stack of screens, the current mode's among them (bottom first)."""
    return dict(app._screen_stacks)


def mode_bases(app: App[Any]) -> dict[str, Any]:
    """What each mode was added with (a screen, its name, or a callable that makes one)."""
    return dict(app._modes)
