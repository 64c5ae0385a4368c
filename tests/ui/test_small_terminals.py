"""Every screen at 40×12, resizing during a hold, and keys held down: usable, never stuck."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Label

from tests.factories import daily_history, write_history
from tests.ui.visible import visible_text
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.domain.plan import PhaseKind
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store
from tui.widgets.big_digits import BigDigits

AppFactory = Callable[..., SuppleApp]
SMALL = (40, 12)


def flat(app: SuppleApp) -> str:
    """The screen's words on one line without box borders, so a wrapped sentence reads whole."""
    return " ".join(visible_text(app).replace("│", " ").split())


def routine_of(app: SuppleApp) -> RoutineScreen:
    assert isinstance(app.screen, RoutineScreen)
    return app.screen


def advance(app: SuppleApp, seconds: float) -> None:
    clock = app.clock
    assert isinstance(clock, FakeClock)
    clock.advance(seconds)
    routine_of(app).tick()


async def test_home_at_40x12_shows_today_the_safety_note_and_how_to_start(
    make_app: AppFactory, store: Store
) -> None:
    write_history(store.path, daily_history(date(2026, 11, 25), 12))
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()  # the first frame, the streak line in it
        text = flat(app)
        assert "Not stretched yet today · 12-day streak" in text
        assert "Knee to chest" in text and "20 s each side" in text
        assert "not medical advice" in text
        assert "Press enter to begin." in text
        assert "Start" in text and "Help" in text  # the footer keeps both in view


async def test_a_hold_at_40x12_counts_down_in_one_line_digits(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        advance(app, 5 + 7.5)
        await pilot.pause()
        screen = routine_of(app)
        assert not screen.query_one("#flow-digits", BigDigits).display
        small = screen.query_one("#flow-digits-small", Label)
        assert small.display and str(small.render()) == "13"
        text = flat(app)
        assert "Knee to chest · left side" in text
        assert "stretch 1 of 5" in text
        assert "Hold · left side" in text
        assert "Pause" in text


async def test_the_summary_at_40x12(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        advance(app, 313)
        await pilot.pause()
        text = flat(app)
        assert "Flow complete" in text
        assert "Time held" in text and "9 done" in text
        assert "Done" in text


async def test_history_at_40x12(make_app: AppFactory, store: Store) -> None:
    write_history(store.path, daily_history(date(2026, 11, 25), 30))
    app = make_app(mode="history")
    async with app.run_test(size=SMALL) as pilot:
        assert "Current streak 30 days" in flat(app)
        await pilot.press("up")  # a calendar key scrolls the calendar into view
        await pilot.pause()
        text = flat(app)
        assert "Wed 25 Nov: done" in text
        assert "Mark done" in text


async def test_editor_at_40x12(make_app: AppFactory) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SMALL) as pilot:
        # Each step's dose whole under its name (a table wider than 40 columns cut it), the
        # later steps a key away.
        text = flat(app)
        for name, dose in (("Knee to chest", "20 s each side"), ("Seated spinal twist", "30 s")):
            assert f"{name} " in text and dose in text
        assert "Edit" in text
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert "4 Low lunge 1:10 on" in flat(app)


async def test_settings_at_40x12(make_app: AppFactory) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SMALL):
        text = flat(app)
        for words in ("Weekly goal every day", "Week starts on Monday", "Theme textual-dark"):
            assert words in text


async def test_a_form_at_40x12_shows_its_field_and_its_error(make_app: AppFactory) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter", "backspace", "9", "enter")
        assert "Weekly goal: a whole number of days" in flat(app)


async def test_resizing_during_a_hold_keeps_time_and_never_stalls(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        advance(app, 5 + 3)
        for size in ((40, 12), (160, 50), (20, 6), (41, 13), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            advance(app, 1)
            await pilot.pause()
        player = routine_of(app).player
        assert player is not None and player.phase.kind is PhaseKind.HOLD
        assert player.remaining() == 12  # 20 s hold, 8 s gone: resizing took none of it
        assert app.screen.query_one("#flow-digits", BigDigits).value == "12"
        advance(app, 12)
        assert player.phase.kind is PhaseKind.SWITCH


async def press_many(pilot: Pilot[None], key: str, times: int) -> None:
    """A key held down: the terminal repeats it faster than anyone types."""
    await pilot.press(*[key] * times)


async def test_keys_held_down_never_stall_the_flow(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await press_many(pilot, "plus", 40)
        player = routine_of(app).player
        assert player is not None
        await press_many(pilot, "minus", 60)
        await press_many(pilot, "space", 41)
        assert player.paused
        await press_many(pilot, "b", 20)
        await press_many(pilot, "question_mark", 10)  # help opens and closes
        await press_many(pilot, "n", 60)
        await pilot.pause()
        screen = routine_of(app)
        assert screen.view_name == "summary"
        assert "Flow complete" in flat(app) or "left early" in flat(app)
        await press_many(pilot, "n", 10)  # nothing to skip on the summary
        assert screen.view_name == "summary"
    # The app has closed its writer, which waits for the last write.
    (session,) = store.sessions()
    assert session["ended_at"] is not None


async def test_a_narrow_tall_screen_lists_every_step_of_the_flow(
    make_app: Callable[..., SuppleApp],
) -> None:
    """43×40, a phone in portrait (`supple serve`): each dose goes under its name, and the
    list grows to hold them all instead of keeping the height of the one-line layout."""
    app = make_app()
    async with app.run_test(size=(43, 40)) as pilot:
        await pilot.pause()
        text = flat(app)
        for name in ("Knee to chest", "Seated spinal twist", "Cat–cow", "Low lunge", "hamstring"):
            assert name in text
        assert "20 s each side" in text
