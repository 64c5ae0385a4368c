"""The voice speaks the language in use: espeak-ng's voice for it, falling back from the full
tag to the language to English (said once), over a whole flow in each language."""

from __future__ import annotations

import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import build_app
from tests.cues.test_output import FRAME, calls, expected_words, run_whole_flow, stand_in
from tests.cues.test_real_speech import sox_stat
from tests.ui.test_routine_screen import advance, screen_of
from tui.cues.programs import Program, first_found
from tui.cues.voices import candidates, choose_voice, voices_of
from tui.domain.cues import CueKind, sample_cues
from tui.i18n import available_languages, use_language
from tui.storage.store import Store

# What `espeak-ng --voices` prints here (Debian's espeak-ng), cut to a few lines.
ESPEAK_LISTING = """\
Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  de              --/M      German             gmw/de
 2  en-gb           --/M      English_(Great_Britain) gmw/en
 5  es              --/M      Spanish_(Spain)    roa/es
 5  es-419          --/M      Spanish_(Latin_America) roa/es-419
 5  fr-be           --/M      French_(Belgium)   roa/fr-BE
 5  fr-fr           --/M      French_(France)    roa/fr
"""


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    use_language("en")


def test_candidates_go_from_the_full_tag_to_the_language_to_english() -> None:
    assert candidates("de_AT", "de") == ["de-at", "de", "en"]
    assert candidates("fr", "fr") == ["fr", "en"]


def test_espeak_voices_are_read_from_its_listing_with_bare_languages_too() -> None:
    have = voices_of("espeak-ng", "/x/espeak-ng", lambda argv: ESPEAK_LISTING)
    assert {"de", "es", "es-419", "fr-be", "fr-fr", "fr", "en-gb", "en"} <= set(have)
    assert have["fr"] == "fr"


def test_say_voices_are_named_by_the_voice_not_the_language() -> None:
    listing = "Anna                de_DE    # Hallo, ich heiße Anna.\nAmélie fr_CA  # Bonjour\n"
    have = voices_of("say", "/usr/bin/say", lambda argv: listing)
    assert choose_voice("de_DE", "de", have).voice == "Anna"
    assert choose_voice("fr_FR", "fr", have).voice == "Amélie"  # the language, then any region


def test_the_choice_falls_back_tag_then_language_then_english() -> None:
    have = voices_of("espeak-ng", "/x/espeak-ng", lambda argv: ESPEAK_LISTING)
    assert choose_voice("fr_BE", "fr", have) == ("fr-be", False)
    assert choose_voice("fr_CA", "fr", have) == ("fr", False)
    assert choose_voice("es_MX", "es", have) == ("es", False)
    assert choose_voice("de", "de", {}) == (None, True)
    # English asks for no voice at all: the program's own default.
    assert choose_voice("en_GB", "en", have) == (None, False)


def test_every_speech_program_is_asked_for_the_voice_its_own_way() -> None:
    assert Program("espeak-ng", "/e").speak("Hallo", "de") == [
        "/e",
        "-v",
        "de",
        "-s",
        "180",
        "Hallo",
    ]
    assert Program("spd-say", "/s").speak("Hallo", "de") == ["/s", "-l", "de", "-w", "Hallo"]
    assert Program("say", "/y").speak("Hallo", "Anna") == ["/y", "-v", "Anna", "Hallo"]
    assert Program("espeak-ng", "/e").speak("Hello") == ["/e", "-s", "180", "Hello"]


def espeak_with_voices(folder: Path, log: Path, listing: str) -> None:
    """A stand-in espeak-ng: `--voices` prints `listing`; any other call is noted in `log`."""
    stand_in(folder, "espeak-ng", log)
    script = folder / "espeak-ng"
    body = script.read_text().replace(
        "#!/bin/sh\n",
        f"#!/bin/sh\nif [ \"$1\" = --voices ]; then /bin/cat <<'EOF'\n{listing}EOF\nexit 0; fi\n",
    )
    script.write_text(body)


@pytest.mark.parametrize("code", [c for c in available_languages()])
async def test_the_voice_speaks_a_whole_flow_in_each_language(
    code: str, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english_after: None
) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    espeak_with_voices(bin_dir, log, ESPEAK_LISTING)
    monkeypatch.setenv("PATH", str(bin_dir))
    use_language(code)
    words = expected_words()
    notes = await run_whole_flow(store, "voice")
    assert notes == []
    voice = [] if code == "en" else ["-v", code]
    heard = calls(log)
    assert [args for _, args in heard] == [" ".join([*voice, "-s", "180", w]) for w in words]
    if code != "en":
        use_language("en")
        # Spoken in the language: the words are not English's.
        assert words[0] != expected_words()[0]


async def test_a_language_without_a_voice_speaks_english_and_says_so_once(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english_after: None
) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    espeak_with_voices(bin_dir, log, ESPEAK_LISTING.replace(" de ", " nl "))
    monkeypatch.setenv("PATH", str(bin_dir))
    use_language("de", "de_AT")
    told: list[str] = []
    app = build_app(store, speed=20, cues="voice")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app.cue_output, "_tell", told.append)
        await pilot.press("enter")
        while screen_of(app).player is not None:
            advance(app, FRAME)
            assert app.cue_output.wait_idle()
    assert len(told) == 1 and "espeak-ng" in told[0]
    heard = calls(log)
    assert heard and all("-v" not in args.split() for _, args in heard)


def test_real_espeak_ng_speaks_a_german_phrase(tmp_path: Path, english_after: None) -> None:
    program = first_found(("espeak-ng",))
    assert program is not None, "espeak-ng is missing: .ci/run installs it"
    have = voices_of(program.name, program.path)
    use_language("de")
    (start,) = [cue for cue in sample_cues() if cue.kind is CueKind.START]
    use_language("en")
    (english,) = [cue for cue in sample_cues() if cue.kind is CueKind.START]
    assert start.words != english.words, "the German catalog lacks the hold's cue"
    voice = choose_voice("de", "de", have)
    assert voice == ("de", False), "Debian's espeak-ng has a German voice"
    wav = tmp_path / "de.wav"
    command = program.speak(start.words, voice.voice)
    subprocess.run([*command[:-1], "-w", str(wav), command[-1]], check=True, timeout=30)
    with wave.open(str(wav)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
    stats = sox_stat(wav)
    assert 1.5 <= seconds <= 8.0
    assert stats["RMS     amplitude"] > 0.02  # speech, not silence
    assert stats["Maximum amplitude"] > 0.2
