"""The command palette's commands: Supple's own (start, open a screen, help, rest today,
export, light or dark) after Textual's, with Supple's help for its "Keys" and a screenshot
that goes where Supple can write."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

from tui.changes import MarkChange
from tui.domain.history import MarkKind, today
from tui.messages import StartFlow

if TYPE_CHECKING:
    from tui.app import SuppleApp

SCREENS = (
    ("routine", "Routine", "Today, the streak and the flow (1)"),
    ("history", "History", "Streaks, weeks and the calendar (2)"),
    ("editor", "Editor", "Reorder and tune the stretches (3)"),
    ("settings", "Settings", "Goal, week, pauses, sound and theme (4)"),
)


def supple_commands(app: SuppleApp, textuals: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's commands, then Supple's."""
    for command in textuals:
        if command.title == "Keys":
            # Textual's keys panel lists every generic key and does not close with escape:
            # Supple's own help, which does, is listed once, as "Help" below.
            continue
        if command.title == "Screenshot":
            # Textual's goes to ~/Downloads, and fails where there is none.
            yield SystemCommand(
                "Screenshot",
                "Save an SVG picture of this screen in Supple's data folder",
                lambda: app.call_after_refresh(screenshot, app),
            )
        else:
            yield command
    yield SystemCommand(
        "Start the flow", "Today's stretches, from the top", lambda: start_flow(app)
    )
    for mode, title, help_text in SCREENS:
        yield SystemCommand(f"Open {title}", help_text, _opener(app, mode))
    yield SystemCommand("Help", "Every key here, and what a streak means (?)", app.action_help)
    yield SystemCommand(
        "Mark today as rest", "A rest day keeps the streak going", lambda: mark_today_rest(app)
    )
    yield SystemCommand(
        "Export history", "All sessions and marks to a JSON file", lambda: export_history(app)
    )
    yield SystemCommand(
        "Light or dark theme", "Switch between Textual's light and dark", lambda: toggle_dark(app)
    )


def screenshot_folder(app: SuppleApp) -> Path:
    """Where a screenshot goes: the data folder, else the current one, whichever Supple can
    write to (the notice names the file)."""
    folder = app.data_path.parent
    return folder if os.access(folder, os.W_OK) else Path.cwd()


def screenshot(app: SuppleApp) -> None:
    if app.is_web:
        # Served (`supple serve`), the browser downloads it.
        app.deliver_screenshot()
        return
    try:
        saved = app.save_screenshot(path=str(screenshot_folder(app)))
    except OSError as error:
        app.notify(f"Could not save a screenshot: {error}", severity="error", timeout=10)
        return
    app.notify(f"Saved a screenshot to {saved}", title="Screenshot", timeout=10)


def _opener(app: SuppleApp, mode: str) -> Callable[[], Any]:
    return lambda: app.switch_mode(mode)


async def start_flow(app: SuppleApp) -> None:
    await app.switch_mode("routine")
    app.screen.post_message(StartFlow())


def toggle_dark(app: SuppleApp) -> None:
    app.theme = "textual-light" if app.current_theme.dark else "textual-dark"


def mark_today_rest(app: SuppleApp) -> None:
    day = today(app.now(), app.saver.history_settings().day_starts_at)
    if app.history_stats().done_today:
        app.notify("Today is done already: no rest mark needed.")
        return
    if app.saver.marks().get(day) is MarkKind.REST:
        app.notify("Today is marked as a rest day already.")
        return
    future = app.saver.save(MarkChange(day, MarkKind.REST))
    app.run_worker(_after_write(app, future, "Today is a rest day: your streak holds."))


def export_history(app: SuppleApp) -> None:
    """All sessions and marks to a JSON file beside the data file, written in the saver's
    queue, after every change asked for so far."""
    target = app.data_path.parent / f"supple-export-{app.now():%Y-%m-%d-%H%M%S}.json"

    def write() -> str:
        from tui.storage.atomic import write_atomically
        from tui.storage.export_stream import terminal_safe

        data = app.store.export_data()
        text = json.dumps(data, ensure_ascii=False, indent=2)
        write_atomically(target, terminal_safe(text) + "\n")
        count = len(data["sessions"])
        return f"Exported {count} session{'' if count == 1 else 's'} to {target}"

    app.run_worker(_after_write(app, app.saver.run(write)))


async def _after_write(app: SuppleApp, future: Future[Any], message: str | None = None) -> None:
    """Wait for a queued write without blocking the event loop, then tell."""
    try:
        result = await asyncio.wrap_future(future)
    except Exception as error:
        if message is None:  # a change's failure is the saver's to tell
            app.notify(f"Could not export: {error}", severity="error", timeout=10)
        return
    app.notify(message or str(result), timeout=8)
