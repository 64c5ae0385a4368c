"""The settings screen driven with Pilot: checked values saved, bad ones shown and never stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Label

from tests.conftest import build_app
from tests.saving import saved
from tests.ui.visible import visible_text
from tui.app import SuppleApp
from tui.screens.editor import EditorScreen
from tui.screens.history import HistoryScreen
from tui.screens.settings import ROWS, NumberForm, SettingsScreen, SettingsTable, WeekdayPicker
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]
SIZE = (100, 30)


def value_shown(app: SuppleApp, key: str) -> str:
    table = app.screen.query_one(SettingsTable)
    return table.get_cell(key, "value").plain


async def open_row(pilot: Pilot[None], key: str) -> None:
    """Move the cursor to `key`'s row and press enter, as a person would."""
    for _ in range(ROWS.index(key)):
        await pilot.press("down")
    await pilot.press("enter")


async def type_value(pilot: Pilot[None], text: str) -> None:
    """Type over what the form's field holds."""
    field = pilot.app.screen.query_one(Input)
    field.select_all()
    await pilot.press(*(text or ["backspace"]))
    assert field.value == text


async def test_a_bad_weekly_goal_shows_its_error_and_is_not_stored(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SettingsScreen)
        assert value_shown(app, "weekly_goal") == "every day"
        await open_row(pilot, "weekly_goal")
        assert isinstance(app.screen, NumberForm)
        for bad in ("9", "0", "five", ""):
            await type_value(pilot, bad)
            await pilot.press("enter")
            assert isinstance(app.screen, NumberForm)  # the form stays open
            error = app.screen.query_one("#weekly_goal-error", Label)
            assert error.display
            assert "Weekly goal: a whole number of days from 1 to 7" in str(error.render())
        await saved(app)
        assert "weekly_goal" not in store.settings()
        await pilot.press("escape")
        assert value_shown(app, "weekly_goal") == "every day"


async def test_a_good_weekly_goal_is_saved_and_the_history_counts_with_it(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "weekly_goal")
        await type_value(pilot, "5")
        await pilot.press("enter")
        assert isinstance(app.screen, SettingsScreen)
        assert value_shown(app, "weekly_goal") == "5 of 7 days"
        assert "Weekly goal: 5 of 7 days · saved" in visible_text(app)
        await pilot.press("2")
        assert isinstance(app.screen, HistoryScreen)
        assert "0 of 5 days" in str(app.screen.query_one("#week-label", Label).render())
    assert store.history_settings().weekly_goal == 5


async def test_the_day_start_hour_is_checked_and_saved(make_app: AppFactory, store: Store) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "day_starts_at")
        await type_value(pilot, "24")
        await pilot.press("enter")
        assert "from 0 to 23" in str(app.screen.query_one("#day_starts_at-error", Label).render())
        await type_value(pilot, "4")
        await pilot.press("enter")
        assert value_shown(app, "day_starts_at") == "4:00"
        await saved(app)
        assert store.history_settings().day_starts_at == 4


async def test_the_week_start_is_picked_from_the_weekdays(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "week_starts_on")
        assert isinstance(app.screen, WeekdayPicker)
        await pilot.press("end", "enter")
        assert value_shown(app, "week_starts_on") == "Sunday"
        await open_row(pilot, "week_starts_on")
        await pilot.press("up", "escape")  # looked, changed nothing
        assert value_shown(app, "week_starts_on") == "Sunday"
        await saved(app)
        assert store.history_settings().week_starts_on == 6


async def test_pauses_are_checked_saved_in_the_routine_and_seen_by_the_editor(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await open_row(pilot, "ready_s")
        await type_value(pilot, "31")
        await pilot.press("enter")
        error = str(app.screen.query_one("#ready_s-error", Label).render())
        assert "Get ready: a whole number of seconds from 0 to 30" in error
        await saved(app)
        assert store.routine().ready_s == 5
        await type_value(pilot, "10")
        await pilot.press("enter")
        assert value_shown(app, "ready_s") == "10 s"
        await pilot.press("3")
        assert isinstance(app.screen, EditorScreen)
        summary = str(app.screen.query_one("#editor-summary", Label).render())
        assert "get ready 10 s" in summary
        # An edit made now keeps the new pause: the editor took it in.
        await pilot.press("space")
        await pilot.press("1")
    assert store.routine().ready_s == 10
    assert not store.routine().stretches[0].enabled


async def test_one_row_keeps_the_cue_mode_and_m_mutes_only_the_run(
    make_app: AppFactory, store: Store
) -> None:
    # Issue 27 item 14: "Cues" (the mode, "off" included) is the one setting; no "Sound cues".
    assert "muted" not in ROWS
    app = make_app(mode="settings")  # tests start in bell mode
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "cue_mode")
        await pilot.press("down", "enter")  # bell → off
        assert value_shown(app, "cue_mode") == "off"
        await pilot.press("1", "m")  # muted on home: for this run, not kept
        assert app.muted
        await saved(app)
    assert store.settings()["cue_mode"] == "off"
    assert "muted" not in store.settings()


async def test_the_theme_row_opens_the_theme_list_and_the_choice_is_remembered(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "theme")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"textual-light")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "textual-light"
        assert value_shown(app, "theme") == "textual-light"
    assert store.settings()["theme"] == "textual-light"
    again = build_app(store)
    async with again.run_test(size=SIZE):
        assert again.theme == "textual-light"
        assert not again.current_theme.dark


async def test_a_theme_this_textual_does_not_know_is_ignored(store: Store) -> None:
    store.save_settings({"theme": "no-such-theme"})
    app = build_app(store)
    async with app.run_test(size=SIZE):
        assert app.theme == "textual-dark"
    assert store.settings()["theme"] == "no-such-theme"  # left for a Textual that knows it


async def test_when_to_ask_how_stiff_is_picked_and_the_next_run_follows_it(
    store: Store,
) -> None:
    from tui.screens.settings import ChoicePicker
    from tui.screens.stiffness import StiffnessScreen

    app = build_app(store, mode="settings", ask_stiffness=None)
    async with app.run_test(size=SIZE) as pilot:
        assert value_shown(app, "stiffness") == "before and after"
        await open_row(pilot, "stiffness")
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("down", "enter")
        assert value_shown(app, "stiffness") == "after only"
        await pilot.press("1", "enter")  # to the routine: the flow starts without asking
        assert not isinstance(app.screen, StiffnessScreen)
        await saved(app)
        assert store.settings()["stiffness"] == "after"


async def test_the_cue_mode_is_chosen_from_a_list_and_kept(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="settings")  # tests start in bell mode
    async with app.run_test(size=SIZE) as pilot:
        assert value_shown(app, "cue_mode") == "bell"
        await open_row(pilot, "cue_mode")
        await pilot.press("down", "enter")  # bell → off
        await pilot.pause()
        assert value_shown(app, "cue_mode") == "off" and app.cue_output.mode == "off"
        status = str(app.screen.query_one("#settings-status", Label).render())
        assert "Cues: off · saved" in status
        await saved(app)
    assert store.settings()["cue_mode"] == "off"


async def test_a_mode_this_computer_cannot_play_says_what_it_falls_back_to(
    make_app: AppFactory, store: Store, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("PATH", "")  # no speech program, no sound player
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "cue_mode")
        assert "(missing here)" in visible_text(app)
        await pilot.press("up", "up", "enter")  # bell → tones → voice
        await pilot.pause()
        status = str(app.screen.query_one("#settings-status", Label).render())
        assert "no speech program" in status.lower() and "bell instead" in status
        assert value_shown(app, "cue_mode") == "bell"
        await saved(app)
    # What the person chose is kept: on a computer with espeak-ng it will speak.
    assert store.settings()["cue_mode"] == "voice"


async def test_try_it_plays_each_cue_even_when_muted(make_app: AppFactory) -> None:
    app = make_app(mode="settings")
    rings: list[str] = []
    app.bell = lambda: rings.append("ding")  # type: ignore[method-assign]
    app.muted = app.cue_output.muted = True
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "try_cues")
        assert rings == ["ding"]  # the first at once, the others a moment apart
        status = str(app.screen.query_one("#settings-status", Label).render())
        assert "Playing each cue (bell)" in status


async def test_the_playing_line_goes_once_the_cues_have_played(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 27 item 7: "Playing each cue … 16 s in all" stayed after the last cue.
    app = make_app(mode="settings")
    rings: list[str] = []
    app.bell = lambda: rings.append("ding")  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        # The screen's timers, run here in their order instead of waited for.
        timers: list[tuple[float, Callable[[], object]]] = []
        monkeypatch.setattr(screen, "set_timer", lambda *timer: timers.append(timer))
        await open_row(pilot, "try_cues")
        status = screen.query_one("#settings-status", Label)
        for _delay, callback in sorted(timers, key=lambda timer: timer[0]):
            assert "Playing each cue" in str(status.render())
            callback()
        await pilot.pause()
        assert len(rings) == 1 + len(timers) - 1  # every cue rang; the last timer is the end
        assert str(status.render()) == "Played each cue (bell)."


def test_tried_cues_are_spaced_to_be_heard_whole() -> None:
    from tui.cues.output import sample_gap
    from tui.domain.cues import SAMPLE_CUES

    gaps = {cue.words: sample_gap("voice", cue) for cue in SAMPLE_CUES}
    # "Knee to chest, left side. Hold 20 seconds." lasts about 3 s at 180 words a minute
    assert gaps["Knee to chest, left side. Hold 20 seconds."] >= 3.5
    assert gaps["3"] >= 0.8
    assert sample_gap("tones", SAMPLE_CUES[0]) >= 1.0
