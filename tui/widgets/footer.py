"""The keys of the screen shown, in one line at the bottom: one widget, drawn like Textual's
compact footer, with the help key and the palette's kept in view at the right."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import RenderResult
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from tui.i18n import N_, _

HELP_KEY = "question_mark"
QUIT_ID = "app.quit"
# The left edge of each key kept at the right (Textual's "vkey" border).
BAR = "▏"


class FooterItem(NamedTuple):
    """One key as the footer shows it. (A NamedTuple: on the first screen, a dataclass would
    cost start-up a few tenths of a millisecond to build.)"""

    key: str  # the key pressed when the item is clicked
    display: str  # how the key is written ("^q", "space")
    description: str
    tooltip: str
    enabled: bool
    quit: bool = False
    palette: bool = False
    screens: bool = False
    # Its words in English (the msgid), where they are translated: the room English needs.
    english: str | None = None

    @property
    def width(self) -> int:
        """Cells it takes: its key, then a space and its words if any."""
        width = cell_len(self.display)
        if self.description:
            width += 1 + cell_len(self.description)
        return width

    def in_english(self) -> FooterItem:
        """The item as English writes it."""
        return self if self.english is None else self._replace(description=self.english)


def right_width(right: list[FooterItem]) -> int:
    # Each item at the right has its bar on the left and a space after it.
    return sum(1 + item.width + 1 for item in right)


def fit_left(left: list[FooterItem], room: int) -> list[FooterItem]:
    """The screen's keys that fit whole in `room` cells, in order. The quit key always stays;
    the others are left out from the last one back: help lists them all, and a key cut in
    the middle ("^q Qui") reads as a mistake."""

    def needed(items: list[FooterItem]) -> int:
        # One space between items; the last one's space runs under the keys at the right.
        return sum(item.width for item in items) + max(0, len(items) - 1)

    shown = list(left)
    for item in reversed(left):
        if needed(shown) <= room:
            break
        if not item.quit:
            shown.remove(item)
    return shown


def fit_as_written(
    left: list[FooterItem], right: list[FooterItem], width: int
) -> tuple[list[FooterItem], list[FooterItem]]:
    """What shows at `width`: where the keys do not fit (80 columns with the flow paused and
    muted, a 40-column terminal), the way to the other screens goes first (help and the
    palette name them too), then the palette's key loses its word ("^p" still opens it),
    then the screen's keys that still do not fit are left out whole."""
    if len(fit_left(left, width - right_width(right))) < len(left):
        right = [item for item in right if not item.screens]
    if len(fit_left(left, width - right_width(right))) < len(left):
        right = [item._replace(description="") if item.palette else item for item in right]
    return fit_left(left, width - right_width(right)), right


def fit(
    left: list[FooterItem], right: list[FooterItem], width: int
) -> tuple[list[FooterItem], list[FooterItem]]:
    """What shows at `width` (fit_as_written). A language whose words are longer than
    English's keeps the keys English keeps where it can: if its words would leave out a key
    English shows at this width, the help key loses its word too ("?" still opens help, and
    help lists every key). English's own footer is never changed by this."""
    shown = fit_as_written(left, right, width)
    english = fit_as_written(
        [item.in_english() for item in left], [item.in_english() for item in right], width
    )
    if len(shown[0]) >= len(english[0]):
        return shown
    right = [item._replace(description="") if item.key == HELP_KEY else item for item in shown[1]]
    return fit_left(left, width - right_width(right)), right


# Textual's own words for its palette key, marked here for the catalogs: the footer shows every
# binding's words through `_` as it draws, so Supple's (marked N_ where they are declared) and
# these read in the language in use.
# Translators: the footer's label of the command palette's key (ctrl+p); keep it very short.
TEXTUAL_WORDS = (N_("palette"), N_("Open the command palette"))

# The app's keys to its four screens (rules.md §5), shown as one item where there is room.
SCREEN_KEYS = ("1", "2", "3", "4")


class SuppleFooter(Widget, can_focus=False):
    """A screen's keys from the left, and at the right the help key (which lists them all)
    and the palette's. Clicking a key presses it; hovering it tells what it does.

    One widget that draws a line, where Textual's footer is a widget per key that it builds
    again whenever the keys change: this one costs the first frame about a third as much
    (bench/README.md), and pausing a flow only redraws a line."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer--key",
        "footer--description",
        "footer--item",
        "footer--hover",
        "footer--bar",
    }
    # The colours of Textual's compact footer (its FooterKey), from the same theme variables.
    DEFAULT_CSS = """
    SuppleFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .footer--item {
            background: $footer-item-background;
        }
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer--bar {
            color: $foreground 20%;
            background: $footer-item-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Where each item was drawn (first cell, cells), for the mouse.
        self._spans: list[tuple[int, int, FooterItem]] = []
        self._hovered: FooterItem | None = None
        self._shown: tuple[object, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen and self._keys() != self._shown:
            self.refresh()

    def _keys(self) -> tuple[object, ...]:
        return tuple(
            (binding.key, binding.description, binding.action, binding.show, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    def items(self) -> tuple[list[FooterItem], list[FooterItem]]:
        """The screen's keys as Textual's footer picks them (shown bindings, the first key of
        each action), then the help key and the palette's, for the right."""
        active = self.screen.active_bindings
        left: list[FooterItem] = []
        right: list[FooterItem] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            left.append(self._item(binding, enabled, tooltip or binding.tooltip))
        screen_keys = [active.get(key) for key in SCREEN_KEYS]
        if all(entry is not None for entry in screen_keys):
            # Not under a question or a detail, where the app's keys do nothing.
            right.append(self._screens_item(screen_keys))
        help_key = active.get(HELP_KEY)
        if help_key is not None:
            _node, binding, enabled, tooltip = help_key
            right.append(self._item(binding, enabled, tooltip or binding.tooltip))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            _node, binding, enabled, _tooltip = palette
            right.append(self._item(binding, enabled, binding.tooltip, palette=True))
        return left, right

    def _screens_item(self, entries: list[ActiveBinding | None]) -> FooterItem:
        names = [_(entry.binding.description) for entry in entries if entry is not None]
        return FooterItem(
            key="",  # four keys in one item: clicking it opens help, which names each
            display=f"{SCREEN_KEYS[0]}-{SCREEN_KEYS[-1]}",
            # Translators: the footer's label for the keys 1-4 that open the four screens;
            # keep it very short.
            description=_("Screens"),
            english="Screens",
            tooltip=" · ".join(
                f"{key} {name}" for key, name in zip(SCREEN_KEYS, names, strict=True)
            ),
            enabled=all(entry is not None and entry.enabled for entry in entries),
            screens=True,
        )

    def _item(
        self, binding: Binding, enabled: bool, tooltip: str, *, palette: bool = False
    ) -> FooterItem:
        # Translated as drawn: a binding's words are fixed (marked N_) when its class is made.
        description = _(binding.description) if binding.description else ""
        return FooterItem(
            key=binding.key,
            display=self.app.get_key_display(binding),
            description=description,
            tooltip=_(tooltip) if tooltip else description,
            enabled=enabled,
            quit=binding.id == QUIT_ID,
            palette=palette,
            english=binding.description,
        )

    def render(self) -> RenderResult:
        self._shown = self._keys()
        width = self.size.width
        left, right = fit(*self.items(), width)
        parts: list[Content] = []
        spans: list[tuple[int, int, FooterItem]] = []
        at = 0
        for index, item in enumerate(left):
            if index:
                parts.append(Content(" "))
                at += 1
            parts.append(self._drawn(item))
            spans.append((at, item.width, item))
            at += item.width
        right_cells = right_width(right)
        gap = width - at - right_cells
        if gap > 0:
            parts.append(Content(" " * gap))
            at += gap
        bar = self.get_visual_style("footer--bar")
        for item in right:
            parts.append(Content.styled(BAR, bar))
            spans.append((at + 1, item.width, item))
            parts.append(self._drawn(item))
            parts.append(Content(" "))
            at += 1 + item.width + 1
        self._spans = spans
        return Content.assemble(*parts)

    def _drawn(self, item: FooterItem) -> Content:
        # Later component classes win: hovered, the item takes the hover colours.
        hover = ("footer--hover",) if item == self._hovered else ()
        key = self.get_visual_style("footer--item", "footer--key", *hover)
        words = self.get_visual_style("footer--item", "footer--description", *hover)
        drawn = Content.styled(item.display, key)
        if item.description:
            drawn += Content.styled(" " + item.description, words)
        if not item.enabled:
            drawn = drawn.stylize("dim")
        return drawn

    def _at(self, x: int) -> FooterItem | None:
        for first, cells, item in self._spans:
            if first <= x < first + cells:
                return item
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._at(event.x)
        if item != self._hovered:
            self._hovered = item
            self.tooltip = item.tooltip if item is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key or HELP_KEY)
        else:
            self.app.bell()
