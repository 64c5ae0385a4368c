"""Which voice speaks the language in use: the locale's own (de-at), then the language's (de),
then English, as Feeel chooses its text-to-speech voice; a fall back to English is said once."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from typing import NamedTuple

from tui.i18n import SOURCE_LANGUAGE

# How long listing a program's voices may take before it counts as listing none.
LIST_TIMEOUT_S = 5.0


class VoiceChoice(NamedTuple):
    """The voice to ask the program for (None: its own default, English) and whether the
    language in use had to give way to English."""

    voice: str | None
    fell_back: bool


def candidates(tag: str, code: str) -> list[str]:
    """'de_AT', 'de' → ['de-at', 'de', 'en']: espeak-ng's spelling of the tag, then the
    language, then English."""
    found: list[str] = []
    for name in (tag.replace("_", "-").lower(), code.lower(), SOURCE_LANGUAGE):
        if name and name not in found:
            found.append(name)
    return found


def choose_voice(tag: str, code: str, have: Mapping[str, str]) -> VoiceChoice:
    """The first of `candidates` the program has. English needs no `-v` at all: every speech
    program speaks it by default, and asking for none keeps its own English voice."""
    if code == SOURCE_LANGUAGE:
        return VoiceChoice(None, False)
    for name in candidates(tag, code):
        if name == SOURCE_LANGUAGE:
            break
        if name in have:
            return VoiceChoice(have[name], False)
    return VoiceChoice(None, True)


Run = Callable[[list[str]], str]


def _output(argv: list[str]) -> str:
    try:
        return subprocess.run(
            argv, capture_output=True, text=True, timeout=LIST_TIMEOUT_S, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def voices_of(name: str, path: str, run: Run = _output) -> dict[str, str]:
    """What the speech program can speak: language (de, de-at, fr-fr, fr…) → the name to ask
    for it by. Listed once per program and run (a few milliseconds, on the cue thread)."""
    found: dict[str, str] = {}
    if name in ("espeak-ng", "espeak"):
        # `espeak-ng --voices`: a heading, then "Pty Language Age/Gender VoiceName File …".
        for line in run([path, "--voices"]).splitlines()[1:]:
            columns = line.split()
            if len(columns) >= 2:
                language = columns[1].lower()
                found.setdefault(language, language)
                # fr-fr is also what `-v fr` picks: the bare language counts as had.
                found.setdefault(language.split("-", 1)[0], language.split("-", 1)[0])
    elif name == "spd-say":
        # `spd-say -L`: a heading, then "NAME LANGUAGE VARIANT"; asked for with -l LANGUAGE.
        for line in run([path, "-L"]).splitlines()[1:]:
            columns = line.split()
            if len(columns) >= 2:
                language = columns[1].replace("_", "-").lower()
                found.setdefault(language, language)
                found.setdefault(language.split("-", 1)[0], language.split("-", 1)[0])
    elif name == "say":
        # `say -v ?`: "Anna    de_DE    # Hallo, ich heiße Anna." One voice is enough.
        for line in run([path, "-v", "?"]).splitlines():
            head = line.split("#", 1)[0].split()
            if len(head) >= 2:
                language = head[-1].replace("_", "-").lower()
                voice = " ".join(head[:-1])
                found.setdefault(language, voice)
                found.setdefault(language.split("-", 1)[0], voice)
    return found
