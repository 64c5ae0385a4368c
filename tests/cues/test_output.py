"""Cue output with stand-in speech and sound programs on PATH: every call over a whole flow."""

from __future__ import annotations

import os
import stat
import wave
from pathlib import Path

import pytest

from tests.conftest import build_app
from tests.domain.test_cues import play
from tests.ui.test_routine_screen import advance, screen_of
from tui.cues import CueOutput, resolve_mode
from tui.cues.tones import VOLUME, tone_files
from tui.domain.cues import SAMPLE_CUES, Cue, CueKind
from tui.domain.routine import default_routine
from tui.storage.store import Store

# One frame of a --speed 20 run: a quarter of a flow second.
FRAME = 0.25 / 20


def stand_in(folder: Path, name: str, log: Path, *, lasts: float = 0) -> None:
    """A program that notes its name and arguments in `log`, then (optionally) takes a while,
    noting when it is cut off."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    body = f"#!/bin/sh\nprintf '%s|%s\\n' \"${{0##*/}}\" \"$*\" >> '{log}'\n"
    if lasts:
        body += f"trap \"printf 'cut|%s\\n' \\\"$*\\\" >> '{log}'; exit 0\" TERM\n"
        body += f"/bin/sleep {lasts} & wait\n"
    script.write_text(body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def calls(log: Path) -> list[tuple[str, str]]:
    if not log.exists():
        return []
    return [tuple(line.split("|", 1)) for line in log.read_text().splitlines()]  # type: ignore[misc]


def expected_words() -> list[str]:
    return [words for _, words in play(default_routine())]


async def run_whole_flow(store: Store, cues: str) -> list[str]:
    """Play the default flow at --speed 20 frame by frame; answer what was said on screen."""
    app = build_app(store, speed=20, cues=cues)
    notes: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        await pilot.press("enter")
        app.cue_output.wait_idle()
        while screen_of(app).player is not None:  # the run ends as the summary is asked for
            advance(app, FRAME)
            assert app.cue_output.wait_idle()
        await pilot.pause()
    return notes


def test_the_mode_falls_back_one_step_at_a_time_and_says_why() -> None:
    assert resolve_mode(None, speech=True, player=True) == ("tones", None)
    assert resolve_mode(None, speech=True, player=False) == ("bell", None)
    assert resolve_mode("voice", speech=True, player=False) == ("voice", None)
    mode, note = resolve_mode("voice", speech=False, player=True)
    assert mode == "tones" and note is not None and "espeak-ng" in note and "tones" in note
    mode, note = resolve_mode("voice", speech=False, player=False)
    assert mode == "bell" and note is not None and "pw-play" in note
    assert resolve_mode("tones", speech=True, player=False)[0] == "bell"
    assert resolve_mode("off", speech=False, player=False) == ("off", None)
    assert resolve_mode("loud", speech=False, player=True) == ("tones", None)


async def test_voice_speaks_every_cue_of_a_whole_flow_at_speed_20(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    stand_in(bin_dir, "espeak-ng", log)
    stand_in(bin_dir, "pw-play", log)
    monkeypatch.setenv("PATH", str(bin_dir))
    notes = await run_whole_flow(store, "voice")
    assert notes == []
    heard = calls(log)
    assert {program for program, _ in heard} == {"espeak-ng"}
    assert [args for _, args in heard] == [f"-s 180 {words}" for words in expected_words()]
    assert heard[0] == ("espeak-ng", "-s 180 First: Knee to chest.")
    assert heard[-1] == ("espeak-ng", "-s 180 Well done.")


async def test_tones_play_one_sound_per_moment_through_the_first_player_found(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    stand_in(bin_dir, "aplay", log)
    stand_in(bin_dir, "paplay", log)
    monkeypatch.setenv("PATH", str(bin_dir))
    await run_whole_flow(store, "tones")
    heard = calls(log)
    assert {program for program, _ in heard} == {"paplay"}
    played = [Path(args).stem for _, args in heard]
    assert len(played) == len(expected_words())
    assert played[:6] == ["ready", "tick", "tick", "tick", "start", "tick"]
    assert played[-1] == "finished"
    assert set(played) == {kind.value for kind in CueKind}
    assert all(Path(args).parent.parent == tmp_path / "cache" for _, args in heard)


async def test_voice_without_a_speech_program_falls_back_and_says_so_once(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    stand_in(bin_dir, "pw-play", log)
    monkeypatch.setenv("PATH", str(bin_dir))
    notes = await run_whole_flow(store, "voice")
    assert len(notes) == 1 and "no speech program" in notes[0].lower()
    assert "tones instead" in notes[0]
    assert {program for program, _ in calls(log)} == {"pw-play"}


async def test_a_new_cue_cuts_a_stale_one_off_and_closing_stops_the_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    stand_in(bin_dir, "espeak-ng", log, lasts=30)
    monkeypatch.setenv("PATH", str(bin_dir))
    output = CueOutput("voice", ring=lambda: None, cache_dir=tmp_path)
    output.play(Cue(CueKind.START, "long words"))
    wait_for_line(log, "espeak-ng|-s 180 long words")
    output.play(Cue(CueKind.TICK, "3"))
    wait_for_line(log, "espeak-ng|-s 180 3")
    output.close()
    assert calls(log) == [
        ("espeak-ng", "-s 180 long words"),
        ("cut", "-s 180 long words"),
        ("espeak-ng", "-s 180 3"),
        ("cut", "-s 180 3"),
    ]


def wait_for_line(log: Path, line: str) -> None:
    """Wait (on the file, not on a clock) until a stand-in has written `line`."""
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if log.exists() and line in log.read_text().splitlines():
            return
        time.sleep(0.01)
    raise AssertionError(f"{line!r} never came")


async def test_muted_plays_nothing_and_bell_rings_on_starts_and_ends(
    store: Store, tmp_path: Path
) -> None:
    app = build_app(store, cues="bell")
    rings: list[str] = []
    app.bell = lambda: rings.append("ding")  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        advance(app, 5)  # the hold starts
        assert rings == ["ding"]
        advance(app, 20)  # switch sides
        assert rings == ["ding"] * 2
        await pilot.press("m")
        advance(app, 25)
        assert rings == ["ding"] * 2


def test_tones_are_distinct_short_quiet_and_made_once(tmp_path: Path) -> None:
    files = tone_files(tmp_path)
    assert set(files) == set(CueKind)
    contents = {path.read_bytes() for path in files.values()}
    assert len(contents) == len(CueKind)
    for path in files.values():
        with wave.open(str(path)) as sound:
            seconds = sound.getnframes() / sound.getframerate()
            frames = sound.readframes(sound.getnframes())
        peak = max(
            abs(int.from_bytes(frames[i : i + 2], "little", signed=True))
            for i in range(0, len(frames), 2)
        )
        assert 0.05 <= seconds <= 1.0
        assert 0.05 * 32767 < peak <= VOLUME * 32767 + 1
    made = {path: os.stat(path).st_mtime_ns for path in files.values()}
    tone_files(tmp_path)
    assert {path: os.stat(path).st_mtime_ns for path in files.values()} == made


def test_try_it_plays_every_kind_even_when_muted(tmp_path: Path) -> None:
    rings: list[str] = []
    output = CueOutput("bell", ring=lambda: rings.append("ding"), cache_dir=tmp_path, muted=True)
    for cue in SAMPLE_CUES:
        output.play(cue)
    assert rings == []
    for cue in SAMPLE_CUES:
        output.play(cue, always=True)
    assert len(rings) == len(SAMPLE_CUES)
