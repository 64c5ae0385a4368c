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
from tui.storage.atomic import read_json_file, write_atomically

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


_DATETIME_AT = [index for index, name in enumerate(_FIELDS) if name in _DATETIMES]


def _decode_facts(values: list[Any]) -> SessionFacts:
    if len(values) != len(_FIELDS):
        raise ValueError("a summary row of the wrong length")
    for index in _DATETIME_AT:
        if values[index] is not None:
            values[index] = datetime.fromisoformat(values[index])
    # Checked by SessionFacts itself, as any facts are: a summary is never trusted blindly.
    return SessionFacts(*values)


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
    try:
        tables = read_json_file(path_of(db_id))
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
