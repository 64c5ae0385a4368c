"""A day as a person types it to go there: a date, or a day counted back from today."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tui.domain.history import countable_day
from tui.i18n import N_, SOURCE_LANGUAGE, _, language, pgettext

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BACK = re.compile(r"^-?\s*(\d{1,5})\s*(d|days?|w|weeks?)?(\s+ago)?$")

# Marked, not translated: a screen shows it through `_()`.
# Translators: what the go-to-day field takes. "today", "yesterday" and the weekdays may be
# typed in English or as translated (context "a day typed"); YYYY-MM-DD, 3d and 2w stay as
# they are (d is days, w weeks).
HINT = N_("YYYY-MM-DD, today, yesterday, a weekday (the last one), or 3 / 3d / 2w back")


def _typed_words() -> tuple[set[str], set[str], list[str]]:
    """The words for today and yesterday, and the weekday names, in the language in use;
    English is always understood too."""
    if language() == SOURCE_LANGUAGE:
        return set(), set(), []
    from tui.i18n.formats import day_name

    # Translators: a word typed into the go-to-day field to go to today.
    today_words = {pgettext("a day typed", "today").lower()}
    # Translators: a word typed into the go-to-day field to go to yesterday.
    yesterday_words = {pgettext("a day typed", "yesterday").lower()}
    return today_words, yesterday_words, [day_name(n).lower() for n in range(7)]


def _weekday(words: str, names: tuple[str, ...] | list[str]) -> int | None:
    named = [n for n, name in enumerate(names) if len(words) >= 3 and name.startswith(words)]
    return named[0] if named else None


def parse_day(text: str, today: date) -> date:
    """The day `text` names, counting back from `today`; ValueError says what it takes."""
    words = text.strip().lower()
    today_words, yesterday_words, weekdays = _typed_words()
    if words in ("today", "t", "0") or words in today_words:
        return today
    if words in ("yesterday", "y") or words in yesterday_words:
        return today - timedelta(days=1)
    named = _weekday(words, _WEEKDAYS)
    if named is None:
        named = _weekday(words, weekdays)
    if named is not None:
        # The most recent such day, today included: the history only looks back.
        return today - timedelta(days=(today.weekday() - named) % 7)
    match = _BACK.match(words)
    if match:
        count = int(match[1])
        days = count * 7 if (match[2] or "d").startswith("w") else count
        try:
            return countable_day(today - timedelta(days=days))
        except (OverflowError, ValueError):
            # Translators: {text} is what was typed, in quotes.
            message = _("{text} is further back than a history goes")
            raise ValueError(message.format(text=repr(text.strip()))) from None
    try:
        return countable_day(date.fromisoformat(words))
    except ValueError:
        # Translators: {text} is what was typed, in quotes; {hint} what the field takes.
        message = _("Not a day: {text}. Type {hint}.")
        raise ValueError(message.format(text=repr(text.strip()), hint=_(HINT))) from None


__all__ = ["HINT", "parse_day"]
