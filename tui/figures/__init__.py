"""The stretch figures: text drawings shipped beside this module, read once, mirrored on demand.

Each drawing is a file `<pose>.<size>.txt` (drawn by docs/draw_figures.py): rows of block
characters, the last row the floor. A drawing faces the person's right side
(tui/domain/figures.py); `mirror` turns it to face the left.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from tui.domain.figures import POSES, Pose

SIZES = ("large", "small")
FLOOR = "▔"

# Every character a drawing may use, and its mirror image. A character missing here fails
# the tests, so a redrawn figure can never be mirrored wrongly by accident.
_MIRRORED_PAIRS = (
    ("▘", "▝"),
    ("▖", "▗"),
    ("▌", "▐"),
    ("▛", "▜"),
    ("▙", "▟"),
    ("▚", "▞"),
    ("▏", "▕"),
    ("╱", "╲"),
    ("/", "\\"),
    ("(", ")"),
    ("<", ">"),
    ("[", "]"),
    ("╭", "╮"),
    ("╰", "╯"),
    ("┌", "┐"),
    ("└", "┘"),
    ("├", "┤"),
)
_SYMMETRIC = " █▀▄▔▁─│━┃"

MIRROR: dict[str, str] = {c: c for c in _SYMMETRIC}
for _a, _b in _MIRRORED_PAIRS:
    MIRROR[_a], MIRROR[_b] = _b, _a


def _mirror_braille(char: str) -> str:
    """A braille cell with its two dot columns swapped (dots 1-2-3-7 ↔ 4-5-6-8)."""
    bits = ord(char) - 0x2800
    left = bits & 0x07, bits >> 6 & 1
    right = bits >> 3 & 0x07, bits >> 7 & 1
    return chr(0x2800 + (right[0] | left[0] << 3 | right[1] << 6 | left[1] << 7))


def mirror_char(char: str) -> str:
    """The character as seen in a mirror; KeyError for one a drawing may not use."""
    if "\u2800" <= char <= "\u28ff":
        return _mirror_braille(char)
    return MIRROR[char]


def mirror(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The drawing flipped left to right, every row padded to the widest first."""
    width = max((len(line) for line in lines), default=0)
    flipped = ("".join(mirror_char(c) for c in reversed(line.ljust(width))) for line in lines)
    return tuple(line.rstrip() for line in flipped)


@cache
def drawing(name: str, size: str) -> tuple[str, ...]:
    """The rows of one drawing file, read from the package the first time it is asked for."""
    if size not in SIZES:
        raise ValueError(f"no figure size {size!r}")
    text = resources.files(__package__).joinpath(f"{name}.{size}.txt").read_text("utf-8")
    return tuple(line.rstrip() for line in text.splitlines())


@cache
def rows(pose: Pose, size: str) -> tuple[str, ...]:
    """The rows a moment shows: the drawing, mirrored when the pose says so."""
    lines = drawing(pose.name, size)
    return mirror(lines) if pose.mirrored else lines


@cache
def box(size: str) -> tuple[int, int]:
    """Columns and rows enough for any drawing of that size, so a figure's space stays the
    same from one stretch to the next."""
    every = [drawing(name, size) for names in POSES.values() for name in names]
    return max(len(line) for lines in every for line in lines), max(len(lines) for lines in every)


__all__ = ["FLOOR", "MIRROR", "SIZES", "box", "drawing", "mirror", "mirror_char", "rows"]
