"""The plain mode's flow on a fake clock: each moment once, in order, with its time; keys; the
session saved to a real store as the app saves it."""

from __future__ import annotations

import re

import pytest

from tests.plain.expected import expected_moments
from tests.plain.fakes import Plain
from tui.domain.cues import CueKind
from tui.domain.plan import build_plan
from tui.domain.routine import CLOSING_LINE, default_routine
from tui.domain.settings import STIFFNESS, STIFFNESS_NEVER
from tui.storage.store import Store

TIMED = re.compile(r"^\d+:\d\d ")
# Real seconds of a flow second at --speed 20.
S = 1 / 20


def timed(lines: list[str]) -> list[str]:
    """The lines of the flow's moments ('0:05 …')."""
    return [line for line in lines if TIMED.match(line)]


def only_session(store: Store) -> dict[str, object]:
    sessions = store.sessions()
    assert len(sessions) == 1
    return sessions[0]


def test_a_whole_flow_prints_every_moment_once_in_order_and_is_saved(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter")], answers=["4", ""])
    lines = plain.run()

    expected = expected_moments(default_routine())
    assert timed(lines) == expected
    # Between the flow's first moment and its summary, nothing but the moments: no line
    # during a hold, no countdown numbers, nothing said twice.
    first, last = lines.index(expected[0]), lines.index("Flow complete.")
    assert lines[first:last] == expected
    assert len(set(expected)) == len(expected)
    # Plain text only: no escape sequence, no bell, no carriage return.
    assert all(ch >= " " for line in lines for ch in line)
    assert lines[-3:] == [
        CLOSING_LINE,
        "Not stretched yet today · No streak yet: today can start one",
        "Keys: enter starts the flow, h shows the history, m mutes, r repeats, q quits.",
    ]

    session = only_session(store)
    assert session["completed"] is True
    assert session["speed"] == 20
    assert session["stiffness_before"] == 4
    assert session["stiffness_after"] is None
    assert session["ended_at"] is not None
    steps = session["steps"]
    assert isinstance(steps, list) and len(steps) == 9
    assert all(step["status"] == "done" for step in steps)
    assert "Today: practice at 20× speed: not counted today" in lines


def test_between_moments_it_waits_on_the_keys_not_in_a_loop(store: Store) -> None:
    """One wait per phase, timed to its end: no wake-up each second of a hold, no redraw."""
    plain = Plain(store, script=[(0, "enter")])
    plain.run()
    phases, _ = build_plan(default_routine())
    timed_waits = [w for w in plain.keys.waits if w is not None]
    assert len(timed_waits) <= len(phases) + 2
    # The first hold's wait is its whole length, at 20 times the speed.
    assert any(w == pytest.approx(20 * S) for w in timed_waits)


def test_with_sound_the_countdown_is_played_but_not_printed(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter")], cue_mode="voice")
    lines = plain.run()
    assert timed(lines) == expected_moments(default_routine())
    ticks = [cue.words for cue in plain.cues.played if cue.kind is CueKind.TICK]
    assert ticks[:3] == ["3", "2", "1"]
    words = [cue.words for cue in plain.cues.played if cue.kind is not CueKind.TICK]
    assert [line.split(" ", 1)[1] for line in timed(lines)] == words


def test_pause_and_resume(store: Store) -> None:
    # The first hold runs from 0:05 to 0:25: paused at 0:10, resumed at 0:20.
    plain = Plain(store, script=[(0, "enter"), (10 * S, "space"), (20 * S, "space")])
    lines = plain.run()
    moments = timed(lines)
    assert moments[:6] == [
        "0:00 First: Knee to chest.",
        "0:05 Knee to chest, left side. Hold 20 seconds.",
        "0:10 Paused. Space resumes.",
        "0:20 Resumed.",
        # After the 3 s countdown, the hold goes on and says what is left.
        "0:23 Knee to chest, left side. Hold 15 seconds.",
        "0:38 Switch sides.",
    ]
    assert only_session(store)["completed"] is True


def test_skip_and_back(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter"), (10 * S, "n"), (12 * S, "left")])
    lines = plain.run()
    assert timed(lines)[:5] == [
        "0:00 First: Knee to chest.",
        "0:05 Knee to chest, left side. Hold 20 seconds.",
        "0:10 Switch sides.",
        "0:12 Back to Knee to chest.",
        "0:17 Knee to chest, left side. Hold 20 seconds.",
    ]
    steps = only_session(store)["steps"]
    assert isinstance(steps, list)
    # Played again after going back, in full: the better play is kept.
    assert steps[0]["status"] == "done"


def test_leaving_asks_first_and_keeps_what_was_done(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter"), (15 * S, "q"), (15 * S, "y")])
    lines = plain.run()
    question = "Leave the flow? What you have done so far is kept."
    assert f"{question} y for yes, any other key for no." in lines
    assert timed(lines)[-2:] == ["0:15 Paused. Space resumes.", "0:15 Flow left."]
    assert "Flow left early: what you did is kept." in lines
    assert "Today: left before the end: not counted today" in lines
    session = only_session(store)
    assert session["completed"] is False
    steps = session["steps"]
    assert isinstance(steps, list)
    assert steps[0] == {
        "name": "Knee to chest",
        "side": "left",
        "unit": "s",
        "planned": 20,
        "done": 10,
        "status": "partial",
    }


def test_staying_after_the_question_resumes(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter"), (15 * S, "escape"), (15 * S, "n")])
    lines = plain.run()
    assert timed(lines)[2:5] == [
        "0:15 Paused. Space resumes.",
        "0:15 Resumed.",
        "0:18 Knee to chest, left side. Hold 10 seconds.",
    ]
    assert only_session(store)["completed"] is True


def test_longer_and_shorter_holds(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter"), (10 * S, "+"), (11 * S, "-"), (12 * S, "-")])
    lines = plain.run()
    assert timed(lines)[2:6] == [
        "0:10 20 seconds left in this hold.",
        "0:11 14 seconds left in this hold.",
        "0:12 8 seconds left in this hold.",
        "0:20 Switch sides.",
    ]
    steps = only_session(store)["steps"]
    assert isinstance(steps, list)
    assert steps[0]["adjusted_s"] == -5


def test_mute_and_the_keys(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter"), (10 * S, "m"), (11 * S, "?")], cue_mode="tones")
    lines = plain.run()
    assert "Cues muted" in lines
    assert (
        lines.count(
            "Keys: space pauses or resumes, n or right skips, b or left goes back, + and - hold 5 "
            "seconds longer or shorter, m mutes, q or esc leaves, ? lists the keys."
        )
        == 2
    )
    assert plain.cues.muted is True


def test_a_run_at_speed_one_is_counted(store: Store) -> None:
    store.save_settings({STIFFNESS: STIFFNESS_NEVER})
    plain = Plain(store, speed=1, script=[(0, "enter")])
    lines = plain.run()
    assert timed(lines) == expected_moments(default_routine())
    assert "Today: counted ✓" in lines
    assert not any("how stiff" in line for line in lines)
    assert lines[-2] == "Done today ✓ · 1-day streak · strength 5%"
    assert only_session(store)["speed"] == 1


def test_a_rating_out_of_range_is_asked_again(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter")], answers=["11", "three", "3", "2"])
    lines = plain.run()
    assert lines.count("A number from 0 to 10, please, or enter alone to skip.") == 2
    assert "Back stiffness: 3 → 2 (1 better)" in lines
    session = only_session(store)
    assert (session["stiffness_before"], session["stiffness_after"]) == (3, 2)


def test_an_interrupted_run_is_kept(store: Store) -> None:
    plain = Plain(store, script=[(0, "enter")], interrupt_at=10 * S)
    with pytest.raises(KeyboardInterrupt):
        plain.run()
    session = only_session(store)
    assert session["completed"] is False
    assert session["ended_at"] is not None
    assert timed(plain.lines)[-1] == "0:10 Flow left."


def test_a_flow_running_elsewhere_is_asked_about(store: Store) -> None:
    lock = store.run_lock("another-run")
    lock.acquire()
    try:
        plain = Plain(store, script=[(0, "enter"), (0, "n")])
        lines = plain.run()
    finally:
        lock.release()
    assert (
        "A flow started at 09:00 is running in another window or browser tab. Start one here"
        " too? y for yes, any other key for no."
    ) in lines
    assert not timed(lines)
    assert store.sessions() == []


def test_home_says_today_the_routine_its_steps_and_the_keys(store: Store) -> None:
    lines = Plain(store, script=[(0, "?"), (0, "h"), (0, "q"), (0, "r")]).run()
    assert lines[:10] == [
        "Supple, in plain lines.",
        "Not stretched yet today · No streak yet: today can start one",
        "Lower-back flow, 5:13, 5 stretches:",
        "1. Knee to chest, 20 s each side, 0:50",
        "2. Seated spinal twist, 30 s each side, 1:10",
        "3. Cat–cow, 6 reps · 4 s in / 4 s out, 0:53",
        "4. Low lunge, 30 s each side, 1:10",
        "5. Seated hamstring stretch, 30 s each side, 1:10",
        "Move only within comfort and stop at any sharp pain. Supple is a guide, not medical "
        "advice.",
        "Cues: off · m mutes · practice at 20× speed",
    ]
    keys = "Keys: enter starts the flow, h shows the history, m mutes, r repeats, q quits."
    assert lines[10:12] == [keys, keys]
    assert "History" in lines
    assert lines[-1] == keys  # back from the history; then q quits (r never came)


def test_the_history_in_plain_lines(store: Store) -> None:
    Plain(store, script=[(0, "enter")]).run()
    lines = Plain(store).run("history")
    assert lines[0] == "History"
    assert "Your only session so far:" in lines
    assert re.fullmatch(
        r"\w{3} \d+ \w{3} \d\d:\d\d: held 3:40, 9 of 9 steps held, completed, practice at 20×"
        r" speed",
        lines[-2],
    )
    assert lines[-1] == "Enter or q goes back."
