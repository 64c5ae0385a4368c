"""Bringing an older or bundled main file to today's layout, once, under the lock.

A bundled file (sessions inside it: a file from before schema 2, or a backup put back) has
its sessions moved out into this machine's folder; a schema-2 database has its flat year files
(`supple-sessions/2026.json`) moved there too. Session files are written first and the main
file, stamped with its header and its record of them, last: that write is the commit. A crash
before it leaves the old layout readable as it was (the copies already made are the same
sessions, and reading keeps one of each), and the next write does the move again.
"""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.storage import backups, headers, ledger
from tui.storage.atomic import Tables
from tui.storage.layout import (
    LAYOUT_SINCE,
    SESSIONS,
    key_machine,
    own_key,
    session_file,
    session_files,
    session_key,
    sessions_folder,
)
from tui.storage.merge_rules import MACHINES, choose_sessions
from tui.storage.migrations import current_version, migrate, schema_version
from tui.storage.parsed import dumps

if TYPE_CHECKING:
    from tui.storage.store import Store

LEGACY_LEFTOVERS = ("summary.json",)


def needs_upgrade(db: Path, raw: Tables) -> bool:
    return schema_version(db, raw) < current_version() or SESSIONS in raw


def _today_and_now() -> datetime:
    from tui.domain.clock import local_now

    return local_now()


def aside(path: Path, now: datetime) -> Path:
    """A new name beside `path` for something kept aside, never an existing one."""
    base = path.with_name(f"{path.name}.replaced-{now:%Y%m%d-%H%M%S}")
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def _merged(current: dict[str, Any], incoming: list[tuple[str | None, Any]]) -> dict[str, Any]:
    """`current` (a file's sessions table) with `incoming` added: a session already there is
    replaced only by a copy that wins over it; documents without an id are all kept. A
    document keeps its given id where that is free."""
    table = dict(current)
    where = {
        d["id"]: k for k, d in table.items() if isinstance(d, dict) and isinstance(d.get("id"), str)
    }
    taken = {doc_id for doc_id, _ in incoming if doc_id is not None}
    number = max((int(k) for k in [*table, *taken]), default=0)
    for given, document in incoming:
        session_id = document.get("id") if isinstance(document, dict) else None
        if isinstance(session_id, str) and session_id in where:
            held = table[where[session_id]]
            if choose_sessions([held, document])[session_id] is document:
                table[where[session_id]] = document
            continue
        if given is not None and given not in table:
            doc_id = given
        else:
            number += 1
            doc_id = str(number)
        table[doc_id] = document
        if isinstance(session_id, str):
            where[session_id] = doc_id
    return table


def upgrade_layout(store: Store, raw: Tables, *, replace_folder: bool = False) -> Path | None:
    """Move to today's layout, under the lock; returns where a folder of session files was
    kept aside (a bundle put in front of files that were there), if one was."""
    now = _today_and_now()
    version = schema_version(store.path, raw)
    bundled = version < LAYOUT_SINCE or SESSIONS in raw
    if version < current_version() and store.path.exists():
        # An upgraded file may not open in the Supple that wrote it: keep the whole history
        # as it was, in one file: a bundle byte for byte; for schema 2, whose main file alone
        # is not all of it, the main file and its year files bundled.
        content = store.path.read_bytes() if bundled else dumps(store.bundle()).encode("utf-8")
        backups.take_before_migration(store.path, now.date(), version, content)
    tables = migrate(copy.deepcopy(raw), version)
    me = store.machine()
    existing = session_files(store.path)
    kept = None
    # (document id, document) pairs: a bundle's ids are kept, so a damaged document stays
    # exactly as it was, id and all, in its year's file.
    incoming: list[tuple[str | None, Any]] = []
    if bundled:
        incoming = list(tables.pop(SESSIONS, {}).items())
        # The bundle is the whole history: other machines' records went with their files.
        tables[MACHINES] = {}
        if existing and not replace_folder:
            folder = sessions_folder(store.path)
            kept = aside(folder, now)
            folder.rename(kept)
            for path in existing.values():
                store.files.forget(path)
            existing = {}
    else:
        for key, path in existing.items():
            if key_machine(key) is None:
                table = (store.read_session_file(path) or {}).get(SESSIONS, {})
                incoming.extend((None, document) for document in table.values())
    by_key: dict[str, list[tuple[str | None, Any]]] = {}
    for doc_id, document in incoming:
        by_key.setdefault(own_key(me.id, session_key(document)), []).append((doc_id, document))
    counts = {}
    db = headers.header(tables).get("db") or store.db_id() or headers.new_db_id()
    for key, documents in by_key.items():
        path = session_file(store.path, key)
        start = {} if bundled else (store.read_session_file(path) or {}).get(SESSIONS, {})
        year = key.split("/", 1)[1]
        header = headers.make_header(headers.YEAR, db, current_version(), machine=me.id, year=year)
        # The header first, so a file reads as what it is from its first bytes.
        file_tables: Tables = {headers.META: {"1": header}, SESSIONS: _merged(start, documents)}
        store.write_file(path, file_tables)
        counts[year] = len(file_tables[SESSIONS])
    headers.set_header(tables, headers.make_header(headers.MAIN, db, current_version()))
    ledger.update(tables, me, counts, now)
    store.write_file(store.path, tables)
    # Committed: what the old layout kept apart can go.
    for key, path in existing.items():
        legacy = key_machine(key) is None
        rewritten = key in by_key
        if legacy or (replace_folder and not rewritten):
            path.unlink(missing_ok=True)
            store.files.forget(path)
    for name in LEGACY_LEFTOVERS:
        (sessions_folder(store.path) / name).unlink(missing_ok=True)
    return kept
