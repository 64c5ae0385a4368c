"""`supple import`: an export's sessions and marks brought into this machine's files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.storage.layout import SESSIONS, UNDATED, own_key, session_files
from tui.storage.merge_rules import choose_sessions, session_rank
from tui.storage.unit_of_work import Change, Written, next_id

if TYPE_CHECKING:
    from tui.domain.export_format import ExportData
    from tui.storage.import_stream import ImportPlan
    from tui.storage.store import Store


def merge_export(store: Store, work: Change, data: ExportData) -> tuple[int, int]:
    """Add the sessions whose id is new, and newer saves (or deletions) of known ones; add the
    marks whose date is new. A routine and settings are taken only when this database has
    none, so an import never undoes the person's own edits. Returns (sessions, marks) added.

    Everything goes in this machine's own files; a session also kept in another machine's
    file is outranked there by the newer copy (merge_rules.py). A session the export lists
    twice (or also as deleted) is brought in as the copy that wins by the same rule."""
    from tui.storage.unit_of_work import put_session

    known = choose_sessions(d for _, table in store.session_tables() for d in table.values())
    added_sessions = 0
    for document in choose_sessions([*data.sessions, *data.deleted]).values():
        held = known.get(document["id"])
        # Only a copy saved strictly later replaces one: nothing is replaced on a doubt.
        if held is not None and session_rank(document)[:2] <= session_rank(held)[:2]:
            continue
        put_session(work, store.own_key_of(document), document)
        known[document["id"]] = document
        added_sessions += 1
    return added_sessions, merge_shared(store, work, data)


def merge_shared(store: Store, work: Change, data: ExportData) -> int:
    """An export's marks whose date is new, and its routine and settings when this database
    has none; returns the marks added."""
    tables = work.main.tables
    marks = tables.setdefault("marks", {})
    known_days = {d.get("date") for d in marks.values() if isinstance(d, dict)}
    added_marks = 0
    for day, kind in sorted(data.marks.items()):
        if day.isoformat() in known_days:
            continue
        marks[str(next_id(marks))] = {"date": day.isoformat(), "kind": kind.value}
        store.stamp(work, f"marks.{day.isoformat()}")
        added_marks += 1
    if data.routine is not None and not tables.get("routine"):
        tables["routine"] = {"1": data.routine.to_dict()}
        store.stamp(work, "routine")
    if data.settings and not tables.get("settings"):
        tables["settings"] = {"1": dict(data.settings)}
        for name in data.settings:
            store.stamp(work, f"settings.{name}")
    work.main.changed = True
    return added_marks


def import_plan(store: Store, work: Change, plan: ImportPlan) -> tuple[int, int, int]:
    """Bring a checked import in a year at a time: each year's files of every machine are
    read, the copies that win over what they hold are written to this machine's file of that
    year, and that file is written at once and let go (Change.flush). Returns the sessions,
    deletions and marks added. The same rules as merge_export."""
    from tui.storage.import_stream import _rank

    by_year: dict[str, list[tuple[str, Any]]] = {}
    for session_id, incoming in plan.entries.items():
        by_year.setdefault(incoming.year, []).append((session_id, incoming))
    files = session_files(store.path)
    me = store.machine().id
    added = {False: 0, True: 0}
    with plan.reading():
        for year in sorted(by_year, key=lambda y: (y == UNDATED, y)):
            paths = [path for key, path in files.items() if key.split("/")[-1] == year]
            held = [
                doc
                for path in paths
                for doc in (store.read_session_file(path) or {}).get(SESSIONS, {}).values()
            ]
            known = choose_sessions(held)
            del held
            key = own_key(me, year)
            own = work.sessions_of(key)
            for path in paths:
                store.files.forget(path)  # read once: the next year's take their place
            where = {
                d["id"]: i
                for i, d in own.items()
                if isinstance(d, dict) and isinstance(d.get("id"), str)
            }
            new_id = next_id(own)
            changed = False
            # In the file's order, so the lines are read again front to back.
            for session_id, incoming in sorted(by_year.pop(year), key=_place):
                current = known.get(session_id)
                # Only a copy saved strictly later replaces one: nothing is replaced on a doubt.
                if current is not None and incoming.rank <= _rank(current):
                    continue
                doc_id = where.get(session_id)
                if doc_id is None:
                    doc_id, new_id = str(new_id), new_id + 1
                own[doc_id] = Written(plan.text(incoming))
                added[incoming.deleted] += 1
                changed = True
            if changed:
                work.flush(key)
            else:
                work.files.pop(key, None)
    return added[False], added[True], merge_shared(store, work, plan.shared)


def _place(item: tuple[str, Any]) -> int:
    where = item[1].where
    return where if isinstance(where, int) else 0
