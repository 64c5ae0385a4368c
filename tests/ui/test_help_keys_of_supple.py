"""Help shows the keys a person of Supple uses, its close hint always in view, and the
palette's "Help" closes with escape (issue 10, item 11; issue 27 item 15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.ui.test_palette import run_command
from tests.ui.visible import visible_text
from tui.app import SuppleApp
from tui.screens.help import HelpScreen

AppFactory = Callable[..., SuppleApp]
NOISE = ("Copy selected text", "Page Left", "Page Right", "Cursor left", "Cursor right", "Focus")


def help_words(app: SuppleApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    return " ".join(visible_text(app).replace("│", " ").split())


@pytest.mark.parametrize("mode", ["routine", "history", "editor", "settings"])
async def test_help_leaves_textual_s_noise_out(make_app: AppFactory, mode: str) -> None:
    app = make_app(mode=mode)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        words = help_words(app)
        for noise in NOISE:
            assert noise not in words, (mode, noise)
        assert "Open the command palette" in words
        if mode in ("editor", "settings"):
            assert "Up or down the list" in words
        if mode == "history":
            assert "Previous week" in words  # the calendar's own keys stay
            assert "To the next or the previous part of the screen" in words


async def test_the_close_hint_shows_at_100x30_over_the_running_flow(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "question_mark")
        words = help_words(app)
        assert "Keys · Running flow" in words
        assert "escape or ? closes this" in words
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_palette_s_help_is_supple_s_help_and_escape_closes_it(
    make_app: AppFactory,
) -> None:
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        await run_command(pilot, "Help")
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel")
