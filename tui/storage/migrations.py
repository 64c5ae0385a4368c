"""Schema versions of the data file, and the steps that bring an older file up to date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.i18n import _
from tui.storage.atomic import Tables
from tui.storage.errors import StoreError

META_TABLE = "meta"


def _record_version_only(tables: Tables) -> None:
    """0 → 1. Schema 0 is a file with no `meta` table: what the store wrote when a change came
    before `prepare()` had stamped the file, or a TinyDB file made by hand. Its tables already
    have schema 1's layout, so only the version is new (and `migrate` records it)."""


# Optional session fields of rules.md §3, null when not given.
SESSION_OPTIONAL_KEYS = ("stiffness_before", "stiffness_after", "note")


def _sessions_move_out(tables: Tables) -> None:
    """1 → 2. Sessions move out of the main file, one file per year (tui/storage/layout.py):
    that move is made when the upgraded file is written. The tables themselves gain only the
    optional session fields of §3, as null, in every session that is an object."""
    for document in tables.get("sessions", {}).values():
        if isinstance(document, dict):
            for key in SESSION_OPTIONAL_KEYS:
                document.setdefault(key, None)


def _machines_and_headers(tables: Tables) -> None:
    """2 → 3. Sessions move into the folder of the machine that upgrades the file, every file
    gains a header (tui/storage/headers.py), and the main file records which machine holds
    how many sessions: all of that is made when the upgraded file is written. Nothing of the
    tables themselves changes: a field with no stamp yet ranks below any stamped change."""


# MIGRATIONS[n] turns a schema-n file into a schema-(n+1) one, in place. They work on the
# whole history as one set of tables (a bundle: tui/storage/layout.py); a future change of
# layout is one more function here; the version this Supple writes is the list's length.
MIGRATIONS: list[Callable[[Tables], None]] = [
    _record_version_only,
    _sessions_move_out,
    _machines_and_headers,
]


def current_version() -> int:
    return len(MIGRATIONS)


def schema_version(path: Path, tables: Tables) -> int:
    """The schema a file was written with: 0 without a `meta` table. Raises StoreError for a
    version that is not a number or is newer than this Supple knows."""
    versions = [
        doc["schema"]
        for doc in tables.get(META_TABLE, {}).values()
        if isinstance(doc, dict) and "schema" in doc
    ]
    if not versions:
        return 0
    version = versions[0]
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        # Translators: {version} is what the file says its schema version is, quoted.
        words = _("its schema version {version} is not a whole number")
        raise StoreError(path, words.format(version=repr(version)))
    if version > current_version():
        raise StoreError(
            path,
            # Translators: {version} and {newest} are schema numbers.
            _(
                "it was written by a newer Supple (schema {version}, this one reads up to "
                "{newest}); upgrade Supple"
            ).format(version=version, newest=current_version()),
        )
    return version


def migrate(tables: Tables, version: int) -> Tables:
    """Bring `tables`, written with schema `version`, up to the current one, in place."""
    for step in MIGRATIONS[version:]:
        step(tables)
    stamp(tables)
    return tables


def stamp(tables: Tables) -> None:
    """Record the current schema in the `meta` table, keeping any other facts kept there."""
    meta = tables.setdefault(META_TABLE, {})
    for doc in meta.values():
        if "schema" in doc:
            doc["schema"] = current_version()
            return
    meta[str(max((int(key) for key in meta), default=0) + 1)] = {"schema": current_version()}
