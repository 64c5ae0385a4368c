"""Help (`?`) driven with Pilot: it lists the keys of the screen beneath and what streaks mean."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from textual.binding import Binding

from tests.ui.visible import visible_text
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.screens.help import TEXTUAL_KEY_WORDS, HelpScreen, declared_by_textual
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]
SIZE = (90, 60)


def help_text(app: SuppleApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    return visible_text(app)


def flat(text: str) -> str:
    """The text as one line without the box's borders, so a wrapped line reads whole."""
    return " ".join(text.replace("│", " ").split())


async def test_help_on_home_lists_its_keys_the_screens_and_what_a_streak_is(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        text = help_text(app)
        assert "Keys · Routine" in text
        assert "Start today's flow" in text
        assert "Mute the cues" in text
        for keys, screen in (("1 r", "Routine"), ("2 h", "History"), ("3 e", "Editor")):
            assert f"{keys}  {screen}" in text
        assert "4 s  Settings" in text
        assert "^q" in text and "Open the command palette" in text
        assert "A streak counts the days in a row" in flat(text)
        assert "Your weekly goal is every day; weeks start on Monday" in text
        await pilot.press("escape")
        assert isinstance(app.screen, RoutineScreen)


async def test_help_names_the_persons_own_goal_and_week(make_app: AppFactory, store: Store) -> None:
    store.save_settings({"weekly_goal": 5, "week_starts_on": 6, "day_starts_at": 4})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        text = flat(help_text(app))
        assert "Your weekly goal is 5 days a week; weeks start on Sunday" in text
        assert "Your day starts at 4:00" in text


async def test_help_during_the_flow_lists_the_flow_keys_and_the_hold_waits(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "n")
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.player is not None
        clock = app.clock
        assert isinstance(clock, FakeClock)
        clock.advance(4)
        await pilot.press("question_mark")
        text = help_text(app)
        assert "Keys · Running flow" in text
        for words in (
            "Pause the flow",
            "Skip to the next phase",
            "Back to the start of this stretch",
            "Hold this side 5 s longer",
            "Hold this side 5 s less",
            "Leave the flow",
        ):
            assert words in text
        assert "Start today's flow" not in text  # only the keys that work now
        assert screen.player.paused
        clock.advance(60)  # reading help takes no time off the hold
        await pilot.press("question_mark")
        assert app.screen is screen
        assert screen.player.remaining() == 16
        assert "Resuming in 3" in visible_text(app)


@pytest.mark.parametrize("mode", ["routine", "history", "editor", "settings"])
async def test_every_key_of_every_screen_has_words_in_help(make_app: AppFactory, mode: str) -> None:
    app = make_app(mode=mode)
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.pause()
        active = app.screen.active_bindings
        await pilot.press("question_mark")
        text = flat(help_text(app))
        for node, binding, _enabled, _tooltip in active.values():
            if binding.system:
                continue
            assert binding.description, f"{binding.key} on {mode} has no description"
            display = app.get_key_display(Binding(binding.key, binding.action))
            words = binding.tooltip or binding.description
            if binding.id is None and declared_by_textual(node, binding.action):
                # Textual's own keys: the few a person here uses, in Supple's words.
                plain = binding.action.rsplit(".", 1)[-1]
                if plain not in TEXTUAL_KEY_WORDS or plain.startswith("focus_"):
                    continue
                words = TEXTUAL_KEY_WORDS[plain]
            # Keys of one action share a line: "n →  Skip to the next phase".
            assert re.search(rf"{re.escape(display)}( \S+)* {re.escape(words)}", text), (
                f"{display} {words!r} missing from help on {mode}"
            )


async def test_a_binding_added_later_shows_up_in_help_without_an_edit(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.bind("f9", "bell", description="Ring the bell")
        await pilot.press("question_mark")
        assert any("f9" in line and "Ring the bell" in line for line in help_text(app).split("\n"))
