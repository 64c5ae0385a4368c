"""Which language Supple speaks: `--lang`, else the setting, else the system's locale
variables as gettext reads them (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from tui.i18n import SOURCE_LANGUAGE

# The order GNU gettext and Python's gettext.find read them in: the first one set wins.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# The stored setting's value for "follow the system".
SYSTEM = "system"


class Choice(NamedTuple):
    """The language to use and the tag it came from (de_AT.UTF-8 → code "de", tag "de_AT")."""

    code: str
    tag: str


def normalise(text: str) -> str:
    """'de-AT.UTF-8@euro' → 'de_AT': the part of a locale name a language is chosen by."""
    bare = text.split(".", 1)[0].split("@", 1)[0].replace("-", "_").strip()
    language, _, region = bare.partition("_")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


def match(text: str, available: Sequence[str]) -> Choice | None:
    """The available language `text` names (full tag first, then its language), or None."""
    tag = normalise(text)
    if not tag or tag in ("c", "posix"):
        return None
    if tag in available:
        return Choice(tag, tag)
    language = tag.split("_", 1)[0]
    if language in available:
        return Choice(language, tag)
    return None


def from_environment(environ: Mapping[str, str], available: Sequence[str]) -> Choice:
    """The system's choice: the first locale variable that is set decides (LANGUAGE may list
    several, colon-separated, the first available one wins); C, POSIX or a language without a
    catalog means English."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        for part in value.split(":") if name == "LANGUAGE" else [value]:
            found = match(part, available)
            if found is not None:
                return found
        if name != "LANGUAGE":
            # LC_ALL=C (or any set variable) decides, as in gettext; only an unusable
            # LANGUAGE list gives way to the next variable.
            return Choice(SOURCE_LANGUAGE, SOURCE_LANGUAGE)
    return Choice(SOURCE_LANGUAGE, SOURCE_LANGUAGE)


def choose(
    flag: str | None,
    setting: object,
    environ: Mapping[str, str],
    available: Sequence[str],
) -> Choice:
    """`--lang` over the stored setting over the system. The flag is checked by the command
    line (an unknown one is refused there); an unusable stored setting is passed over."""
    if flag:
        found = match(flag, available)
        if found is not None:
            return found
    if isinstance(setting, str) and setting != SYSTEM:
        found = match(setting, available)
        if found is not None:
            return found
    return from_environment(environ, available)
