"""The real speech program: espeak-ng says a cue into a WAV file, and sox finds it audible.

.ci/run installs espeak-ng and sox, so these run on a fresh machine rather than skip."""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from pathlib import Path

from tui.cues.programs import SPEECH_PROGRAMS, first_found
from tui.domain.cues import SAMPLE_CUES, CueKind


def sox_stat(wav: Path) -> dict[str, float]:
    """sox's own measures of a sound file (it prints them on stderr)."""
    sox = shutil.which("sox")
    assert sox, "sox is missing: .ci/run installs it"
    result = subprocess.run([sox, str(wav), "-n", "stat"], capture_output=True, text=True)
    numbers = {}
    for line in result.stderr.splitlines():
        match = re.match(r"(.+?):\s+(-?[\d.]+)$", line.strip())
        if match:
            numbers[match.group(1).strip()] = float(match.group(2))
    return numbers


def speak_to_wav(words: str, wav: Path) -> None:
    program = first_found(("espeak-ng",))
    assert program is not None, "espeak-ng is missing: .ci/run installs it"
    # The words as the app speaks them (Program.speak), written to a WAV file instead.
    command = [*program.speak(words)[:-1], "-w", str(wav), words]
    subprocess.run(command, check=True, timeout=30)


def test_espeak_ng_is_the_first_speech_program_and_speaks_a_hold_start(tmp_path: Path) -> None:
    program = first_found(SPEECH_PROGRAMS)
    assert program is not None and program.name == "espeak-ng"
    (start,) = [cue for cue in SAMPLE_CUES if cue.kind is CueKind.START]
    wav = tmp_path / "start.wav"
    speak_to_wav(start.words, wav)
    with wave.open(str(wav)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
    stats = sox_stat(wav)
    # "Knee to chest, left side. Hold 20 seconds." at 180 words a minute: about 3 s,
    # well inside a 20 s hold.
    assert 2.0 <= seconds <= 5.0
    assert abs(stats["Length (seconds)"] - seconds) < 0.01
    assert stats["RMS     amplitude"] > 0.02  # speech, not silence
    assert stats["Maximum amplitude"] > 0.2


def test_words_said_in_a_get_ready_end_before_its_count_begins(tmp_path: Path) -> None:
    # A 5 s get-ready opens with the next stretch's name; "3" comes 2 s later and would cut
    # off anything longer. The longest name of the default flow, trimmed of silence, fits.
    wav, trimmed = tmp_path / "next.wav", tmp_path / "trimmed.wav"
    speak_to_wav("Next: Seated hamstring stretch.", wav)
    sox = shutil.which("sox")
    assert sox
    subprocess.run(
        [
            sox,
            str(wav),
            str(trimmed),
            "silence",
            "1",
            "0.01",
            "1%",
            "reverse",
            "silence",
            "1",
            "0.01",
            "1%",
            "reverse",
        ],
        check=True,
    )
    assert 1.0 <= sox_stat(trimmed)["Length (seconds)"] <= 2.0
    tick = tmp_path / "tick.wav"
    speak_to_wav("3", tick)
    assert sox_stat(tick)["Length (seconds)"] < 1.0
