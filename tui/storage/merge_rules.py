"""How two copies of one history become one, by rule: pure functions over parsed files.

Shared things (the routine, each setting, each mark) carry a stamp: when they were changed
and by which machine. The later stamp wins, field by field; a cleared mark keeps its stamp as
a tombstone, so an older copy never brings it back. Ties break on the machine, then on the
value itself, so every merge is commutative, associative and idempotent: copies merged in any
order, any number of times, on any machine, give the same result (what TaskChampion does).

Sessions are never merged field by field: the copy of a session saved last (its `updated_at`)
wins whole, and a deleted session is a tombstone that wins over every older copy of itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

Tables = dict[str, dict[str, Any]]
# (when, by which machine): compared as text, since `when` is always UTC in one fixed format.
Stamp = tuple[str, str]
NO_STAMP: Stamp = ("", "")
STAMPS, MACHINES = "stamps", "machines"
_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def next_stamp(previous: Stamp | None, now: datetime, machine: str) -> Stamp:
    """A stamp for a change made now, always later than the one it replaces: a machine whose
    clock runs behind still wins over the change it has seen and overwritten."""
    at = now.astimezone(UTC)
    if previous is not None and previous[0]:
        try:
            seen = datetime.strptime(previous[0], _FORMAT).replace(tzinfo=UTC)
        except ValueError:
            seen = None
        if seen is not None and seen >= at:
            at = seen + timedelta(microseconds=1)
    return (at.strftime(_FORMAT), machine)


def _stamp(value: Any) -> Stamp:
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, str) for v in value)
    ):
        return (value[0], value[1])
    return NO_STAMP


def stamps_of(tables: Tables) -> dict[str, Stamp]:
    """Every stamp a main file holds, by field: "routine", "settings.NAME", "marks.DATE"."""
    document = tables.get(STAMPS, {}).get("1")
    if not isinstance(document, dict):
        return {}
    return {key: _stamp(value) for key, value in document.items() if isinstance(key, str)}


def fields_of(tables: Tables) -> dict[str, Any]:
    """The shared fields of a main file as one flat map; a field that is absent is missing."""
    fields: dict[str, Any] = {}
    routine = tables.get("routine", {})
    if routine:
        fields["routine"] = next(iter(routine.values()))
    for document in tables.get("settings", {}).values():
        if isinstance(document, dict):
            for name, value in document.items():
                fields[f"settings.{name}"] = value
            break
    for document in tables.get("marks", {}).values():
        if isinstance(document, dict) and isinstance(document.get("date"), str):
            fields[f"marks.{document['date']}"] = document.get("kind")
    return fields


_ABSENT = object()


def _winner(candidates: list[tuple[Stamp, Any]]) -> tuple[Stamp, Any]:
    # Later stamp first; on a tie the greater value (as canonical text), absent lowest.
    return max(candidates, key=lambda c: (c[0], c[1] is not _ABSENT, canonical_or_none(c[1])))


def canonical_or_none(value: Any) -> str:
    return "" if value is _ABSENT else canonical(value)


def merge_fields(copies: Iterable[Tables]) -> tuple[dict[str, Any], dict[str, Stamp]]:
    """The merged shared fields and their stamps. A field a copy lacks but has a stamp for was
    cleared (a tombstone); a field with no stamp at all (from before stamps) ranks lowest."""
    candidates: dict[str, list[tuple[Stamp, Any]]] = {}
    for tables in copies:
        fields, stamps = fields_of(tables), stamps_of(tables)
        for key in set(fields) | set(stamps):
            candidates.setdefault(key, []).append(
                (stamps.get(key, NO_STAMP), fields.get(key, _ABSENT))
            )
    merged: dict[str, Any] = {}
    stamps_out: dict[str, Stamp] = {}
    for key, found in candidates.items():
        stamp, value = _winner(found)
        if stamp != NO_STAMP:
            stamps_out[key] = stamp
        if value is not _ABSENT:
            merged[key] = value
    return merged, stamps_out


def put_fields(tables: Tables, fields: dict[str, Any], stamps: dict[str, Stamp]) -> None:
    """Write merged fields back as the main file's tables, in one canonical order."""
    settings = {
        k[len("settings.") :]: v for k, v in sorted(fields.items()) if k.startswith("settings.")
    }
    marks = sorted((k[len("marks.") :], v) for k, v in fields.items() if k.startswith("marks."))
    if "routine" in fields:
        tables["routine"] = {"1": fields["routine"]}
    else:
        tables.pop("routine", None)
    tables["settings"] = {"1": settings} if settings else {}
    tables["marks"] = {
        str(number): {"date": day, "kind": kind} for number, (day, kind) in enumerate(marks, 1)
    }
    tables[STAMPS] = {"1": {key: list(stamps[key]) for key in sorted(stamps)}} if stamps else {}


def merge_machines(copies: Iterable[Tables]) -> dict[str, Any]:
    """Each machine's record (name, last write, its files' session counts): only that machine
    writes its own, so its latest record wins whole. (Not the larger count file by file: a
    restore lowers counts on purpose, and must win over an older record. A record written
    while a clock was set back can only show counts lower than the files hold, which the
    ledger never takes for a loss.)"""
    best: dict[str, dict[str, Any]] = {}
    for tables in copies:
        for document in tables.get(MACHINES, {}).values():
            if not isinstance(document, dict) or not isinstance(document.get("id"), str):
                continue
            current = best.get(document["id"])
            if current is None or _machine_rank(document) > _machine_rank(current):
                best[document["id"]] = document
    return {str(n): best[key] for n, key in enumerate(sorted(best), 1)}


def _machine_rank(document: dict[str, Any]) -> tuple[str, str]:
    at = document.get("at")
    return (at if isinstance(at, str) else "", canonical(document))


def merge_main(copies: list[Tables]) -> Tables:
    """Copies of one main file (the file and its conflict copies) merged into one. The
    header keeps the smallest database id: two machines that upgraded one old file at once
    each made an id, and both must end with the same one."""
    from tui.storage.headers import META, header

    result: Tables = {}
    for tables in copies:
        for name, table in tables.items():
            if name in ("routine", "settings", "marks", STAMPS, MACHINES, META, "sessions"):
                continue
            # A table this Supple does not know (a later one's): kept whole, the same one
            # whichever order the copies come in.
            if name not in result or canonical(table) > canonical(result[name]):
                result[name] = dict(table)
    fields, stamps = merge_fields(copies)
    put_fields(result, fields, stamps)
    result[MACHINES] = merge_machines(copies)
    headers = [header(tables) for tables in copies]
    ids = sorted(h["db"] for h in headers if isinstance(h.get("db"), str))
    schemas = [h["schema"] for h in headers if isinstance(h.get("schema"), int)]
    merged_header: dict[str, Any] = {"kind": "main"}
    if ids:
        merged_header["db"] = ids[0]
    if schemas:
        merged_header["schema"] = max(schemas)
    result[META] = {"1": merged_header}
    bundled = [tables["sessions"] for tables in copies if "sessions" in tables]
    if bundled:
        winners = choose_sessions(doc for table in bundled for doc in table.values())
        result["sessions"] = {str(n): doc for n, doc in enumerate(winners.values(), 1)}
    return result


# -- sessions ------------------------------------------------------------------------


def is_tombstone(document: Any) -> bool:
    return isinstance(document, dict) and document.get("deleted") is True


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _quick_rank(document: dict[str, Any]) -> tuple[datetime, bool, bool]:
    saved = _instant(document.get("updated_at")) or _instant(document.get("ended_at"))
    saved = saved or _instant(document.get("started_at")) or _EARLIEST
    return (saved, is_tombstone(document), document.get("ended_at") is not None)


def session_rank(document: dict[str, Any]) -> tuple[datetime, bool, bool, str]:
    """Which copy of a session wins: saved later; on the same instant a deletion, then an
    ended run over an open one (a crash's closing keeps the last save's time); then the
    greater text, so the choice never depends on the order copies are met."""
    return (*_quick_rank(document), canonical(document))


def beats(document: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether `document` wins over `other`, another copy of its session: `session_rank`,
    with the text (costly to make) compared only when all else is equal."""
    mine, theirs = _quick_rank(document), _quick_rank(other)
    if mine != theirs:
        return mine > theirs
    return document is not other and canonical(document) > canonical(other)


def choose_sessions(documents: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """The winning copy of each session id (tombstones included), by id. Documents with no
    text id are left out here: the store reports them as damaged."""
    best: dict[str, dict[str, Any]] = {}
    for document in documents:
        if not isinstance(document, dict) or not isinstance(document.get("id"), str):
            continue
        current = best.get(document["id"])
        if current is None or beats(document, current):
            best[document["id"]] = document
    return best


def tombstone(document: dict[str, Any], now: datetime) -> dict[str, Any]:
    """What stays of a deleted session: enough to find its file and to win over its copies."""
    # Whole seconds, as sessions are saved: compared after rounding, so a save later in the
    # same second as the deletion can never outrank it.
    at = now.replace(microsecond=0)
    saved = _instant(document.get("updated_at"))
    if saved is not None and saved >= at:
        # A clock behind the one that saved it: the deletion must still be the later change.
        at = saved.replace(microsecond=0) + timedelta(seconds=1)
    return {
        "id": document["id"],
        "started_at": document.get("started_at"),
        "updated_at": at.isoformat(timespec="seconds"),
        "deleted": True,
    }


def left_out(document: Any, winners: dict[str, dict[str, Any]]) -> bool:
    """Whether a reading skips this document: a copy outranked by another of its session, or a
    tombstone. Documents without an id are never skipped here (they are reported damaged)."""
    if not isinstance(document, dict) or not isinstance(document.get("id"), str):
        return False
    return winners.get(document["id"]) is not document or is_tombstone(document)
