"""A progress bar that moves in eighths of a cell, redrawn only when that position changes."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

# Left-aligned block elements: one to seven eighths of a cell.
_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")


def bar_text(fraction: float, width: int) -> str:
    """The bar as text: full blocks, one partial block, then spaces; always `width` long."""
    width = max(0, width)
    eighths = round(min(1.0, max(0.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + _EIGHTHS[part]
    return text + " " * (width - len(text))


class SmoothBar(Widget):
    """Its `color` draws the bar and its `background` the track, so themes style it in CSS."""

    DEFAULT_CSS = """
    SmoothBar {
        height: 1;
        color: $accent;
        background: $boost;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._fraction = 0.0
        self._drawn: tuple[int, int] | None = None

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_fraction(self, fraction: float) -> None:
        """Move the bar; a redraw happens only if a different eighth of a cell would show."""
        self._fraction = fraction
        width = self.content_size.width
        position = (round(min(1.0, max(0.0, fraction)) * width * 8), width)
        if position != self._drawn:
            self.refresh()

    def render_line(self, y: int) -> Strip:
        # One plain segment per line, straight to the compositor: this runs several times a
        # second during every hold, so it skips the text-to-visual steps of render().
        width = self.content_size.width
        self._drawn = (round(min(1.0, max(0.0, self._fraction)) * width * 8), width)
        return Strip([Segment(bar_text(self._fraction, width), self.rich_style)], width)


class BreathBar(SmoothBar):
    """The cat–cow pacer: fills while breathing in, empties while breathing out."""

    DEFAULT_CSS = """
    BreathBar {
        height: 2;
        color: $success;
        background: $boost;
    }
    """
