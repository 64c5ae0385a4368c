"""Help over the current screen: its active keys, grouped, and what a streak and the week mean."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from tui.domain.history import HistorySettings
from tui.i18n import N_, _, ngettext
from tui.i18n.formats import day_name
from tui.paths import styles_dir

# A group without a BINDING_GROUP_TITLE is named after its node's class, in words.
_FALLBACK_TITLES = {
    "DataTable": N_("Table"),
    "Input": N_("Text field"),
    "VerticalScroll": N_("Scrolling"),
}


@dataclass(frozen=True)
class KeyLine:
    """One action and every key bound to it, as help shows it."""

    keys: tuple[str, ...]
    words: str
    enabled: bool


@dataclass(frozen=True)
class KeyGroup:
    """The keys one node (the screen, a focused widget, the app) offers."""

    title: str
    lines: tuple[KeyLine, ...]


def group_title(node: DOMNode) -> str:
    """A screen may name itself by what it shows now (`help_name`), e.g. the running flow.

    Titles are class attributes, marked with N_ where they are written: translated here."""
    title = getattr(node, "help_name", None) or node.BINDING_GROUP_TITLE
    if title:
        return _(str(title))
    name = type(node).__name__
    return _(_FALLBACK_TITLES[name]) if name in _FALLBACK_TITLES else name


def _group_order(node: DOMNode) -> int:
    # The screen's keys first, then the focused widget's, then the app's: they work anywhere.
    if isinstance(node, Screen):
        return 0
    return 2 if isinstance(node, App) else 1


# Textual's own keys that a person of Supple uses, in Supple's words; actions on one line
# share its words. The rest of Textual's keys (copy selected text, sideways paging and the
# left and right cursor on a vertical list, …) are left out.
# Marked here, translated as help shows them.
TEXTUAL_KEY_WORDS = {
    "cursor_up": N_("Up or down the list"),
    "cursor_down": N_("Up or down the list"),
    "page_up": N_("A page up or down"),
    "page_down": N_("A page up or down"),
    "scroll_home": N_("To the first or the last row"),
    "scroll_end": N_("To the first or the last row"),
    "scroll_top": N_("To the first or the last row"),
    "scroll_bottom": N_("To the first or the last row"),
    "focus_next": N_("To the next or the previous part of the screen"),
    "focus_previous": N_("To the next or the previous part of the screen"),
    "command_palette": N_("Open the command palette"),
}
_FOCUS_ACTIONS = {"focus_next", "focus_previous"}


def _plain_action(action: str) -> str:
    return action.rsplit(".", 1)[-1]


def declared_by_textual(node: DOMNode, action: str) -> bool:
    """Whether Textual itself binds `action` on this node (a DataTable's page keys), as
    against one of Supple's classes (the calendar's arrows)."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("textual"):
            continue
        for entry in cls.__dict__.get("BINDINGS", ()):
            declared = entry.action if isinstance(entry, Binding) else entry[1]
            if declared == action:
                return True
    return False


def key_groups(app: App[Any], bindings: Mapping[str, ActiveBinding]) -> list[KeyGroup]:
    """Group active bindings by the node that defines them; keys of one action share a line.

    Built from the bindings themselves, so a new binding of Supple's (it carries an id) shows
    up here without an edit. Textual's own keys show only when a person here would use them.
    """
    # Moving the focus is worth a line only where there is more than one place to go.
    several_parts = len(app.screen.focus_chain) > 1
    by_node: dict[DOMNode, dict[str, list[tuple[Binding, bool]]]] = {}
    for node, binding, enabled, _tooltip in bindings.values():
        if binding.system or not binding.description:
            continue
        action = binding.action
        if binding.id is None and declared_by_textual(node, action):
            plain = _plain_action(action)
            if plain not in TEXTUAL_KEY_WORDS or (plain in _FOCUS_ACTIONS and not several_parts):
                continue
            words = TEXTUAL_KEY_WORDS[plain]
            binding = replace(binding, tooltip=words)
            action = words  # one line for the actions that share words
        by_node.setdefault(node, {}).setdefault(action, []).append((binding, enabled))
    groups = []
    for node, actions in sorted(by_node.items(), key=lambda item: _group_order(item[0])):
        lines: list[tuple[bool, KeyLine]] = []
        for entries in actions.values():
            first, enabled = entries[0]
            # The footer may show a shared label ("⇧↑↓"); help names every real key.
            keys = tuple(
                dict.fromkeys(app.get_key_display(replace(b, key_display=None)) for b, _ in entries)
            )
            # The tooltip is the description in full ("Pause" → "Pause or resume; …"); both
            # are written at import, marked with N_, and translated here.
            words = _(first.tooltip or first.description)
            lines.append((first.id is None, KeyLine(keys, words, enabled)))
        # Supple's own keys (they carry ids, for keymaps) before Textual's generic ones (tab).
        lines.sort(key=lambda line: line[0])
        groups.append(KeyGroup(group_title(node), tuple(line for _, line in lines)))
    return groups


def other_parts_groups(app: App[Any], screen: Screen[Any]) -> list[KeyGroup]:
    """The keys of the screen's parts not focused now (the sessions table while the calendar
    is), each group saying how to reach it: help shows every key of the screen, not only
    the focused part's."""
    focused = app.focused
    reached = set(focused.ancestors_with_self) if focused is not None else set()
    bindings: dict[str, ActiveBinding] = {}
    for widget in screen.focus_chain:
        if widget in reached:
            continue
        for binding in Binding.make_bindings(getattr(type(widget), "BINDINGS", ())):
            # Only Supple's own keys (they carry ids): Textual's are the same everywhere.
            if binding.id:
                bindings[f"{id(widget)} {binding.key}"] = ActiveBinding(
                    widget, binding, True, binding.tooltip
                )
    return [
        # Translators: help's title for the keys of a part of the screen not focused now; tab
        # is a key.
        replace(group, title=_("{group} (tab to reach it)").format(group=group.title))
        for group in key_groups(app, bindings)
    ]


def keys_table(groups: Iterable[KeyGroup]) -> Table:
    """Every group as a titled block of `key  what it does` rows."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for number, group in enumerate(groups):
        if number:
            table.add_row("", "")
        table.add_row("", Text(group.title, style="bold underline"))
        for line in group.lines:
            words = Text(line.words)
            if not line.enabled:
                # Translators: after a key's words in help: the key does nothing at present.
                words.append(" " + _("(not now)"), style="dim italic")
            table.add_row(Text(" ".join(line.keys), style="" if line.enabled else "dim"), words)
    return table


def streak_words(settings: HistorySettings) -> str:
    """rules.md §4 in plain words, with this person's own goal and week."""
    goal = settings.weekly_goal
    hour = settings.day_starts_at
    # Translators: the keys and flags in brackets (history, z; --speed; settings, 4) are
    # names of screens and keys: keep the keys as they are.
    counts = _(
        "A flow counts when you held at least half of its steps, a step being held "
        "at half its time or reps: skipping one stretch that hurts still counts."
    )
    if goal == 7:
        streak = [
            _(
                "A streak counts the days in a row on which you finished the flow (or marked "
                "the day done)."
            ),
            counts,
            _(
                "A day you mark as rest (history, z) keeps a streak going without adding to "
                "it; a day with neither ends it, though today only once it is over."
            ),
        ]
    else:
        # Below a daily goal a missed day is part of the plan: the streak counts weeks.
        streak = [
            _(
                "A streak counts the weeks in a row that met their target, a day being done "
                "when you finished the flow (or marked it done)."
            ),
            counts,
            _(
                "This week counts as soon as it is met, and does not end a streak while "
                "enough days are left to meet it."
            ),
        ]
    streak.append(_("Practice runs (--speed) never count."))
    if hour:
        streak.append(
            # Translators: hour is a whole hour of the day, 1 to 23 ("4:00").
            _("Your day starts at {hour}:00: a flow before then counts for the day before.").format(
                hour=hour
            )
        )
    weekday = day_name(settings.week_starts_on)
    if goal == 7:
        # Translators: weekday is a day's name, e.g. "Monday", as a heading writes it.
        week = _("Your weekly goal is every day; weeks start on {weekday}.").format(weekday=weekday)
    else:
        week = ngettext(
            "Your weekly goal is {n} day a week; weeks start on {weekday}.",
            "Your weekly goal is {n} days a week; weeks start on {weekday}.",
            goal,
        ).format(n=goal, weekday=weekday)
    target = _(
        "A week's target is that goal, lowered only when its rest days leave fewer days than "
        "that (never below one); the week is complete when the target is met. Change both in "
        "settings (4)."
    )
    # Translators: Loop Habit Tracker is the name of an app; keep it as it is.
    strength = _(
        "Strength (history, home) grows with each done day and fades with each missed one, "
        "after Loop Habit Tracker's score: from nothing, 13 straight days make 50% with a "
        "daily goal (a smaller goal asks for fewer days and fades more slowly). A rest day "
        "holds it."
    )
    return "\n\n".join((" ".join(streak), f"{week} {target}", strength))


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen beneath, as they were when help was asked for."""

    CSS_PATH = styles_dir() / "help.tcss"
    BINDING_GROUP_TITLE = N_("Help")
    BINDINGS = [
        Binding("escape,question_mark,q", "close", N_("Close"), id="help.close"),
    ]

    def __init__(self, screen_name: str, groups: list[KeyGroup], settings: HistorySettings) -> None:
        super().__init__()
        self.screen_name = screen_name
        self.groups = groups
        self.settings = settings

    def compose(self) -> ComposeResult:
        # The box scrolls (arrows, page keys) when the terminal is too small for all of it;
        # how to close it is on its bottom border, so it shows however far it is scrolled.
        box = VerticalScroll(id="help-box")
        # Translators: escape and ? are keys.
        box.border_subtitle = _("escape or ? closes this")
        with box:
            # Translators: help's title; screen is the screen's name (Settings, Running flow…).
            yield Label(_("Keys · {screen}").format(screen=self.screen_name), id="help-title")
            yield Static(keys_table(self.groups), id="help-keys")
            yield Label(_("Streaks and the weekly goal"), id="help-streak-title")
            yield Static(streak_words(self.settings), id="help-streaks")

    def action_close(self) -> None:
        self.dismiss(None)
