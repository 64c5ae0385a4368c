"""The note field takes no control characters, as an import takes none: a paste's are left
out with a word saying so, and a note written in the app comes back whole through export and
import into a fresh file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Label

from tests.test_cli import run
from tests.ui.test_stiffness import play_to_the_end, routine_of, saved_session
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.domain.session import note_field_text
from tui.domain.text_safety import control_problem
from tui.screens.note import NoteScreen
from tui.storage.store import Store
from tui.views.summary import Summary

AppFactory = Callable[..., SuppleApp]
SIZE = (100, 30)

# A paste as it may come: a title escape, a colour, a tab from a table, two lines, a bidi
# override and a DEL.
PASTED = "\x1b]2;pwned\x07Left hip\ttight\x1b[31m\r\nbetter \u202eafter\x7f"
TYPED_AS_SHOWN = "]2;pwnedLeft hip tight[31m better after"


async def open_the_note(pilot: Pilot[None]) -> NoteScreen:
    app = pilot.app
    await pilot.press("enter")
    await play_to_the_end(pilot)
    clock = app.clock  # type: ignore[attr-defined]
    assert isinstance(clock, FakeClock)
    clock.advance(1)  # past the moment a held skip key could still arrive
    await pilot.press("n")
    assert isinstance(app.screen, NoteScreen)
    return app.screen


def problem_line(screen: NoteScreen) -> str:
    label = screen.query_one("#note-problem", Label)
    return str(label.render()) if label.display else ""


async def paste(pilot: Pilot[None], screen: NoteScreen, text: str) -> None:
    screen.query_one(Input).post_message(events.Paste(text))
    await pilot.pause()


def test_the_field_keeps_one_line_without_control_characters() -> None:
    kept, left_out = note_field_text(PASTED)
    assert kept == TYPED_AS_SHOWN
    assert left_out == ["\x1b", "\x07", "\x1b", "\u202e", "\x7f"]
    assert control_problem(kept, "its note") is None  # what import checks
    assert note_field_text("fine, thanks") == ("fine, thanks", [])


async def test_a_pasted_note_loses_its_control_characters_and_says_so(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_the_note(pilot)
        assert problem_line(screen) == ""
        await pilot.press(*"Day 3: ")
        await paste(pilot, screen, PASTED)
        field = screen.query_one(Input)
        assert field.value == "Day 3: " + TYPED_AS_SHOWN
        said = problem_line(screen)
        assert said.startswith("A note holds no control characters: left out U+001B, U+0007")
        await pilot.press("enter")
        assert routine_of(app).view_name == "summary"
        assert (await saved_session(app, store))["note"] == "Day 3: " + TYPED_AS_SHOWN


async def test_a_plain_paste_says_nothing_and_keeps_every_word(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_the_note(pilot)
        await paste(pilot, screen, "Hips tight,\nback fine")
        assert screen.query_one(Input).value == "Hips tight, back fine"
        assert problem_line(screen) == ""


async def test_a_stored_note_holding_control_characters_opens_without_them(
    make_app: AppFactory, store: Store
) -> None:
    """A file edited by hand may hold one; the field shows, and keeps, the note without it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_the_note(pilot)
        await pilot.press("escape")
        session = routine_of(app).query_one(Summary).session
        assert session is not None
        session.note = "stiff\x1b[2J morning"
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, NoteScreen)
        assert screen.query_one(Input).value == "stiff[2J morning"
        assert "U+001B" in problem_line(screen)
        await pilot.press("enter")
        assert (await saved_session(app, store))["note"] == "stiff[2J morning"


async def test_a_note_typed_in_the_app_comes_back_whole_through_export_and_import(
    make_app: AppFactory, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_the_note(pilot)
        await pilot.press(*"Knees ")
        await paste(pilot, screen, "«better» — 5/10 🙂 " + PASTED)
        shown = screen.query_one(Input).value
        await pilot.press("enter")
        written = await saved_session(app, store)
    assert written["note"] == shown == "Knees «better» — 5/10 🙂 " + TYPED_AS_SHOWN

    export = tmp_path / "export.json"
    code, _, err = run(capsys, "--db", str(store.path), "export", "-o", str(export))
    assert code == 0, err
    fresh = tmp_path / "fresh" / "supple.json"
    code, _, err = run(capsys, "--db", str(fresh), "import", str(export))
    assert code == 0, err  # import refuses a note with a control character: this one has none

    (imported,) = Store.open(fresh).sessions()
    assert imported == written
    assert imported["note"] == shown == json.loads(export.read_text())["sessions"][0]["note"]
