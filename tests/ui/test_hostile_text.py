"""Hostile text on screen (issue 11): markup shown literally, no control character reaches the
terminal, and a save that fails during a run is said until it succeeds, nothing lost."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW, build_app
from tests.factories import daily_history, session_document, write_history, year_file
from tests.saving import saved
from tests.ui.test_palette import run_command
from tests.ui.test_routine_screen import advance
from tui import saver as saver_module
from tui.app import SuppleApp
from tui.cli import keep_unsaved
from tui.domain.routine import Stretch, default_routine
from tui.screens.confirm import ConfirmScreen
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]
SIZE = (100, 30)
ZONE = timezone(timedelta(hours=1))


def terminal_text(app: SuppleApp) -> str:
    """Every character the screen (toasts and modals included) sends to the terminal."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def no_control_characters(text: str) -> bool:
    return not [c for c in text if c != "\n" and (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F)]


def toasts(app: SuppleApp) -> str:
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast")).replace("\n", "")


# -- 7. markup is shown literally ----------------------------------------------------------


async def test_a_damaged_session_that_looks_like_markup_is_warned_about_literally(
    make_app: AppFactory, store: Store
) -> None:
    odd = session_document(datetime(2026, 11, 20, 7, tzinfo=ZONE))
    odd["started_at"] = "[/bold] [link=x]"
    write_history(store.path, [*daily_history(date(2026, 11, 25), 2), odd])
    app = make_app(mode="history")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "[/bold] [link=x]" in toasts(app)
        assert "[/bold] [link=x]" in terminal_text(app)


async def test_paths_with_brackets_are_shown_whole_in_toasts(tmp_path: Path) -> None:
    for folder in ("a[/b]", "x[old]"):
        store = Store.open(tmp_path / folder / "supple.json")
        store.prepare()
        write_history(store.path, daily_history(date(2026, 11, 25), 1))
        app = build_app(store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await run_command(pilot, "Export history")
            (exported,) = store.path.parent.glob("supple-export-*.json")
            assert str(exported) in toasts(app)


async def test_the_editor_shows_names_that_look_like_markup_as_typed(
    make_app: AppFactory, store: Store
) -> None:
    routine = default_routine()
    odd = Stretch(key="custom-1", name="[bold red]RN[/]", instructions="[/b] x", custom=True)
    store.save_routine(type(routine)("oops [/bold] x", (odd, *routine.stretches), routine.ready_s))
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = terminal_text(app)
        assert "oops [/bold] x" in text and "[bold red]RN[/]" in text and "[/b] x" in text
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete “[bold red]RN[/]”?" in terminal_text(app)


# -- 8. control characters never reach the terminal ---------------------------------------


async def test_the_terminal_title_and_toasts_hold_no_control_characters(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.set_terminal_title("Hold\x1b]2;PWNED\x07 · 0:20")
        assert app.terminal_title == "Hold\\x1b]2;PWNED\\x07 · 0:20"
        app.notify("from a file: \x1b]2;PWNED\x1b\\ \x9b31m")
        await pilot.pause()
        text = terminal_text(app)
        assert "PWNED" in text and no_control_characters(text)


# -- 3. a save that fails during a run -----------------------------------------------------


def refuse_session_saves(store: Store) -> Path:
    """Make this year's session file read-only behind Supple's back: every save is refused."""
    year = year_file(store.path, str(FIXED_NOW.year))
    year.parent.mkdir(parents=True, exist_ok=True)
    year.write_text("{}")
    year.chmod(0o444)
    return year


async def test_a_failed_save_is_said_until_a_retry_lands_and_nothing_is_lost(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        year_file = refuse_session_saves(store)
        await pilot.press("enter")
        advance(app, 5 + 20)
        await pilot.pause()
        await saved(app)
        await pilot.pause()
        assert "Not saved yet, kept here and retried" in toasts(app)
        assert "read-only" in toasts(app)
        (kept,) = app.unsaved_sessions
        assert kept["steps"][0]["status"] == "done" and store.sessions() == []
        # Later steps fail too; the message stays, said once.
        advance(app, 5 + 20)
        await pilot.pause()
        await saved(app)
        await pilot.pause()
        assert toasts(app).count("Not saved yet") == 1
        year_file.chmod(0o644)
        app.saver.retry()
        await saved(app)
        await pilot.pause()
        assert "Not saved yet" not in toasts(app) and "Saved" in toasts(app)
        assert app.unsaved_sessions == []
        (landed,) = store.sessions()
        assert [s["status"] for s in landed["steps"][:2]] == ["done", "done"]


async def test_the_retry_comes_by_itself_once_the_file_can_be_written(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No call from the test this time: the saver's own timer retries (every RETRY_SAVE_S)."""
    monkeypatch.setattr(saver_module, "RETRY_SAVE_S", 0.05)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        year_file = refuse_session_saves(store)
        await pilot.press("enter")
        await pilot.pause()
        await saved(app)
        await pilot.pause()
        assert "Not saved yet" in toasts(app)
        year_file.chmod(0o644)
        for _ in range(200):  # waits for the timer, up to 10 s; no fixed sleep
            if not app.unsaved_sessions:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert app.unsaved_sessions == [] and "Saved" in toasts(app)
        assert len(store.sessions()) == 1


async def test_a_flow_that_ends_while_saves_fail_is_kept_after_the_app_closes(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        year_file = refuse_session_saves(store)
        await pilot.press("enter")
        advance(app, 313)  # the whole flow: "Flow complete", yet nothing could be saved
        await pilot.pause()
        await saved(app)
        await pilot.pause()
        assert "Not saved yet" in toasts(app)
    (kept,) = app.unsaved_sessions
    assert kept["completed"] is True
    assert keep_unsaved(store, app.unsaved_sessions) == 2
    (rescue,) = store.path.parent.glob("supple-unsaved-*.json")
    assert json.loads(rescue.read_text())["sessions"] == [kept]
    assert stat.S_IMODE(year_file.stat().st_mode) == 0o444 and store.sessions() == []
    # Once the file can be written, `supple import` puts the session in.
    year_file.chmod(0o644)
    from tui.cli import main

    assert main(["--db", str(store.path), "import", str(rescue)]) == 0
    (imported,) = store.sessions()
    assert imported["id"] == kept["id"] and imported["completed"] is True
