"""Textual's footer, with the help key kept in view at the right, beside the palette's key."""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

# Textual's own footer item; only it looks and behaves like the rest of the footer.
from textual.widgets._footer import FooterKey

HELP_KEY = "question_mark"
QUIT_ID = "app.quit"


def key_width(key: FooterKey) -> int:
    """Cells a compact footer item takes: its key, then a space and its words if any."""
    width = cell_len(key.key_display)
    if key.description:
        width += 1 + cell_len(key.description)
    return width


def right_width(right: list[Widget]) -> int:
    # Each item docked right has its bar on the left and a space on the right (compact margin).
    return sum(1 + key_width(key) + 1 for key in right if isinstance(key, FooterKey))


def fit_left(left: list[Widget], room: int, keep: set[Widget]) -> list[Widget]:
    """The screen's keys that fit whole in `room` cells, in order. The keys in `keep` (quit)
    always stay; the others are left out from the last one back: help lists them all, and a
    key cut in the middle ("^q Qui") reads as a mistake."""
    widths = {id(item): key_width(item) if isinstance(item, FooterKey) else 0 for item in left}

    def needed(items: list[Widget]) -> int:
        # One space between items; the last one's margin runs under the docked keys.
        return sum(widths[id(item)] for item in items) + max(0, len(items) - 1)

    shown = list(left)
    for item in reversed(left):
        if needed(shown) <= room:
            break
        if item not in keep:
            shown.remove(item)
    return shown


class SuppleFooter(Footer):
    """A screen's keys from the left; when a narrow terminal cuts them off, the help key
    (which lists them all) still shows, docked right like the command palette's.

    Where the keys do not fit (80 columns with the flow paused and muted, a 40-column
    terminal), the palette's key loses its word first, then the screen's keys that still do
    not fit are left out whole, never cut; the quit key is always kept."""

    DEFAULT_CSS = """
    SuppleFooter #footer-right {
        dock: right;
        width: auto;
        height: 1;
    }
    SuppleFooter #footer-right FooterKey {
        dock: none;
        border-left: vkey $foreground 20%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        # Compact: an 80-column terminal shows every key of the running flow.
        super().__init__(id=id, compact=True)
        self._fitted_width = 0
        # Textual's footer composes nothing until the screen first says its bindings changed,
        # then composes again after that frame: ours has its keys in the first frame (the
        # screen's bindings are known when it composes), and composes again only when what
        # it shows would change (start-up, bench/README.md).
        self._bindings_ready = True
        self._shown: tuple[object, ...] = ()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._keys() == self._shown:
            return
        super().bindings_changed(screen)

    def _keys(self) -> tuple[object, ...]:
        """What the footer shows of the screen's bindings: when it is the same, so is the
        footer."""
        return tuple(
            (binding.key, binding.description, binding.action, binding.show, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        right: list[Widget] = list(self._help_key())
        left: list[Widget] = []
        for widget in super().compose():
            if widget.has_class("-command-palette"):
                right.append(widget)
            else:
                left.append(widget)
        # Before the first layout the footer has no width of its own yet: it spans the
        # screen, so it is fitted to the screen's.
        self._fitted_width = width = self.size.width or self.screen.size.width
        if width:
            left, right = self._fit(left, right, width)
        yield from left
        if right:
            # Docked together: two items docked on one edge would be drawn over each other.
            yield HorizontalGroup(*right, id="footer-right")

    def _fit(
        self, left: list[Widget], right: list[Widget], width: int
    ) -> tuple[list[Widget], list[Widget]]:
        keep: set[Widget] = {
            item for item in left if isinstance(item, FooterKey) and self._is_quit(item)
        }
        if len(fit_left(left, width - right_width(right), keep)) < len(left):
            # "^p" alone still opens the palette, and help names it in full.
            right = [self._without_words(item) for item in right]
        return fit_left(left, width - right_width(right), keep), right

    def _is_quit(self, key: FooterKey) -> bool:
        active = self.screen.active_bindings.get(key.key)
        return active is not None and active[1].id == QUIT_ID

    @staticmethod
    def _without_words(item: Widget) -> Widget:
        if not (isinstance(item, FooterKey) and item.has_class("-command-palette")):
            return item
        return FooterKey(
            item.key,
            item.key_display,
            "",
            item.action,
            disabled=item.has_class("-disabled"),
            tooltip="Open the command palette",
            classes="-command-palette",
        )

    def on_resize(self, event: events.Resize) -> None:
        # Which keys fit depends on the width: fit them again when it changes.
        if event.size.width != self._fitted_width:
            self._fitted_width = event.size.width
            self.call_after_refresh(self.recompose)

    def _help_key(self) -> Iterator[Widget]:
        active = self.screen.active_bindings.get(HELP_KEY)
        if active is None:
            return
        _node, binding, enabled, tooltip = active
        yield FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip or binding.tooltip or binding.description,
            classes="-help",
        ).data_bind(compact=Footer.compact)
