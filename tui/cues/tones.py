"""The tones: one short, soft sound per kind of moment, written once as WAV files."""

from __future__ import annotations

import math
import os
import struct
import tempfile
import wave
from pathlib import Path

from tui.domain.cues import CueKind

RATE = 22050
# A quarter of full scale: audible in a quiet room, never startling.
VOLUME = 0.25
# Bumped whenever a sound changes, so an old cache is never played.
VERSION = 1

# Each kind: its notes as (frequency Hz, seconds), played one after the other; a pair of
# frequencies glides from the first to the second (the breath).
C5, E5, G5, C6, A4 = 523.25, 659.25, 783.99, 1046.5, 440.0
NOTES: dict[CueKind, tuple[tuple[float | tuple[float, float], float], ...]] = {
    CueKind.TICK: ((C6, 0.07),),
    CueKind.READY: ((A4, 0.18), (C5, 0.22)),
    CueKind.START: ((C5, 0.14), (G5, 0.26)),
    CueKind.SWITCH: ((E5, 0.12), (E5, 0.12), (E5, 0.12)),
    CueKind.END: ((G5, 0.14), (C5, 0.3)),
    CueKind.INHALE: (((330.0, 495.0), 0.6),),
    CueKind.EXHALE: (((495.0, 330.0), 0.6),),
    CueKind.FINISHED: ((C5, 0.14), (E5, 0.14), (G5, 0.14), (C6, 0.4)),
}


def samples(kind: CueKind) -> list[float]:
    """The sound of `kind` as samples in −1…1: sine notes with soft edges, no clicks."""
    out: list[float] = []
    for pitch, seconds in NOTES[kind]:
        start, end = pitch if isinstance(pitch, tuple) else (pitch, pitch)
        count = int(RATE * seconds)
        fade = min(count // 2, int(RATE * 0.02))
        phase = 0.0
        for i in range(count):
            frequency = start + (end - start) * i / count
            phase += 2 * math.pi * frequency / RATE
            edge = min(1.0, i / fade if fade else 1.0, (count - i) / fade if fade else 1.0)
            # The tail decays like a struck bell, which is what keeps it pleasant.
            decay = math.exp(-2.5 * i / count)
            out.append(VOLUME * edge * decay * math.sin(phase))
    return out


def write_wav(path: Path, values: list[float]) -> None:
    """Write mono 16-bit samples, atomically: two Supples starting at once never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = b"".join(struct.pack("<h", round(v * 32767)) for v in values)
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".wav.tmp")
    os.close(handle)
    try:
        with wave.open(temp, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(frames)
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)


def tone_files(cache_dir: Path) -> dict[CueKind, Path]:
    """The sound file of every kind, made the first time they are asked for."""
    folder = cache_dir / f"tones-{VERSION}"
    files = {kind: folder / f"{kind.value}.wav" for kind in CueKind}
    for kind, path in files.items():
        if not path.is_file():
            write_wav(path, samples(kind))
    return files
