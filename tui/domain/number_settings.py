"""The whole-number settings the settings screen edits: their bounds, units and meanings."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.routine_edit import INT_FIELD_LIMITS, EditError, parse_int_field
from tui.domain.settings import DAY_STARTS_AT, READY_S, SWITCH_S, WEEKLY_GOAL


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
        # The label first, then what it takes: "Day starts at must be …" read as a typo.
        return f"{self.label}: a whole number of {self.unit} from {self.low} to {self.high}"

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
