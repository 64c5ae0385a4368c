"""A small catalog of a test's own in place of Supple's, so a test of translated words does
not depend on what the translators wrote today."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.i18n
from tui.i18n.catalogs import compile_catalogs

# The header gettext needs to read a catalog's text and its plurals (German's and English's).
PO_HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)


def use_test_catalog(
    entries: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str = "de"
) -> Path:
    """`entries` (.po text, the header added) compiled as `code`'s only catalog in a folder
    of the test's, which Supple then reads catalogs from; returns that folder. The caller
    chooses the language (use_language) and puts English back after."""
    locale = tmp_path / "locale"
    po = locale / code / "LC_MESSAGES" / f"{tui.i18n.DOMAIN}.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO_HEADER + "\n" + entries, encoding="utf-8")
    assert compile_catalogs(locale) == [po.with_suffix(".mo")]
    monkeypatch.setattr(tui.i18n, "LOCALE_DIR", locale)
    return locale
