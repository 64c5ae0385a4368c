"""What each file Supple writes says about itself: its kind, its database, its schema.

Every TinyDB file carries a `meta` table whose document 1 is the header:
`{"kind": "main" | "year" | "backup" | "summary", "db": "<id>", "schema": 3, ...}` (an export,
being plain JSON, carries `"kind": "export"` and `"db"` at its top level). So a file named
with `--db`, given to `supple restore`, or about to be overwritten by `export -o` can be told
apart from the others before a byte of it changes. Files from before headers are recognised
by their shape and where they lie, and stamped on their next write, once.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from tui.i18n import N_, _
from tui.storage.atomic import Tables
from tui.storage.errors import StoreError

META = "meta"
SESSIONS_TABLE = "sessions"
MAIN, YEAR, BACKUP, SUMMARY, EXPORT = "main", "year", "backup", "summary", "export"
KINDS = (MAIN, YEAR, BACKUP, SUMMARY, EXPORT)

# What each kind is called in a refusal ("it is a backup, not a main file"), and what the
# person can do with one instead; marked here, translated when refused.
_WHAT = {
    # Translators: the kinds of Supple's files, said in "it is {kind}, not {wanted}".
    YEAR: (
        N_("a year file of sessions"),
        N_("It was left exactly as it was; open its main file (the .json beside the folder)."),
    ),
    BACKUP: (
        N_("a backup"),
        N_("It was left exactly as it was; put it back with `supple restore PATH`."),
    ),
    SUMMARY: (
        N_("a summary cache"),
        N_("It was left exactly as it was; it holds nothing of its own; name your main file."),
    ),
    EXPORT: (
        N_("an export"),
        N_("It was left exactly as it was; bring it in with `supple import PATH`."),
    ),
    MAIN: (N_("a main file"), N_("It was left exactly as it was; name it with --db PATH.")),
}

_YEAR_NAME = re.compile(r"(?:[0-9]{4}|undated)\.json")
_BACKUP_NAME = re.compile(r".+-\d{4}-\d{2}-\d{2}(?:-schema-\d+)?\.json")


def header(tables: Tables | dict[str, Any]) -> dict[str, Any]:
    """The header document, or an empty dict for a file from before headers."""
    meta = tables.get(META)
    if not isinstance(meta, dict):
        return {}
    for document in meta.values():
        if isinstance(document, dict) and ("kind" in document or "schema" in document):
            return document
    return {}


def make_header(kind: str, db: str | None, schema: int, **more: Any) -> dict[str, Any]:
    """A header; a file of a database that has no id yet (one from before headers) says
    only its kind and schema."""
    made: dict[str, Any] = {"kind": kind}
    if db is not None:
        made["db"] = db
    return {**made, "schema": schema, **more}


def set_header(tables: Tables, document: dict[str, Any]) -> None:
    """Put `document` in as the header, keeping any other facts the meta table holds."""
    # A new table: the one read may be shared with a parse cache, and is never edited.
    meta = dict(tables.get(META, {}))
    tables[META] = meta
    for key, existing in list(meta.items()):
        if isinstance(existing, dict) and ("kind" in existing or "schema" in existing):
            meta[key] = {**existing, **document}
            return
    meta[str(len(meta) + 1)] = dict(document)


def kind_of(path: Path, tables: Tables | dict[str, Any]) -> str | None:
    """The kind a file says it is or, from before headers, the kind its shape and place make
    it; None for a file that could be an old main file (or anything else TinyDB wrote)."""
    said = header(tables).get("kind")
    if isinstance(said, str):
        return said
    if tables.get("format") == "supple-export":
        return EXPORT
    names = set(tables)
    if "summary" in names and names <= {"summary", META}:
        return SUMMARY
    in_sessions_folder = any(
        p.name.endswith("-sessions") for p in (path.parent, path.parent.parent)
    )
    if names <= {"sessions", META} and _YEAR_NAME.fullmatch(path.name) and in_sessions_folder:
        return YEAR
    if path.parent.name == "backups" and _BACKUP_NAME.fullmatch(path.name) and "sessions" in names:
        return BACKUP
    if ".before-restore-" in path.name and "sessions" in names:
        return BACKUP
    return None


def refuse_unless(path: Path, tables: Tables | dict[str, Any], wanted: tuple[str, ...]) -> None:
    """StoreError (one line, exit 2) when the file is of a kind not `wanted`. A file of no
    known kind passes: an old main file or bundle looks like that."""
    kind = kind_of(path, tables)
    if kind is None or kind in wanted:
        return
    if kind in _WHAT:
        what, instead = _(_WHAT[kind][0]), _WHAT[kind][1]
    else:
        # Translators: {kind} is the kind a file says it is, quoted; not one Supple knows.
        what = _("a file of kind {kind}").format(kind=repr(kind))
        instead = N_("It was left exactly as it was; name another file.")
    # Translators: {what} and {wanted} are kinds of files, such as "a backup" or "a main file".
    problem = _("it is {what}, not {wanted}").format(what=what, wanted=_(_WHAT[wanted[0]][0]))
    raise StoreError(path, problem, instead)


def check_db(path: Path, tables: Tables, db: str | None) -> None:
    """A file stamped for another database is not this one's."""
    said = header(tables).get("db")
    if db and isinstance(said, str) and said != db:
        raise StoreError(
            path,
            # Translators: {said} and {db} are database ids.
            _("it belongs to another Supple database ({said}, not {db})").format(said=said, db=db),
            _("It was left exactly as it was; move it out of this database's folder."),
        )


def new_db_id() -> str:
    """A database's id: random, so two histories started apart never share one."""
    return os.urandom(8).hex()
