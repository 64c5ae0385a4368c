"""Numbers with a fraction as the domain's words write them: rounded as Python rounds, with
the decimal sign of the language in use (2.5 · 2,5)."""

from __future__ import annotations

from tui.i18n import SOURCE_LANGUAGE, language


def decimal_words(value: float, digits: int = 1) -> str:
    """`value` to `digits` places ('2.6', '+2.6' with `sign`), the decimal sign the language's.

    Rounded by Python's own formatting, as these words always were: Babel rounds the decimal
    text instead (2.55 → 2.6 where Python says 2.5), and English must read as it did. English
    never wakes Babel."""
    text = f"{value:.{digits}f}"
    if language() == SOURCE_LANGUAGE:
        return text
    from tui.i18n.formats import current_locale

    symbols = current_locale().number_symbols
    # Babel keeps the symbols by numbering system in newer versions, flat in older ones.
    latin = symbols.get("latn", symbols)
    return text.replace(".", str(latin.get("decimal", ".")))
