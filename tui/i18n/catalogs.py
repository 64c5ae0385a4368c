"""Compiling the catalogs: each tui/locale/<code>/LC_MESSAGES/supple.po to its .mo, with
Babel. The wheel build (hatch_build.py) and the tests (tests/conftest.py) call it; the .mo
files are build output and never committed."""

from __future__ import annotations

from pathlib import Path


def compile_catalogs(locale_dir: Path, into: Path | None = None) -> list[Path]:
    """Compile every .po under `locale_dir` to a .mo beside it (or at the same place under
    `into`), skipping fuzzy entries as gettext's own msgfmt does. Returns the .mo paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalog = read_po(source)
        mo = (into / po.relative_to(locale_dir) if into else po).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        temporary = mo.with_name(mo.name + ".tmp")
        with temporary.open("wb") as target:
            write_mo(target, catalog)
        temporary.replace(mo)  # a reader never sees half a catalog
        written.append(mo)
    return written
