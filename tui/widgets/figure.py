"""A stretch's drawn figure: one drawing from tui/figures, in the theme's colours."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui import figures
from tui.domain.figures import Pose


class Figure(Widget):
    """Shows one pose at a size ("large" or "small"), standing on its floor line.

    The widget keeps the size of the largest drawing of its size, so the layout around it
    holds still when the flow moves from one stretch, or one breath, to the next. Its
    `color` draws the figure and the `figure--floor` component the floor.
    """

    COMPONENT_CLASSES = {"figure--floor"}

    DEFAULT_CSS = """
    Figure {
        width: auto;
        height: auto;
        color: $text-primary;
    }
    Figure > .figure--floor {
        color: $text-muted;
    }
    """

    def __init__(
        self, *, size: str = "large", id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._figure_size = size
        self._pose: Pose | None = None

    @property
    def pose(self) -> Pose | None:
        return self._pose

    @property
    def figure_size(self) -> str:
        return self._figure_size

    def show(self, pose: Pose | None) -> None:
        """Draw `pose` (None: nothing); redraws only when it changed."""
        if pose != self._pose:
            self._pose = pose
            self.refresh()

    def set_size(self, size: str) -> None:
        if size not in figures.SIZES:
            raise ValueError(f"no figure size {size!r}")
        if size != self._figure_size:
            self._figure_size = size
            self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return figures.box(self._figure_size)[0]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return figures.box(self._figure_size)[1]

    def render(self) -> Text:
        if self._pose is None:
            return Text()
        columns, height = figures.box(self._figure_size)
        # A figure given more room than its box (width: 100%) is centred in that room.
        columns = max(columns, self.content_size.width)
        lines = figures.rows(self._pose, self._figure_size)
        # Centred across the box and standing on its bottom row, where the floor is.
        lines = ("",) * (height - len(lines)) + lines
        width = max(len(line) for line in lines)
        left = " " * ((columns - width) // 2)
        floor = self.get_component_rich_style("figure--floor")
        text = Text(no_wrap=True, overflow="crop", end="")
        for number, line in enumerate(lines):
            if number:
                text.append("\n")
            if line.strip() and set(line.strip()) == {figures.FLOOR}:
                text.append(left + line, style=floor)
            else:
                text.append(left + line)
        return text
