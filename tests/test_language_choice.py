"""Which language Supple speaks (docs/translations.md): the system's locale variables in
gettext's order, the stored setting over them, `--lang` over both; and the command line's
help and words in it, with a tiny catalog of the test's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import tui.i18n
from tests.catalog import use_test_catalog
from tests.command_line import run
from tui.domain.settings import LANGUAGE
from tui.i18n.choice import Choice, choose, from_environment
from tui.storage.store import Store

AVAILABLE = ("en", "de", "es", "fr")

# A German catalog of a few of the command line's messages, short enough never to be wrapped
# by argparse's help layout.
TEST_PO = r"""
msgid "the language for this run: en, de, es, fr, …; overrides the setting and the system"
msgstr "die Sprache dieses Laufs"

msgid "print streaks and this week's completion, no UI"
msgstr "zeigt Serien und Woche"

msgid "options"
msgstr "Optionen"

msgid "Today ({day}): {state}"
msgstr "Heute ({day}): {state}"

msgid "not yet"
msgstr "noch nicht"
"""


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Supple with English and the test's German only; English again afterwards."""
    use_test_catalog(TEST_PO, tmp_path, monkeypatch)
    yield
    tui.i18n.use_language("en")


def a_file_that_keeps(tmp_path: Path, language: str) -> Path:
    db = tmp_path / "supple.json"
    Store.open(db).save_settings({LANGUAGE: language})
    return db


# -- the system's locale variables ---------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "chosen"),
    [
        ({}, Choice("en", "en")),
        ({"LANG": "de_AT.UTF-8"}, Choice("de", "de_AT")),
        ({"LANG": "fr_CA"}, Choice("fr", "fr_CA")),
        ({"LANG": "C"}, Choice("en", "en")),
        ({"LANG": "POSIX"}, Choice("en", "en")),
        ({"LANG": "C.UTF-8"}, Choice("en", "en")),
        # A language Supple lacks means English, not the next variable.
        ({"LANG": "ja_JP.UTF-8"}, Choice("en", "en")),
        ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"}, Choice("es", "es_ES")),
        ({"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "es_ES", "LANG": "de_DE"}, Choice("fr", "fr_FR")),
        # LC_ALL=C decides, as in gettext: English, whatever LANG says.
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, Choice("en", "en")),
        # LANGUAGE is a list: the first language Supple has wins, over every other variable.
        ({"LANGUAGE": "ja:es:de", "LC_ALL": "fr_FR.UTF-8"}, Choice("es", "es")),
        ({"LANGUAGE": "de_CH:fr", "LANG": "es_ES"}, Choice("de", "de_CH")),
        # A LANGUAGE list with nothing Supple has gives way to the next variable.
        ({"LANGUAGE": "ja:ko", "LANG": "fr_FR.UTF-8"}, Choice("fr", "fr_FR")),
        ({"LANGUAGE": "", "LC_MESSAGES": "de_DE@euro"}, Choice("de", "de_DE")),
    ],
)
def test_the_system_chooses_in_gettexts_order(environ: dict[str, str], chosen: Choice) -> None:
    assert from_environment(environ, AVAILABLE) == chosen
    assert choose(None, None, environ, AVAILABLE) == chosen


def test_the_setting_outranks_the_system_and_the_flag_outranks_both() -> None:
    system = {"LANG": "de_DE.UTF-8"}
    assert choose(None, "fr", system, AVAILABLE) == Choice("fr", "fr")
    assert choose(None, "en", system, AVAILABLE) == Choice("en", "en")
    # "system" (or nothing, or a setting no Supple could use) follows the locale variables.
    assert choose(None, "system", system, AVAILABLE) == Choice("de", "de_DE")
    assert choose(None, 7, system, AVAILABLE) == Choice("de", "de_DE")
    assert choose(None, "ja", system, AVAILABLE) == Choice("de", "de_DE")
    assert choose("es", "fr", system, AVAILABLE) == Choice("es", "es")
    assert choose("de-AT.UTF-8", "fr", {}, AVAILABLE) == Choice("de", "de_AT")


# -- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--lang", "xx"], ["stats", "--lang=klingon"], ["--lang", "C"]])
def test_an_unknown_lang_is_refused_in_one_line_naming_the_languages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "s.json"), *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--lang" in err and "en, de, es, fr" in err
    assert not (tmp_path / "s.json").exists()


def test_help_is_in_the_language_of_lang(capsys: pytest.CaptureFixture[str], german: None) -> None:
    code, out, _ = run(capsys, "--lang", "de", "--help")
    assert code == 0
    assert "die Sprache dieses Laufs" in out and "zeigt Serien und Woche" in out
    assert "Optionen:" in out
    assert "the language for this run" not in out
    # The next run, without the flag, is English again (LANG=C.UTF-8 in the tests).
    code, out, _ = run(capsys, "--help")
    assert "the language for this run" in out and "Optionen" not in out


def test_help_after_a_command_is_in_that_language_too(
    capsys: pytest.CaptureFixture[str], german: None
) -> None:
    code, out, _ = run(capsys, "stats", "--lang=de", "--help")
    assert code == 0 and "Optionen:" in out and "die Sprache dieses Laufs" in out


def test_stats_speaks_the_language_of_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, german: None
) -> None:
    db = tmp_path / "supple.json"
    code, out, _ = run(capsys, "--db", str(db), "stats", "--lang", "de")
    assert code == 0
    assert out.startswith("Heute (") and "): noch nicht\n" in out
    code, out, _ = run(capsys, "--db", str(db), "stats")
    assert out.startswith("Today (") and "): not yet\n" in out


def test_stats_speaks_the_stored_language_over_the_system(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    german: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = a_file_that_keeps(tmp_path, "de")
    code, out, _ = run(capsys, "--db", str(db), "stats")
    assert code == 0 and out.startswith("Heute (") and "noch nicht" in out
    # English kept as the setting outranks a German system.
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    Store.open(db).save_settings({LANGUAGE: "en"})
    code, out, _ = run(capsys, "--db", str(db), "stats")
    assert out.startswith("Today (") and "not yet" in out


def test_the_system_speaks_when_the_setting_follows_it(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    german: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = a_file_that_keeps(tmp_path, "system")
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    code, out, _ = run(capsys, "--db", str(db), "stats")
    assert code == 0 and out.startswith("Heute (")
    assert tui.i18n.language() == "de" and tui.i18n.language_tag() == "de_AT"


def test_lang_outranks_the_stored_setting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, german: None
) -> None:
    db = a_file_that_keeps(tmp_path, "de")
    code, out, _ = run(capsys, "--lang", "en", "--db", str(db), "stats")
    assert code == 0 and out.startswith("Today (") and "not yet" in out
    code, out, _ = run(capsys, "--db", str(db), "stats", "--json")
    # The JSON keeps its English keys and values whatever the language.
    assert '"today_state": "open"' in out
