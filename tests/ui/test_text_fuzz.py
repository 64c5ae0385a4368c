"""Fuzz (Hypothesis): whatever names, instructions and notes hold, what reaches the terminal has
no control character and renders without a markup error (issue 11)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import build_app
from tests.ui.test_hostile_text import no_control_characters, terminal_text
from tests.ui.test_routine_screen import advance
from tui.domain.routine import default_routine
from tui.domain.routine_edit import EditError, add_custom
from tui.domain.session import clean_note
from tui.domain.settings import STIFFNESS, STIFFNESS_NEVER
from tui.domain.text_safety import control_problem, shown
from tui.screens.editor import EditorScreen
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store
from tui.views.summary import Summary

# Pieces that have broken terminals and markup parsers, mixed with any text at all.
HOSTILE_PIECES = [
    "[",
    "]",
    "[/]",
    "[/bold]",
    "[bold red]",
    "[link=x]",
    "[@click=app.quit]",
    "[b]x[/b]",
    "\\[",
    "$",
    "{x}",
    "\x1b",
    "\x1b]2;PWNED\x07",
    "\x1b]2;PWNED\x1b\\",
    "\x1b[2J",
    "\x9b",
    "\x07",
    "\x00",
    "\x7f",
    "\x08",
    "\r",
    "\n",
    "\t",
    "—",
    "🙂",
    "e\u0301",
    "\u202e",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=4)), min_size=1, max_size=8
).map("".join)


async def _show_everywhere(name: str, instructions: str, note: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "supple.json")
        store.prepare()
        shown_name = "Plain"
        refusals = []
        try:
            routine, index = add_custom(default_routine(), name, instructions)
        except EditError as error:
            # Refused on input: the person sees why, in the form or the editor's status line.
            refusals.append(error.message)
            routine, index = add_custom(default_routine(), "Plain")
        else:
            stretch = routine.stretches[index]
            shown_name = stretch.name
        custom = routine.stretches[index]
        store.save_routine(routine.with_stretches((custom, *routine.stretches[:index])))
        store.save_settings({STIFFNESS: STIFFNESS_NEVER})  # straight into the flow
        app = build_app(store)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            screens = [terminal_text(app)]  # home: the routine's steps
            await pilot.press("enter")
            advance(app, 0.5)  # get ready: the first stretch's name and instructions
            await pilot.pause()
            flow = app.screen
            assert isinstance(flow, RoutineScreen) and flow.view_name == "flow"
            screens.append(terminal_text(app))
            advance(app, 10_000)  # to the summary, where a note is written and shown
            await pilot.pause()
            summary = flow.query_one(Summary)
            assert flow.view_name == "summary" and summary.session is not None
            summary.session.note = clean_note(note)  # what the note form hands back
            summary.show_body()
            await pilot.pause()
            screens.append(terminal_text(app))
            await app.switch_mode("editor")
            await pilot.pause()
            assert isinstance(app.screen, EditorScreen)
            for message in (*refusals, note):
                app.notify(message)  # a toast, as a refusal or any message would be said
            await pilot.pause()
            screens.append(terminal_text(app))
        for text in screens:
            assert no_control_characters(text)
        if clean_note(note):
            assert "Note" in screens[2]
        if shown_name != "Plain":
            assert " ".join(shown_name.split())[:20] in screens[0] + screens[1]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=hostile_text, instructions=hostile_text, note=hostile_text)
@example(name="oops [/bold] x", instructions="[bold red]RN[/]", note="[/b] [old]")
@example(name="Title\x1b]2;PWNED\x1b\\", instructions="\x1b]2;PWNED\x07", note="\x9b31m red")
def test_names_instructions_and_notes_reach_the_terminal_safely(
    name: str, instructions: str, note: str
) -> None:
    asyncio.run(_show_everywhere(name, instructions, note))


@given(text=hostile_text)
def test_shown_text_never_holds_a_control_character_and_the_check_agrees(text: str) -> None:
    assert no_control_characters(shown(text))
    assert no_control_characters(shown(text, newlines=True).replace("\n", ""))
    assert (control_problem(text, "Note", newlines=True) is None) == no_control_characters(text)
