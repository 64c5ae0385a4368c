"""How stiff is the back? One keypress before the first stretch or at the summary; enter skips."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.domain.session import STIFFNESS_MAX, STIFFNESS_MIN
from tui.i18n import N_, _
from tui.paths import styles_dir

QUESTION = N_("How stiff is your back?")
# Translators: the ends of the stiffness scale: 0 is not stiff at all, 10 the worst.
SCALE_WORDS = N_("0 (not at all) … 10 (worst)")
# Translators: enter and escape are keys (not translated); ← → are the arrow keys.
HINT = N_("0–9 choose at once · ← → reach 10, then enter\nenter alone or escape skips")


class ScaleCell(Static):
    """One number of the scale; a click chooses it."""

    def __init__(self, value: int) -> None:
        super().__init__(f"{value:>2}", id=f"stiffness-{value}", classes="scale-cell")
        self.value = value

    def on_click(self, event: events.Click) -> None:
        event.stop()
        screen = self.screen
        if isinstance(screen, StiffnessScreen):
            screen.dismiss(self.value)


class StiffnessScreen(ModalScreen[int | None]):
    """Dismisses with the rating 0–10, or None when skipped (enter with nothing picked, escape)."""

    BINDING_GROUP_TITLE = N_("How stiff")
    CSS_PATH = styles_dir() / "stiffness.tcss"
    BINDINGS = [
        *(
            Binding(str(n), f"choose({n})", str(n), show=False, id=f"stiffness.{n}")
            for n in range(10)
        ),
        # Translators: key labels: a less / more stiff rating.
        Binding("left", "move(-1)", N_("Less"), show=False, id="stiffness.less"),
        Binding("right", "move(1)", N_("More"), show=False, id="stiffness.more"),
        Binding("enter", "pick", N_("Pick or skip"), id="stiffness.pick"),
        Binding("escape", "skip", N_("Skip"), id="stiffness.skip"),
    ]

    def __init__(self, when: str, current: int | None = None) -> None:
        """`when` says where the flow is ("Before you start", "After the flow"), already in
        the language in use."""
        super().__init__()
        self.when = when
        # Nothing is picked until an arrow is pressed, so enter alone skips.
        self.cursor: int | None = current

    def compose(self) -> ComposeResult:
        with Vertical(id="stiffness-box"):
            yield Label(self.when, id="stiffness-when")
            yield Label(_(QUESTION), id="stiffness-question")
            yield Label(_(SCALE_WORDS), id="stiffness-words")
            with Horizontal(id="stiffness-scale"):
                for value in range(STIFFNESS_MIN, STIFFNESS_MAX + 1):
                    yield ScaleCell(value)
            yield Label(_(HINT), id="stiffness-hint")

    def on_mount(self) -> None:
        self._show_cursor()

    def _show_cursor(self) -> None:
        for cell in self.query(ScaleCell):
            cell.set_class(cell.value == self.cursor, "-cursor")

    def action_choose(self, value: int) -> None:
        self.dismiss(value)

    def action_move(self, step: int) -> None:
        if self.cursor is None:
            # With nothing chosen, an arrow lands on the end it points to: `→` on 10 (the
            # arrows are how 10 is reached), `←` on 0, never on the worst.
            self.cursor = STIFFNESS_MAX if step > 0 else STIFFNESS_MIN
        else:
            self.cursor = max(STIFFNESS_MIN, min(STIFFNESS_MAX, self.cursor + step))
        self._show_cursor()

    def action_pick(self) -> None:
        self.dismiss(self.cursor)

    def action_skip(self) -> None:
        self.dismiss(None)
