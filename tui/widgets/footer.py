"""Textual's footer, with the help key kept in view at the right, beside the palette's key."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widget import Widget
from textual.widgets import Footer

# Textual's own footer item; only it looks and behaves like the rest of the footer.
from textual.widgets._footer import FooterKey

HELP_KEY = "question_mark"


class SuppleFooter(Footer):
    """A screen's keys from the left; when a narrow terminal cuts them off, the help key
    (which lists them all) still shows, docked right like the command palette's."""

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

    def compose(self) -> ComposeResult:
        right: list[Widget] = list(self._help_key())
        for widget in super().compose():
            if widget.has_class("-command-palette"):
                right.append(widget)
            else:
                yield widget
        if right:
            # Docked together: two items docked on one edge would be drawn over each other.
            yield HorizontalGroup(*right, id="footer-right")

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
