"""The Language and Screen-reader mode rows of the settings screen, driven with Pilot: each
choice is saved, and a new language shows at once (here from a small catalog of the test's own,
so the test does not wait on the German translation being done)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, OptionList

from tests.catalog import use_test_catalog
from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.settings import LANGUAGE, PLAIN, WEEK_STARTS_ON
from tui.i18n import use_language
from tui.screens.editor import EditorScreen
from tui.screens.settings import ROWS, ChoicePicker, SettingsScreen, SettingsTable
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]
SIZE = (100, 30)

# A few of the settings screen's words, as a German catalog has them.
GERMAN = {
    "Settings": "Einstellungen",
    "Language": "Sprache",
    "Screen-reader mode": "Bildschirmleser-Modus",
    "Week starts on": "Woche beginnt am",
    "{setting}: {value} · saved": "{setting}: {value} · gespeichert",
    "Edit the flow": "Ablauf bearbeiten",
}


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """The language is the process's: whatever a test chose, the next one starts in English."""
    yield
    use_language("en")


@pytest.fixture
def german_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalog folder holding only a small German catalog, compiled, in use as Supple's."""
    entries = "".join(
        f'\nmsgid "{english}"\nmsgstr "{german}"\n' for english, german in GERMAN.items()
    )
    return use_test_catalog(entries, tmp_path, monkeypatch)


def shown(app: SuppleApp, key: str, column: str = "value") -> str:
    return app.screen.query_one(SettingsTable).get_cell(key, column).plain


def status(app: SuppleApp) -> str:
    return str(app.screen.query_one("#settings-status", Label).render())


async def open_row(pilot: Pilot[None], key: str) -> None:
    """Move the cursor from the top to `key`'s row and press enter, as a person would."""
    for _ in range(ROWS.index(key)):
        await pilot.press("down")
    await pilot.press("enter")


def choices(app: SuppleApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_language_row_lists_each_language_by_its_own_name_and_saves_the_choice(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        # The tests' locale is C.UTF-8: the system's choice is English.
        assert shown(app, LANGUAGE) == "System (English)"
        await open_row(pilot, LANGUAGE)
        assert isinstance(app.screen, ChoicePicker)
        assert choices(app) == ["System (English)", "English", "Deutsch", "Español", "Français"]
        await pilot.press("down", "enter")  # English, kept whatever the system says
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert shown(app, LANGUAGE) == "English"
        assert "Language: English · saved" in status(app)
        await saved(app)
    assert store.settings()[LANGUAGE] == "en"


async def test_the_system_choice_names_the_language_the_locale_gives(
    make_app: AppFactory, german_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE):
        assert shown(app, LANGUAGE) == "System (Deutsch)"


async def test_the_screen_reader_row_is_saved_for_the_next_start(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app, PLAIN) == "off"
        await open_row(pilot, PLAIN)
        assert shown(app, PLAIN) == "on"
        assert "Screen-reader mode: on · saved, from the next start" in status(app)
        await saved(app)
        assert store.settings()[PLAIN] is True
        await pilot.press("enter")  # the cursor is still on the row
        assert shown(app, PLAIN) == "off"
        await saved(app)
    assert store.settings()[PLAIN] is False


async def test_choosing_german_shows_the_screens_in_german_at_once(
    make_app: AppFactory, store: Store, german_catalog: Path
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert str(app.screen.query_one("#settings-title", Label).render()) == "Settings"
        await open_row(pilot, LANGUAGE)
        assert choices(app) == ["System (English)", "English", "Deutsch"]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert str(screen.query_one("#settings-title", Label).render()) == "Einstellungen"
        assert shown(app, LANGUAGE, "setting") == "Sprache"
        assert shown(app, PLAIN, "setting") == "Bildschirmleser-Modus"
        assert shown(app, WEEK_STARTS_ON, "setting") == "Woche beginnt am"
        # Weekdays come from Babel in the language in use.
        assert shown(app, WEEK_STARTS_ON) == "Montag"
        assert shown(app, LANGUAGE) == "Deutsch"
        assert "Sprache: Deutsch · gespeichert" in status(app)
        # The cursor stays on the row that was changed.
        assert ROWS[screen.query_one(SettingsTable).cursor_row] == LANGUAGE
        # A screen opened before the change shows it too.
        await pilot.press("3")
        assert isinstance(app.screen, EditorScreen)
        title = app.screen.query_one("#editor-title", Label)
        assert str(title.render()) == "Ablauf bearbeiten"
        # And back: English again, as chosen.
        await pilot.press("4")
        await pilot.press("enter")
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert str(app.screen.query_one("#settings-title", Label).render()) == "Settings"
        assert shown(app, WEEK_STARTS_ON) == "Monday"
        await saved(app)
    assert store.settings()[LANGUAGE] == "en"
