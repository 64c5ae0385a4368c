"""Absorbing the conflict copies sync tools leave: merged by rule, then removed.

A copy of the main file is merged field by field (merge_rules.py). A copy of a year file gives
this machine's own file of that year every session in it that is newer than the copies already
there (a machine writes only its own files; reading keeps the winning copy of each session).
A copy that cannot be read, or is not what its name says, is set aside and named, never merged
in part. Each absorbed or set-aside copy is noted in this machine's record (`supple status`).
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any

from tui.storage import conflicts, headers
from tui.storage.atomic import read_json_file
from tui.storage.errors import StoreError
from tui.storage.layout import MACHINE_FOLDER, SESSIONS, key_machine, own_key, session_files
from tui.storage.merge_rules import MACHINES, canonical, choose_sessions, merge_main
from tui.storage.unit_of_work import Change, next_id

if TYPE_CHECKING:
    from tui.storage.store import Store

KEEP_NOTES = 20


def pending(store: Store) -> bool:
    """Whether there is anything to absorb: a conflict copy, or a flat year file left by an
    upgrade cut short."""
    if conflicts.find(store.path):
        return True
    _, version, bundled = store._main()
    return not bundled and any(key_machine(k) is None for k in session_files(store.path))


def absorb(store: Store, work: Change) -> list[str]:
    """Merge every conflict copy into the change and remove it; returns one line per copy."""
    said: list[str] = []
    for found in conflicts.find(store.path):
        if found.original == store.path:
            said.append(_absorb_main(store, work, found))
        elif found.original.name.endswith(".lock") or found.original.name == "summary.json":
            # An earlier Supple's lock or cache, synced: its copy holds nothing of its own,
            # and left in place it would make every start look for work.
            found.path.unlink(missing_ok=True)
        else:
            said.append(_absorb_year(store, work, found))
    for key, path in session_files(store.path).items():
        if key_machine(key) is None:  # a flat file an upgrade did not get to remove
            said.append(_absorb_year(store, work, conflicts.ConflictCopy(path, path)))
    if said:
        _note(store, work, said)
    return said


def _set_aside(store: Store, found: conflicts.ConflictCopy, why: str) -> str:
    kept = conflicts.set_aside(store.path, found.path)
    line = f"set aside {found.path.name} ({why}) as {kept}"
    store.notes.note(f"conflict/{found.path.name}", f"a conflict copy {line}")
    return line


def _read_copy(store: Store, found: conflicts.ConflictCopy, kind: str) -> dict[str, Any] | str:
    try:
        tables = read_json_file(found.path)
        if tables is None:
            return "it went away"
        headers.refuse_unless(found.original, tables, (kind,))
        headers.check_db(found.path, tables, store.db_id() if kind == headers.YEAR else None)
    except StoreError as error:
        return _set_aside(store, found, error.problem)
    return tables


def _absorb_main(store: Store, work: Change, found: conflicts.ConflictCopy) -> str:
    tables = _read_copy(store, found, headers.MAIN)
    if isinstance(tables, str):
        return tables
    if headers.SESSIONS_TABLE in tables:
        return _set_aside(store, found, "a whole history in one file; restore it if you want it")
    current = work.main.tables
    merged = merge_main([current, tables])
    if canonical(merged) != canonical(merge_main([current])):
        work.main.tables.clear()
        work.main.tables.update(merged)
        work.main.changed = True
    found.path.unlink(missing_ok=True)
    return f"merged {found.path.name} into {store.path.name}"


def _absorb_year(store: Store, work: Change, found: conflicts.ConflictCopy) -> str:
    tables = _read_copy(store, found, headers.YEAR)
    if isinstance(tables, str):
        return tables
    odd = sorted(set(tables) - {SESSIONS, headers.META})
    if odd:
        return _set_aside(store, found, f"it holds a table {odd[0][:40]!r}")
    year = found.original.stem
    me = store.machine().id
    mine = own_key(me, year)
    own = work.sessions_of(mine)
    there: list[Any] = list(own.values())
    originals: list[Any] = []
    if found.original != found.path:
        originals = list((store.read_session_file(found.original) or {}).get(SESSIONS, {}).values())
        there += originals
    # A run still open in a copy of another machine's file whose file still holds that run
    # is that machine's run going on: copied here, this machine's next start would close it.
    owner = found.original.parent.name
    theirs = (
        {d.get("id") for d in originals if isinstance(d, dict)}
        if owner != me and MACHINE_FOLDER.fullmatch(owner)
        else set()
    )
    known = {canonical(d) for d in there}
    best = choose_sessions(there)
    added = 0
    for document in tables.get(SESSIONS, {}).values():
        if canonical(document) in known:
            continue
        session_id = document.get("id") if isinstance(document, dict) else None
        if session_id in theirs and document.get("ended_at", "") is None:
            continue
        if (
            isinstance(session_id, str)
            and session_id in best
            and choose_sessions([best[session_id], document])[session_id] is not document
        ):
            continue
        # Added, or replacing its own older copy in this machine's file.
        where = (
            next(
                (k for k, d in own.items() if isinstance(d, dict) and d.get("id") == session_id),
                None,
            )
            if session_id is not None
            else None
        )
        own[where or str(next_id(own))] = document
        added += 1
    if added:
        work.touch(mine)
    found.path.unlink(missing_ok=True)
    store.files.forget(found.path)
    return f"merged {found.path.name} ({added} session{'s' if added != 1 else ''} new here)"


def _note(store: Store, work: Change, said: list[str]) -> None:
    """Keep the latest few lines in this machine's record, for `supple status`."""
    from tui.domain.clock import local_now

    me = store.machine()
    table = work.main.tables.setdefault(MACHINES, {})
    number, record = next(
        ((n, d) for n, d in table.items() if isinstance(d, dict) and d.get("id") == me.id),
        (str(next_id(table)), {"id": me.id, "name": me.name, "files": {}}),
    )
    at = local_now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    notes = list(record.get("absorbed", [])) + [{"at": at, "what": line} for line in said]
    table[number] = {**record, "at": at, "absorbed": notes[-KEEP_NOTES:]}
    work.main.changed = True
