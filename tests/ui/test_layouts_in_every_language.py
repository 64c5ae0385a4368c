"""Every screen in every language at 80×24 and 40×12: no word cut, the footer keeps its keys.

German is long: a layout that holds English can cut "Einheiten" to "Einhei" or end a label in
"…". Each screen is driven with Pilot and read as the terminal shows it (visible_lines); every
word on it must be a whole word of the language: one of its catalog's words, Babel's weekday
and month names, a stretch's words, a key's name. Tokens holding a digit are numbers, times or
doses, and are not read."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import babel
import pytest
from babel.messages.mofile import read_mo
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import DataTable

from tests.conftest import build_app
from tests.factories import daily_history, write_history
from tests.ui import visible
from tests.ui.visible import visible_lines
from tui.app import SuppleApp
from tui.domain.clock import FakeClock
from tui.domain.routine import default_routine
from tui.i18n import LOCALE_DIR, available_languages, use_language
from tui.screens.routine import RoutineScreen
from tui.screens.settings import ROWS
from tui.storage.store import Store
from tui.widgets.footer import SuppleFooter, fit

AppFactory = Callable[..., SuppleApp]
Drive = Callable[[Pilot[None]], Awaitable[None]]

SIZES = [(80, 24), (40, 12)]
LANGUAGES = ["de", "es", "fr"]
YESTERDAY = date(2026, 11, 25)  # FIXED_NOW's day before
FLOW_SECONDS = 313

# Words a screen shows that no catalog holds: key names (never translated), Textual's own
# words (its palette's commands, in English), the app's name and its themes' names.
KEY_WORDS = (
    "enter esc escape space tab ctrl shift alt up down left right home end pgup pgdn del "
    "delete backspace ins insert f ret"
)
OTHER_WORDS = (
    "Supple textual dark light nord gruvbox catppuccin mocha latte dracula tokyo night "
    "monokai flexoki solarized rose pine moon dawn atom one ansi "
    # Textual's command palette: its search prompt and system commands stay English.
    "Search for commands Keys Show help for the focused widget and a summary of available "
    "keys Maximize Minimize Quit the application Save screenshot Save an SVG screenshot of "
    "current screen Change theme Change the current theme Screenshot Theme Quit"
)
# A letter run: the unit a word is checked in ("Knie-zur-Brust" is three, "l'étirement" two).
LETTERS = re.compile(r"[^\W\d_]+")


def catalog(code: str) -> list[tuple[str, ...]]:
    """The compiled catalog's messages, each its English and its translations: what the
    screens show (the .po may be a step ahead while it is being written)."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / "supple.mo").open("rb") as mo:
        return [
            (
                *(message.id if isinstance(message.id, (tuple, list)) else (message.id,)),
                *(
                    message.string
                    if isinstance(message.string, (tuple, list))
                    else (message.string,)
                ),
            )
            for message in read_mo(mo)
            if message.id
        ]


@cache
def vocabulary(code: str) -> frozenset[str]:
    """Every whole word the language's screens can show, lower case."""
    # English too: a string its catalog lacks is shown in English.
    texts: list[str] = [
        KEY_WORDS,
        OTHER_WORDS,
        *(text for texts in catalog(code) for text in texts),
    ]
    locale = babel.Locale.parse(code)
    for names in (locale.days, locale.months):
        for context in names.values():
            for width in context.values():
                texts += width.values()
    for periods in locale.day_periods.values():
        for width in periods.values():
            texts += width.values()
    # The Language setting names each language in its own words.
    for other in available_languages()[1:]:
        texts.append(babel.Locale.parse(other).get_display_name(other) or "")
    for stretch in default_routine().stretches:
        texts += [stretch.name, stretch.instructions]
    return frozenset(word.lower() for text in texts for word in LETTERS.findall(text))


@cache
def ellipsis_tokens(code: str) -> frozenset[str]:
    """Tokens with a "…" that the catalog writes itself ("Suchen…"): not a cut."""
    return frozenset(
        token for texts in catalog(code) for text in texts for token in text.split() if "…" in token
    )


def cut_words(lines: list[str], code: str) -> list[str]:
    """The tokens on the screen that are not whole words of the language."""
    known, own_ellipses = vocabulary(code), ellipsis_tokens(code)
    found = []
    for line in lines:
        for token in line.split():
            if any(char.isdigit() for char in token):
                continue
            # A lone "…" is the catalog's own ("0 (not at all) … 10"); one after letters cuts.
            if "…" in token and LETTERS.search(token) and token not in own_ellipses:
                found.append(token)
                continue
            found += [token for run in LETTERS.findall(token) if run.lower() not in known]
    return found


def screen_lines(app: SuppleApp) -> list[str]:
    """What the screen on top shows: a dialog's own box only, not the screen it covers (whose
    words its border crosses by design)."""
    if not isinstance(app.screen, ModalScreen):
        return visible_lines(app)
    # Row by row from the top of the terminal (visible_lines starts at the first row with
    # text, and a dialog's dimmed background may have none).
    cells: dict[int, list[tuple[int, str]]] = {}
    for match in visible._TEXT.finditer(app.export_screenshot()):
        row = round(float(match[2]) / visible._LINE_HEIGHT) - 1
        column = round(float(match[1]) / visible._CELL_WIDTH)
        cells.setdefault(row, []).append((column, html.unescape(match[3]).replace("\xa0", " ")))
    lines = []
    for row in range(app.size.height):
        line = ""
        for column, text in sorted(cells.get(row, [])):
            line = line.ljust(column) + text
        lines.append(line)
    # The dialog: the screen's children, or a full-screen holder's that centres it.
    shown: list[Widget] = [child for child in app.screen.children if child.display]
    footers = [child for child in shown if isinstance(child, SuppleFooter)]
    shown = [child for child in shown if child not in footers]
    while len(shown) == 1 and shown[0].region == app.screen.region and shown[0].children:
        shown = [child for child in shown[0].children if child.display]
    box = Region.from_union([child.region for child in shown])
    # A dialog's own footer (its keys) is read too.
    dialog = [line[box.x : box.right].rstrip() for line in lines[box.y : box.bottom]]
    return dialog + [lines[footer.region.y].rstrip() for footer in footers]


def footer_keys(lines: list[str]) -> list[str]:
    """The footer's words, its items' bars taken for spaces."""
    return lines[-1].replace("▏", " ").split() if lines else []


# --- driving the app to each screen ---------------------------------------------------------


def routine_of(app: SuppleApp) -> RoutineScreen:
    screen = app.screen
    assert isinstance(screen, RoutineScreen)
    return screen


async def advance(pilot: Pilot[None], *seconds: float) -> None:
    """Start the flow, then move the fake clock and tick after each step."""
    await pilot.press("enter")
    for step in seconds:
        clock = pilot.app.clock  # type: ignore[attr-defined]
        assert isinstance(clock, FakeClock)
        clock.advance(step)
        routine_of(pilot.app).tick()  # type: ignore[arg-type]
    await pilot.pause()


def keys(*pressed: str) -> Drive:
    async def drive(pilot: Pilot[None]) -> None:
        await pilot.press(*pressed)
        await pilot.pause()

    return drive


def flow(*seconds: float, then: tuple[str, ...] = ()) -> Drive:
    async def drive(pilot: Pilot[None]) -> None:
        await advance(pilot, *seconds)
        if then:
            await pilot.press(*then)
        await pilot.pause()

    return drive


def shown(selector: str) -> Drive:
    """The history scrolled to show `selector`'s widget."""

    async def drive(pilot: Pilot[None]) -> None:
        widget = pilot.app.screen.query_one(selector, Widget)
        widget.scroll_visible(animate=False, top=True, immediate=True)
        await pilot.pause()
        await pilot.pause()

    return drive


def from_sessions(*pressed: str) -> Drive:
    async def drive(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#sessions", Widget).focus()
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.pause()

    return drive


def settings_row(key: str, *then: str) -> Drive:
    async def drive(pilot: Pilot[None]) -> None:
        await pilot.press(*["down"] * ROWS.index(key), *then)
        await pilot.pause()

    return drive


@dataclass(frozen=True)
class Screen:
    mode: str
    drive: Drive | None = None
    ask_stiffness: str | None = "never"
    # The key(s) the footer must keep in view, at both sizes ("" for a screen with no footer).
    footer: tuple[str, ...] = ()


async def nothing(pilot: Pilot[None]) -> None:
    await pilot.pause()


SCREENS: dict[str, Screen] = {
    "home": Screen("routine", footer=("?",)),
    "get-ready": Screen("routine", flow(1.2), footer=("space",)),
    "hold": Screen("routine", flow(5, 7.5), footer=("space",)),
    "switch-sides": Screen("routine", flow(5, 20.5), footer=("space",)),
    "reps": Screen("routine", flow(120, 5, 2.5), footer=("space",)),
    "paused": Screen("routine", flow(5, 7.5, then=("space",)), footer=("space",)),
    # The flow's longest footer: "Resume" and "Unmute".
    "paused-muted": Screen("routine", flow(5, 7.5, then=("space", "m")), footer=("space",)),
    "summary": Screen("routine", flow(FLOW_SECONDS), footer=()),
    "left-early": Screen("routine", flow(5, 7.5, then=("q", "y")), footer=()),
    "leave-asked": Screen("routine", flow(5, 7.5, then=("q",)), footer=()),
    "note": Screen("routine", flow(FLOW_SECONDS, then=("n",))),
    "stiffness-question": Screen("routine", keys("enter"), ask_stiffness=None),
    "help-over-home": Screen("routine", keys("question_mark")),
    "help-over-flow": Screen("routine", flow(5, 7.5, then=("question_mark",))),
    "palette": Screen("routine", keys("ctrl+p")),
    "history": Screen("history", footer=("?",)),
    "history-calendar": Screen("history", keys("up"), footer=("?",)),
    "history-stiffness": Screen("history", shown("#stiffness-title"), footer=("?",)),
    "history-sessions": Screen("history", from_sessions(), footer=("⏎",)),
    "day": Screen("history", keys("up", "enter")),
    "session-detail": Screen("history", from_sessions("enter"), footer=("esc",)),
    "session-delete-asked": Screen("history", from_sessions("enter", "delete")),
    "go-to-day": Screen("history", from_sessions("g")),
    "go-to-day-refused": Screen("history", from_sessions("g", *"soon", "enter")),
    "history-help": Screen("history", keys("question_mark")),
    "editor": Screen("editor", footer=("?",)),
    "editor-low-row": Screen("editor", keys(*["down"] * 4), footer=("?",)),
    "stretch-form": Screen("editor", keys("a")),
    "pauses-form": Screen("editor", keys("p")),
    "delete-asked": Screen("editor", keys("d")),
    "reset-asked": Screen("editor", keys("ctrl+r")),
    "settings": Screen("settings", footer=("?",)),
    "weekly-goal-form": Screen("settings", keys("enter")),
    "weekly-goal-refused": Screen("settings", keys("enter", "backspace", "9", "enter")),
    "week-start-picker": Screen("settings", settings_row("week_starts_on", "enter")),
    "cue-mode-picker": Screen("settings", settings_row("cue_mode", "enter")),
    "stiffness-setting": Screen("settings", settings_row("stiffness", "enter")),
    "language-picker": Screen("settings", settings_row("language", "enter")),
    "reminder-rows": Screen("settings", settings_row("reminder_timer"), footer=("?",)),
    "reminder-times-form": Screen("settings", settings_row("reminder_times", "enter")),
    "reminder-days-form": Screen("settings", settings_row("reminder_days", "enter")),
}


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    code: str = request.param
    use_language(code)
    try:
        yield code
    finally:
        use_language("en")


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No reminder timer of the person's is read; no scheduler is ever asked."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr("tui.reminders.install.default_scheduler", lambda: "systemd")


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_no_word_is_cut(
    make_app: AppFactory, store: Store, language: str, name: str, size: tuple[int, int]
) -> None:
    screen = SCREENS[name]
    # Twelve days done up to yesterday: home says the streak, history has sessions to open.
    write_history(store.path, daily_history(YESTERDAY, 12))
    app = make_app(mode=screen.mode, ask_stiffness=screen.ask_stiffness)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await (screen.drive or nothing)(pilot)
        await pilot.pause()
        lines = screen_lines(app)
        picture = "\n".join(lines)
        cut = cut_words(lines, language)
        assert not cut, f"{name} at {size[0]}×{size[1]} in {language}: {cut}\n{picture}"
        # A table wider than its view would be read by scrolling along it, its edge cutting
        # the words of the columns it shows: each fits its width instead.
        for table in app.screen.query(DataTable):
            assert not (table.display and table.max_scroll_x), (
                f"{name} at {size[0]}×{size[1]} in {language}: #{table.id} scrolls sideways"
                f"\n{picture}"
            )
        for key in screen.footer:
            assert key in footer_keys(lines), (
                f"{name} at {size[0]}×{size[1]}: no {key!r} key\n{picture}"
            )


def footer_shown(app: SuppleApp) -> list[str]:
    """The keys the footers on the screen show (each as written: "⏎", "^q", "?")."""
    shown = []
    for footer in app.screen.query(SuppleFooter):
        if footer.display and footer.size.width:
            left, right = fit(*footer.items(), footer.size.width)
            shown += [item.display for item in (*left, *right)]
    return shown


async def footer_at_80(store: Store, name: str) -> list[str]:
    screen = SCREENS[name]
    write_history(store.path, daily_history(YESTERDAY, 12))
    app = build_app(store, mode=screen.mode, ask_stiffness=screen.ask_stiffness)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await (screen.drive or nothing)(pilot)
        await pilot.pause()
        return footer_shown(app)


# English's footers, read once per screen (English is the language every footer fits).
ENGLISH_FOOTERS: dict[str, list[str]] = {}


@pytest.mark.parametrize("name", list(SCREENS))
async def test_the_footer_at_80_keeps_every_key_english_shows(
    store: Store, tmp_path: Path, language: str, name: str
) -> None:
    """Longer words never push a key out of an 80-column footer: each language shows the
    keys English shows (help lists them all, but the footer is where they are seen)."""
    if name not in ENGLISH_FOOTERS:
        english = Store.open(tmp_path / "english" / "supple.json")
        english.prepare()
        use_language("en")
        try:
            ENGLISH_FOOTERS[name] = await footer_at_80(english, name)
        finally:
            use_language(language)
    shown = await footer_at_80(store, name)
    missing = [key for key in ENGLISH_FOOTERS[name] if key not in shown]
    assert not missing, (
        f"{name} in {language} leaves out {missing} (English: {ENGLISH_FOOTERS[name]})"
    )
