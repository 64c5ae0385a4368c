"""Supple's words in the person's language: stdlib gettext over the catalogs in tui/locale.

Every string a person reads or hears goes through `_` (or `ngettext`, `pgettext`) when it is
shown, never when a module is imported: the language can change while the app runs (the
setting), so a word fixed at import would stay in the old one. Strings that must be written
at import (a binding's description, a table of choices) are marked with `N_` and passed
through `_` where they are shown. A string a catalog lacks is shown in English.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "supple"
# The catalogs: tui/locale/<code>/LC_MESSAGES/supple.po, compiled to .mo by the wheel build
# (hatch_build.py) and by tests/conftest.py.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
# The language in use ("en", "de", …) and the tag it was asked for by ("de_AT"): the voice
# tries the tag's own voice first.
_language = SOURCE_LANGUAGE
_tag = SOURCE_LANGUAGE


def _(message: str) -> str:
    """`message` in the language in use, or as given when its catalog lacks it."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase that `n` takes in the language in use."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs different translations by `context`."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Marks `message` for the catalogs without translating it: `_` does that where it shows."""
    return message


def available_languages() -> tuple[str, ...]:
    """English, then every language with a catalog, sorted: adding a .po adds a language."""
    found = sorted(
        path.parent.parent.name
        for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
        if path.parent.parent.name != SOURCE_LANGUAGE
    )
    return (SOURCE_LANGUAGE, *found)


def use_language(code: str, tag: str | None = None) -> None:
    """Speak `code` from now on ("en" or one of available_languages()); `tag` is the locale
    it was chosen by (de_AT), kept for the voice and for formats."""
    global _translation, _language, _tag
    if code == SOURCE_LANGUAGE:
        _translation = _gettext.NullTranslations()
    else:
        # fallback=True: a catalog not compiled yet (a source tree before its first build)
        # shows English rather than failing to start.
        _translation = _gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True
        )
    _language = code
    _tag = tag or code


def language() -> str:
    """The language in use: "en", "de", …"""
    return _language


def language_tag() -> str:
    """The locale tag the language was chosen by ("de_AT"), or the language itself."""
    return _tag
