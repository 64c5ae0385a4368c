"""After a dose edit the editor's table keeps its full width (issue 10, item 5)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.ui.test_editor_screen import fill
from tests.ui.visible import visible_lines
from tui.app import SuppleApp
from tui.screens.editor import EditorScreen
from tui.screens.stretch_form import StretchForm

AppFactory = Callable[..., SuppleApp]

ROWS = [
    ("1", "Knee to chest", "20 s each side", "0:50"),
    ("2", "Seated spinal twist", "35 s each side", "1:20"),
    ("3", "Cat–cow", "6 reps · 4 s in / 4 s out", "0:53"),
    ("4", "Low lunge", "30 s each side", "1:10"),
    ("5", "Seated hamstring stretch", "30 s each side", "1:10"),
]


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_every_row_shows_whole_after_a_dose_edit(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(app.screen, StretchForm)
        await fill(pilot, "#hold_s-input", "35")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        lines = visible_lines(app)
        for number, name, dose, time in ROWS:
            (line,) = [line for line in lines if line.strip().startswith(f"{number}  ")]
            assert name in line and dose in line and time in line, line
