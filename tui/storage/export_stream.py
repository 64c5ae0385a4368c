"""Export and import a whole history a year at a time, so neither ever holds all of it.

An export (format version 2) is one JSON document written a line at a time:

    {"format":"supple-export","version":2,"kind":"export","db":…,"routine":…,"settings":…,"marks":[…],"deleted":[
    {a deletion},
    {another}
    ],"sessions":[
    {a session},
    {another}
    ]}

so an import reads it line by line: every session is checked in a first pass that keeps only
where each one is (nothing is written if any is bad), then a second pass reads each year's
lines again and writes that year's file once (import_merge.py). A file of any other layout
(a version-1 export, indented; one edited by hand) is read whole, as before.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.export_format import (
    ExportError,
    csv_header,
    csv_rows,
    export_header,
)
from tui.storage import summary
from tui.storage.layout import SESSIONS, UNDATED, session_files
from tui.storage.merge_rules import (
    choose_sessions,
    is_tombstone,
    left_out,
)
from tui.storage.parsed import dumps

if TYPE_CHECKING:
    from tui.storage.store import Store

log = logging.getLogger(__name__)


# JSON escapes the C0 controls itself but leaves DEL and C1 (U+007F-U+009F) raw, and a
# terminal may act on those: they are written as \u escapes too, still the same JSON.
_C1 = re.compile("[\x7f-\x9f]")
_OPTIONAL = ("stiffness_before", "stiffness_after", "note")


def terminal_safe(text: str) -> str:
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- export --------------------------------------------------------------------------------


def _year_order(year: str) -> tuple[bool, str]:
    return (year == UNDATED, year)


class Exporter:
    """One export of a store: its deletions, then its sessions a year at a time (every
    machine's file of that year together), each year sorted by start.

    Of a session kept in several files only the copy that wins is written, and none of a
    deleted one: copies of one session live in the files of one year (a session's file is
    the year it started), so a year's files settle it. A session found in two years' files (a
    file edited by hand) is settled across them before anything is written. A document the
    summary vouches for (its file unchanged since the summary checked it) is not checked again."""

    def __init__(self, store: Store) -> None:
        """Check what `Store.open` checks (StoreError before a byte is written), without
        keeping every parsed file as the store's parse cache would: one year at a time."""
        from tui.storage.session_reading import vouched

        self.store = store
        self.sessions = 0
        main, _, bundled = store._main()
        store._check_documents(main)
        self._main = main
        self._bundled: dict[str, Any] | None = main.get(SESSIONS, {}) if bundled else None
        self._trusted = {} if bundled else vouched(store)
        self._years: dict[str, list[tuple[str, Path]]] = {}
        if not bundled:
            for key, path in session_files(store.path).items():
                self._years.setdefault(key.split("/")[-1], []).append((key, path))
        # Sessions whose copies lie in more than one year's files: id → (file key, doc id)
        # of the copy that wins.
        self._across: dict[str, tuple[str, str]] = {}
        # The identity of each file the survey parsed strictly, by key.
        self._strictly_read: dict[str, list[int]] = {}
        self.deleted = self._survey()

    def _groups(self) -> Iterator[list[tuple[str, str, Any]]]:
        """Each year's documents as (file key, document id, document), oldest year first."""
        if self._bundled is not None:
            yield [("", doc_id, doc) for doc_id, doc in self._bundled.items()]
            return
        for year in sorted(self._years, key=_year_order):
            yield self._read_year(self._years[year])

    def _read_year(self, files: list[tuple[str, Path]]) -> list[tuple[str, str, Any]]:
        found: list[tuple[str, str, Any]] = []
        for key, path in files:
            table = self._read_file(key, path)
            found.extend((key, doc_id, doc) for doc_id, doc in table.items())
        return found

    def _read_file(self, key: str, path: Path) -> dict[str, Any]:
        entry = self._trusted.get(key)
        if entry is not None:
            table = _read_unchanged(path, entry["identity"])
            if table is not None:
                return table
            self._trusted.pop(key)  # changed since the summary read it: checked afresh
        seen = self._strictly_read.get(key)
        if seen is not None:
            # Read strictly by the survey and unchanged since: its documents are still
            # checked one by one, only the parse is quicker.
            table = _read_unchanged(path, seen)
            if table is not None:
                return table
        before = summary.file_identity(path)
        tables = self.store.read_session_file(path) or {}
        self.store.files.forget(path)  # not kept: the next year's file replaces it in memory
        if before is not None and summary.file_identity(path) == before:
            self._strictly_read[key] = list(before)
        return tables.get(SESSIONS, {})

    def _survey(self) -> list[dict[str, Any]]:
        """The deletions to list, found before any session is written; also which sessions
        have copies in more than one year's files. Files the summary vouches for and that hold
        no deletion are not read for it."""
        from tui.storage import ledger

        deleted: dict[str, dict[str, Any]] = {}
        first_year: dict[str, str] = {}
        across_years: set[str] = set()
        present: dict[str, int | None] = {}
        for year in sorted(self._years, key=_year_order):
            files = self._years[year]
            entries = [self._trusted.get(key) for key, _ in files]
            ids: Iterable[str]
            if all(e is not None and not e.get("deleted") for e in entries):
                ids = [row[0] for e in entries if e is not None for row in e["sessions"]]
                for (key, _), entry in zip(files, entries, strict=True):
                    assert entry is not None
                    present[key] = len(entry["sessions"]) + len(entry["odd"])
            else:
                documents = self._read_year(files)
                for key, _ in files:
                    present[key] = sum(1 for k, _, _ in documents if k == key)
                winners = choose_sessions(doc for _, _, doc in documents)
                del documents
                deleted.update((i, d) for i, d in winners.items() if is_tombstone(d))
                ids = list(winners)
            for session_id in ids:
                seen = first_year.setdefault(session_id, year)
                if seen != year:
                    across_years.update((seen, year))
                    self._across[session_id] = ("", "")
        if self._bundled is not None:
            winners = choose_sessions(self._bundled.values())
            deleted = {i: d for i, d in winners.items() if is_tombstone(d)}
        else:
            # What `Store.open` says of files missing or short: an error for this computer's,
            # a warning for another's (ledger.py).
            self.store.doubts = ledger.check(
                self.store.path, self._main, present, self.store._own_id()
            )
            for line in self.store.doubts:
                log.warning(line)
        if self._across:
            self._settle_across(sorted(across_years, key=_year_order), deleted)
        return sorted(deleted.values(), key=lambda d: (str(d.get("started_at")), d["id"]))

    def _settle_across(self, years: list[str], deleted: dict[str, dict[str, Any]]) -> None:
        copies = [
            (key, doc_id, doc)
            for year in years
            for key, doc_id, doc in self._read_year(self._years[year])
            if isinstance(doc, dict) and doc.get("id") in self._across
        ]
        winners = choose_sessions(doc for _, _, doc in copies)
        for key, doc_id, doc in copies:
            if winners.get(doc["id"]) is doc:
                self._across[doc["id"]] = (key, doc_id)
                if is_tombstone(doc):
                    deleted[doc["id"]] = doc
                else:
                    deleted.pop(doc["id"], None)

    def checked_years(self) -> Iterator[list[dict[str, Any]]]:
        """Each year's sessions as an export lists them (checked, oldest first); damaged ones
        are noted on the store and left out."""
        for documents in self._groups():
            winners = choose_sessions(doc for _, _, doc in documents)
            kept = []
            for key, doc_id, doc in documents:
                if left_out(doc, winners):
                    continue
                if self._across and _elsewhere(self._across, doc, (key, doc_id)):
                    continue
                checked = self._checked(key, doc_id, doc)
                if checked is not None:
                    kept.append(checked)
            kept.sort(key=lambda d: str(d["started_at"]))
            self.sessions += len(kept)
            yield kept

    def _checked(self, key: str, doc_id: str, doc: Any) -> dict[str, Any] | None:
        from tui.domain.export_format import check_session

        entry = self._trusted.get(key)
        if entry is not None:
            odd = entry["odd"].get(doc_id)
            if odd is not None:
                self.store.notes.note(f"sessions/{key}/{doc_id}", odd)
                return None
            # The summary checked this very document (its file is unchanged since): only the
            # optional fields check_session fills in are added.
            if all(name in doc for name in _OPTIONAL):
                return dict(doc)
            return {**doc, **{name: doc.get(name) for name in _OPTIONAL}}
        try:
            from tui.storage.session_reading import session_where

            return check_session(doc, session_where(doc_id, key))
        except ExportError as error:
            self.store.notes.note(f"sessions/{key}/{doc_id}", str(error))
            return None

    def json_chunks(self) -> Iterator[str]:
        """The export as JSON, a year of sessions a chunk, each session on a line of its own."""
        store = self.store
        head = export_header(store.marks(), store.routine(), store.settings(), store.db_id())
        yield terminal_safe(dumps(head)[:-1]) + ',"deleted":['
        yield terminal_safe(
            "".join(f"{',' if n else ''}\n{dumps(d)}" for n, d in enumerate(self.deleted))
        )
        yield '\n],"sessions":['
        first = True
        for sessions in self.checked_years():
            if sessions:
                lines = ",\n".join(dumps(d) for d in sessions)
                yield terminal_safe(("\n" if first else ",\n") + lines)
                first = False
        yield "\n]}\n"
        self._warn()

    def csv_chunks(self) -> Iterator[str]:
        yield csv_header()
        for sessions in self.checked_years():
            yield csv_rows(sessions)
        self._warn()

    def _warn(self) -> None:
        line = self.store.warning_summary()
        if line:
            log.warning(line)


def _elsewhere(across: dict[str, tuple[str, str]], doc: Any, place: tuple[str, str]) -> bool:
    """Whether `doc` is a copy of a session whose winning copy lies in another year's file."""
    session_id = doc.get("id") if isinstance(doc, dict) else None
    return isinstance(session_id, str) and session_id in across and across[session_id] != place


def _read_unchanged(path: Path, identity: list[int]) -> dict[str, Any] | None:
    """A session file's sessions if it is still the file the summary checked (same inode,
    times and size, seen on the open file itself); None otherwise. Parsed without the strict
    reader's checks, which this very file passed when the summary read it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(handle.fileno())
        found = [status.st_ino, status.st_mtime_ns, status.st_size, status.st_ctime_ns]
        if not stat.S_ISREG(status.st_mode) or found != identity:
            return None
        tables = json.loads(handle.read())
    sessions = tables.get(SESSIONS, {}) if isinstance(tables, dict) else None
    return sessions if isinstance(sessions, dict) else None


# -- import ---------------------------------------------------------------------------------


def held_whole(store: Store) -> dict[str, Any]:
    """The export as one document in memory, deletions included (the app's "Export
    history"); the same document `supple export` writes a line at a time."""
    from tui.domain.export_format import build_export

    everything = [d for _, table in store.session_tables() for d in table.values()]
    deleted = [d for d in choose_sessions(everything).values() if is_tombstone(d)]
    return build_export(
        store.checked_sessions(),
        store.marks(),
        store.routine(),
        store.settings(),
        db=store.db_id(),
        deleted=deleted,
    )
