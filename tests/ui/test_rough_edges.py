"""What a new user met (issue 27), done again as they did it, in the app through Pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Button, Label

from tests.conftest import FIXED_NOW, build_app
from tests.factories import daily_history, write_history
from tests.saving import saved
from tests.ui.visible import visible_text
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.domain.history import HistorySettings, SessionFacts
from tui.screens.confirm import ConfirmScreen
from tui.screens.routine import RoutineScreen
from tui.screens.session_detail import detail_text
from tui.storage.store import Store
from tui.widgets.footer import SuppleFooter


async def test_minus_through_a_hold_keeps_the_plan_and_records_the_cut(
    make_app: Callable[..., SuppleApp], store: Store
) -> None:
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter")
        clock.advance(5.5)  # through the get-ready, into knee to chest's left hold (20 s)
        screen.tick()
        await pilot.press("minus", "minus")
        clock.advance(10)  # the hold, now 10 s, runs out
        screen.tick()
        await pilot.press("q", "y")
        await saved(app)
    (session,) = store.sessions()
    first = session["steps"][0]
    assert (first["planned"], first["done"], first["adjusted_s"]) == (20, 10, -10)
    assert first["status"] == "partial"
    # The session's detail says so beside the step.
    shown = detail_text(session, SessionFacts.from_document(session), HistorySettings()).plain
    assert "10 of 20 s (-10 s)" in shown


async def test_ctrl_q_mid_flow_asks_first_as_q_does(
    make_app: Callable[..., SuppleApp], store: Store
) -> None:
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter")
        clock.advance(8)  # three seconds into the first hold
        screen.tick()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        player = screen.player
        assert player is not None and player.paused  # the hold waits under the question
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen is screen and screen.player is player
        clock.advance(3)  # the resume countdown
        screen.tick()
        assert not player.paused and player.phase.kind.value == "hold"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    (session,) = store.sessions()
    assert session["completed"] is False and session["steps"][0]["done"] == 3


async def test_the_palette_over_a_hold_lets_it_go_on_as_help_does(
    make_app: Callable[..., SuppleApp],
) -> None:
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter")
        clock.advance(8)
        screen.tick()
        player = screen.player
        assert player is not None
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette) and player.paused
        await pilot.press("escape")
        await pilot.pause()
        clock.advance(3)  # the resume countdown, as after help
        screen.tick()
        assert app.screen is screen and not player.paused
        # A command that opens another screen leaves the flow paused there, as `2` does.
        await pilot.press("ctrl+p", *"open history")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "history"
        await pilot.press("1")
        await pilot.pause()
        clock.advance(10)
        screen.tick()
        assert app.screen is screen and player.paused


async def test_a_question_shows_its_keys_and_the_arrows_move_between_its_answers(
    make_app: Callable[..., SuppleApp], store: Store
) -> None:
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter")
        clock.advance(8)
        screen.tick()
        await pilot.press("q")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        # Its own footer, over the flow's (whose keys do nothing now), names y and n; each
        # answer says its key.
        footer = question.query_one(SuppleFooter)
        left, _right = footer.items()
        assert [(item.key, item.description) for item in left][:2] == [("y", "Yes"), ("n", "No")]
        labels = [str(button.label) for button in question.query(Button)]
        assert labels == ["Leave (y)", "Stay (n)"]
        assert app.focused is not None and app.focused.id == "confirm-no"
        await pilot.press("left")
        assert app.focused is not None and app.focused.id == "confirm-yes"
        await pilot.press("right", "left", "enter")
        await pilot.pause()
        assert screen.view_name == "summary"
        await saved(app)
    (session,) = store.sessions()
    assert session["completed"] is False


async def test_a_week_past_its_goal_says_the_goal_is_met(tmp_path: Path) -> None:
    # Issue 27 item 11: "This week 3 of 2 days" read as a slip.
    db = tmp_path / "supple.json"
    monday = FIXED_NOW.date() - timedelta(days=3)
    write_history(db, daily_history(monday + timedelta(days=2), 3), settings={"weekly_goal": 2})
    app = build_app(Store.open(db))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "3 days · goal 2 met" in visible_text(app)
        await pilot.press("2")
        await pilot.pause()
        text = visible_text(app)
        assert "This week      3 days · goal 2 met" in text and "3 of 2" not in text


async def test_a_rated_practice_run_is_said_not_charted(
    make_app: Callable[..., SuppleApp], store: Store
) -> None:
    # Issue 27 item 16: the README's 20× trial, rated before and after, then history said
    # "No ratings yet".
    app = make_app(speed=20, ask_stiffness=None)
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter", "6")  # how stiff before: 6
        clock.advance(60)  # twenty minutes of flow at 20×: the whole flow
        screen.tick()
        await pilot.pause()
        await pilot.press("3")  # after: 3
        await pilot.pause()
        assert screen.view_name == "summary"
        await saved(app)
        await pilot.press("enter", "2")
        await pilot.pause()
        summary = str(app.screen.query_one("#stiffness-summary", Label).render())
        assert (
            summary == "No ratings charted yet: practice runs (at another speed) are not charted."
        )
    (session,) = store.sessions()
    assert (session["stiffness_before"], session["stiffness_after"], session["speed"]) == (6, 3, 20)
