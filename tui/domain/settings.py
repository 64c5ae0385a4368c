"""The settings a person can change (goal, week, day start, cues, stiffness): their keys and
words; the number settings' bounds are in number_settings.py."""

from __future__ import annotations

from tui.i18n import N_, pgettext

# English, for what reads them as words typed (reminder days) and older callers: a screen
# shows a weekday in the language in use with tui.i18n.formats.day_name.
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Keys of the stored settings document; store.history_settings() reads the first three.
WEEKLY_GOAL = "weekly_goal"
WEEK_STARTS_ON = "week_starts_on"
DAY_STARTS_AT = "day_starts_at"
THEME = "theme"
# How cues play, kept: one of CUE_MODES ("off" silences them for good; `m` mutes one run).
CUE_MODE = "cue_mode"
# The two settings it replaces, still read from a file that has no CUE_MODE (rules.md §2).
OLD_CUES = "cues"
OLD_MUTED = "muted"
# Not stored: the settings row that plays one cue of each kind in the current mode.
TRY_CUES = "try_cues"
# How a run's moments are signalled, most telling first: a mode that cannot be had here
# falls back to the next one down (tui/cues).
CUE_MODES = ("voice", "tones", "bell", "off")
# Marked, not translated: a screen shows them through `_()`.
CUE_MODE_MEANINGS = {
    # Translators: what the cue mode "voice" means (its name is a message of its own, in the
    # context "cue mode").
    "voice": N_("spoken words"),
    # Translators: what the cue mode "tones" means: a different sound for each kind of moment.
    "tones": N_("a sound per moment"),
    # Translators: what the cue mode "bell" means.
    "bell": N_("the terminal bell"),
    # Translators: what the cue mode "off" means.
    "off": N_("no cues"),
}


def cue_mode_name(mode: str) -> str:
    """A cue mode (stored as voice, tones, bell or off) in the language in use."""
    names = {
        # Translators: the cue modes, as the Cues setting shows them: the same words as in the
        # status line's "Cues: voice · m mutes". (`supple --cues` takes the English ones.)
        "voice": pgettext("cue mode", "voice"),
        "tones": pgettext("cue mode", "tones"),
        "bell": pgettext("cue mode", "bell"),
        "off": pgettext("cue mode", "off"),
    }
    return names.get(mode, mode)


def cue_mode_setting(settings: dict[str, object]) -> tuple[str | None, bool]:
    """The kept cue mode (None: this machine's default) and whether it must be written as
    CUE_MODE: a file from before it kept "cues" and "muted", and what the person chose there
    is kept, sound cues turned off reading as the mode "off"."""
    mode = settings.get(CUE_MODE)
    if isinstance(mode, str) and mode in CUE_MODES:
        return mode, False
    if settings.get(OLD_MUTED) is True:
        return "off", True
    old = settings.get(OLD_CUES)
    if isinstance(old, str) and old in CUE_MODES:
        return old, True
    return None, False


# When the flow asks how stiff the back is (rules.md §3): one of STIFFNESS_CHOICES.
STIFFNESS = "stiffness"
STIFFNESS_BEFORE_AND_AFTER = "before_and_after"
STIFFNESS_AFTER = "after"
STIFFNESS_NEVER = "never"
# Marked, not translated: a screen shows them through `_()`.
STIFFNESS_CHOICES = {
    # Translators: when the flow asks how stiff the back is: before the flow and after it.
    STIFFNESS_BEFORE_AND_AFTER: N_("before and after"),
    # Translators: when the flow asks how stiff the back is: only after the flow.
    STIFFNESS_AFTER: N_("after only"),
    # Translators: when the flow asks how stiff the back is: never.
    STIFFNESS_NEVER: N_("never"),
}


def stiffness_setting(settings: dict[str, object]) -> str:
    """When to ask, from the stored settings; an unknown value asks as the default does."""
    value = settings.get(STIFFNESS)
    return (
        value
        if isinstance(value, str) and value in STIFFNESS_CHOICES
        else STIFFNESS_BEFORE_AND_AFTER
    )


# These two live in the routine (Routine.ready_s / switch_s), not in the settings document.
READY_S = "ready_s"
SWITCH_S = "switch_s"

# The language the app speaks: "system" (or absent) follows the locale variables, else a
# code of tui.i18n.available_languages(); `--lang` overrides it for one run (tui/i18n/choice.py).
LANGUAGE = "language"
# Screen-reader mode kept on: `supple` starts plain (tui/plain) as `--plain` does. True or absent.
PLAIN = "plain"
