"""A summary of the history, in this machine's cache: what the rules of history read from each
session file.

`<cache>/summaries/<database id>.json` holds, for each session file, the identity it had when it was
read (inode, modification time, size, change time) and, for each of its sessions, the facts
`SessionFacts.from_document` found (or why the session was left out as damaged). A file whose
identity still matches is not read at all: the streak at start, `supple nudge` and `supple
stats` cost a small read however long the history. A file that changed (the year saved to
today) is read and checked again, and the summary rewritten.

It is a cache, never the only copy of anything: deleting it is harmless, and it is thrown
away whole when it is damaged or when the code that reads sessions may have changed (its
fingerprint is VERSION, Supple's version and SessionFacts' fields: bump VERSION whenever the
reading of a session into facts changes). It also says whether a file holds a session still
open, so a start need not search the files it vouches for. It lives in the machine's cache
folder, keyed by the database's id, so it is never synced, copied or forged with the data; and
an entry vouching for more sessions than its file could hold is not believed.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.domain.history import SessionFacts
from tui.storage.atomic import write_atomically

TABLE = "summary"
FOLDER = "summaries"
# Bump when what a session's facts are, or how they are read from a document, changes.
VERSION = 2
# The fewest bytes one session takes in a file (the smallest document that passes the checks
# is about 110): an entry claiming more sessions than its file's size allows was not made from
# that file.
MIN_SESSION_BYTES = 100

Identity = tuple[int, ...]
# (facts by session id, damaged sessions: document id → why)
FileFacts = tuple[dict[str, SessionFacts], dict[str, str]]

_FIELDS = [field.name for field in dataclasses.fields(SessionFacts)]
_DATETIMES = {
    field.name for field in dataclasses.fields(SessionFacts) if "datetime" in str(field.type)
}
_fingerprint: str | None = None


def file_identity(path: Path) -> Identity | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size, status.st_ctime_ns)


def fingerprint() -> str:
    """Changes whenever the reading of sessions into facts may have: VERSION, Supple's own
    version and the fields of SessionFacts."""
    global _fingerprint
    if _fingerprint is None:
        import tui

        # Kept whole, not hashed: hashlib cost every start 2 ms to import.
        _fingerprint = "|".join([str(VERSION), tui.__version__, *_FIELDS])
    return _fingerprint


def _encode_facts(facts: SessionFacts) -> list[Any] | None:
    values: list[Any] = []
    for name in _FIELDS:
        value = getattr(facts, name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif not (value is None or isinstance(value, bool | int | float | str)):
            return None  # a kind of fact this summary cannot keep: not kept at all
        values.append(value)
    return values


_NUMBERS = (int, float)


# The order of a row's facts: SessionFacts' fields (bump VERSION when they change).
ROW = ("started_at", "ended_at", "completed", "speed", "active_seconds", "steps", "held_steps")
assert tuple(_FIELDS) == ROW, "SessionFacts changed: update ROW and bump VERSION"


def _decode_facts(values: list[Any]) -> SessionFacts:
    """A row back into facts. The summary lives in this machine's own cache and was written
    from facts SessionFacts had checked, so the row is only checked for what could make the
    rules fail (kinds and time zones), and the facts are made without running those checks
    again: they cost a third of a long history's start (bench/README.md)."""
    started_at, ended_at, completed, speed, active_seconds, steps, held_steps = values
    started = datetime.fromisoformat(started_at)
    ended = None if ended_at is None else datetime.fromisoformat(ended_at)
    if (
        started.tzinfo is None
        or (ended is not None and ended.tzinfo is None)
        or type(completed) is not bool
        or type(speed) not in _NUMBERS
        or type(active_seconds) not in _NUMBERS
        or type(steps) is not int
        or type(held_steps) is not int
    ):
        raise ValueError("a summary row with a fact of the wrong kind")
    facts = object.__new__(SessionFacts)
    # A frozen dataclass's fields live in its __dict__: filling it is what __init__ does.
    facts.__dict__.update(
        started_at=started,
        ended_at=ended,
        completed=completed,
        speed=speed,
        active_seconds=active_seconds,
        steps=steps,
        held_steps=held_steps,
    )
    return facts


def encode(identity: Identity, facts: FileFacts, table: dict[str, Any]) -> dict[str, Any] | None:
    """The entry of one file: its identity, its facts, its damaged sessions, and whether any
    session in it is still open (a crash may have left it: the next start looks)."""
    by_id, odd = facts
    rows = []
    for session_id, session in by_id.items():
        values = _encode_facts(session)
        if values is None:
            return None
        rows.append([session_id, *values])
    running = any(
        isinstance(d, dict) and d.get("ended_at", "") is None and not d.get("deleted")
        for d in table.values()
    )
    deleted = sorted(d["id"] for d in table.values() if isinstance(d, dict) and d.get("deleted"))
    return {
        "identity": list(identity),
        "open": running,
        "sessions": rows,
        "odd": odd,
        "deleted": deleted,
    }


def decode(entry: dict[str, Any]) -> FileFacts:
    by_id = {row[0]: _decode_facts(row[1:]) for row in entry["sessions"]}
    if not all(isinstance(session_id, str) for session_id in by_id):
        raise ValueError("a summary row without a session id")
    return by_id, dict(entry["odd"])


def path_of(db_id: str) -> Path:
    from tui.storage.machine import cache_folder

    return cache_folder() / FOLDER / f"{db_id}.json"


def believable(entry: dict[str, Any], size: int) -> bool:
    """Whether an entry could have been made from a file of `size` bytes."""
    return len(entry["sessions"]) + len(entry["odd"]) <= max(size, 0) // MIN_SESSION_BYTES + 1


def load(db_id: str) -> dict[str, dict[str, Any]]:
    """The summary's entries by file key; empty when there is none, it is damaged, or it was
    made by other code."""
    import json

    try:
        # Plain json, not the strict reading of data files: this is a cache, and one that is
        # odd in any way is simply not used.
        tables = json.loads(path_of(db_id).read_bytes())
        document = (tables or {}).get(TABLE, {}).get("1")
        if not isinstance(document, dict) or document.get("fingerprint") != fingerprint():
            return {}
        files = document.get("files")
        if not isinstance(files, dict):
            return {}
        return {
            key: entry
            for key, entry in files.items()
            if isinstance(entry, dict)
            and isinstance(entry.get("identity"), list)
            and isinstance(entry.get("sessions"), list)
            and isinstance(entry.get("odd"), dict)
        }
    except Exception:  # noqa: BLE001 - a cache that cannot be read is simply not used
        return {}


def save(db_id: str, files: dict[str, dict[str, Any]]) -> None:
    """Write the summary; a folder that cannot be written just keeps the old one."""
    import json

    document = {"fingerprint": fingerprint(), "files": files}
    header = {"kind": "summary", "db": db_id}
    try:
        write_atomically(
            path_of(db_id),
            json.dumps(
                {"meta": {"1": header}, TABLE: {"1": document}},
                ensure_ascii=False,
                separators=(",", ":"),
            ),
        )
    except Exception:  # noqa: BLE001 - a cache left unwritten costs a read next time
        return
