"""A yes/no question over the current screen; `y`/`enter` confirm, `n`/`escape` decline."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tui.i18n import N_, _
from tui.paths import styles_dir
from tui.widgets.footer import SuppleFooter


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True when the person confirms."""

    CSS_PATH = styles_dir() / "confirm.tcss"
    BINDING_GROUP_TITLE = N_("Question")

    # y and n stay the keys in every language: the buttons say them.
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no"),
        # Between the two buttons, as in any dialog; enter presses the one focused.
        # Translators: help's words for the left and right keys: move between the two buttons.
        Binding("left", "app.focus_previous", N_("Move"), show=False, id="confirm.left"),
        Binding("right", "app.focus_next", N_("Move"), show=False, id="confirm.right"),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self._question = question
        # The answers' words, as the one asking wrote them (translated), else Yes and No.
        self._yes = yes if yes is not None else _("Yes")
        self._no = no if no is not None else _("No")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            # Plain content: a question may quote a name, which may look like markup.
            yield Label(Content(self._question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                # Each answer says its key: `y` and `n` answer without moving to a button.
                yield Button(f"{self._yes} (y)", variant="error", id="confirm-yes")
                yield Button(f"{self._no} (n)", variant="primary", id="confirm-no")
        # The question's own keys, over the footer of the screen it covers, whose keys do
        # nothing while it is asked.
        yield SuppleFooter()

    def on_mount(self) -> None:
        # Focus the safe answer so a stray `enter` keeps the person's work going.
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
