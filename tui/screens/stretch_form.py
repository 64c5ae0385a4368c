"""The editor's modal forms: a stretch's dose (and a custom one's words), and the flow's pauses."""

from __future__ import annotations

from typing import Any, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from tui.domain.figures import FIGURE_NAMES, pose_for
from tui.domain.routine import Kind, Routine, Sides, shown_name
from tui.domain.routine_edit import (
    INSTRUCTIONS_MAX_CHARS,
    INT_FIELD_LIMITS,
    NAME_MAX_CHARS,
    EditError,
    field_label,
    parse_int_field,
    set_pauses,
    update_dose,
)
from tui.i18n import N_, _, pgettext
from tui.paths import styles_dir
from tui.widgets.figure import Figure

ResultT = TypeVar("ResultT")
ValueT = TypeVar("ValueT")

# The choices' words are marked here and translated as the form is drawn (_translated).
SIDE_CHOICES: list[tuple[str, Sides]] = [
    # Translators: the Sides field's choices: which sides of the body a stretch is held on.
    (N_("both sides"), Sides.BOTH),
    (N_("left only"), Sides.LEFT),
    (N_("right only"), Sides.RIGHT),
    (N_("no sides"), Sides.NONE),
]

# A custom stretch is held, or counted in reps at a breath pace (as cat–cow is).
KIND_CHOICES: list[tuple[str, Kind]] = [
    # Translators: the Kind field's choices: a stretch held for a time, or repeated a number
    # of times at the pace of the breath (the in- and out-breath fields below it).
    (N_("held"), Kind.HOLD),
    (N_("reps, paced"), Kind.REPS),
]
_FIELDS_OF_KIND = {
    Kind.HOLD: ("hold_s", "sides"),
    Kind.REPS: ("reps", "inhale_s", "exhale_s"),
}
# A custom stretch may show one of the drawn figures, or none.
NO_FIGURE = "none"


def figure_choices() -> list[tuple[str, str]]:
    """The Figure field's choices, each drawing by the name of the stretch it shows."""
    return [
        # Translators: the Figure field's choice of no drawing.
        (pgettext("figure", "none"), NO_FIGURE),
        # The figures are named as the built-in stretches they show, which are translated.
        *((_(label), name) for name, label in FIGURE_NAMES.items()),
    ]


def _translated(choices: list[tuple[str, ValueT]]) -> list[tuple[str, ValueT]]:
    return [(_(words), value) for words, value in choices]


# Where an error not tied to one field is shown (EditError.field is None).
FORM_ERROR = "form"

_UNITS = {"hold_s": "s", "inhale_s": "s", "exhale_s": "s", "ready_s": "s", "switch_s": "s"}

NARROW_FORM_WIDTH = 50


def _limits_hint(field: str) -> str:
    low, high = INT_FIELD_LIMITS[field]
    if _UNITS.get(field):
        # Translators: beside a field of seconds: what it takes, e.g. "0–30 s".
        return _("{low}–{high} s").format(low=low, high=high)
    return f"{low}–{high}"


class FormScreen(ModalScreen[ResultT | None]):
    """A form over a screen: labelled fields, each with its inline error under it.

    Dismisses with what was built (an edited routine, a setting's value), or None when
    cancelled. Nothing is saved here: the screen beneath saves what the form returns, so an
    invalid value can never reach the store.
    """

    # Loaded with the first form, by the editor or the settings screen.
    CSS_PATH = styles_dir() / "forms.tcss"

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="form.save"),
    ]

    title_text = ""

    def compose(self) -> ComposeResult:
        box = VerticalScroll(id="form-box")
        # The box scrolls on a small terminal, but focus belongs to the first field.
        box.can_focus = False
        with box:
            # Plain content: a custom stretch's name may hold square brackets.
            yield Label(Content(self.title_text), id="form-title")
            yield from self.compose_fields()
            yield self.error_label(FORM_ERROR)
            with Horizontal(id="form-buttons"):
                yield Button(_("Save"), variant="primary", id="form-save")
                yield Button(_("Cancel"), id="form-cancel")

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def on_resize(self, event: events.Resize) -> None:
        # A narrow form puts each error under the field's label, not beside it.
        self.set_class(event.size.width < NARROW_FORM_WIDTH, "-narrow")

    def on_mount(self) -> None:
        if self.app.animation_level == "none":
            # A blinking cursor makes every snapshot of a form differ from the last.
            for widget in self.query(Input):
                widget.cursor_blink = False
            for area in self.query(TextArea):
                area.cursor_blink = False

    # -- building fields ---------------------------------------------------------------

    @staticmethod
    def error_label(field: str) -> Label:
        label = Label("", id=f"{field}-error", classes="error")
        label.display = False
        return label

    def number_field(
        self, field: str, value: int, *, label: str | None = None, hint: str | None = None
    ) -> ComposeResult:
        with Horizontal(classes="field", id=f"{field}-field"):
            yield Label(label or field_label(field), classes="field-label")
            yield Input(str(value), id=f"{field}-input", compact=True, classes="number")
            yield Label(hint or _limits_hint(field), classes="field-hint")
        yield self.error_label(field)

    # -- reading and reporting -----------------------------------------------------------

    def read_numbers(self, fields: list[str], errors: dict[str, str]) -> dict[str, int]:
        """The numbers typed into `fields`; each one that is not valid goes into `errors`."""
        values: dict[str, int] = {}
        for field in fields:
            text = self.query_one(f"#{field}-input", Input).value
            try:
                values[field] = parse_int_field(text, field, *INT_FIELD_LIMITS[field])
            except EditError as error:
                errors[field] = error.message
        return values

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put each message under its field and clear the fields that are fine now."""
        for label in self.query(".error").results(Label):
            field = (label.id or "").removesuffix("-error")
            message = errors.get(field, "")
            label.update(Content(message))  # messages may quote a name: never markup
            label.display = bool(message)
            for widget in self.query(f"#{field}-input"):
                widget.set_class(bool(message), "-invalid")
        first = next(iter(errors), None)
        if first is not None:
            targets = self.query(f"#{first}-input")
            if targets:
                targets.first().focus()
            # On a small terminal the form scrolls: bring the message itself into view, once
            # the layout knows it is shown.
            for shown in self.query(f"#{first}-error"):
                self.call_after_refresh(shown.scroll_visible, animate=False)

    # -- actions -----------------------------------------------------------------------

    def build(self) -> ResultT | None:
        """What the form makes, or None after showing why it cannot be saved."""
        raise NotImplementedError

    def action_save(self) -> None:
        result = self.build()
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()


class StretchForm(FormScreen[Routine]):
    """One stretch's dose; a custom stretch also gets its name and instructions."""

    def __init__(self, routine: Routine, index: int, *, new: bool = False) -> None:
        super().__init__()
        self.routine = routine
        self.index = index
        self.stretch = routine.stretches[index]
        # Translators: the form's title; name is the stretch's name.
        edit = _("Edit · {name}").format(name=shown_name(self.stretch))
        self.title_text = _("New stretch") if new else edit
        # The kind chosen in the form (only a custom stretch can change it).
        self.kind = self.stretch.kind

    @property
    def number_fields(self) -> list[str]:
        if self.kind is Kind.REPS:
            return ["reps", "inhale_s", "exhale_s"]
        return ["hold_s"]

    def compose_fields(self) -> ComposeResult:
        stretch = self.stretch
        # Only a custom stretch's words are edited here, and they are the person's own: the
        # fields hold them as stored (a built-in stretch's, shown translated, never are).
        if stretch.custom:
            with Horizontal(classes="field", id="name-field"):
                # Translators: a form field's label: the stretch's name.
                yield Label(_("Name"), classes="field-label")
                yield Input(stretch.name, id="name-input", compact=True, max_length=NAME_MAX_CHARS)
            yield self.error_label("name")
            yield Label(
                _("Instructions (up to {count} characters)").format(count=INSTRUCTIONS_MAX_CHARS),
                classes="field-label wide",
            )
            yield TextArea(stretch.instructions, id="instructions-input", soft_wrap=True)
            yield self.error_label("instructions")
        if stretch.custom:
            with Horizontal(classes="field", id="kind-field"):
                # Translators: a form field's label: held, or reps at a breath pace.
                yield Label(_("Kind"), classes="field-label")
                yield Select(
                    _translated(KIND_CHOICES),
                    value=stretch.kind,
                    allow_blank=False,
                    compact=True,
                    id="kind-input",
                )
            yield self.error_label("kind")
        # A custom stretch has the fields of both kinds, those of the other kind hidden.
        kinds = (Kind.HOLD, Kind.REPS) if stretch.custom else (stretch.kind,)
        fields = [f for kind in kinds for f in _FIELDS_OF_KIND[kind] if f != "sides"]
        for field in fields:
            yield from self.number_field(field, getattr(stretch, field))
        if Kind.HOLD in kinds:
            with Horizontal(classes="field", id="sides-field"):
                # Translators: a form field's label: which sides of the body.
                yield Label(_("Sides"), classes="field-label")
                yield Select(
                    _translated(SIDE_CHOICES),
                    value=stretch.sides,
                    allow_blank=False,
                    compact=True,
                    id="sides-input",
                )
            yield self.error_label("sides")
        if stretch.custom:
            with Horizontal(classes="field", id="figure-field"):
                # Translators: a form field's label: the drawing shown with the stretch.
                yield Label(_("Figure"), classes="field-label")
                yield Select(
                    figure_choices(),
                    value=stretch.figure or NO_FIGURE,
                    allow_blank=False,
                    compact=True,
                    id="figure-input",
                )
            yield self.error_label("figure")
            preview = Figure(size="small", id="figure-preview")
            preview.show(pose_for(stretch.figure, None))
            preview.display = stretch.figure is not None
            yield preview

    def on_mount(self) -> None:
        # (Textual calls FormScreen's on_mount too.)
        self._show_fields_of_kind()

    @on(Select.Changed, "#kind-input")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.kind = Kind(str(event.value))
        self._show_fields_of_kind()

    def _show_fields_of_kind(self) -> None:
        for kind, fields in _FIELDS_OF_KIND.items():
            for field in fields:
                for widget in self.query(f"#{field}-field"):
                    widget.display = kind is self.kind

    @on(Select.Changed, "#figure-input")
    def _figure_changed(self, event: Select.Changed) -> None:
        figure = None if event.value == NO_FIGURE else str(event.value)
        preview = self.query_one("#figure-preview", Figure)
        preview.show(pose_for(figure, None))
        preview.display = figure is not None

    def build(self) -> Routine | None:
        errors: dict[str, str] = {}
        values: dict[str, Any] = self.read_numbers(self.number_fields, errors)
        if self.stretch.custom:
            values["name"] = self.query_one("#name-input", Input).value
            values["instructions"] = self.query_one("#instructions-input", TextArea).text
        if self.kind is Kind.HOLD:
            values["sides"] = self.query_one("#sides-input", Select).value
        if self.stretch.custom:
            figure = self.query_one("#figure-input", Select).value
            values["figure"] = None if figure == NO_FIGURE else figure
            values["kind"] = self.kind
        # Each value is tried on its own first (with the kind it is for), so every wrong
        # field is marked at once.
        for field, value in values.items():
            tried = {field: value, "kind": values.get("kind")}
            try:
                update_dose(self.routine, self.index, **tried)
            except EditError as error:
                errors.setdefault(error.field or FORM_ERROR, error.message)
        if not errors:
            try:
                return update_dose(self.routine, self.index, **values)
            except EditError as error:
                errors[error.field or FORM_ERROR] = error.message
        self.show_errors(errors)
        return None


class PausesForm(FormScreen[Routine]):
    """The get-ready pause before each stretch and the switch-sides pause between sides."""

    FIELDS = ["ready_s", "switch_s"]

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine
        self.title_text = _("Pauses")

    def compose_fields(self) -> ComposeResult:
        for field in self.FIELDS:
            yield from self.number_field(field, getattr(self.routine, field))

    def build(self) -> Routine | None:
        errors: dict[str, str] = {}
        values = self.read_numbers(self.FIELDS, errors)
        if not errors:
            try:
                return set_pauses(self.routine, **values)
            except EditError as error:
                errors[error.field or FORM_ERROR] = error.message
        self.show_errors(errors)
        return None
