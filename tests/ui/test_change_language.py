"""Changing the language while Supple runs (SuppleApp.change_language, called by the Language
setting): every screen speaks the new language at once, keys in the footer too, each screen
where the person left it, and a run goes on untouched. A small German catalog of the test's
own, so these tests do not wait for the real translations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import tui.i18n
from tests.catalog import use_test_catalog
from tests.ui.visible import visible_lines, visible_text
from tui.app import SuppleApp
from tui.i18n import use_language
from tui.palette import supple_commands
from tui.screens.history import HistoryScreen
from tui.screens.routine import RoutineScreen
from tui.screens.settings import SettingsScreen, SettingsTable

AppFactory = Callable[..., SuppleApp]
SIZE = (100, 30)

GERMAN = {
    "Not stretched yet today": "Heute noch nicht gedehnt",
    "No streak yet: today can start one": "Noch keine Serie: heute kann eine beginnen",
    "Press enter to begin.": "Drücke Enter zum Beginnen.",
    "Quit": "Beenden",
    "Start": "Los",
    "Screens": "Ansichten",
    "Get ready": "Mach dich bereit",
    "Get ready · {side}": "Mach dich bereit · {side}",
    "Hold · {side}": "Halten · {side}",
    "Pause": "Anhalten",
    "done": "erledigt",
    "Open Settings": "Einstellungen öffnen",
    "Search for commands…": "Befehle suchen…",
}
SIDES = {"left side": "linke Seite", "right side": "rechte Seite"}


def po_text() -> str:
    entries = [f'msgid "{english}"\nmsgstr "{german}"\n' for english, german in GERMAN.items()]
    entries += [
        f'msgctxt "side of the body"\nmsgid "{english}"\nmsgstr "{german}"\n'
        for english, german in SIDES.items()
    ]
    return "\n".join(entries)


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A German catalog in a folder of the test's, in place of Supple's own; English again
    after the test, whatever it chose."""
    locale = use_test_catalog(po_text(), tmp_path, monkeypatch)
    try:
        yield locale
    finally:
        use_language("en")


def footer_line(app: SuppleApp) -> str:
    return visible_lines(app)[-1]


async def test_home_and_its_footer_speak_the_language_chosen_and_english_again(
    make_app: AppFactory, german: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        english = visible_lines(app)
        assert "Not stretched yet today" in visible_text(app)
        assert "^q Quit" in footer_line(app) and "⏎ Start" in footer_line(app)

        app.change_language("de")
        await pilot.pause()
        assert tui.i18n.language() == "de"
        text = visible_text(app)
        assert "Heute noch nicht gedehnt" in text
        assert "Noch keine Serie: heute kann eine beginnen" in text
        assert "Drücke Enter zum Beginnen." in text
        assert "Not stretched yet today" not in text
        footer = footer_line(app)
        assert "^q Beenden" in footer and "⏎ Los" in footer and "1-4 Ansichten" in footer
        # A word the catalog lacks stays English.
        assert "m Mute" in footer

        app.change_language("en")
        await pilot.pause()
        assert tui.i18n.language() == "en"
        assert visible_lines(app) == english


async def test_the_system_choice_follows_the_locale_variables(
    make_app: AppFactory, german: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.change_language("system")
        await pilot.pause()
        assert (tui.i18n.language(), tui.i18n.language_tag()) == ("de", "de_AT")
        assert "Heute noch nicht gedehnt" in visible_text(app)
        # A language Supple has no catalog for is passed over for the system's; C is English.
        app.change_language("fi")
        await pilot.pause()
        assert tui.i18n.language() == "de"
        monkeypatch.setenv("LANG", "C.UTF-8")
        app.change_language("system")
        await pilot.pause()
        assert tui.i18n.language() == "en"
        assert "Not stretched yet today" in visible_text(app)


async def test_the_settings_screen_stays_open_where_it_was_and_the_others_follow(
    make_app: AppFactory, german: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # history, built in English
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert " done" in visible_text(app)
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("down", "down", "down")
        table = app.screen.query_one(SettingsTable)
        row = table.cursor_row
        assert row == 3

        app.change_language("de")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        table = screen.query_one(SettingsTable)
        assert app.focused is table and table.cursor_row == row
        assert "^q Beenden" in footer_line(app)

        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen is not history  # built anew, in German
        assert " erledigt" in visible_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "Heute noch nicht gedehnt" in visible_text(app)


async def test_a_running_flow_goes_on_in_the_new_language(
    make_app: AppFactory, german: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.view_name == "flow"
        player = screen.player
        assert player is not None
        assert "Get ready · left side" in visible_text(app)
        assert "space Pause" in footer_line(app)

        app.change_language("de")
        await pilot.pause()
        assert app.screen is screen and screen.view_name == "flow"
        assert screen.player is player and not player.paused
        text = visible_text(app)
        assert "Mach dich bereit · linke Seite" in text
        assert "Get ready" not in text
        assert "space Anhalten" in footer_line(app)


async def test_the_palette_speaks_the_language_in_use(make_app: AppFactory, german: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.change_language("de")
        await pilot.pause()
        titles = [command.title for command in supple_commands(app, [])]
        assert "Einstellungen öffnen" in titles and "Open Settings" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "Befehle suchen…" in visible_text(app)
