"""The editor driven with Pilot: reorder, on/off, doses with inline errors, custom steps, undo."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Label, Select, TextArea

from tests.conftest import build_app
from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.routine import Routine, Sides, default_routine
from tui.screens.confirm import ConfirmScreen
from tui.screens.editor import EditorScreen
from tui.screens.routine import RoutineScreen
from tui.screens.stretch_form import PausesForm, StretchForm
from tui.storage.store import Store
from tui.storage.writer import BackgroundWriter
from tui.widgets.routine_table import RoutineTable
from tui.widgets.step_list import StepList

AppFactory = Callable[..., SuppleApp]
SIZE = (100, 30)


def editor_of(app: SuppleApp) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen)
    return screen


def table_names(app: SuppleApp) -> list[str]:
    """The names as the table shows them, top to bottom."""
    table = app.screen.query_one(RoutineTable)
    return [table.get_row_at(row)[1].plain for row in range(table.row_count)]


def table_row(app: SuppleApp, row: int) -> list[str]:
    return [cell.plain for cell in app.screen.query_one(RoutineTable).get_row_at(row)]


def text_of(app: SuppleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


async def stored(app: SuppleApp, store: Store) -> Routine:
    """What a restart would read: the store once every queued write has landed."""
    await saved(app)
    return store.routine()


def step_list_text(app: SuppleApp) -> str:
    return app.screen.query_one(StepList).table(100).plain


async def fill(pilot: Pilot[None], selector: str, text: str) -> None:
    """Click into a form field and type over what it holds, as a person would."""
    field = pilot.app.screen.query_one(selector, Input)
    await pilot.click(selector)
    field.select_all()
    # Typing replaces the selection; backspace clears it when there is nothing to type.
    await pilot.press(*(text or ["backspace"]))
    assert field.value == text


async def test_moving_a_step_to_the_top_changes_what_the_next_run_plays(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        assert table_names(app)[4] == "Seated hamstring stretch"
        await pilot.press("down", "down", "down", "down")
        await pilot.press("K", "shift+up", "K", "shift+up")
        assert table_names(app)[0] == "Seated hamstring stretch"
        assert editor_of(app).selected == 0  # the selection followed the stretch
        assert "Already at the top" not in text_of(app, "#editor-status")
        await pilot.press("K")
        assert "Already at the top" in text_of(app, "#editor-status")

        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, RoutineScreen)
        first_line = step_list_text(app).splitlines()[0]
        assert "Seated hamstring stretch" in first_line
        await pilot.press("enter")
        player = app.screen.player
        assert player is not None
        view = player.view()
        assert view.stretch is not None and view.stretch.name == "Seated hamstring stretch"


class HeldWriter(BackgroundWriter):
    """A writer on a very slow disk: nothing lands until it closes."""

    def __init__(self) -> None:
        super().__init__()
        self.queued: list[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]]] = []

    def submit(self, write: Callable[..., Any], *args: Any, report: bool = True) -> Future[Any]:
        future: Future[Any] = Future()
        self.queued.append((write, args, future))
        return future

    def close(self) -> None:
        while self.queued:
            write, args, future = self.queued.pop(0)
            future.set_result(write(*args))
        super().close()


async def test_the_routine_screen_reads_the_editors_changes_before_they_land(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    app.saver.writer = HeldWriter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert store.routine() == default_routine()  # still queued: the disk is slow
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RoutineScreen)
        assert "Knee to chest" not in step_list_text(app)
        assert "4:23" in text_of(app, "#routine-name")  # 5:13 without its 50 s


async def test_j_and_shift_down_move_a_step_down(make_app: AppFactory, store: Store) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J", "shift+down")
        assert table_names(app)[:3] == ["Seated spinal twist", "Cat–cow", "Knee to chest"]
        assert editor_of(app).selected == 2
        assert [s.key for s in (await stored(app, store)).stretches][2] == "knee-to-chest"


async def test_an_invalid_hold_shows_its_error_and_is_not_saved(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, StretchForm)
        await fill(pilot, "#hold_s-input", "301")
        await pilot.press("enter")
        assert isinstance(app.screen, StretchForm)  # the form stays open
        error = app.screen.query_one("#hold_s-error", Label)
        assert error.display and error.has_class("error")
        assert "from 5 to 300" in str(error.render())

        await fill(pilot, "#hold_s-input", "abc")
        await pilot.click("#form-save")
        assert isinstance(app.screen, StretchForm)
        assert "whole number" in str(app.screen.query_one("#hold_s-error", Label).render())
        assert (await stored(app, store)) == default_routine()

        await pilot.press("escape")
        assert isinstance(app.screen, EditorScreen)
        assert table_row(app, 0)[2] == "20 s each side"
        assert (await stored(app, store)) == default_routine()


async def test_a_valid_dose_is_saved_and_the_total_follows(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        assert "total 5:13" in text_of(app, "#editor-summary")
        await pilot.press("enter")
        await fill(pilot, "#hold_s-input", "60")
        app.screen.query_one("#sides-input", Select).value = Sides.LEFT
        await pilot.press("enter")
        assert isinstance(app.screen, EditorScreen)
        assert table_row(app, 0)[2] == "60 s left side"
        # Knee to chest was 5 + 20 + 5 + 20 s; now 5 + 60 s on the left only.
        assert "total 5:28" in text_of(app, "#editor-summary")
        first = (await stored(app, store)).stretches[0]
        assert (first.hold_s, first.sides) == (60, Sides.LEFT)
        assert (await stored(app, store)).total_seconds() == 5 * 60 + 28


async def test_reps_and_breath_pace_are_checked_field_by_field(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, StretchForm)
        await fill(pilot, "#reps-input", "8")
        await fill(pilot, "#inhale_s-input", "5")
        await fill(pilot, "#exhale_s-input", "11")
        await pilot.press("enter")
        assert isinstance(app.screen, StretchForm)
        assert "Exhale must be" in str(app.screen.query_one("#exhale_s-error", Label).render())
        assert not app.screen.query_one("#reps-error", Label).display
        assert (await stored(app, store)) == default_routine()
        await fill(pilot, "#exhale_s-input", "6")
        await pilot.press("enter")
        assert table_row(app, 2)[2] == "8 reps · 5 s in / 6 s out"
        assert (await stored(app, store)).stretches[2].exhale_s == 6


async def test_the_last_enabled_step_cannot_be_disabled(make_app: AppFactory, store: Store) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "down", "space", "down", "space", "down", "space")
        assert table_row(app, 0)[4] == "off"
        assert len(table_names(app)) == 5  # disabled steps stay in the list
        assert "1 of 5 on" in text_of(app, "#editor-summary")
        await pilot.press("down", "space")
        assert "At least one stretch must stay enabled" in text_of(app, "#editor-status")
        assert app.screen.query_one("#editor-status").has_class("-error")
        assert table_row(app, 4)[4] == "on"
        assert [s.name for s in (await stored(app, store)).enabled] == ["Seated hamstring stretch"]


async def test_delete_asks_first_and_built_in_stretches_say_why_not(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, EditorScreen)
        assert "can be disabled, not deleted" in text_of(app, "#editor-status")

        await pilot.press("c")  # a copy is custom, so it can be deleted
        assert table_names(app)[1].startswith("Knee to chest (copy)")
        assert editor_of(app).selected == 1
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, EditorScreen)
        assert len((await stored(app, store)).stretches) == 6

        await pilot.press("d", "y")
        assert len(table_names(app)) == 5
        assert (await stored(app, store)) == default_routine()


async def test_reset_asks_first_and_no_keeps_the_edits(make_app: AppFactory, store: Store) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J", "space")
        edited = await stored(app, store)
        assert edited != default_routine()
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert (await stored(app, store)) == edited
        await pilot.press("ctrl+r", "y")
        assert isinstance(app.screen, EditorScreen)
        assert table_names(app)[0] == "Knee to chest"
        assert (await stored(app, store)) == default_routine()


async def test_undo_goes_back_several_edits(make_app: AppFactory, store: Store) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J", "space", "c")
        assert len(table_names(app)) == 6
        await pilot.press("u")
        assert len(table_names(app)) == 5 and table_row(app, 1)[4] == "off"
        await pilot.press("u")
        assert table_row(app, 1)[4] == "on"
        await pilot.press("u")
        assert table_names(app)[0] == "Knee to chest"
        assert editor_of(app).selected == 0  # the cursor lands on what the undo brought back
        assert (await stored(app, store)) == default_routine()
        await pilot.press("u")
        assert "Nothing to undo" in text_of(app, "#editor-status")


async def test_edits_survive_a_restart(store: Store) -> None:
    app = build_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("down", "down", "down", "space", "K")
        await saved(app)
    again = build_app(store, mode="editor")
    async with again.run_test(size=SIZE):
        assert table_names(again)[2] == "Low lunge"
        assert table_row(again, 2)[4] == "off"


async def test_p_changes_the_pauses_and_the_total(make_app: AppFactory, store: Store) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PausesForm)
        await fill(pilot, "#ready_s-input", "31")
        await pilot.press("enter")
        assert "from 0 to 30" in str(app.screen.query_one("#ready_s-error", Label).render())
        await fill(pilot, "#ready_s-input", "10")
        await fill(pilot, "#switch_s-input", "0")
        await pilot.press("enter")
        assert isinstance(app.screen, EditorScreen)
        summary = text_of(app, "#editor-summary")
        # Five get-readies grow by 5 s, four side switches lose 5 s: 5:13 + 25 - 20.
        assert "total 5:18" in summary
        assert "get ready 10 s · switch sides 0 s" in summary
        routine = await stored(app, store)
        assert (routine.ready_s, routine.switch_s) == (10, 0)


async def test_a_custom_stretch_is_added_renamed_and_deleted(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "a")
        assert isinstance(app.screen, StretchForm)
        await fill(pilot, "#name-input", "")
        await pilot.press("enter")
        assert "Name must be" in str(app.screen.query_one("#name-error", Label).render())
        await fill(pilot, "#name-input", "Childs pose")
        app.screen.query_one("#instructions-input", TextArea).text = "Kneel, sit back, reach."
        await fill(pilot, "#hold_s-input", "40")
        await pilot.click("#form-save")
        assert isinstance(app.screen, EditorScreen)
        assert table_names(app)[2] == "Childs pose · custom"
        assert editor_of(app).selected == 2
        added = (await stored(app, store)).stretches[2]
        assert (added.name, added.hold_s, added.custom) == ("Childs pose", 40, True)
        assert added.instructions == "Kneel, sit back, reach."

        await pilot.press("enter")
        await fill(pilot, "#name-input", "Child's pose")
        await pilot.press("enter")
        assert table_names(app)[2] == "Child's pose · custom"
        assert (await stored(app, store)).stretches[2].name == "Child's pose"

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert "Child's pose · custom" not in table_names(app)
        assert (await stored(app, store)) == default_routine()


async def test_a_name_that_looks_like_markup_is_shown_as_typed(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await fill(pilot, "#name-input", "Pose [/b] [red]")
        await pilot.press("enter")
        assert "Added Pose [/b] [red]" in text_of(app, "#editor-status")
        await pilot.press("enter")
        assert "Pose [/b] [red]" in str(app.screen.query_one("#form-title", Label).render())
        await pilot.press("escape", "d")
        assert "Pose [/b] [red]" in str(app.screen.query_one("#confirm-question", Label).render())


async def test_cancelling_a_new_stretch_adds_nothing(make_app: AppFactory, store: Store) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.click("#form-cancel")
        assert isinstance(app.screen, EditorScreen)
        assert len(table_names(app)) == 5
        assert (await stored(app, store)) == default_routine()


async def test_the_mouse_selects_a_row_and_a_second_click_edits_it(make_app: AppFactory) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(RoutineTable, offset=(10, 4))  # the header, then rows 1, 2, 3
        assert editor_of(app).selected == 3
        assert "Low lunge" in str(app.screen.query_one("#editor-detail").render())
        await pilot.click(RoutineTable, offset=(10, 4))
        assert isinstance(app.screen, StretchForm)
        assert "Low lunge" in str(app.screen.query_one("#form-title", Label).render())
        await pilot.click("#form-cancel")
        assert isinstance(app.screen, EditorScreen)


async def test_a_run_already_going_keeps_the_flow_it_started_with(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        routine_screen = app.screen
        assert isinstance(routine_screen, RoutineScreen) and routine_screen.player is not None
        await pilot.press("3")
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("space", "J")
        await pilot.press("1")
        assert app.screen is routine_screen and routine_screen.view_name == "flow"
        view = routine_screen.player.view()
        assert view.stretch is not None and view.stretch.name == "Knee to chest"
        assert view.count == 5
