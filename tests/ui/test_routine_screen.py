"""The routine screen driven with Pilot: start, pause, skip, leave with confirmation, summary."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from textual.widgets import Label

from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.domain.plan import PhaseKind
from tui.screens.confirm import ConfirmScreen
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store
from tui.views.overview import Overview
from tui.widgets.big_digits import BigDigits

AppFactory = Callable[..., SuppleApp]


def screen_text(app: SuppleApp) -> str:
    """What the terminal shows, as plain text (from the app's own SVG screenshot)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def screen_of(app: SuppleApp) -> RoutineScreen:
    screen = app.screen
    assert isinstance(screen, RoutineScreen)
    return screen


def advance(app: SuppleApp, seconds: float) -> None:
    """Move the fake clock and let the screen take one tick, as the 30 Hz timer would."""
    clock = app.clock
    assert isinstance(clock, FakeClock)
    clock.advance(seconds)
    screen_of(app).tick()


async def test_home_shows_the_flow_status_and_total(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)):
        status = str(app.screen.query_one("#today-status", Label).render())
        assert "Not stretched yet today" in status
        assert "5:13" in str(app.screen.query_one("#routine-name", Label).render())


async def test_enter_starts_the_flow_and_a_session_is_saved_at_once(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        screen = screen_of(app)
        assert screen.view_name == "flow"
        assert screen.player is not None and screen.player.phase.kind is PhaseKind.READY
        await saved(app)
        (session,) = store.sessions()
        assert session["ended_at"] is None
        # The whole flow as it will run, nothing done yet: never an empty list of steps.
        assert len(session["steps"]) == 9
        assert {(s["done"], s["status"]) for s in session["steps"]} == {(0, "skipped")}


async def test_a_hold_counts_down_in_big_digits_and_is_saved_when_it_ends(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        advance(app, 5 + 7.5)
        await pilot.pause()
        assert app.screen.query_one("#flow-digits", BigDigits).value == "13"
        advance(app, 12.5)
        await pilot.pause()
        await saved(app)
        (session,) = store.sessions()
        assert session["steps"][0] == {
            "name": "Knee to chest",
            "side": "left",
            "unit": "s",
            "planned": 20,
            "done": 20,
            "status": "done",
        }


async def test_space_pauses_and_resumes_through_a_countdown(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n")
        advance(app, 4)
        await pilot.press("space")
        player = screen_of(app).player
        assert player is not None and player.paused
        advance(app, 120)
        assert "Paused" in str(app.screen.query_one("#flow-caption", Label).render())
        await pilot.press("space")
        assert "Resuming in 3" in str(app.screen.query_one("#flow-caption", Label).render())
        assert player.remaining() == 16


async def test_skip_and_back_move_between_phases(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n")
        player = screen_of(app).player
        assert player is not None and player.phase.kind is PhaseKind.HOLD
        await pilot.press("right", "right")
        assert player.phase.kind is PhaseKind.HOLD and player.phase.side == "right"
        await pilot.press("+")
        assert player.phase.duration == 25
        await pilot.press("b")
        assert player.phase.kind is PhaseKind.READY and player.phase.stretch == 0


async def test_leaving_asks_first_and_stay_keeps_the_flow_going(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n")
        advance(app, 3)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        player = screen_of_stack(app).player
        assert player is not None and player.paused  # nothing runs on while the question waits
        await pilot.press("escape")
        assert isinstance(app.screen, RoutineScreen)
        assert screen_of(app).view_name == "flow" and not player.paused


def screen_of_stack(app: SuppleApp) -> RoutineScreen:
    screen = app.screen_stack[-2]
    assert isinstance(screen, RoutineScreen)
    return screen


async def test_leaving_keeps_what_was_done_and_shows_the_summary(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        advance(app, 5 + 20 + 5 + 8)  # left side done, 8 s into the right
        await pilot.press("q", "y")
        screen = screen_of(app)
        assert screen.view_name == "summary"
        assert "left early" in str(screen.query_one("#summary-title", Label).render())
        await saved(app)
        (session,) = store.sessions()
        assert session["completed"] is False and session["ended_at"] is not None
        assert [s["status"] for s in session["steps"]] == ["done", "partial"] + ["skipped"] * 7
        body = str(screen.query_one("#summary-body").render())
        assert "Steps held        1 of 9" in body
        assert "left before the end: not counted today" in body
        await pilot.press("enter")
        assert screen.view_name == "overview"


async def test_a_whole_flow_ends_in_the_summary_and_counts_today(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        advance(app, 313)
        await pilot.pause()
        screen = screen_of(app)
        assert screen.view_name == "summary"
        body = str(screen.query_one("#summary-body").render())
        assert "9 done" in body and "Streak            1 day" in body
        assert "Steps held        9 of 9" in body and "counted ✓" in body
        await saved(app)
        (session,) = store.sessions()
        assert session["completed"] is True and len(session["steps"]) == 9
        await pilot.press("enter")
        assert "Done today" in str(screen.query_one("#today-status", Label).render())


async def test_the_bell_rings_at_the_end_of_a_hold_unless_muted(make_app: AppFactory) -> None:
    app = make_app()
    rings: list[str] = []
    app.bell = lambda: rings.append("ding")  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        advance(app, 25)
        assert rings == ["ding"]
        await pilot.press("m")
        advance(app, 25)
        assert rings == ["ding"]
        assert app.terminal_title.startswith("Supple · ")


async def test_practice_speed_runs_the_flow_faster(make_app: AppFactory, store: Store) -> None:
    app = make_app(speed=20)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        advance(app, 313 / 20 + 0.01)
        await pilot.pause()
        assert screen_of(app).view_name == "summary"
        assert "not counted" in str(app.screen.query_one("#summary-body").render())
        await saved(app)
        assert store.sessions()[0]["speed"] == 20


async def test_quitting_mid_run_closes_the_session_as_left_early(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        advance(app, 5 + 6)
        # Mid-run ctrl+q asks first; a second one under the question quits at once.
        await pilot.press("ctrl+q", "ctrl+q")
    (session,) = store.sessions()
    assert session["completed"] is False and session["ended_at"] is not None
    assert session["steps"][0]["done"] == 6
    assert not list(store.path.parent.glob(".*.run-*.lock"))


async def test_names_with_markup_characters_are_shown_as_typed(
    make_app: AppFactory, store: Store
) -> None:
    from tui.domain.routine import Stretch, default_routine

    routine = default_routine()
    odd = Stretch(key="custom-1", name="Pose [/b] [red]", instructions="Hold [b]still", custom=True)
    store.save_routine(routine.with_stretches((odd, *routine.stretches)))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Pose [/b] [red]" in screen_text(app)
        await pilot.press("enter")
        advance(app, 5.5)
        await pilot.pause()
        assert "Pose [/b] [red]" in str(app.screen.query_one("#flow-title", Label).render())


async def test_home_shows_strength_beside_the_streak_once_a_day_is_done(
    make_app: AppFactory, store: Store
) -> None:
    from datetime import timedelta

    from tests.conftest import FIXED_NOW
    from tests.factories import daily_history, write_history

    write_history(store.path, daily_history(FIXED_NOW.date() - timedelta(days=1), 13))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one(Overview).refresh_status()
        status = str(app.screen.query_one("#today-status", Label).render())
        # Thirteen straight days from nothing: half strength (rules.md §4).
        assert "13-day streak" in status and "strength 50%" in status


async def test_home_says_nothing_of_strength_before_the_first_done_day(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one(Overview).refresh_status()
        assert "strength" not in str(app.screen.query_one("#today-status", Label).render())


async def test_enter_and_a_number_typed_fast_answer_how_stiff(
    make_app: Callable[..., SuppleApp], store: Store
) -> None:
    """Keys typed ahead reach the question they open (what a served tab sends at once)."""
    app = make_app(ask_stiffness=None)
    async with app.run_test() as pilot:
        await pilot.press("enter", "5")
        await pilot.pause()
        await saved(app)
        (session,) = store.sessions()
        assert session["stiffness_before"] == 5
