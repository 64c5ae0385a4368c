"""The flow's footer keeps every key whole at 80 columns, paused or muted or both (help pauses
the flow, and "space Resume" once cut "^q Quit" to "^q Qui"); at 100 nothing is shortened."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.ui.visible import visible_lines
from tui.app import SuppleApp
from tui.screens.help import HelpScreen

AppFactory = Callable[..., SuppleApp]

# Every item the running flow's footer can show, whole.
FLOW_ITEMS = {
    "space Pause",
    "space Resume",
    "n Skip",
    "b Back",
    "+ +5s",
    "- −5s",
    "m Mute",
    "m Unmute",
    "q Leave",
    "^q Quit",
    "? Help",
    "^p palette",
    "^p",
    "1-4 Screens",
}


def footer(app: SuppleApp) -> str:
    return visible_lines(app)[-1]


def items(line: str) -> list[str]:
    """The footer's items: a key, a space and its word, two spaces or a bar between items."""
    words = line.replace("▏", "  ").split()
    found, index = [], 0
    while index < len(words):
        pair = " ".join(words[index : index + 2])
        if pair in FLOW_ITEMS:
            found.append(pair)
            index += 2
        else:
            found.append(words[index])
            index += 1
    return found


async def flow_in(pilot: Pilot[None], keys: tuple[str, ...]) -> None:
    await pilot.press("enter", *keys)
    await pilot.pause()


@pytest.mark.parametrize(
    "keys, toggles",
    [
        ((), ("space Pause", "m Mute")),
        (("space",), ("space Resume", "m Mute")),
        (("m",), ("space Pause", "m Unmute")),
        (("space", "m"), ("space Resume", "m Unmute")),
    ],
    ids=["running", "paused", "muted", "paused-and-muted"],
)
async def test_every_flow_key_is_whole_at_80_columns(
    make_app: AppFactory, keys: tuple[str, ...], toggles: tuple[str, str]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await flow_in(pilot, keys)
        shown = items(footer(app))
        assert set(shown) <= FLOW_ITEMS, shown  # nothing cut ("^q Qui")
        for item in (*toggles, "n Skip", "b Back", "+ +5s", "- −5s", "q Leave", "^q Quit"):
            assert item in shown, (item, shown)
        assert "? Help" in shown
        # The palette's key may lose its word to make room; never the key itself.
        assert "^p" in shown or "^p palette" in shown


async def test_the_footer_under_help_is_whole_and_refits_on_resize(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await flow_in(pilot, ("m",))
        await pilot.press("question_mark")  # help pauses the flow: the footer says Resume
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("space")  # paused again, by hand, to read the footer uncovered
        await pilot.pause()
        wide = items(footer(app))
        assert "space Resume" in wide and "m Unmute" in wide and "^p palette" in wide
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        narrow = items(footer(app))
        assert set(narrow) <= FLOW_ITEMS and "^q Quit" in narrow and "q Leave" in narrow
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert items(footer(app)) == wide


@pytest.mark.parametrize("keys", [(), ("space", "m")], ids=["running", "paused-and-muted"])
async def test_at_100_columns_no_key_is_shortened_or_left_out(
    make_app: AppFactory, keys: tuple[str, ...]
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await flow_in(pilot, keys)
        shown = items(footer(app))
        # The flow's nine keys, help and the palette's, and the way to the other screens.
        assert len(shown) == 11 and "^p palette" in shown and "1-4 Screens" in shown, shown


async def test_a_40_column_footer_leaves_keys_out_whole_and_keeps_quit(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await flow_in(pilot, ("space", "m"))
        shown = items(footer(app))
        assert set(shown) <= FLOW_ITEMS, shown
        assert "space Resume" in shown and "^q Quit" in shown and "? Help" in shown
