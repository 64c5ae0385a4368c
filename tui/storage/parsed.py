"""Each file parsed at most once per version of it, and written back reusing what is unchanged.

A file's version is its identity (inode, modification time, size): every write replaces a
file (a new inode), so a change made by any process, or a sync tool, is always seen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.storage.atomic import Tables, file_status, read_json_file

Identity = tuple[int, int, int]
SESSIONS = "sessions"
# What a document looked like when it was last written, by document id: (the document, its
# JSON). Documents are never changed in place (a change replaces them), so one that is still
# the same object has the same JSON.
Fragments = dict[str, tuple[Any, str]]


def dumps(tables: Tables | dict[str, Any] | str) -> str:
    """JSON as Supple writes it: compact, UTF-8 kept as is."""
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":"))


def identity(path: Path) -> Identity | None:
    status = file_status(path)  # StoreError for anything but a regular file
    if status is None:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size)


def dumps_sessions(tables: Tables, known: Fragments) -> tuple[str, Fragments]:
    """A session file's JSON, exactly as `dumps` writes it, reusing the JSON of documents
    unchanged since `known` was made: a save of one session serialises that session, not
    its year. One document at a time, too, so a long first write never holds Python's GIL
    (and the app's frames) for long. Returns the text and the fragments for next time."""
    names = list(tables)
    if SESSIONS not in names or set(names) - {SESSIONS, "meta"} or names[-1] != SESSIONS:
        return dumps(tables), {}
    fragments: Fragments = {}
    parts = []
    for doc_id, document in tables[SESSIONS].items():
        hit = known.get(doc_id)
        text = hit[1] if hit is not None and hit[0] is document else dumps(document)
        fragments[doc_id] = (document, text)
        # Document ids are digits (read_json_file refuses any other), so they need no escaping.
        parts.append(f'"{doc_id}":{text}' if doc_id.isdigit() else f"{dumps(doc_id)}:{text}")
    head = f'"meta":{dumps(tables["meta"])},' if "meta" in tables else ""
    return "{" + head + '"sessions":{' + ",".join(parts) + "}}", fragments


class ParsedFiles:
    """The last parse of each file, by its identity; the parsed tables are never changed."""

    def __init__(self) -> None:
        self._parsed: dict[Path, tuple[Identity, Tables]] = {}
        # The JSON of each session file's documents as last written (dumps_sessions).
        self._fragments: dict[Path, Fragments] = {}

    def read(self, path: Path) -> Tables | None:
        """A file's tables, parsed at most once per version of it; None when it is not there."""
        found = identity(path)
        if found is None:
            self._parsed.pop(path, None)
            return None
        hit = self._parsed.get(path)
        if hit is not None and hit[0] == found:
            return hit[1]
        tables = read_json_file(path)
        if tables is not None:
            self._parsed[path] = (found, tables)
        return tables

    def wrote(self, path: Path, tables: Tables) -> None:
        """What was just written is what the next reader would parse."""
        found = identity(path)
        if found is not None:
            self._parsed[path] = (found, tables)

    def forget(self, path: Path) -> None:
        self._parsed.pop(path, None)
        self._fragments.pop(path, None)

    def session_text(self, path: Path, tables: Tables) -> str:
        text, fragments = dumps_sessions(tables, self._fragments.pop(path, {}))
        self._fragments[path] = fragments
        return text
