"""Digits as large as the room allows: a block font scaled to fit, readable from across a room."""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

# Two pixel fonts, '#' for ink. Each pixel is drawn `scale` columns wide and `scale` half-rows
# tall (▀ ▄ █), so it is square on a terminal whose cells are twice as tall as wide.
SMALL: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
LARGE: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "1": ("..#..", ".##..", "#.#..", "..#..", "..#..", "..#..", "#####"),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    ":": (".", "#", "#", ".", "#", "#", "."),
}
FONTS: tuple[dict[str, tuple[str, ...]], ...] = (SMALL, LARGE)
MAX_SCALE = 12


def pixels(text: str, font: dict[str, tuple[str, ...]]) -> list[str]:
    """`text` as rows of pixels ('#' ink, '.' paper), one blank pixel between characters."""
    glyphs = [font[c] for c in text if c in font]
    if not glyphs:
        return []
    return [".".join(glyph[row] for glyph in glyphs) for row in range(len(glyphs[0]))]


def render_size(text: str, font: dict[str, tuple[str, ...]], scale: int) -> tuple[int, int]:
    """(columns, rows) that `text` takes in `font` at `scale`."""
    rows = pixels(text, font)
    if not rows:
        return 0, 0
    return len(rows[0]) * scale, -(-len(rows) * scale // 2)


def best_fit(text: str, width: int, height: int) -> tuple[dict[str, tuple[str, ...]], int] | None:
    """The font and scale that draw `text` tallest within width × height; on a tie the finer
    font. None when not even the small font fits."""
    best: tuple[int, int, dict[str, tuple[str, ...]], int] | None = None
    for rank, font in enumerate(FONTS):
        for scale in range(1, MAX_SCALE + 1):
            columns, rows = render_size(text, font, scale)
            if columns > width or rows > height:
                break
            if best is None or (rows, rank) > best[:2]:
                best = (rows, rank, font, scale)
    return None if best is None else (best[2], best[3])


@lru_cache(maxsize=64)
def draw(text: str, width: int, height: int) -> tuple[str, ...]:
    """`text` drawn as large as fits in width × height, centred; plain text if nothing fits."""
    fit = best_fit(text, width, height)
    if fit is None:
        lines = [text[:width]] if height else []
    else:
        font, scale = fit
        grid = ["".join(c * scale for c in row) for row in pixels(text, font) for _ in range(scale)]
        if len(grid) % 2:
            grid.append("." * len(grid[0]))
        lines = [
            "".join(_HALVES[top, bottom] for top, bottom in zip(upper, lower, strict=True))
            for upper, lower in zip(grid[::2], grid[1::2], strict=True)
        ]
    top = (height - len(lines)) // 2
    out = [""] * top + lines
    out += [""] * (height - len(out))
    return tuple(line.center(width) if line else " " * width for line in out)


_HALVES = {("#", "#"): "█", ("#", "."): "▀", (".", "#"): "▄", (".", "."): " "}


class BigDigits(Widget):
    """A number or a m:ss time, filling its box; its `color` draws it, so CSS themes it."""

    DEFAULT_CSS = """
    BigDigits {
        height: 1fr;
        min-height: 1;
        width: 100%;
    }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = value

    @property
    def value(self) -> str:
        """What it shows, as text (as Textual's `Digits.value`)."""
        return self._text

    def update(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def render_line(self, y: int) -> Strip:
        size = self.content_size
        lines = draw(self._text, size.width, size.height)
        line = lines[y] if 0 <= y < len(lines) else " " * size.width
        return Strip([Segment(line, self.rich_style)], size.width)
