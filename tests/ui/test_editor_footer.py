"""The editor's footer fits 80 columns whole; the rarer keys are in help (issue 10, item 10)."""

from __future__ import annotations

from collections.abc import Callable

from tests.ui.visible import visible_lines, visible_text
from tui.app import SuppleApp
from tui.screens.help import HelpScreen

FOOTER_ITEMS = (
    "⏎ Edit",
    "space On/off",
    "⇧↑↓ Move",
    "a Add",
    "d Delete",
    "u Undo",
    "^q Quit",
    "? Help",
    "^p palette",
)


async def test_the_editor_footer_fits_80_columns_and_help_has_the_rest(
    make_app: Callable[..., SuppleApp],
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = visible_lines(app)[-1]
        for item in FOOTER_ITEMS:
            assert item in footer, (item, footer)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(visible_text(app).replace("│", " ").split())
        for words in ("Get-ready and switch-sides pauses", "Copy the step", "Reset to the default"):
            assert words in text
