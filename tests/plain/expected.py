"""What a whole run of a routine says, moment by moment, worked out from the plan alone."""

from __future__ import annotations

from tui.domain.cues import phase_cue
from tui.domain.plan import PhaseKind, build_plan
from tui.domain.player import View
from tui.domain.routine import Routine, format_duration


def expected_moments(routine: Routine) -> list[str]:
    """'0:05 Knee to chest, left side. Hold 20 seconds.' for each phase of an uninterrupted
    run, in order, with the domain's own words for arriving at it; 'Well done.' at the end."""
    phases, _steps = build_plan(routine)
    stretches = routine.enabled
    lines: list[str] = []
    at = 0.0
    for index, phase in enumerate(phases):
        if phase.kind is PhaseKind.SUMMARY:
            lines.append(f"{format_duration(at)} Well done.")
            break
        stretch = stretches[phase.stretch]
        view = View(
            phase=phase,
            stretch=stretch,
            remaining=phase.duration,
            elapsed=0.0,
            total_remaining=0.0,
            paused=False,
            resuming=None,
            next_stretch=None,
            position=phase.stretch + 1,
            count=len(stretches),
            reps=stretch.reps if phase.rep is not None else None,
        )
        cue = phase_cue(view, how="start" if index == 0 else "ended")
        assert cue is not None
        lines.append(f"{format_duration(at)} {cue.words}")
        at += phase.duration
    return lines
