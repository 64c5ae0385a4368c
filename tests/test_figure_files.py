"""The figure files shipped in the package: all there, the sizes promised, mirrorable."""

from __future__ import annotations

import pytest

from tui import figures
from tui.domain.figures import POSES, Pose

DRAWINGS = sorted({name for names in POSES.values() for name in names})


@pytest.mark.parametrize("size", figures.SIZES)
@pytest.mark.parametrize("name", DRAWINGS)
def test_each_drawing_has_a_file_of_each_size_standing_on_a_floor(name: str, size: str) -> None:
    lines = figures.drawing(name, size)
    assert set(lines[-1].strip()) == {figures.FLOOR}
    body = lines[:-1]
    assert all(line.strip() for line in (body[0], body[-1]))  # no blank rows around it
    tall = len(lines)
    if size == "large":
        assert 8 <= tall <= 16
    else:
        assert 4 <= tall <= 6
    assert max(len(line) for line in lines) <= figures.box(size)[0]


@pytest.mark.parametrize("size", figures.SIZES)
@pytest.mark.parametrize("name", DRAWINGS)
def test_every_character_of_every_drawing_has_a_mirror_image(name: str, size: str) -> None:
    lines = figures.drawing(name, size)
    for char in set("".join(lines)):
        figures.mirror_char(char)  # KeyError for a character nobody said how to mirror
    assert figures.mirror(figures.mirror(lines)) == lines


def test_mirroring_flips_the_rows_and_the_characters_that_point_a_way() -> None:
    assert figures.mirror(("▗▄▌", "█▙", "╱▘")) == ("▐▄▖", " ▟█", " ▝╲")


def test_mirroring_swaps_the_dot_columns_of_braille() -> None:
    assert figures.mirror_char("⠁") == "⠈"  # dot 1 → dot 4
    assert figures.mirror_char("⡀") == "⢀"  # dot 7 → dot 8
    assert figures.mirror_char("⣇") == "⣸"  # 1 2 3 7 8 → 4 5 6 8 7
    assert figures.mirror_char("⣿") == "⣿"


def test_the_left_side_is_the_mirror_of_the_right() -> None:
    right = figures.rows(Pose("low-lunge"), "large")
    left = figures.rows(Pose("low-lunge", mirrored=True), "large")
    assert left == figures.mirror(right) != right


def test_files_are_read_once() -> None:
    assert figures.drawing("cat", "small") is figures.drawing("cat", "small")


def test_an_unknown_size_is_a_caller_bug() -> None:
    with pytest.raises(ValueError):
        figures.drawing("cat", "huge")
