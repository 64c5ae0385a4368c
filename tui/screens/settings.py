"""The settings screen: weekly goal, week start, day start, pauses, sound cues, theme,
language and screen-reader mode."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.changes import RoutineChange, SettingsChange
from tui.cues.output import sample_gap
from tui.domain.cues import SAMPLE_CUES
from tui.domain.number_settings import NUMBER_SETTINGS, NumberSetting
from tui.domain.routine import Routine
from tui.domain.routine_edit import EditError, set_pauses
from tui.domain.settings import (
    CUE_MODE,
    CUE_MODE_MEANINGS,
    CUE_MODES,
    DAY_STARTS_AT,
    LANGUAGE,
    PLAIN,
    READY_S,
    STIFFNESS,
    STIFFNESS_CHOICES,
    SWITCH_S,
    THEME,
    TRY_CUES,
    WEEK_STARTS_ON,
    WEEKLY_GOAL,
    cue_mode_name,
    stiffness_setting,
)
from tui.i18n import N_, _, available_languages, pgettext
from tui.i18n.choice import SYSTEM, from_environment
from tui.i18n.formats import day_name
from tui.messages import ask_to_save
from tui.paths import styles_dir
from tui.screens.reminder_settings import (
    REMINDER_LABELS,
    REMINDER_MEANINGS,
    REMINDER_ROWS,
    ReminderSection,
)
from tui.screens.stretch_form import FormScreen
from tui.widgets.footer import SuppleFooter
from tui.widgets.table_fit import cells, longest_word, narrowed, natural_width

if TYPE_CHECKING:
    from tui.app import SuppleApp

ROWS = (
    WEEKLY_GOAL,
    WEEK_STARTS_ON,
    DAY_STARTS_AT,
    READY_S,
    SWITCH_S,
    CUE_MODE,
    TRY_CUES,
    STIFFNESS,
    THEME,
    LANGUAGE,
    PLAIN,
    *REMINDER_ROWS,
)
# Marked here, translated where shown (docs/translations.md): the language can change while
# the screen is open.
LABELS = {
    **{key: setting.label for key, setting in NUMBER_SETTINGS.items()},
    WEEK_STARTS_ON: N_("Week starts on"),
    CUE_MODE: N_("Cues"),
    TRY_CUES: N_("Try the cues"),
    STIFFNESS: N_("Ask how stiff"),
    THEME: N_("Theme"),
    LANGUAGE: N_("Language"),
    PLAIN: N_("Screen-reader mode"),
    **REMINDER_LABELS,
}
MEANINGS = {
    **{key: setting.meaning for key, setting in NUMBER_SETTINGS.items()},
    WEEK_STARTS_ON: N_("The first day of a week, for the weekly goal and the calendar's columns."),
    # Translators: voice, tones, bell and off are the cue modes, as the Cues row shows them;
    # m is a key.
    CUE_MODE: N_(
        "How each moment of the flow is signalled, so it can be followed from the floor: "
        "voice (spoken words), tones (a sound per kind of moment), bell, or off. A mode this "
        "computer cannot play falls back to the next one down. m mutes a run without changing "
        "it."
    ),
    TRY_CUES: N_(
        "Plays one cue of each kind in the current mode: get ready, a count, a hold "
        "starting, switch sides, the next stretch, inhale, exhale, well done."
    ),
    STIFFNESS: N_(
        "When the flow asks how stiff your back is (0 not at all … 10 worst): before "
        "the first stretch and at the summary, at the summary only, or never. History charts "
        "it."
    ),
    # Translators: ctrl+p is a key; 'Theme' is the command palette's command (Textual's own,
    # in English).
    THEME: N_("Colours. ctrl+p and 'Theme' also change it; Supple remembers the choice."),
    # Translators: System is the Language row's first choice; LANGUAGE, LC_ALL, LC_MESSAGES and
    # LANG are names of environment variables and --lang a command-line flag: keep them as
    # they are.
    LANGUAGE: N_(
        "The language Supple speaks. System follows this computer's locale (LANGUAGE, LC_ALL, "
        "LC_MESSAGES, LANG); supple --lang de chooses one for a single run."
    ),
    # Translators: supple --plain is a command; keep it as it is.
    PLAIN: N_(
        "Plain lines a screen reader reads in order, instead of the full screen, as supple "
        "--plain gives. Takes effect from the next start."
    ),
    **REMINDER_MEANINGS,
}
# Below this many rows the meaning of the selected setting is hidden to leave the list room.
SHORT_SCREEN_ROWS = 16


def language_name(code: str) -> str:
    """A language as it names itself: English, Deutsch, Español, Français."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    # Babel's names are for use inside a sentence (español, français); a choice starts upper.
    return name[:1].upper() + name[1:]


def language_choices() -> dict[str, str]:
    """The Language row's choices: follow the system (naming what it chooses now), or one of
    the languages Supple has, each in its own words."""
    available = available_languages()
    system = from_environment(os.environ, available).code
    # Translators: the Language setting's choice that follows this computer's locale; the
    # placeholder is the language that gives now, in its own name (English, Deutsch …).
    choices = {SYSTEM: _("System ({language})").format(language=language_name(system))}
    choices.update((code, language_name(code)) for code in available)
    return choices


def on_off(value: bool) -> str:
    """A switch's value as the settings list shows it."""
    # Translators: the value of a setting that is switched on or off.
    return pgettext("switched", "on") if value else pgettext("switched", "off")


class NumberForm(FormScreen[int]):
    """One whole-number setting, with its limits beside it and its error under it."""

    def __init__(self, setting: NumberSetting, value: int) -> None:
        super().__init__()
        self.setting = setting
        self.value = value
        self.title_text = _(setting.label)

    def compose_fields(self) -> ComposeResult:
        yield Static(_(self.setting.meaning), classes="form-note")
        yield from self.number_field(
            self.setting.key, self.value, label=_(self.setting.label), hint=self.setting.hint
        )

    def build(self) -> int | None:
        text = self.query_one(f"#{self.setting.key}-input", Input).value
        try:
            return self.setting.parse(text)
        except EditError as error:
            self.show_errors({self.setting.key: error.message})
            return None


class WeekdayPicker(ModalScreen[int | None]):
    """The seven weekdays; enter picks one (0 is Monday), escape keeps the old one."""

    BINDING_GROUP_TITLE = N_("Week start")
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="weekday.cancel")]

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="weekday-box"):
            yield Label(_("Week starts on"), id="weekday-title")
            yield OptionList(*(Option(day_name(day)) for day in range(7)), id="weekday-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self.current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoicePicker(ModalScreen[str | None]):
    """A few named choices; enter picks one (its key), escape keeps the old one."""

    # Translators: help's title for the keys of a list of choices (a verb).
    BINDING_GROUP_TITLE = N_("Choose")
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="choice.cancel")]

    def __init__(self, title: str, choices: dict[str, str], current: str) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        # The week-start picker's look: one small box of options.
        with Vertical(id="weekday-box"):
            yield Label(self.title_text, id="weekday-title")
            yield OptionList(
                *(Option(words, id=key) for key, words in self.choices.items()), id="weekday-list"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = list(self.choices).index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SettingsTable(DataTable[Text]):
    """One row per setting: what it is and its value now."""

    BINDING_GROUP_TITLE = N_("Settings list")
    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            # Translators: a footer key's label (a verb): keep it very short.
            N_("Change"),
            id="settings.change",
            tooltip=N_("Change the setting"),
        )
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, show_header=False)
        self._labels: dict[str, Text] = {}
        self._values: dict[str, Text] = {}
        self._stacked = False
        self._room = 0

    def room(self) -> int | None:
        """The width the rows may take (a vertical scrollbar's kept, so showing one never
        changes it); None before the table has a size."""
        if not self.size.width:
            return None
        return self.size.width - self.styles.scrollbar_size_vertical

    def fill(self, labels: dict[str, str]) -> None:
        """A row per setting, keyed by it, its value blank until `set_value`."""
        self._labels = {key: Text(label) for key, label in labels.items()}
        self._values = {key: Text("") for key in labels}
        self._lay_out()

    def set_values(self, values: dict[str, Text]) -> None:
        self._values.update(values)
        if self._stacked or self._too_wide():
            self._lay_out()
            return
        for key, value in values.items():
            # update_width: a reminder's "installed · next today 18:00" is the widest value.
            self.update_cell(key, "value", value, update_width=True)

    def _too_wide(self) -> bool:
        room = self.room()
        rows = [[label, self._values[key]] for key, label in self._labels.items()]
        return room is not None and natural_width([Text(""), Text("")], rows) > room

    def on_resize(self) -> None:
        if self.room() != self._room:
            self._lay_out()

    def _lay_out(self) -> None:
        """The rows again for the width now: a line each while labels and values fit side by
        side, else both columns narrowed to fit, their longer words wrapping into taller
        rows; the cursor kept on its row."""
        row = self.cursor_row
        self._room = self.room() or 0
        self._stacked = self._too_wide()
        self.clear(columns=True)
        keys = list(self._labels)
        # (No header is shown; the columns' names are keys.)
        if not self._stacked:
            self.add_column("Setting", key="setting")
            self.add_column("Value", key="value")
            for key in keys:
                self.add_row(self._labels[key], self._values[key], key=key)
        else:
            # Each cell's words as they are (wrapped as drawn), so a row reads as its setting.
            columns = [list(self._labels.values()), list(self._values.values())]
            widths = narrowed(
                [max(cells(text) for text in column) for column in columns],
                [max(longest_word(text) for text in column) for column in columns],
                # DataTable's padding: a cell each side of each column.
                self._room - 4,
            )
            self.add_column("Setting", key="setting", width=widths[0])
            self.add_column("Value", key="value", width=widths[1])
            console = self.app.console
            for key in keys:
                label, value = self._labels[key], self._values[key]
                height = max(
                    len(label.wrap(console, widths[0])), len(value.wrap(console, widths[1]))
                )
                self.add_row(label, value, key=key, height=max(1, height))
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)


class SettingsScreen(Screen[None]):
    """Each change is checked, then saved at once off the event loop; a bad value never is."""

    BINDING_GROUP_TITLE = N_("Settings")
    # Loaded when the screen is first shown, so start-up parses only the home styles.
    CSS_PATH = styles_dir() / "settings.tcss"

    def __init__(self) -> None:
        super().__init__()
        self._settings: dict[str, Any] = {}
        self._routine: Routine | None = None
        self.reminder = ReminderSection(self)

    @property
    def supple(self) -> SuppleApp:
        return cast("SuppleApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="settings-body"):
            yield Label(_("Settings"), id="settings-title")
            yield SettingsTable(id="settings-table")
            yield Static(id="settings-detail")
            yield Label(id="settings-status")
        yield SuppleFooter()

    def on_mount(self) -> None:
        self._fill_table()
        self.load()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.app.mode_change_signal.subscribe(self, self._mode_changed, immediate=True)

    def _fill_table(self) -> None:
        self.query_one(SettingsTable).fill({key: _(LABELS[key]) for key in ROWS})

    def language_changed(self) -> None:
        """Every word again in the language now in use (SuppleApp.change_language calls it),
        the cursor on the row it was on and the status line kept: it was said in the new
        language already (language_chosen)."""
        self.query_one("#settings-title", Label).update(_("Settings"))
        table = self.query_one(SettingsTable)
        row = table.cursor_row
        # Anew, not cell by cell: a column shrinks back to its new words.
        self._fill_table()
        table.move_cursor(row=row, animate=False)
        self.refresh_values()

    def _mode_changed(self, mode: str) -> None:
        # Only on coming back from another screen (the editor changes the pauses, `m` the
        # cues), never after a form here closes; what is asked for here is read back through
        # the saver even before it lands.
        if self.app.screen is self:
            self.load()

    def load(self) -> None:
        """Read what is stored now and show it."""
        self._settings = self.supple.saver.settings()
        self._routine = self.supple.saver.routine()
        self.reminder.load(self._settings)
        self.refresh_values()

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_SCREEN_ROWS, "-short")

    # -- drawing -------------------------------------------------------------------------

    @property
    def routine(self) -> Routine:
        if self._routine is None:
            self._routine = self.supple.saver.routine()
        return self._routine

    def value_of(self, key: str) -> int:
        """A number setting's value now, or its default when none is saved."""
        if key in (READY_S, SWITCH_S):
            return int(getattr(self.routine, key))
        defaults = {WEEKLY_GOAL: 7, WEEK_STARTS_ON: 0, DAY_STARTS_AT: 0}
        return int(self._settings.get(key, defaults[key]))

    def value_text(self, key: str) -> str:
        if key in NUMBER_SETTINGS:
            return NUMBER_SETTINGS[key].describe(self.value_of(key))
        if key == WEEK_STARTS_ON:
            return day_name(self.value_of(key))
        if key == CUE_MODE:
            return cue_mode_name(self.supple.cue_output.mode)
        if key == TRY_CUES:
            # Translators: enter is a key; "each" is each kind of cue.
            return _("enter plays each")
        if key == STIFFNESS:
            return _(STIFFNESS_CHOICES[stiffness_setting(self._settings)])
        if key == LANGUAGE:
            return language_choices()[self.language_setting()]
        if key == PLAIN:
            return on_off(self._settings.get(PLAIN) is True)
        if key in REMINDER_ROWS:
            return self.reminder.value_text(key)
        return self.app.theme

    def language_setting(self) -> str:
        """The kept language: a code Supple has, or "system" (also for one it has no more)."""
        stored = self._settings.get(LANGUAGE)
        return stored if isinstance(stored, str) and stored in available_languages() else SYSTEM

    def refresh_values(self) -> None:
        table = self.query_one(SettingsTable)
        table.set_values({key: Text(self.value_text(key), style="bold") for key in ROWS})
        self._show_detail()

    def _show_detail(self) -> None:
        table = self.query_one(SettingsTable)
        if not 0 <= table.cursor_row < len(ROWS):
            return
        key = ROWS[table.cursor_row]
        # Translators: enter is a key.
        action = _("enter plays them.") if key == TRY_CUES else _("enter changes it.")
        self.query_one("#settings-detail", Static).update(f"{_(MEANINGS[key])}\n{action}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def say(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#settings-status", Label)
        status.update(Content(message))
        status.set_class(error, "-error")

    # -- changing ------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.change(ROWS[event.cursor_row])

    def change(self, key: str) -> None:
        """Ask for a new value of `key` the way that suits it, then save what comes back."""
        if key in NUMBER_SETTINGS:
            setting = NUMBER_SETTINGS[key]

            def number_chosen(value: int | None) -> None:
                if value is not None:
                    self.save(key, value)

            self.app.push_screen(NumberForm(setting, self.value_of(key)), number_chosen)
        elif key == WEEK_STARTS_ON:

            def day_chosen(day: int | None) -> None:
                if day is not None:
                    self.save(key, day)

            self.app.push_screen(WeekdayPicker(self.value_of(key)), day_chosen)
        elif key == STIFFNESS:

            def chosen(choice: str | None) -> None:
                if choice is not None:
                    self._settings[STIFFNESS] = choice
                    ask_to_save(self, SettingsChange({STIFFNESS: choice}))
                    self.refresh_values()
                    self.say_saved(STIFFNESS, _(STIFFNESS_CHOICES[choice]))

            current = stiffness_setting(self._settings)
            when = {choice: _(words) for choice, words in STIFFNESS_CHOICES.items()}
            self.app.push_screen(ChoicePicker(_(LABELS[key]), when, current), chosen)
        elif key == CUE_MODE:
            output = self.supple.cue_output
            choices = {}
            for mode in CUE_MODES:
                # Translators: a cue mode and what it means, e.g. "voice: spoken words".
                words = _("{mode}: {meaning}").format(
                    mode=cue_mode_name(mode), meaning=_(CUE_MODE_MEANINGS[mode])
                )
                if not output.available(mode):
                    # Translators: a cue mode this computer cannot play, e.g. "voice: spoken
                    # words (missing here)".
                    words = _("{choice} (missing here)").format(choice=words)
                choices[mode] = words

            def mode_chosen(mode: str | None) -> None:
                if mode is not None:
                    note = self.supple.set_cue_mode(mode)
                    self.refresh_values()
                    said = self.saved_words(CUE_MODE, cue_mode_name(mode))
                    # Translators: what was saved, then why the mode falls back here.
                    self.say(_("{saved}. {note}").format(saved=said, note=note) if note else said)

            self.app.push_screen(ChoicePicker(_(LABELS[key]), choices, output.mode), mode_chosen)
        elif key == LANGUAGE:
            self.app.push_screen(
                ChoicePicker(_(LABELS[key]), language_choices(), self.language_setting()),
                self.language_chosen,
            )
        elif key == PLAIN:
            plain = self._settings.get(PLAIN) is not True
            self._settings[PLAIN] = plain
            ask_to_save(self, SettingsChange({PLAIN: plain}))
            self.refresh_values()
            # Translators: after "Screen-reader mode: on · saved" — it is not switched now.
            said = self.saved_words(PLAIN, on_off(plain))
            # Translators: after "Screen-reader mode: on · saved": it changes nothing until
            # Supple is started again.
            self.say(_("{saved}, from the next start").format(saved=said))
        elif key == TRY_CUES:
            self.try_cues()
        elif key in REMINDER_ROWS:
            self.reminder.change(key)
        else:
            # Textual's own theme list: it previews each theme as the cursor moves.
            self.app.search_themes()

    def try_cues(self) -> None:
        """One cue of each kind, spaced so each is heard whole; even when muted (asked for)."""
        output = self.supple.cue_output
        if output.mode == "off":
            # Translators: voice, tones and bell are the cue modes, as the Cues row shows them.
            self.say(_("Cues are off: choose voice, tones or bell first."))
            return
        delay = 0.0
        for cue in SAMPLE_CUES:
            if delay:
                self.set_timer(delay, lambda cue=cue: output.play(cue, always=True))
            else:
                output.play(cue, always=True)
            delay += sample_gap(output.mode, cue)
        mode = cue_mode_name(output.mode)
        # Translators: mode is the cue mode (voice, tones, bell); seconds a whole number.
        playing = _("Playing each cue ({mode}), {seconds} s in all…").format(
            mode=mode, seconds=f"{delay:.0f}"
        )
        self.say(playing)

        def played() -> None:
            # The line is taken back once the last cue has had its time, unless something
            # else has been said since.
            status = self.query_one("#settings-status", Label)
            if str(status.render()) == playing:
                self.say(_("Played each cue ({mode}).").format(mode=mode))

        self.set_timer(delay, played)

    def save(self, key: str, value: int) -> None:
        """Store a checked value: pauses in the routine, the rest in the settings document."""
        if key in (READY_S, SWITCH_S):
            self._routine = set_pauses(self.routine, **{key: value})
            ask_to_save(self, RoutineChange(self._routine))
        else:
            self._settings[key] = value
            ask_to_save(self, SettingsChange({key: value}))
        self.refresh_values()
        self.say_saved(key, self.value_text(key))

    def saved_words(self, key: str, value: str) -> str:
        """'Weekly goal: 5 of 7 days · saved'."""
        # Translators: the status line after a setting is changed: its name, its new value.
        return _("{setting}: {value} · saved").format(setting=_(LABELS[key]), value=value)

    def say_saved(self, key: str, value: str) -> None:
        self.say(self.saved_words(key, value))

    def language_chosen(self, choice: str | None) -> None:
        """Keep the language chosen and speak it from now on: every screen shows it at once."""
        if choice is None:
            return
        self._settings[LANGUAGE] = choice
        ask_to_save(self, SettingsChange({LANGUAGE: choice}))
        self.supple.change_language(choice)
        # Said once the language is in use, so in the language chosen.
        self.refresh_values()
        self.say_saved(LANGUAGE, self.value_text(LANGUAGE))

    def _theme_changed(self, theme: Theme) -> None:
        self.refresh_values()
