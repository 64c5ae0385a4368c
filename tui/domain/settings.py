"""The settings a person can change (goal, week, day start, pauses): their limits and words."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.routine_edit import INT_FIELD_LIMITS, EditError, parse_int_field

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Keys of the stored settings document; store.history_settings() reads the first three.
WEEKLY_GOAL = "weekly_goal"
WEEK_STARTS_ON = "week_starts_on"
DAY_STARTS_AT = "day_starts_at"
MUTED = "muted"
THEME = "theme"
CUES = "cues"
# Not stored: the settings row that plays one cue of each kind in the current mode.
TRY_CUES = "try_cues"
# How a run's moments are signalled, most telling first: a mode that cannot be had here
# falls back to the next one down (tui/cues).
CUE_MODES = ("voice", "tones", "bell", "off")
CUE_MODE_MEANINGS = {
    "voice": "spoken words",
    "tones": "a sound per moment",
    "bell": "the terminal bell",
    "off": "no cues",
}
# When the flow asks how stiff the back is (PRODUCT.md §3): one of STIFFNESS_CHOICES.
STIFFNESS = "stiffness"
STIFFNESS_BEFORE_AND_AFTER = "before_and_after"
STIFFNESS_AFTER = "after"
STIFFNESS_NEVER = "never"
STIFFNESS_CHOICES = {
    STIFFNESS_BEFORE_AND_AFTER: "before and after",
    STIFFNESS_AFTER: "after only",
    STIFFNESS_NEVER: "never",
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


@dataclass(frozen=True)
class NumberSetting:
    """A whole-number setting: its label, bounds, unit and what it means."""

    key: str
    label: str
    low: int
    high: int
    unit: str
    meaning: str

    @property
    def hint(self) -> str:
        return f"{self.low}–{self.high} {self.unit}"

    @property
    def error(self) -> str:
        return f"{self.label} must be a whole number of {self.unit} from {self.low} to {self.high}"

    def parse(self, text: str) -> int:
        """The number typed, within bounds, or an EditError whose message fits under the field."""
        try:
            return parse_int_field(text, self.key, self.low, self.high)
        except EditError:
            raise EditError(self.error, self.key) from None

    def describe(self, value: int) -> str:
        """The value as the settings list shows it."""
        if self.key == WEEKLY_GOAL:
            return "every day" if value == 7 else f"{value} of 7 days"
        if self.key == DAY_STARTS_AT:
            return "midnight" if value == 0 else f"{value}:00"
        return f"{value} s"


NUMBER_SETTINGS: dict[str, NumberSetting] = {
    WEEKLY_GOAL: NumberSetting(
        WEEKLY_GOAL,
        "Weekly goal",
        1,
        7,
        "days",
        "Days a week you aim to stretch. Rest days lower a week's target only when they leave "
        "fewer days than this.",
    ),
    DAY_STARTS_AT: NumberSetting(
        DAY_STARTS_AT,
        "Day starts at",
        0,
        23,
        "hours",
        "The hour a new day begins: with 4, a flow at 01:30 counts for the day before.",
    ),
    READY_S: NumberSetting(
        READY_S,
        "Get ready",
        *INT_FIELD_LIMITS[READY_S],
        "seconds",
        "The pause before each stretch, to read it and get into position.",
    ),
    SWITCH_S: NumberSetting(
        SWITCH_S,
        "Switch sides",
        *INT_FIELD_LIMITS[SWITCH_S],
        "seconds",
        "The pause between the left and the right side of a stretch.",
    ),
}
