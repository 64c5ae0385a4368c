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
from tui.i18n import N_, _, ngettext
from tui.messages import StartFlow

if TYPE_CHECKING:
    from tui.app import SuppleApp

# Translators: the palette's commands that open a screen, each with what it holds (the key
# that opens it in brackets).
SCREENS = (
    ("routine", N_("Open Routine"), N_("Today, the streak and the flow (1)")),
    ("history", N_("Open History"), N_("Streaks, weeks and the calendar (2)")),
    ("editor", N_("Open Editor"), N_("Reorder and tune the stretches (3)")),
    ("settings", N_("Open Settings"), N_("Goal, week, pauses, sound and theme (4)")),
)
# Textual's own commands, as Textual words them, marked for the catalogs: shown through `_`.
TEXTUAL_COMMANDS = frozenset(
    {
        # Translators: the palette's command that chooses the colour theme (a noun).
        N_("Theme"),
        N_("Change the current theme"),
        # Translators: the palette's command that closes Supple.
        N_("Quit"),
        N_("Quit the application as soon as possible"),
        # Translators: the palette's command that fills the screen with the focused part.
        N_("Maximize"),
        N_("Maximize the focused widget"),
        # Translators: the palette's command that undoes Maximize.
        N_("Minimize"),
        N_("Minimize the widget and restore to normal size"),
    }
)


def _textual_words(words: str) -> str:
    """One of Textual's commands' words in the language in use; others as Textual has them."""
    return _(words) if words in TEXTUAL_COMMANDS else words


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
                # Translators: the palette's command that saves a picture of the screen.
                _("Screenshot"),
                _("Save an SVG picture of this screen in Supple's data folder"),
                lambda: app.call_after_refresh(screenshot, app),
            )
        else:
            yield command._replace(
                title=_textual_words(command.title), help=_textual_words(command.help)
            )
    yield SystemCommand(
        _("Start the flow"), _("Today's stretches, from the top"), lambda: start_flow(app)
    )
    for mode, title, help_text in SCREENS:
        yield SystemCommand(_(title), _(help_text), _opener(app, mode))
    yield SystemCommand(
        # Translators: the palette's command that opens help; "?" is its key.
        _("Help"),
        _("Every key here, and what a streak means (?)"),
        app.action_help,
    )
    yield SystemCommand(
        _("Mark today as rest"),
        _("A rest day keeps the streak going"),
        lambda: mark_today_rest(app),
    )
    yield SystemCommand(
        _("Export history"),
        _("All sessions and marks to a JSON file"),
        lambda: export_history(app),
    )
    yield SystemCommand(
        _("Light or dark theme"),
        _("Switch between Textual's light and dark"),
        lambda: toggle_dark(app),
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
        # Translators: {error} is the system's reason, as it gives it (often in English).
        message = _("Could not save a screenshot: {error}").format(error=error)
        app.notify(message, severity="error", timeout=10)
        return
    # Translators: {path} is the picture's file.
    app.notify(
        _("Saved a screenshot to {path}").format(path=saved), title=_("Screenshot"), timeout=10
    )


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
        app.notify(_("Today is done already: no rest mark needed."))
        return
    if app.saver.marks().get(day) is MarkKind.REST:
        app.notify(_("Today is marked as a rest day already."))
        return
    future = app.saver.save(MarkChange(day, MarkKind.REST))
    app.run_worker(_after_write(app, future, _("Today is a rest day: your streak holds.")))


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
        # Translators: {count} sessions written to the file {path}.
        words = ngettext(
            "Exported {count} session to {path}", "Exported {count} sessions to {path}", count
        )
        return words.format(count=count, path=target)

    app.run_worker(_after_write(app, app.saver.run(write)))


async def _after_write(app: SuppleApp, future: Future[Any], message: str | None = None) -> None:
    """Wait for a queued write without blocking the event loop, then tell."""
    try:
        result = await asyncio.wrap_future(future)
    except Exception as error:
        if message is None:  # a change's failure is the saver's to tell
            # Translators: {error} is the system's reason, as it gives it (often in English).
            message = _("Could not export: {error}").format(error=error)
            app.notify(message, severity="error", timeout=10)
        return
    app.notify(message or str(result), timeout=8)
