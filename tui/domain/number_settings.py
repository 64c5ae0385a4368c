"""The whole-number settings the settings screen edits: their bounds, units and meanings."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.routine_edit import INT_FIELD_LIMITS, EditError, parse_int_field
from tui.domain.settings import DAY_STARTS_AT, READY_S, SWITCH_S, WEEKLY_GOAL
from tui.i18n import N_, _, ngettext


@dataclass(frozen=True)
class NumberSetting:
    """A whole-number setting: its label, bounds, unit and what it means. `label` and
    `meaning` are marked, not translated (a screen shows them through `_()`); `unit` is one
    of "days", "hours", "seconds", a key the words below are chosen by."""

    key: str
    label: str
    low: int
    high: int
    unit: str
    meaning: str

    @property
    def hint(self) -> str:
        """'1–7 days': the bounds, under the field, in the language in use."""
        if self.unit == "days":
            # Translators: the bounds of a setting, under its field: "1–7 days".
            words = _("{low}–{high} days")
        elif self.unit == "hours":
            # Translators: the bounds of a setting, under its field: "0–23 hours".
            words = _("{low}–{high} hours")
        else:
            # Translators: the bounds of a setting, under its field: "0–30 seconds".
            words = _("{low}–{high} seconds")
        return words.format(low=self.low, high=self.high)

    @property
    def error(self) -> str:
        # The label first, then what it takes: "Day starts at must be …" read as a typo.
        if self.unit == "days":
            # Translators: a setting's error; {label} is the setting ("Weekly goal").
            words = _("{label}: a whole number of days from {low} to {high}")
        elif self.unit == "hours":
            # Translators: a setting's error; {label} is the setting ("Day starts at").
            words = _("{label}: a whole number of hours from {low} to {high}")
        else:
            # Translators: a setting's error; {label} is the setting ("Get ready").
            words = _("{label}: a whole number of seconds from {low} to {high}")
        return words.format(label=_(self.label), low=self.low, high=self.high)

    def parse(self, text: str) -> int:
        """The number typed, within bounds, or an EditError whose message fits under the field."""
        try:
            return parse_int_field(text, self.key, self.low, self.high)
        except EditError:
            raise EditError(self.error, self.key) from None

    def describe(self, value: int) -> str:
        """The value as the settings list shows it."""
        if self.key == WEEKLY_GOAL:
            if value == 7:
                # Translators: the weekly goal of 7 days a week.
                return _("every day")
            # Translators: the weekly goal; {days} is 1 to 6.
            return ngettext("{days} of 7 days", "{days} of 7 days", value).format(days=value)
        if self.key == DAY_STARTS_AT:
            if value == 0:
                # Translators: the day starts at midnight (the hour 0).
                return _("midnight")
            # Translators: the hour the day starts at, 1 to 23, as a clock shows it.
            return _("{hour}:00").format(hour=value)
        # Translators: a pause in seconds; "s" is the abbreviation.
        return _("{seconds} s").format(seconds=value)


NUMBER_SETTINGS: dict[str, NumberSetting] = {
    WEEKLY_GOAL: NumberSetting(
        WEEKLY_GOAL,
        N_("Weekly goal"),
        1,
        7,
        "days",
        N_(
            "Days a week you aim to stretch. Rest days lower a week's target only when they "
            "leave fewer days than this."
        ),
    ),
    DAY_STARTS_AT: NumberSetting(
        DAY_STARTS_AT,
        # Translators: a setting: the hour a new day begins.
        N_("Day starts at"),
        0,
        23,
        "hours",
        N_("The hour a new day begins: with 4, a flow at 01:30 counts for the day before."),
    ),
    READY_S: NumberSetting(
        READY_S,
        N_("Get ready"),
        *INT_FIELD_LIMITS[READY_S],
        "seconds",
        N_("The pause before each stretch, to read it and get into position."),
    ),
    SWITCH_S: NumberSetting(
        SWITCH_S,
        N_("Switch sides"),
        *INT_FIELD_LIMITS[SWITCH_S],
        "seconds",
        N_("The pause between the left and the right side of a stretch."),
    ),
}
