"""`supple import`: an export's sessions and marks brought into this machine's files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.storage.merge_rules import choose_sessions, session_rank
from tui.storage.unit_of_work import Change, next_id

if TYPE_CHECKING:
    from tui.domain.export_format import ExportData
    from tui.storage.store import Store


def merge_export(store: Store, work: Change, data: ExportData) -> tuple[int, int]:
    """Add the sessions whose id is new, and newer saves (or deletions) of known ones; add the
    marks whose date is new. A routine and settings are taken only when this database has
    none, so an import never undoes the person's own edits. Returns (sessions, marks) added.

    Everything goes in this machine's own files; a session also kept in another machine's
    file is outranked there by the newer copy (merge_rules.py)."""
    from tui.storage.store import _put_session

    known = choose_sessions(d for _, table in store.session_tables() for d in table.values())
    added_sessions = 0
    for document in [*data.sessions, *getattr(data, "deleted", [])]:
        held = known.get(document["id"])
        # Only a copy saved strictly later replaces one: nothing is replaced on a doubt.
        if held is not None and session_rank(document)[:2] <= session_rank(held)[:2]:
            continue
        _put_session(work, store.own_key_of(document), document)
        known[document["id"]] = document
        added_sessions += 1
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
    return added_sessions, added_marks
