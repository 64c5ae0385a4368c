"""The stretch figure in the running flow: the side, the breath, and where it goes by size."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Select, Static

from tests.saving import saved
from tui import figures
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.domain.figures import Pose
from tui.domain.plan import PhaseKind
from tui.domain.routine_edit import add_custom
from tui.screens.routine import RoutineScreen
from tui.screens.stretch_form import NO_FIGURE
from tui.storage.store import Store
from tui.widgets.figure import Figure
from tui.widgets.flow_panel import figure_place

AppFactory = Callable[..., SuppleApp]

# Seconds from the start of the default flow to a moment of each stretch (5 s get-ready and
# switch pauses): knee to chest 0–50, twist 50–120, cat–cow 120–173, lunge 173–243.
KNEE_LEFT, KNEE_RIGHT = 5 + 10, 5 + 20 + 5 + 10
INHALE, EXHALE = 120 + 5 + 2, 120 + 5 + 4 + 2
LUNGE_LEFT = 173 + 5 + 10


def figure_of(app: SuppleApp) -> Figure:
    return app.screen.query_one("#flow-figure", Figure)


async def run_to(app: SuppleApp, pilot: object, seconds: float) -> None:
    await pilot.press("enter")  # type: ignore[attr-defined]
    clock = app.clock
    assert isinstance(clock, FakeClock)
    clock.advance(seconds)
    screen = app.screen
    assert isinstance(screen, RoutineScreen)
    screen.tick()
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("seconds", "side", "pose"),
    [
        (KNEE_LEFT, "left", Pose("knee-to-chest", mirrored=True)),
        (KNEE_RIGHT, "right", Pose("knee-to-chest")),
        (LUNGE_LEFT, "left", Pose("low-lunge", mirrored=True)),
    ],
)
async def test_the_figure_shows_the_side_being_stretched(
    make_app: AppFactory, seconds: float, side: str, pose: Pose
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to(app, pilot, seconds)
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.player is not None
        assert screen.player.phase.side == side
        figure = figure_of(app)
        assert figure.pose == pose and figure.display
        drawn = figure.render().plain.splitlines()
        expected = figures.rows(pose, "large")
        assert [line.strip() for line in drawn if line.strip()] == [
            line.strip() for line in expected
        ]


async def test_cat_cow_breathes_cow_in_and_cat_out(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to(app, pilot, INHALE)
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.player is not None
        assert screen.player.phase.kind is PhaseKind.INHALE
        assert figure_of(app).pose == Pose("cow")
        clock = app.clock
        assert isinstance(clock, FakeClock)
        clock.advance(EXHALE - INHALE)
        screen.tick()
        assert screen.player.phase.kind is PhaseKind.EXHALE
        assert figure_of(app).pose == Pose("cat")
        clock.advance(4)
        screen.tick()
        assert screen.player.phase.kind is PhaseKind.INHALE
        assert figure_of(app).pose == Pose("cow")


async def test_beside_the_instructions_when_there_is_room(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to(app, pilot, KNEE_LEFT)
        figure = figure_of(app)
        words = app.screen.query_one("#flow-instructions", Static)
        assert figure.figure_size == "large"
        assert figure.region.x >= words.region.right
        assert figure.region.y <= words.region.bottom
        digits = app.screen.query_one("#flow-digits")
        assert figure.region.bottom <= digits.region.y


async def test_small_beside_the_instructions_at_80x24(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await run_to(app, pilot, KNEE_LEFT)
        figure = figure_of(app)
        assert figure.display and figure.figure_size == "small"
        assert figure.region.x >= app.screen.query_one("#flow-instructions").region.right


async def test_above_the_digits_on_a_narrow_tall_terminal(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(56, 34)) as pilot:
        await run_to(app, pilot, KNEE_LEFT)
        figure = figure_of(app)
        words = app.screen.query_one("#flow-instructions")
        digits = app.screen.query_one("#flow-digits")
        assert figure.display
        assert words.region.bottom <= figure.region.y
        assert figure.region.bottom <= digits.region.y
        # Centred in the room under the words: the floor line has as much space either side.
        floor = figure.render().plain.splitlines()[-1]
        left = len(floor) - len(floor.lstrip())
        right = figure.region.width - len(floor.rstrip())
        assert left > 0 and abs(left - right) <= 1


async def test_hidden_at_40x12_where_the_digits_and_bar_win(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await run_to(app, pilot, KNEE_LEFT)
        assert not figure_of(app).display
        assert app.screen.query_one("#flow-digits-small").display
        assert app.screen.query_one("#flow-bar").region.height == 1


async def test_growing_the_terminal_brings_the_figure_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await run_to(app, pilot, KNEE_LEFT)
        assert not figure_of(app).display
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        figure = figure_of(app)
        assert figure.display and figure.figure_size == "large"
        assert figure.region.width == figures.box("large")[0]


async def test_a_custom_stretch_without_a_figure_draws_none(
    make_app: AppFactory, store: Store
) -> None:
    routine, _ = add_custom(store.routine(), "Child's pose")
    only = routine.with_stretches(routine.stretches[-1:])
    store.save_routine(only)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to(app, pilot, 8)
        assert figure_of(app).pose is None
        assert not figure_of(app).render().plain.strip()


@pytest.mark.parametrize(
    ("width", "height", "place"),
    [
        (96, 27, ("large", True)),
        (156, 47, ("large", True)),
        (76, 21, ("small", True)),
        (56, 27, ("small", False)),
        (36, 9, (None, False)),
        (76, 15, (None, False)),
    ],
)
def test_figure_place_by_panel_size(
    width: int, height: int, place: tuple[str | None, bool]
) -> None:
    assert figure_place(width, height) == place


# -- the editor ----------------------------------------------------------------------------


async def test_the_editor_shows_the_selected_steps_figure_small(make_app: AppFactory) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=(80, 24)) as pilot:
        figure = app.screen.query_one("#editor-figure", Figure)
        assert figure.figure_size == "small" and figure.display
        # The first side played is the left, so the drawing is mirrored, as in the flow.
        assert figure.pose == Pose("knee-to-chest", mirrored=True)
        await pilot.press("down", "down")
        assert figure.pose == Pose("cow")
        words = app.screen.query_one("#editor-detail")
        assert figure.region.x >= words.region.right
        assert figure.region.y < words.region.bottom


async def test_a_custom_stretch_picks_a_figure_in_its_form_and_keeps_it(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("a")
        form = app.screen
        preview = form.query_one("#figure-preview", Figure)
        assert form.query_one("#figure-input", Select).value == NO_FIGURE
        assert not preview.display
        form.query_one("#figure-input", Select).value = "low-lunge"
        await pilot.pause()
        assert preview.display and preview.pose == Pose("low-lunge")
        await pilot.press("ctrl+s")
        await saved(app)
        added = store.routine().stretches[1]
        assert added.custom and added.figure == "low-lunge"
        figure = app.screen.query_one("#editor-figure", Figure)
        assert figure.display and figure.pose == Pose("low-lunge", mirrored=True)
        # And back to none.
        await pilot.press("enter")
        app.screen.query_one("#figure-input", Select).value = NO_FIGURE
        await pilot.press("ctrl+s")
        await saved(app)
        assert store.routine().stretches[1].figure is None
        assert not app.screen.query_one("#editor-figure", Figure).display


async def test_a_built_in_stretchs_form_has_no_figure_field(make_app: AppFactory) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert not app.screen.query("#figure-input")


async def test_the_figure_dims_while_paused(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to(app, pilot, KNEE_LEFT)
        figure = figure_of(app)
        drawn = figure.styles.color
        await pilot.press("space")
        await pilot.pause()
        assert figure.styles.color != drawn
        assert figure.pose == Pose("knee-to-chest", mirrored=True)
