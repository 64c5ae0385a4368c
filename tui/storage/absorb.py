"""Absorbing the conflict copies sync tools leave: merged by rule, then removed.

A copy of the main file is merged field by field (merge_rules.py). A copy of a year file gives
this machine's own file of that year every session in it that is newer than the copies already
there (a machine writes only its own files; reading keeps the winning copy of each session).
A copy that cannot be read, or is not what its name says, is set aside and named, never merged
in part. A copy of a whole history in one file (from an older Supple) gives its sessions the
same way, and its fields merge like a main file's. Each absorbed or set-aside copy is noted in
this machine's own state folder, never in the shared main file (a note there would make two
machines starting at once write that file for nothing, and conflict again): `supple status`
reads it.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.i18n import _, ngettext
from tui.storage import conflicts, headers
from tui.storage.atomic import read_json_file
from tui.storage.errors import StoreError
from tui.storage.layout import (
    MACHINE_FOLDER,
    SESSIONS,
    key_machine,
    own_key,
    session_files,
    session_key,
)
from tui.storage.merge_rules import beats, canonical, choose_sessions, merge_main
from tui.storage.unit_of_work import Change, next_id

if TYPE_CHECKING:
    from tui.storage.store import Store

KEEP_NOTES = 20


def pending(store: Store) -> bool:
    """Whether there is anything to absorb: a conflict copy, or a flat year file left by an
    upgrade cut short."""
    if conflicts.find(store.path):
        return True
    _main, version, bundled = store._main()
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
    # Translators: {name} is a conflict copy's file name, {why} what is wrong with it, {kept}
    # where it was moved. Kept in this computer's notes and shown by `supple status`.
    line = _("set aside {name} ({why}) as {kept}").format(name=found.path.name, why=why, kept=kept)
    # Translators: {line} is "set aside NAME (WHY) as PATH".
    store.notes.note(f"conflict/{found.path.name}", _("a conflict copy {line}").format(line=line))
    return line


def _read_copy(store: Store, found: conflicts.ConflictCopy, kind: str) -> dict[str, Any] | str:
    try:
        tables = read_json_file(found.path)
        if tables is None:
            return _("it went away")
        headers.refuse_unless(found.original, tables, (kind,))
        headers.check_db(found.path, tables, store.db_id() if kind == headers.YEAR else None)
    except StoreError as error:
        return _set_aside(store, found, error.problem)
    return tables


def _absorb_main(store: Store, work: Change, found: conflicts.ConflictCopy) -> str:
    tables = _read_copy(store, found, headers.MAIN)
    if isinstance(tables, str):
        return tables
    added = 0
    if headers.SESSIONS_TABLE in tables:
        # A whole history in one file (an older Supple's, synced): its sessions go where a
        # year copy's would, year by year, and the rest merges as a main file's.
        bundled = tables.pop(headers.SESSIONS_TABLE)
        by_year: dict[str, list[Any]] = {}
        for document in bundled.values():
            by_year.setdefault(session_key(document), []).append(document)
        for year, documents in sorted(by_year.items()):
            added += _give_sessions(store, work, year, documents, others=None)
    current = work.main.tables
    merged = merge_main([current, tables])
    if canonical(merged) != canonical(merge_main([current])):
        work.main.tables.clear()
        work.main.tables.update(merged)
        work.main.changed = True
    found.path.unlink(missing_ok=True)
    if not added:
        # Translators: {name} is a conflict copy's file name, {main} the main file's.
        return _("merged {name} into {main}").format(name=found.path.name, main=store.path.name)
    return ngettext(
        "merged {name} into {main} ({count} session new here)",
        "merged {name} into {main} ({count} sessions new here)",
        added,
    ).format(name=found.path.name, main=store.path.name, count=added)


def _absorb_year(store: Store, work: Change, found: conflicts.ConflictCopy) -> str:
    tables = _read_copy(store, found, headers.YEAR)
    if isinstance(tables, str):
        return tables
    odd = sorted(set(tables) - {SESSIONS, headers.META})
    if odd:
        # Translators: {name} is a table's name, quoted.
        return _set_aside(store, found, _("it holds a table {name}").format(name=repr(odd[0][:40])))
    year = found.original.stem
    me = store.machine().id
    originals: list[Any] = []
    if found.original != found.path:
        originals = list((store.read_session_file(found.original) or {}).get(SESSIONS, {}).values())
    # A run still open in a copy of another machine's file whose file still holds that run
    # is that machine's run going on: copied here, this machine's next start would close it.
    owner = found.original.parent.name
    theirs = (
        {d.get("id") for d in originals if isinstance(d, dict)}
        if owner != me and MACHINE_FOLDER.fullmatch(owner)
        else set()
    )
    documents = list(tables.get(SESSIONS, {}).values())
    added = _give_sessions(store, work, year, documents, others=originals, theirs=theirs)
    found.path.unlink(missing_ok=True)
    store.files.forget(found.path)
    # Translators: {name} is a conflict copy's file name.
    return ngettext(
        "merged {name} ({count} session new here)",
        "merged {name} ({count} sessions new here)",
        added,
    ).format(name=found.path.name, count=added)


def _give_sessions(
    store: Store,
    work: Change,
    year: str,
    documents: list[Any],
    *,
    others: list[Any] | None,
    theirs: set[Any] | frozenset[Any] = frozenset(),
) -> int:
    """Put in this machine's file of `year` each of `documents` that is new here or newer
    than every copy there is: in this machine's file and in `others` (None: every machine's
    file of that year). Returns how many went in."""
    me = store.machine().id
    mine = own_key(me, year)
    own = work.sessions_of(mine)
    there: list[Any] = list(own.values())
    if others is None:
        for key, path in session_files(store.path).items():
            if key.split("/")[-1] == year and key != mine:
                there += list((store.read_session_file(path) or {}).get(SESSIONS, {}).values())
    else:
        there += others
    best = choose_sessions(there)
    where_now = {
        d.get("id"): k
        for k, d in own.items()
        if isinstance(d, dict) and isinstance(d.get("id"), str)
    }
    added = 0
    number = next_id(own) - 1
    # Documents without an id (damaged ones) are compared whole, and only with their kind.
    odd_known = {canonical(d) for d in there if not _has_id(d)}
    for document in documents:
        session_id = document.get("id") if _has_id(document) else None
        if session_id is None:
            if canonical(document) in odd_known:
                continue
        elif session_id in theirs and document.get("ended_at", "") is None:
            continue
        elif session_id in best and not beats(document, best[session_id]):
            continue  # the same copy, or an older one
        # Added, or replacing its own older copy in this machine's file.
        where = where_now.get(session_id) if session_id is not None else None
        if where is None:
            number += 1  # counted here: asking next_id each time is quadratic in a year
            where = str(number)
            if isinstance(session_id, str):
                where_now[session_id] = where
        own[where] = document
        added += 1
    if added:
        work.touch(mine)
    return added


def _has_id(document: Any) -> bool:
    return isinstance(document, dict) and isinstance(document.get("id"), str)


def notes_path(store: Store) -> Path:
    from tui.storage.locks import locks_folder
    from tui.storage.machine import local_key

    return locks_folder().parent / "absorbed" / f"{local_key(store.path)}.json"


def read_notes(store: Store) -> list[dict[str, Any]]:
    """The conflict copies this machine absorbed or set aside, oldest first."""
    try:
        notes = json.loads(notes_path(store).read_bytes())
    except (OSError, ValueError):
        return []
    if not isinstance(notes, list):
        return []
    return [n for n in notes if isinstance(n, dict) and isinstance(n.get("what"), str)]


def _note(store: Store, work: Change, said: list[str]) -> None:
    """Keep the latest few lines in this machine's state, for `supple status`."""
    from tui.domain.clock import local_now
    from tui.storage.atomic import write_atomically

    at = local_now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    notes = read_notes(store) + [{"at": at, "what": line} for line in said]
    with contextlib.suppress(OSError, StoreError):  # a note that cannot be kept is no loss
        write_atomically(notes_path(store), json.dumps(notes[-KEEP_NOTES:], ensure_ascii=False))
