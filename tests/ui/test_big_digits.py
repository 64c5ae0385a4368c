"""Big digits: the largest font that fits the room, taller than Textual's three rows when it can."""

from __future__ import annotations

import pytest

from tui.widgets.big_digits import LARGE, SMALL, best_fit, draw, render_size


@pytest.mark.parametrize(
    ("width", "height", "rows"),
    [(76, 5, 5), (76, 9, 8), (150, 26, 25), (20, 30, 5), (40, 3, 3)],
)
def test_the_tallest_drawing_that_fits_is_chosen(width: int, height: int, rows: int) -> None:
    lines = draw("45", width, height)
    assert len(lines) == height and all(len(line) == width for line in lines)
    inked = [line for line in lines if line.strip()]
    assert len(inked) == rows
    fit = best_fit("45", width, height)
    assert fit is not None
    assert render_size("45", *fit) <= (width, height)


def test_more_rows_than_textuals_digits_when_there_is_room() -> None:
    assert len([line for line in draw("20", 80, 6) if line.strip()]) == 5
    assert best_fit("20", 80, 7) == (LARGE, 2)
    assert best_fit("20", 80, 3) == (SMALL, 1)


def test_too_small_for_any_font_falls_back_to_plain_text() -> None:
    assert draw("1:05", 10, 2) == ("   1:05   ", "          ")


def test_minutes_keep_their_colon() -> None:
    lines = draw("1:05", 60, 8)
    assert any("█" in line for line in lines)
    width = render_size("1:05", *best_fit("1:05", 60, 8))[0]  # type: ignore[misc]
    assert width <= 60
