"""The system programs cues can use, in the order they are tried, and how each is called."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

# Calm, but quick enough that a stretch's name fits before get-ready's count begins.
SPEECH_RATE_WPM = 180

Which = Callable[[str], str | None]


class Program(NamedTuple):
    """A program found on PATH: how to hand it words or a sound file, and how to hush it.
    (A NamedTuple, built faster than a dataclass: the cue mode is found at every start.)"""

    name: str
    path: str

    def speak(self, words: str, voice: str | None = None) -> list[str]:
        """The call that says `words`, in `voice` (tui/cues/voices.py) or the default one."""
        if self.name in ("espeak-ng", "espeak"):
            chosen = ["-v", voice] if voice else []
            return [self.path, *chosen, "-s", str(SPEECH_RATE_WPM), words]
        if self.name == "spd-say":
            # -w: the call lasts as long as the speech, so it can be cut off like the others.
            # -l: speech-dispatcher picks a voice for the language, and falls back itself.
            chosen = ["-l", voice] if voice else []
            return [self.path, *chosen, "-w", words]
        chosen = ["-v", voice] if voice else []
        return [self.path, *chosen, words]  # say (macOS): -v takes a voice's name

    def play(self, sound: Path) -> list[str]:
        if self.name == "aplay":
            return [self.path, "-q", str(sound)]
        return [self.path, str(sound)]

    def hush(self) -> list[str] | None:
        """A call that stops speech the program handed elsewhere (speech-dispatcher's daemon)."""
        return [self.path, "-C"] if self.name == "spd-say" else None


SPEECH_PROGRAMS = ("espeak-ng", "espeak", "spd-say", "say")
SOUND_PLAYERS = ("pw-play", "paplay", "aplay", "afplay")


def first_found(names: Sequence[str], which: Which = shutil.which) -> Program | None:
    for name in names:
        path = which(name)
        if path:
            return Program(name, path)
    return None
