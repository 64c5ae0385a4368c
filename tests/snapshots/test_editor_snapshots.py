"""SVG snapshots of the editor: the default flow, the flow after edits, a form with an error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import build_app
from tui.app import SuppleApp
from tui.storage.store import Store

SIZE = (80, 24)


def editor_app(tmp_path: Path) -> SuppleApp:
    store = Store.open(tmp_path / "supple.json")
    store.prepare()
    return build_app(store, mode="editor")


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.select_all()
    await pilot.press(*text)


async def some_edits(pilot: Pilot[None]) -> None:
    """Low lunge off, a custom stretch added after it, the hamstring stretch moved up."""
    await pilot.press("down", "down", "down", "space", "a")
    await type_into(pilot, "#name-input", "Child's pose")
    await type_into(pilot, "#hold_s-input", "45")
    await pilot.press("enter", "down", "K")
    await pilot.pause()


async def hold_too_long(pilot: Pilot[None]) -> None:
    await pilot.press("enter")
    await type_into(pilot, "#hold_s-input", "301")
    await pilot.press("enter")
    await pilot.pause()


def test_editor_default_flow(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(editor_app(tmp_path), terminal_size=SIZE)


def test_editor_after_edits(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(editor_app(tmp_path), terminal_size=SIZE, run_before=some_edits)


def test_edit_form_with_an_error(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(editor_app(tmp_path), terminal_size=SIZE, run_before=hold_too_long)


def test_a_new_stretch_counted_in_reps(snap_compare: Any, tmp_path: Path) -> None:
    """The new-stretch form with 'reps, paced' chosen: reps, in and out, no hold."""

    async def choose_reps(pilot: Pilot[None]) -> None:
        await pilot.press("a")
        await pilot.click("#kind-input")
        await pilot.press("down", "enter")
        await pilot.pause()

    assert snap_compare(editor_app(tmp_path), terminal_size=(80, 24), run_before=choose_reps)
