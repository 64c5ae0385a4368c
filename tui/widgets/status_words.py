"""What the status lines say of the cues and practice: on home, and in the running flow."""

from __future__ import annotations


def cue_words(muted: bool, mode: str) -> str:
    """The cue mode and whether it is muted, with the key that changes it."""
    return "Cues muted · m unmutes" if muted else f"Cues: {mode} · m mutes"


def flow_status(muted: bool, speed: float, mode: str) -> str:
    """The status line of a run: practice first (it changes what the run is worth), then cues."""
    parts = []
    if speed != 1:
        parts.append(f"Practice at {speed:g}× speed: not counted")
    parts.append(cue_words(muted, mode))
    return "  ·  ".join(parts)
