"""The facts of every session, read through the summary: only files changed since it was
written are parsed, and a session kept in several files is read from the copy that wins."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.history import SessionFacts
from tui.i18n import _, pgettext
from tui.storage import ledger, summary
from tui.storage.layout import SESSIONS, session_files
from tui.storage.merge_rules import choose_sessions, is_tombstone, left_out

if TYPE_CHECKING:
    from tui.storage.store import Store


def session_where(doc_id: str, key: str) -> str:
    """A stored session named in a damage warning: "session ID of FILE", in the language in use."""
    if not key:
        # Translators: a stored session named by its id, in a warning that it is damaged.
        return _("session {id}").format(id=doc_id)
    # Translators: a stored session named by its id and the file that holds it, in a warning
    # that it is damaged.
    return _("session {id} of {file}").format(id=doc_id, file=key)


def facts_of(key: str, table: dict[str, Any]) -> summary.FileFacts:
    """The facts of one file's sessions, and its damaged documents (id → why). Tombstones
    and copies outranked within the file are not facts."""
    from tui.domain.export_format import ExportError, check_session

    by_id: dict[str, SessionFacts] = {}
    odd: dict[str, str] = {}
    winners = choose_sessions(table.values())
    for doc_id, doc in table.items():
        if left_out(doc, winners):
            continue
        where = session_where(doc_id, key)
        try:
            checked = check_session(doc, where)
            by_id[checked["id"]] = SessionFacts.from_document(checked)
        except (ExportError, ValueError) as error:
            odd[doc_id] = str(error)
    return by_id, odd


def _summary_entries(store: Store, db: str) -> dict[str, dict[str, Any]]:
    """The summary's entries by file key, read once per version of it."""
    path = summary.path_of(db)
    found = summary.file_identity(path)
    cached = store._summary
    if cached is not None and cached[0] == (db, found):
        return cached[1]
    entries = summary.load(db) if found is not None else {}
    store._summary = ((db, found), entries)
    return entries


def vouched(store: Store) -> dict[str, dict[str, Any]]:
    """The summary's entries for the session files unchanged since it read them."""
    main, _, bundled = store._main()
    db = store.db_id()
    if bundled or db is None:
        return {}
    entries = _summary_entries(store, db)
    result = {}
    for key, path in session_files(store.path).items():
        entry = entries.get(key)
        found = summary.file_identity(path)
        if entry is None or found is None or entry["identity"] != list(found):
            continue
        if summary.believable(entry, found[2]):
            result[key] = entry
    return result


def check_stale_files(store: Store) -> None:
    """Parse the session files the summary does not vouch for (StoreError if damaged), and
    compare what is there with the main file's record of it."""
    main, _, bundled = store._main()
    if bundled:
        return
    trusted = vouched(store)
    present: dict[str, int | None] = {}
    for key, path in session_files(store.path).items():
        entry = trusted.get(key)
        if entry is not None:
            present[key] = _count(entry)
        else:
            present[key] = len((store.read_session_file(path) or {}).get(SESSIONS, {}))
    store.doubts = ledger.check(store.path, main, present, store._own_id())


def _count(entry: dict[str, Any]) -> int:
    return len(entry["sessions"]) + len(entry["odd"]) + len(entry.get("deleted", []))


def read_facts(store: Store) -> dict[str, SessionFacts]:
    """Every readable session's facts by id; damaged ones noted on the store."""
    main, _, bundled = store._main()
    if bundled:
        by_id, odd = facts_of("", main.get(SESSIONS, {}))
        store.notes.note_all("sessions/", odd)
        return by_id
    trusted = vouched(store)
    entries: dict[str, dict[str, Any]] = {}
    per_file: dict[str, tuple[dict[str, SessionFacts], list[str]]] = {}
    present: dict[str, int | None] = {}
    files = session_files(store.path)
    for key, path in files.items():
        facts: summary.FileFacts | None = None
        entry = trusted.get(key)
        if entry is not None:
            try:
                facts = summary.decode(entry)
                deleted = list(entry.get("deleted", []))
                present[key] = _count(entry)
            except Exception:  # noqa: BLE001 - an odd entry is read afresh
                facts = None
        if facts is None:
            found = summary.file_identity(path)
            table = (store.read_session_file(path) or {}).get(SESSIONS, {})
            facts = facts_of(key, table)
            entry = summary.encode(found, facts, table) if found else None
            deleted = [d["id"] for d in table.values() if is_tombstone(d)]
            present[key] = len(table)
        if entry is not None:
            entries[key] = entry
        store.notes.note_all(f"sessions/{key}", facts[1])
        per_file[key] = (facts[0], deleted)
    store.doubts = ledger.check(store.path, main, present, store._own_id())
    result = _combine(store, files, per_file)
    db = store.db_id()
    if db is not None and entries != _summary_entries(store, db):
        summary.save(db, entries)
        store._summary = None
    return result


def _combine(
    store: Store,
    files: dict[str, Path],
    per_file: dict[str, tuple[dict[str, SessionFacts], list[str]]],
) -> dict[str, SessionFacts]:
    """One fact per session id. The rare session found in more than one file, or deleted in
    one, is settled by reading its copies whole and keeping the one that wins."""
    result: dict[str, SessionFacts] = {}
    quick = True
    for by_id, deleted in per_file.values():
        before = len(result)
        result.update(by_id)
        # The usual case, found at C speed: no id in two files, nothing deleted.
        quick = quick and not deleted and len(result) == before + len(by_id)
    if quick:
        return result
    seen: dict[str, list[str]] = {}
    for key, (by_id, deleted) in per_file.items():
        for session_id in [*by_id, *deleted]:
            seen.setdefault(session_id, []).append(key)
    result = {}
    disputed = {sid: keys for sid, keys in seen.items() if len(keys) > 1}
    for by_id, _odd in per_file.values():
        for session_id, facts in by_id.items():
            if session_id not in disputed:
                result[session_id] = facts
    if not disputed:
        return result
    from tui.domain.export_format import ExportError, check_session

    copies: dict[str, list[Any]] = {}
    for key in sorted({k for keys in disputed.values() for k in keys}):
        table = (store.read_session_file(files[key]) or {}).get(SESSIONS, {})
        for doc in table.values():
            if isinstance(doc, dict) and doc.get("id") in disputed:
                copies.setdefault(doc["id"], []).append(doc)
    for session_id, winner in choose_sessions(d for ds in copies.values() for d in ds).items():
        if is_tombstone(winner):
            continue
        try:
            result[session_id] = SessionFacts.from_document(
                # Translators: a stored session, in a warning that it is damaged.
                check_session(winner, pgettext("a part of a file", "session"))
            )
        except (ExportError, ValueError) as error:
            store.notes.note(f"sessions/{session_id}", str(error))
    return result


def all_sessions(store: Store) -> list[dict[str, Any]]:
    """Every session document, damaged ones included; one copy of each, none deleted."""
    docs: list[Any] = []
    for _key, table in store.session_tables():
        docs.extend(table.values())
    winners = choose_sessions(docs)
    kept = [dict(d) for d in winners.values() if not is_tombstone(d)]
    kept += [dict(d) for d in docs if not isinstance(d, dict) or not isinstance(d.get("id"), str)]
    return sorted(kept, key=lambda d: str(d.get("started_at", "")))


def checked_sessions(store: Store) -> list[dict[str, Any]]:
    """The sessions as rules.md §3 describes them, oldest first; damaged ones noted."""
    from tui.domain.export_format import ExportError, check_session

    everything = [
        (key, doc_id, doc) for key, table in store.session_tables() for doc_id, doc in table.items()
    ]
    winners = choose_sessions(doc for _, _, doc in everything)
    docs = []
    for key, doc_id, doc in everything:
        if left_out(doc, winners):
            continue
        where = session_where(doc_id, key)
        try:
            docs.append(check_session(doc, where))
        except ExportError as error:
            store.notes.note(f"sessions/{key}/{doc_id}", str(error))
    docs.sort(key=lambda d: str(d["started_at"]))
    return docs
