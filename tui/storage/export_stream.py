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
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from tui.domain.export_format import (
    ExportData,
    ExportError,
    check_header,
    check_incoming,
    check_tombstone,
    csv_header,
    csv_rows,
    export_header,
    parse_export,
)
from tui.storage import summary
from tui.storage.atomic import (
    UnreadableJSON,
    file_status,
    not_a_file,
    parse_json_bytes,
    read_json_bytes,
)
from tui.storage.layout import SESSIONS, UNDATED, session_files, session_key
from tui.storage.merge_rules import (
    _EARLIEST,
    _instant,
    choose_sessions,
    is_tombstone,
    left_out,
    session_rank,
)
from tui.storage.parsed import dumps

if TYPE_CHECKING:
    from tui.storage.store import Store

log = logging.getLogger(__name__)

# The limits of an import, checked before a byte of it is parsed (README: Export and back up).
# A session takes about 1.1 kB in an export and 10 JSON objects (itself and its steps), so
# 100,000 sessions (about 68 years of four a day) are 110 MB and 1,000,000 objects: the limits
# take twice that, and stop what would take minutes and gigabytes to parse (a 180 MB file of
# empty objects is 90 million of them) in well under a second.
MAX_IMPORT_BYTES = 256 * 1024 * 1024
MAX_IMPORT_OBJECTS = 2_000_000
_CHUNK = 4 * 1024 * 1024

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
            return check_session(doc, f"session {doc_id}" + (f" of {key}" if key else ""))
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


class TooLarge(ValueError):
    """An import file over the limits; the message is one line."""


def check_size(path: Path) -> None:
    """Refuse a file over the limits before it is parsed: its size from the file system,
    then its `{` counted a few megabytes at a time (a file of empty objects is refused after
    reading MAX_IMPORT_OBJECTS of them, not the whole of it)."""
    status = file_status(path)  # StoreError for a FIFO, a folder, a device
    if status is None:
        raise UnreadableJSON("there is no such file")
    if status.st_size > MAX_IMPORT_BYTES:
        raise TooLarge(
            f"it is {status.st_size / 2**20:,.0f} MB, and an import takes at most "
            f"{MAX_IMPORT_BYTES // 2**20} MB (about 200,000 sessions)"
        )
    objects = 0
    with _open(path) as handle:
        while chunk := handle.read(_CHUNK):
            objects += chunk.count(b"{")
            if objects > MAX_IMPORT_OBJECTS:
                raise TooLarge(
                    f"it holds more than {MAX_IMPORT_OBJECTS:,} JSON objects, and an import "
                    f"takes at most that many (about 200,000 sessions)"
                )


@contextmanager
def _open(path: Path) -> Iterator[IO[bytes]]:
    """A regular file opened for reading, never waiting on a FIFO put in its place."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as error:
        raise UnreadableJSON("there is no such file") from error
    except OSError as error:
        raise UnreadableJSON(f"it cannot be read ({error.strerror})") from error
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise not_a_file(path, mode)
        yield handle


class Incoming(NamedTuple):
    """The copy of one session (or deletion) an import brings: enough to decide whether it
    replaces the one held, and where its text is."""

    rank: tuple[Any, ...]  # session_rank's first two: when it was saved, whether deleted
    year: str
    deleted: bool
    where: int | dict[str, Any]  # its offset in the file, or the document (a whole-file read)
    length: int
    crc: int


def _rank(document: dict[str, Any]) -> tuple[Any, ...]:
    """`session_rank(document)[:2]` (when it was saved, whether deleted) without serialising
    the document for the tie-break it also returns: 100,000 of these are worked out per
    import. tests/test_transfer.py holds the two equal."""
    saved = _instant(document.get("updated_at")) or _instant(document.get("ended_at"))
    saved = saved or _instant(document.get("started_at")) or _EARLIEST
    return (saved, is_tombstone(document))


@dataclass
class ImportPlan:
    """A checked import: its marks, routine and settings, and the winning copy of each of its
    sessions and deletions, by id. Sessions read line by line are kept as where they are in
    the file (`text` reads them again), so the plan of 100,000 sessions is a few megabytes."""

    source: Path
    shared: ExportData
    entries: dict[str, Incoming] = field(default_factory=dict)
    identity: tuple[int, ...] = ()
    _handle: IO[bytes] | None = None

    def offer(self, document: dict[str, Any], where: int | dict[str, Any], raw: bytes) -> None:
        """Keep this copy if it wins over the one kept so far (a file listing a session twice
        is merged by the rule every copy is: merge_rules.session_rank)."""
        incoming = Incoming(
            _rank(document),
            session_key(document),
            is_tombstone(document),
            where,
            len(raw),
            zlib.crc32(raw),
        )
        held = self.entries.get(document["id"])
        if held is not None:
            if held.rank > incoming.rank:
                return
            if held.rank == incoming.rank and session_rank(self.document(held)) >= session_rank(
                document
            ):
                return
        self.entries[document["id"]] = incoming

    def document(self, incoming: Incoming) -> dict[str, Any]:
        if isinstance(incoming.where, dict):
            return incoming.where
        parsed: dict[str, Any] = json.loads(self.text(incoming))
        return parsed

    @contextmanager
    def reading(self) -> Iterator[None]:
        """The file held open while its sessions' lines are read again; refused if it is not
        the file the first pass checked."""
        if not self.identity:
            yield
            return
        with _open(self.source) as handle:
            if _identity(os.fstat(handle.fileno())) != self.identity:
                raise UnreadableJSON("it changed while it was being imported")
            self._handle = handle
            try:
                yield
            finally:
                self._handle = None

    def text(self, incoming: Incoming) -> str:
        """The JSON text of a copy, exactly as checked (a line changed since is refused)."""
        if isinstance(incoming.where, dict):
            return dumps(incoming.where)
        handle = self._handle
        if handle is None:
            with _open(self.source) as handle:
                handle.seek(incoming.where)
                raw = handle.read(incoming.length)
        else:
            handle.seek(incoming.where)
            raw = handle.read(incoming.length)
        if zlib.crc32(raw) != incoming.crc:
            raise UnreadableJSON("it changed while it was being imported")
        return raw.decode("utf-8")

    @property
    def sessions(self) -> int:
        return sum(not e.deleted for e in self.entries.values())


def _identity(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_ino, status.st_mtime_ns, status.st_size, status.st_ctime_ns)


def read_import(path: Path) -> ImportPlan:
    """Check a whole import file (ExportError, UnreadableJSON or TooLarge name the first
    problem; StoreError a path that cannot be reached) before anything is written."""
    check_size(path)
    try:
        return _read_lines(path)
    except _NotLines:
        return _read_whole(path)


def _read_whole(path: Path) -> ImportPlan:
    """An export of any other layout (version 1, or one edited by hand), parsed whole."""
    raw = read_json_bytes(path)
    if raw is None:
        raise UnreadableJSON("there is no such file")
    data = parse_export(parse_json_bytes(raw))
    plan = ImportPlan(path, data)
    for document in [*data.deleted, *data.sessions]:
        plan.offer(document, document, b"")
    data.sessions, data.deleted = [], []
    return plan


class _NotLines(Exception):
    """Not an export written a session a line: read it whole instead."""


_JSON_SPACE = b" \t\r\n"
_OPENING = b'"deleted":['
_BETWEEN = b'],"sessions":['
_CLOSING = b"]}"


def _read_lines(path: Path) -> ImportPlan:
    """The first pass over an export written a session a line: every line parsed as strictly
    as a data file and checked; only the winning copy's place in the file is kept."""
    with _open(path) as handle:
        identity = _identity(os.fstat(handle.fileno()))
        first = handle.readline()
        head = first.rstrip(_JSON_SPACE)
        if not head.endswith(_OPENING):
            raise _NotLines
        try:
            header = parse_json_bytes(head + _CLOSING)
        except UnreadableJSON:
            raise _NotLines from None
        if not isinstance(header, dict) or SESSIONS in header:
            raise _NotLines  # a "sessions" key here and below would be a key twice
        plan = ImportPlan(path, check_header(header), identity=identity)
        section, numbers = "deleted", {"deleted": 0, "sessions": 0}
        more = False  # an item ended with a comma: another must follow
        offset = len(first)
        for line in handle:
            start = offset
            offset += len(line)
            item = line.strip(_JSON_SPACE)
            if not item:
                continue
            if item in (_BETWEEN, _CLOSING):
                if more or (item == _BETWEEN) != (section == "deleted"):
                    raise _NotLines
                if item == _CLOSING:
                    if handle.read().strip(_JSON_SPACE):
                        raise _NotLines
                    return plan
                section = "sessions"
                continue
            if numbers[section] and not more:
                raise _NotLines  # two items without a comma between them
            more = item.endswith(b",")
            if more:
                item = item[:-1].rstrip(_JSON_SPACE)
            try:
                document = parse_json_bytes(item)
            except UnreadableJSON:
                raise _NotLines from None  # the whole file's parse names the line and column
            numbers[section] += 1
            if section == "deleted":
                checked = check_tombstone(document, numbers[section])
            else:
                checked = check_incoming(document, numbers[section])
            plan.offer(checked, start + len(line) - len(line.lstrip(_JSON_SPACE)), item)
        raise _NotLines  # it ends before its closing bracket
