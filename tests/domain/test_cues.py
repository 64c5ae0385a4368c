"""The cue schedule over whole flows on the fake clock: which moment gets which cue, and when."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from tests.domain.test_player import small_routine
from tui.domain.clock import FakeClock
from tui.domain.cues import SAMPLE_CUES, CueKind, CueSchedule, spoken
from tui.domain.plan import Event
from tui.domain.player import Player
from tui.domain.routine import Routine, default_routine

STEP = 0.25  # a frame; every instant below is a multiple of it, so the float sums are exact
T0 = 1000.0

Heard = list[tuple[float, str]]


def play(
    routine: Routine,
    keys: dict[float, Callable[[Player], list[Event]]] | None = None,
    *,
    until: float = 10_000.0,
    step: float = STEP,
) -> Heard:
    """Play a flow frame by frame, pressing `keys` at their instants; note each cue's instant
    (seconds since the start) and words, as the screen would hand them on."""
    keys = dict(keys or {})
    clock = FakeClock(T0)
    player = Player(routine, clock)
    schedule = CueSchedule()
    heard: Heard = []

    def hear(events: list[Event]) -> None:
        cue = schedule.update(events, player.view())
        if cue is not None:
            heard.append((clock.now() - T0, cue.words))

    hear(player.start())
    while not player.finished and clock.now() - T0 < until:
        clock.advance(step)
        hear(player.advance())
        key = keys.pop(clock.now() - T0, None)
        if key is not None:
            hear(key(player))
    return heard


def pause(p: Player) -> list[Event]:
    return p.toggle_pause()


def skip(p: Player) -> list[Event]:
    return p.skip()


def back(p: Player) -> list[Event]:
    return p.back()


def more(p: Player) -> list[Event]:
    return p.adjust(+5)


def less(p: Player) -> list[Event]:
    return p.adjust(-5)


def test_a_whole_flow_has_one_cue_per_moment_at_its_exact_instant() -> None:
    assert play(small_routine()) == [
        (0, "First: Hold A."),
        (2, "3"),
        (3, "2"),
        (4, "1"),
        (5, "Hold A, left side. Hold 20 seconds."),
        (22, "3"),
        (23, "2"),
        (24, "1"),
        (25, "Switch sides."),
        (27, "3"),
        (28, "2"),
        (29, "1"),
        (30, "Hold A, right side. Hold 20 seconds."),
        (47, "3"),
        (48, "2"),
        (49, "1"),
        (50, "Next: Breathe B."),
        (52, "3"),
        (53, "2"),
        (54, "1"),
        (55, "Inhale, 1 of 3."),
        (59, "Exhale, 1 of 3."),
        (63, "Inhale, 2 of 3."),
        (67, "Exhale, 2 of 3."),
        (71, "Inhale, 3 of 3."),
        (75, "Exhale, 3 of 3."),
        (79, "Well done."),
    ]


def test_pause_skip_adjust_and_back_each_get_their_cue_and_nothing_while_paused() -> None:
    keys = {
        10.5: pause,  # left hold, 14.5 s left
        20.0: pause,  # resume: a 3 s count, then the hold goes on with what was left
        37.75: skip,  # in switch sides: straight to the right side
        40.0: more,  # the right hold becomes 25 s
        61.0: less,  # 1.75 s left becomes none: the hold ended 3.25 s ago, so did its count
        62.0: back,  # 4.25 s into Breathe B's get-ready: back to its start
        63.0: back,  # 1 s into it: back to the stretch before
        64.0: skip,  # into the left hold at once
        65.0: pause,
        66.0: skip,  # skipped while paused: silent now, said on resuming
        70.0: pause,
    }
    assert play(small_routine(), keys, until=76) == [
        (0, "First: Hold A."),
        (2, "3"),
        (3, "2"),
        (4, "1"),
        (5, "Hold A, left side. Hold 20 seconds."),
        # paused at 10.5: nothing until the resume at 20
        (20, "3"),
        (21, "2"),
        (22, "1"),
        (23, "Hold A, left side. Hold 15 seconds."),
        (34.5, "3"),
        (35.5, "2"),
        (36.5, "1"),
        (37.5, "Switch sides."),
        (37.75, "Hold A, right side. Hold 20 seconds."),
        # +5 s at 40: the hold ends at 62.75, so its count moves with it
        (59.75, "3"),
        (60.75, "2"),
        # -5 s at 61: the hold is over, the next stretch named, its count picked up
        (61, "Next: Breathe B."),
        (61.75, "1"),
        (62, "Back to Breathe B."),
        (63, "Back to Hold A."),
        (64, "Hold A, left side. Hold 20 seconds."),
        # paused at 65; the skip at 66 is silent, said when the run resumes at 70
        (70, "Switch sides."),
        (72, "3"),
        (73, "2"),
        (74, "1"),
        (75, "Hold A, right side. Hold 20 seconds."),
    ]


def test_cat_cow_paces_every_breath_and_a_pause_resumes_on_the_breath_it_left() -> None:
    routine = default_routine()
    heard = play(routine)
    cat_cow = [(t, w) for t, w in heard if w.startswith(("Inhale", "Exhale"))]
    # Knee to chest (5 + 20 + 5 + 20) and the twist (5 + 30 + 5 + 30), then cat–cow's 5 s
    start = 50 + 70 + 5
    assert cat_cow == [
        (start + 8 * (rep - 1) + (4 if word == "Exhale" else 0), f"{word}, {rep} of 6.")
        for rep in range(1, 7)
        for word in ("Inhale", "Exhale")
    ]
    paused = play(routine, {start + 9.0: pause, start + 30.0: pause}, until=start + 40)
    after = [(t, w) for t, w in paused if t >= start + 8]
    assert after == [
        (start + 8, "Inhale, 2 of 6."),
        (start + 30, "3"),
        (start + 31, "2"),
        (start + 32, "1"),
        (start + 33, "Inhale, 2 of 6."),
        (start + 36, "Exhale, 2 of 6."),
        (start + 40, "Inhale, 3 of 6."),
    ]


def test_the_default_flow_names_every_moment_once() -> None:
    heard = play(default_routine())
    instants = [t for t, _ in heard]
    assert instants == sorted(set(instants)), "two cues at one moment"
    assert heard[0] == (0, "First: Knee to chest.")
    assert heard[-1] == (313, "Well done.")
    kinds = Counter(
        "tick" if w.isdigit() else w.split(",")[0].split(":")[0].split(".")[0] for _, w in heard
    )
    assert kinds["tick"] == 3 * (5 + 4 + 8)  # five get-readys, four switches, eight holds
    assert kinds["Switch sides"] == 4
    assert kinds["Next"] == 4
    assert kinds["Inhale"] == kinds["Exhale"] == 6
    assert (30, "Knee to chest, right side. Hold 20 seconds.") in heard


def test_a_late_frame_says_only_the_newest_number() -> None:
    heard = play(small_routine(), until=4.5, step=4.5 / 2)
    # frames at 2.25 and 4.5: "3" was due at 2, "2" and "1" both by 4.5 — only "1" is said
    assert heard == [(0, "First: Hold A."), (2.25, "3"), (4.5, "1")]


def test_a_short_get_ready_opens_with_its_words_not_a_number() -> None:
    routine = small_routine()

    heard = play(replace(routine, ready_s=3, switch_s=0), until=30)
    assert heard[:4] == [(0, "First: Hold A."), (1, "2"), (2, "1"), (3, heard[3][1])]
    # a 0 s switch: the left hold's end and the right hold's start are one moment, one cue
    assert (23, "Hold A, right side. Hold 20 seconds.") in heard
    assert not any(w == "Switch sides." for _, w in heard)


def test_nothing_is_said_while_paused_however_long() -> None:
    heard = play(small_routine(), {1.0: pause}, until=600)
    assert heard == [(0, "First: Hold A.")]


def test_a_long_get_ready_resumed_says_what_comes_next() -> None:
    routine = small_routine()

    heard = play(replace(routine, ready_s=20), {1.0: pause, 5.0: pause}, until=10)
    assert heard == [(0, "First: Hold A."), (5, "Get ready: Hold A.")]


def test_every_kind_has_a_sample_and_names_are_speakable() -> None:
    assert {c.kind for c in SAMPLE_CUES} == set(CueKind)
    assert spoken("Cat–cow") == "Cat cow"
    rings = {c.kind for c in SAMPLE_CUES if c.rings}
    assert rings == {CueKind.START, CueKind.SWITCH, CueKind.END, CueKind.FINISHED}
