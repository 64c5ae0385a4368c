"""Cue output: plays a domain `Cue` in the chosen mode, falling back when a program is missing."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cues.programs import SOUND_PLAYERS, SPEECH_PROGRAMS, Program, Which, first_found
from tui.cues.runner import ChildRunner
from tui.domain.settings import CUE_MODES, cue_mode_name
from tui.i18n import _

if TYPE_CHECKING:
    # The home screen shows the cue mode, so this module is imported at start; what only a
    # running flow needs (the cues, the tones) is imported when it is first used.
    from tui.domain.cues import Cue, CueKind

Tell = Callable[[str], None]


def resolve_mode(wanted: str | None, *, speech: bool, player: bool) -> tuple[str, str | None]:
    """The mode cues will use and, when it is not the one asked for, the line that says why.
    With nothing asked for: tones where a sound player exists, else the bell."""
    if wanted not in CUE_MODES:
        return ("tones" if player else "bell"), None
    mode = wanted
    if mode == "voice" and not speech:
        mode = "tones"
    if mode == "tones" and not player:
        mode = "bell"
    if mode == wanted:
        return mode, None
    speech_programs, players = ", ".join(SPEECH_PROGRAMS), ", ".join(SOUND_PLAYERS)
    if wanted == "voice" and mode == "bell":
        # Translators: {speech} and {players} are program names; {mode} is a cue mode's
        # name ("tones" or "bell", translated in the context "cue mode").
        line = _(
            "Cues: No speech program ({speech}); no sound player ({players}) found, "
            "so cues use {mode} instead."
        )
    elif wanted == "voice":
        line = _("Cues: No speech program ({speech}) found, so cues use {mode} instead.")
    else:
        line = _("Cues: No sound player ({players}) found, so cues use {mode} instead.")
    return mode, line.format(speech=speech_programs, players=players, mode=cue_mode_name(mode))


def sample_gap(mode: str, cue: Cue) -> float:
    """Seconds to leave after `cue` when cues are tried one after another: long enough to hear
    the words whole (about 14 characters a second at the speech rate), or the sound."""
    if mode == "voice":
        return 0.8 + len(cue.words) / 14
    return 1.2 if mode == "tones" else 0.8


class CueOutput:
    """The app's one cue output. `play` only queues work; programs run on the runner's thread."""

    def __init__(
        self,
        wanted: str | None,
        *,
        ring: Callable[[], None],
        cache_dir: Path | None = None,
        muted: bool = False,
        which: Which = shutil.which,
        tell: Tell | None = None,
    ) -> None:
        self.speech = first_found(SPEECH_PROGRAMS, which)
        self.player = first_found(SOUND_PLAYERS, which)
        self.muted = muted
        self._ring = ring
        self._cache_dir = cache_dir
        self._tell = tell
        self._tones: dict[CueKind, Path] | None = None
        self._runner = ChildRunner(on_error=self._failed, on_complaint=self._complained)
        self._told_inaudible = False
        self._telling = threading.Lock()
        # The voices each speech program has (listed once), and the languages whose fall
        # back to English was already said.
        self._voices: dict[str, dict[str, str]] = {}
        self._told_no_voice: set[str] = set()
        self.wanted = wanted
        self.mode, self.note = resolve_mode(
            wanted, speech=self.speech is not None, player=self.player is not None
        )

    def set_mode(self, wanted: str | None) -> str | None:
        """Change the mode; answers the fallback line if the mode cannot be had here."""
        self._runner.stop()
        self.wanted = wanted
        self.mode, self.note = resolve_mode(
            wanted, speech=self.speech is not None, player=self.player is not None
        )
        return self.note

    def available(self, mode: str) -> bool:
        """True if `mode` would be used as asked, without falling back."""
        return (
            resolve_mode(mode, speech=self.speech is not None, player=self.player is not None)[0]
            == mode
        )

    def play(self, cue: Cue, *, always: bool = False) -> None:
        """Play `cue` in the current mode (unless muted; `always` plays it anyway, and rings
        the bell for every kind: "Try it")."""
        if self.muted and not always:
            return
        if self.mode == "voice" and self.speech is not None:
            speech = self.speech
            self._runner.run(
                lambda: speech.speak(cue.words, self.voice(speech)), hush=speech.hush()
            )
        elif self.mode == "tones" and self.player is not None:
            player = self.player
            self._runner.run(lambda: player.play(self.tone(cue.kind)))
        elif self.mode == "bell" and (cue.rings or always):
            self._ring()

    def voice(self, speech: Program) -> str | None:
        """The voice that speaks the language in use (on the runner's thread: listing the
        program's voices runs it once); a fall back to English is told once a language."""
        from tui.cues.voices import choose_voice, voices_of
        from tui.i18n import language, language_tag

        code = language()
        if code == "en":
            return None  # the program's own default voice, as before there were languages
        if speech.name not in self._voices:
            self._voices[speech.name] = voices_of(speech.name, speech.path)
        choice = choose_voice(language_tag(), code, self._voices[speech.name])
        if choice.fell_back:
            with self._telling:
                told = code in self._told_no_voice
                self._told_no_voice.add(code)
            if not told and self._tell is not None:
                self._tell(no_voice_words(speech.name, code))
        return choice.voice

    def tone(self, kind: CueKind) -> Path:
        """The sound file of `kind`, made once into the cache folder."""
        if self._tones is None:
            from tui.cues.tones import tone_files

            self._tones = tone_files(self._cache_dir or _user_cache_dir())
        return self._tones[kind]

    def hush(self) -> None:
        """Cut off whatever plays now (a pause, a run left)."""
        self._runner.stop()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        return self._runner.wait_idle(timeout)

    def close(self) -> None:
        self._runner.close()

    def _complained(self, program: str, said: str) -> None:
        """A cue program ran but said something went wrong (on the runner's own threads):
        told once, as every later cue would say the same."""
        with self._telling:
            if self._told_inaudible or self._tell is None:
                return
            self._told_inaudible = True
        self._tell(inaudible_words(program, said))

    def _failed(self, error: OSError) -> None:
        """A program that was found but cannot start: the next mode down, said once."""
        was = self.mode
        if was == "voice":
            self.speech = None
        elif was == "tones":
            self.player = None
        self.mode, _why = resolve_mode(
            was, speech=self.speech is not None, player=self.player is not None
        )
        if self._tell is not None and self.mode != was:
            # Translators: {problem} is the system's reason (e.g. "Permission denied"); {mode}
            # is the cue mode used now ("tones" or "bell", translated as a cue mode's name).
            line = _("Cues: {problem} — using {mode} instead.")
            self._tell(line.format(problem=error.strerror or error, mode=cue_mode_name(self.mode)))


def inaudible_words(program: str, said: str) -> str:
    """The one line that says a cue program ran but may not have been heard, with the first
    thing it said about why (ALSA: "cannot find card '0'" where there is no audio device)."""
    first = next((line.strip() for line in said.splitlines() if line.strip()), "")
    if len(first) > 80:
        first = first[:79] + "…"
    name = Path(program).name
    if first:
        # Translators: {program} is a program's name; {said} is the first line it wrote.
        line = _(
            "Cues: {program} ran but reported a problem, so nothing may be audible"
            " (no audio device here?): {said}"
        )
    else:
        line = _(
            "Cues: {program} ran but reported a problem, so nothing may be audible"
            " (no audio device here?)."
        )
    return line.format(program=name, said=first)


def no_voice_words(program: str, code: str) -> str:
    """The one line that says the voice speaks English, as `program` has none for `code`."""
    from tui.i18n.formats import language_name

    # Translators: {program} is a speech program's name; {language} a language's name.
    line = _("Cues: {program} has no {language} voice here, so the voice speaks English.")
    return line.format(program=program, language=language_name(code))


def _user_cache_dir() -> Path:
    """Where the tones are made once: the user cache folder (only looked up when needed)."""
    import platformdirs

    return platformdirs.user_cache_path("supple")
