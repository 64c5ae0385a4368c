"""Every message a person reads has a translation in each catalog, the same placeholders and
markup, the template matches the code, and the wheel build compiles the catalogs into it."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tui.i18n import DOMAIN, LOCALE_DIR, available_languages

ROOT = Path(__file__).parents[2]
LANGUAGES = [code for code in available_languages() if code != "en"]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Textual content markup ([b], [/b], [$accent], [/]) and Rich's.
MARKUP = re.compile(r"\[/?[a-z$@][^\[\]]*\]|\[/\]")
# Messages that are the same words in a language (names, symbols, loan words): the only ones
# allowed to be "translated" as the English itself.
SAME_IN = {
    "de": set(),
    "es": set(),
    "fr": set(),
}

Key = str | tuple[str, str]


@cache
def in_code() -> dict[tuple[str | None, Key], list[str]]:
    """(context, msgid) → where: every message the code marks, as `pybabel extract` finds it."""
    found: dict[tuple[str | None, Key], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT / "tui"), comment_tags=("Translators:",)
    ):
        key: Key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault((context, key), []).append(f"tui/{filename}:{lineno}")
    return found


def read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def keyed(catalog: Catalog) -> dict[tuple[str | None, Key], object]:
    return {
        (message.context, message.id if isinstance(message.id, str) else tuple(message.id)): message
        for message in catalog
        if message.id
    }


def test_english_and_three_languages_to_start() -> None:
    assert set(available_languages()) >= {"en", "de", "es", "fr"}


def test_the_template_holds_exactly_what_the_code_marks() -> None:
    template = keyed(read(LOCALE_DIR / f"{DOMAIN}.pot"))
    missing = sorted(str(k) for k in in_code() if k not in template)
    stale = sorted(str(k) for k in template if k not in in_code())
    assert not missing, f"run the extract of docs/translations.md: {missing[:5]}"
    assert not stale, f"the template has messages the code no longer marks: {stale[:5]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_is_translated(code: str) -> None:
    catalog = keyed(read(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"))
    untranslated = []
    for key, where in in_code().items():
        message = catalog.get(key)
        strings = (
            []
            if message is None
            else list(message.string)
            if isinstance(message.string, tuple)
            else [message.string]  # type: ignore[attr-defined]
        )
        if (
            message is None
            or "fuzzy" in message.flags  # type: ignore[attr-defined]
            or not strings
            or not all(strings)
        ):
            untranslated.append(f"{where[0]}: {key[1]!r}")
    assert not untranslated, f"{len(untranslated)} untranslated in {code}: {untranslated[:8]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_placeholders_and_markup(code: str) -> None:
    wrong = []
    for message in read(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = {p for i in ids for p in PLACEHOLDER.findall(i)}
        for string in filter(None, strings):  # an empty one is untranslated: tested above
            have = set(PLACEHOLDER.findall(string))
            # A plural form may leave out its count ("ein Tag"), never add a placeholder.
            allowed_missing = 1 if len(ids) > 1 else 0
            if not have <= wanted or len(wanted - have) > allowed_missing:
                wrong.append(f"{ids[0]!r} → {string!r}")
            if sorted(MARKUP.findall(string)) != sorted(MARKUP.findall(ids[0])):
                wrong.append(f"markup: {ids[0]!r} → {string!r}")
            if ids[0].endswith("\n") != string.endswith("\n"):
                wrong.append(f"line end: {ids[0]!r}")
    assert not wrong, f"{code}: {wrong[:8]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_english_is_left_in_a_translation(code: str) -> None:
    """A msgstr that is the English itself is an untranslated entry in disguise."""
    same = [
        message.id
        for message in read(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po")
        if isinstance(message.id, str)
        and message.string == message.id
        and len(re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", message.id))) >= 2
        and message.id not in SAME_IN[code]
    ]
    assert not same, f"{code} keeps English: {same[:8]}"


def test_the_wheel_build_compiles_every_catalog_into_the_wheel(tmp_path: Path) -> None:
    """`pip install` builds a wheel with hatch_build.py: each .po becomes a .mo inside it, and
    that .mo translates."""
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=240,
    )
    (wheel,) = tmp_path.glob("supple-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for code in LANGUAGES:
            name = f"tui/locale/{code}/LC_MESSAGES/{DOMAIN}.mo"
            assert name in names, f"{name} is not in the wheel"
            target = tmp_path / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
            target.parent.mkdir(parents=True)
            target.write_bytes(archive.read(name))
        assert "tui/styles/app.tcss" in names or any(n.startswith("tui/styles/") for n in names)
    for code in LANGUAGES:
        translation = gettext.translation(DOMAIN, localedir=tmp_path, languages=[code])
        assert translation.gettext("Lower-back flow") != "Lower-back flow"
