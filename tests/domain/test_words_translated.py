"""The domain's words in another language: cues, doses, streaks, calendar events, errors.

A tiny German catalog written for the test (not tui/locale's, which translators fill in)
shows that each phrase goes through the catalog when it is said, counts take the plural the
catalog gives, and a name a person wrote stays theirs while a built-in one is translated."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import tui.i18n
from tests.catalog import use_test_catalog
from tui.domain.calendar_export import ics_text
from tui.domain.clock import FakeClock
from tui.domain.cues import SAMPLE_CUES, CueSchedule, hold_words
from tui.domain.history import HistorySettings, MarkKind, why_not_counted
from tui.domain.player import Player
from tui.domain.reminder import describe_days, parse_days
from tui.domain.routine import Routine, Sides, default_routine
from tui.domain.routine_edit import EditError, parse_int_field
from tui.domain.streaks import length_words, stake_words, week_words

CATALOG = r"""
msgid "First: {name}."
msgstr "Zuerst: {name}."

msgid "Next: {name}."
msgstr "Als Nächstes: {name}."

msgid "{name}, left side. Hold {seconds} second."
msgid_plural "{name}, left side. Hold {seconds} seconds."
msgstr[0] "{name}, Seite links. {seconds} Sekunde halten."
msgstr[1] "{name}, Seite links. {seconds} Sekunden halten."

msgctxt "side of the body"
msgid "left"
msgstr "links"

msgid "Switch sides."
msgstr "Seite wechseln."

msgid "Knee to chest"
msgstr "Knie zur Brust"

msgid "Cat–cow"
msgstr "Katze–Kuh"

msgid "{seconds} s each side"
msgstr "{seconds} s je Seite"

msgid "{length} day"
msgid_plural "{length} days"
msgstr[0] "{length} Tag"
msgstr[1] "{length} Tage"

msgid "{length}-day streak at stake"
msgid_plural "{length}-day streak at stake"
msgstr[0] "Serie von {length} Tag in Gefahr"
msgstr[1] "Serie von {length} Tagen in Gefahr"

msgid "{done} of {target} this week"
msgstr "{done} von {target} diese Woche"

msgid "held {held} of {steps} step"
msgid_plural "held {held} of {steps} steps"
msgstr[0] "{held} von {steps} Schritt gehalten"
msgstr[1] "{held} von {steps} Schritten gehalten"

msgid "Supple: stretched"
msgstr "Supple: gedehnt, locker"

msgid "{count} counted session"
msgid_plural "{count} counted sessions"
msgstr[0] "{count} gezählte Sitzung"
msgstr[1] "{count} gezählte Sitzungen"

msgid "every day"
msgstr "jeden Tag"

msgid "Hold"
msgstr "Halten"

msgid "{label} must be a whole number of seconds from {low} to {high}"
msgstr "{label} muss eine ganze Zahl von Sekunden von {low} bis {high} sein"
"""


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """German from the test's catalog for one test; English again after it."""
    use_test_catalog(CATALOG, tmp_path, monkeypatch)
    tui.i18n.use_language("de")
    try:
        yield
    finally:
        tui.i18n.use_language("en")


def _first_cues(routine: Routine, seconds: float) -> list[str]:
    """The words said in the first `seconds` of a flow, frame by frame on a fake clock."""
    clock = FakeClock(100.0)
    player = Player(routine, clock)
    schedule = CueSchedule()
    said = []
    cue = schedule.update(player.start(), player.view())
    if cue is not None:
        said.append(cue.words)
    while clock.now() - 100.0 < seconds:
        clock.advance(0.25)
        cue = schedule.update(player.advance(), player.view())
        if cue is not None:
            said.append(cue.words)
    return said


def test_a_built_in_stretch_is_named_and_cued_in_the_language_in_use(german: None) -> None:
    said = _first_cues(default_routine(), 5)
    assert said == [
        "Zuerst: Knie zur Brust.",
        "3",
        "2",
        "1",
        "Knie zur Brust, Seite links. 20 Sekunden halten.",
    ]


def test_the_count_of_seconds_takes_the_catalogs_plural(german: None) -> None:
    clock = FakeClock(0.0)
    player = Player(default_routine(), clock)
    player.start()
    clock.advance(5.25)  # past get-ready, into the left side's hold
    player.advance()
    view = player.view()
    assert hold_words(view, 1.0) == "Knie zur Brust, Seite links. 1 Sekunde halten."
    assert hold_words(view, 2.0) == "Knie zur Brust, Seite links. 2 Sekunden halten."


def test_a_name_a_person_wrote_is_not_translated(german: None) -> None:
    built_in = default_routine().stretches[0]
    # Their own stretch, which they happened to call by a built-in one's English name.
    theirs = replace(built_in, key="custom-1", custom=True)
    routine = Routine(name="mine", stretches=(theirs,), ready_s=3)
    assert _first_cues(routine, 0) == ["Zuerst: Knee to chest."]
    # Its dose is Supple's words, and is translated all the same.
    assert theirs.dose() == "20 s je Seite"


def test_the_sample_cues_speak_the_language_in_use_and_english_again_after(german: None) -> None:
    words = [cue.words for cue in SAMPLE_CUES]
    assert words[0] == "Zuerst: Knie zur Brust."
    assert words[2] == "Knie zur Brust, Seite links. 20 Sekunden halten."
    assert words[3] == "Seite wechseln."
    # The speech cleanup is applied to the translated name: no dash read aloud.
    assert words[4] == "Als Nächstes: Katze Kuh."
    tui.i18n.use_language("en")
    assert SAMPLE_CUES[0].words == "First: Knee to chest."
    assert SAMPLE_CUES[2].words == "Knee to chest, left side. Hold 20 seconds."


def test_streak_and_week_words_are_translated_with_their_plurals(german: None) -> None:
    assert length_words(1, "days") == "1 Tag"
    assert length_words(5, "days") == "5 Tage"
    assert stake_words(1, "days", week_met=False) == "Serie von 1 Tag in Gefahr"
    assert stake_words(5, "days", week_met=False) == "Serie von 5 Tagen in Gefahr"
    assert week_words(2, 3) == "2 von 3 diese Woche"
    assert why_not_counted(True, 1, 0, 1) == "0 von 1 Schritt gehalten"
    assert why_not_counted(True, 1, 1, 4) == "1 von 4 Schritten gehalten"


def test_a_phrase_the_catalog_lacks_is_said_in_english(german: None) -> None:
    one_side = replace(default_routine().stretches[0], sides=Sides.LEFT)
    assert one_side.dose() == "20 s left side"
    assert week_words(6, 3) == "6 days · goal 3 met"


def test_an_editor_error_names_its_field_in_the_language_in_use(german: None) -> None:
    with pytest.raises(EditError) as raised:
        parse_int_field("x", "hold_s", 5, 300)
    assert raised.value.message == "Halten muss eine ganze Zahl von Sekunden von 5 bis 300 sein"


def test_reminder_days_are_described_and_understood_in_the_language_in_use(german: None) -> None:
    assert describe_days(frozenset(range(7))) == "jeden Tag"
    assert parse_days("jeden Tag") == frozenset(range(7))
    # Weekday names come from Babel in the language: Montag–Freitag.
    assert parse_days("mon-fre") == frozenset(range(5))
    assert describe_days(frozenset(range(5))) == "Mo–Fr"


def test_the_calendar_file_carries_the_words_in_the_language_of_the_export(
    german: None,
) -> None:
    day = date(2026, 11, 26)
    text, count = ics_text(
        [], {day: MarkKind.DONE}, HistorySettings(), "db", datetime(2026, 11, 27, tzinfo=UTC)
    )
    assert count == 1
    # A comma in a translation is escaped as RFC 5545 asks; the format's names stay English.
    assert "SUMMARY:Supple: gedehnt\\, locker\r\n" in text
    assert "CATEGORIES:Supple,done\r\n" in text
