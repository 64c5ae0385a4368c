"""Cue programs end cleanly: waited for as they end, and a complaint (no audio device) told once."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from tui.cues import CueOutput
from tui.cues.runner import ChildRunner
from tui.domain.cues import SAMPLE_CUES

# What espeak-ng writes, exiting 0, where no audio device exists (issue 27 item 7).
NO_CARD = (
    "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n"
    "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\n"
    "error: No such file or directory\n"
)


def complaining_program(folder: Path, name: str, *, pid: bool = False) -> Path:
    """A program that says on stderr what espeak-ng says with no sound card (its pid first,
    when asked)."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    first = 'echo "pid $$" >&2\n' if pid else ""
    script.write_text(f"#!/bin/sh\n{first}printf '%s' \"{NO_CARD}\" >&2\nexit 0\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_finished_child_is_waited_for_before_the_next_cue(tmp_path: Path) -> None:
    heard: list[tuple[str, str]] = []
    ended = threading.Event()

    def complaint(program: str, said: str) -> None:
        heard.append((program, said))
        ended.set()

    runner = ChildRunner(on_complaint=complaint)
    program = complaining_program(tmp_path / "bin", "espeak-ng", pid=True)
    runner.run(lambda: [str(program), "hello"])
    # No later cue, no wait_idle: the runner's own reaper waited for it as it ended.
    assert ended.wait(10)
    ((name, said),) = heard
    assert name == str(program) and "cannot find card" in said
    pid = int(said.split()[1])
    assert not Path(f"/proc/{pid}").exists()  # neither running nor a zombie
    runner.close()


def test_no_audio_device_is_said_once(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    complaining_program(folder, "espeak-ng")
    told: list[str] = []

    def tell(line: str) -> None:
        told.append(line)

    def which(name: str) -> str | None:
        path = folder / name
        return str(path) if path.exists() else None

    output = CueOutput("voice", ring=lambda: None, which=which, tell=tell)
    assert output.mode == "voice"
    for cue in SAMPLE_CUES[:2]:
        output.play(cue)
        assert output.wait_idle()
    # Each child's reaper tells after waiting for it: once they are gone, all is told.
    for thread in threading.enumerate():
        if thread.name == "supple-cue-reaper":
            thread.join(10)
    assert len(told) == 1
    assert told[0].startswith("Cues: espeak-ng ran but reported a problem")
    assert "nothing may be audible" in told[0] and "cannot find card '0'" in told[0]
    output.close()
