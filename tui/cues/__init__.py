"""How cues are played (speech, sounds, the terminal bell): the adapter the app owns."""

from tui.cues.output import CueOutput, resolve_mode

__all__ = ["CueOutput", "resolve_mode"]
