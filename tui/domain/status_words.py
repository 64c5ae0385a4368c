"""What the status lines say of the cues and practice: on home, and in the running flow."""

from __future__ import annotations

from tui.i18n import N_, _

# Whole phrases per mode (the stored mode is a key, never shown as it is): "off" here is
# the cues' mode, and a language may need its own word for it beside the key's verb.
_CUE_WORDS = {
    # Translators: the status line's cue mode; "m mutes" tells that the m key mutes them.
    "voice": N_("Cues: voice · m mutes"),
    # Translators: the status line's cue mode (a sound per moment); m is the key that mutes.
    "tones": N_("Cues: tones · m mutes"),
    # Translators: the status line's cue mode (the terminal's bell); m is the key that mutes.
    "bell": N_("Cues: bell · m mutes"),
    # Translators: the status line's cue mode (no cues at all); m is the key that mutes.
    "off": N_("Cues: off · m mutes"),
}


def cue_words(muted: bool, mode: str) -> str:
    """The cue mode and whether it is muted, with the key that changes it."""
    if muted:
        # Translators: the status line when the cues are muted; m is the key that unmutes.
        return _("Cues muted · m unmutes")
    known = _CUE_WORDS.get(mode)
    if known is not None:
        return _(known)
    return _("Cues: {mode} · m mutes").format(mode=mode)


def flow_status(muted: bool, speed: float, mode: str) -> str:
    """The status line of a run: practice first (it changes what the run is worth), then cues."""
    parts = []
    if speed != 1:
        # Translators: {speed} is how many times faster a practice run goes (2, 0.5).
        parts.append(_("Practice at {speed}× speed: not counted").format(speed=f"{speed:g}"))
    parts.append(cue_words(muted, mode))
    return "  ·  ".join(parts)
