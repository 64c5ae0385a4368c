"""The history screen in another language: its words come from the catalog, its dates,
weekdays and months from Babel. A small German catalog of the test's own, so these tests do
not wait for the real translations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label

from tests.catalog import use_test_catalog
from tests.factories import daily_history, write_history
from tui.app import SuppleApp
from tui.i18n import use_language
from tui.screens.history import HistoryScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]

TODAY = date(2026, 11, 26)  # FIXED_NOW's day, a Thursday
YESTERDAY = TODAY - timedelta(days=1)

GERMAN = {
    "Calendar": "Kalender",
    "How your back has felt": "Wie sich dein Rücken angefühlt hat",
    "Current streak": "Aktuelle Serie",
    "Longest streak": "Längste Serie",
    "Strength": "Stärke",
    "This week": "Diese Woche",
    "do today's flow to keep it": "mach heute deinen Ablauf, um sie zu halten",
    "{day} (today)": "{day} (heute)",
    "{day}: {state}": "{day}: {state}",
    "Sessions · {total} · enter opens one": "Einheiten · {total} · Enter öffnet eine",
    "Since {day}": "Seit {day}",
    "{span} · {percent}% average": "{span} · {percent} % im Schnitt",
    "Date": "Datum",
    "Session": "Einheit",
    "Started": "Begonnen",
}
IN_CONTEXT = {
    ("state of a day", "not done yet"): "noch nicht erledigt",
    ("state of a day", "done"): "erledigt",
    ("the body part", "Back"): "Rücken",
    ("time of day", "Time"): "Uhrzeit",
}
PLURAL = {
    ("{state} — {n} session", "{state} — {n} sessions"): (
        "{state} — {n} Einheit",
        "{state} — {n} Einheiten",
    ),
    ("{done} of {n} day", "{done} of {n} days"): ("{done} von {n} Tag", "{done} von {n} Tagen"),
}


def po_text() -> str:
    entries = [f'msgid "{english}"\nmsgstr "{german}"\n' for english, german in GERMAN.items()]
    entries += [
        f'msgctxt "{context}"\nmsgid "{english}"\nmsgstr "{german}"\n'
        for (context, english), german in IN_CONTEXT.items()
    ]
    entries += [
        f'msgid "{one}"\nmsgid_plural "{many}"\nmsgstr[0] "{german_one}"\n'
        f'msgstr[1] "{german_many}"\n'
        for (one, many), (german_one, german_many) in PLURAL.items()
    ]
    return "\n".join(entries)


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """German from the test's own catalog, in place of Supple's; English again after."""
    use_test_catalog(po_text(), tmp_path, monkeypatch)
    use_language("de")
    try:
        yield
    finally:
        use_language("en")


def text_of(app: SuppleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


def headers(app: SuppleApp) -> list[str]:
    table = app.screen.query_one("#sessions", DataTable)
    return [str(column.label) for column in table.ordered_columns]


async def test_the_history_speaks_german_with_babels_dates(
    make_app: AppFactory, store: Store, german: None
) -> None:
    # Done every day for ten days up to yesterday: a streak of 10 in a chart of two weeks.
    write_history(store.path, daily_history(YESTERDAY, 10))
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HistoryScreen)
        assert text_of(app, "#calendar-title") == "Kalender"
        assert text_of(app, "#stiffness-title") == "Wie sich dein Rücken angefühlt hat"
        # The labels' column is as wide as the longest German label, and one more.
        assert text_of(app, "#current-streak").startswith("Aktuelle Serie 10 ")
        assert text_of(app, "#longest-streak").startswith("Längste Serie  10 ")
        assert text_of(app, "#strength").startswith("Stärke         ")
        assert text_of(app, "#week-label").startswith("Diese Woche    3 von 7 Tagen")
        assert text_of(app, "#streak-safety") == "mach heute deinen Ablauf, um sie zu halten"
        # Babel's German short date: weekday and month abbreviated as German writes them.
        assert text_of(app, "#weeks-title").startswith("Seit Mo., 16. Nov. · 100 % im Schnitt")
        assert text_of(app, "#calendar-day") == "Do., 26. Nov. (heute): noch nicht erledigt"
        await pilot.press("up")
        assert text_of(app, "#calendar-day") == "Mi., 25. Nov.: erledigt — 1 Einheit"
        assert text_of(app, "#sessions-title") == "Einheiten · 10 · Enter öffnet eine"
        assert headers(app)[:3] == ["Datum", "Uhrzeit", "Length"]  # lacking: English
        assert headers(app)[6] == "Rücken"
        table = app.screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(0)[0]) == "Mi 2026-11-25"  # Babel's standalone "Mi"

        table.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetailScreen)
        assert text_of(app, "#session-title") == "Einheit"
        body = str(app.screen.query_one("#session-body").render())
        # "Begonnen" in a column two wider than the longest label (English "Reached the end").
        assert body.splitlines()[0].startswith("Begonnen         Mi., 25. Nov. 2026 · ")


async def test_the_history_composed_anew_says_its_words_again(
    make_app: AppFactory, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_history(store.path, daily_history(YESTERDAY, 3))
    app = make_app(mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert text_of(app, "#calendar-title") == "Calendar"
        assert headers(app)[0] == "Date"
        assert text_of(app, "#calendar-day") == "Thu 26 Nov (today): not done yet"

        use_test_catalog(po_text(), tmp_path, monkeypatch)
        use_language("de")
        try:
            # What the app does to a screen under a question when the language changes.
            await screen.recompose()
            await pilot.pause()
            assert text_of(app, "#calendar-title") == "Kalender"
            assert headers(app)[:2] == ["Datum", "Uhrzeit"]
            table = screen.query_one("#sessions", DataTable)
            assert table.row_count == 3  # filled again, though no session changed
            assert str(table.get_row_at(0)[0]) == "Mi 2026-11-25"
            assert text_of(app, "#sessions-title") == "Einheiten · 3 · Enter öffnet eine"
            assert text_of(app, "#current-streak").startswith("Aktuelle Serie ")
        finally:
            use_language("en")
