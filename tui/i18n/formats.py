"""Dates, weekdays, months and numbers as the language in use writes them, by Babel.

Babel is imported on first use, not at start: it costs about 25 ms, and the first frame needs
none of it in English (tests/ui/test_startup.py)."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Literal

from tui.i18n import language, language_tag

if TYPE_CHECKING:
    from babel import Locale

Width = Literal["wide", "abbreviated", "short", "narrow"]


@cache
def _locale(tag: str, code: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    for name in (tag, code, "en"):
        try:
            return Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def current_locale() -> Locale:
    """Babel's locale for the language in use (its tag's region when Babel knows it)."""
    return _locale(language_tag(), language())


def day_name(weekday: int, width: Width = "wide") -> str:
    """Monday is 0, as in `date.weekday()`: 'Monday', 'Mon', 'Mo'…, in the language in use."""
    # Babel's own names are for use inside a sentence (lower case in French and Spanish);
    # standalone is how a heading or a column shows a day.
    return str(current_locale().days["stand-alone"][width][weekday])


def month_name(month: int, width: Width = "wide") -> str:
    """January is 1: 'January', 'Jan'…, as a heading shows it, in the language in use."""
    return str(current_locale().months["stand-alone"][width][month])


def date_text(day: date, skeleton: str = "yMMMd") -> str:
    """`day` as the language writes it for a CLDR skeleton: 'yMMMd' → 'Nov 26, 2026' in
    English, '26.11.2026'-like in German; 'MMMEd' → 'Thu, Nov 26'."""
    from babel.dates import format_skeleton

    return str(format_skeleton(skeleton, day, locale=current_locale()))


def number(value: int) -> str:
    """A whole number with the language's grouping: 12,345 · 12.345 · 12 345."""
    if -1000 < value < 1000:
        return str(value)  # nothing to group: no need to wake Babel for it
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=current_locale()))


def decimal(value: float, digits: int = 1) -> str:
    """`value` to `digits` places with the language's decimal sign: 2.5 · 2,5."""
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return str(format_decimal(value, format=pattern, locale=current_locale()))


def language_name(code: str) -> str:
    """The language `code` as the language in use names it: 'German', 'Deutsch', 'allemand'."""
    from babel import Locale

    return str(Locale.parse(code).get_display_name(current_locale()) or code)
