"""Importing an export a year at a time: checked whole first, then written, never all held."""

from __future__ import annotations

import json
import logging
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from tui.domain.export_format import (
    ExportData,
    check_header,
    check_incoming,
    check_tombstone,
    parse_export,
)
from tui.i18n import SOURCE_LANGUAGE, _, language
from tui.storage.atomic import (
    UnreadableJSON,
    cannot_read,
    file_status,
    not_a_file,
    parse_json_bytes,
    read_json_bytes,
)
from tui.storage.layout import SESSIONS, session_key
from tui.storage.merge_rules import (
    _EARLIEST,
    _instant,
    is_tombstone,
    session_rank,
)
from tui.storage.parsed import dumps

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

# The limits of an import, checked before a byte of it is parsed (README: Export and back up).
# A session takes about 1.1 kB in an export and 10 JSON objects (itself and its steps), so
# 100,000 sessions (about 68 years of four a day) are 110 MB and 1,000,000 objects: the limits
# take twice that, and stop what would take minutes and gigabytes to parse (a 180 MB file of
# empty objects is 90 million of them) in well under a second.
# The limits of an import, checked before a byte of it is parsed (README: Export and back up).
# A session takes about 1.1 kB in an export and 10 JSON objects (itself and its steps), so
# 100,000 sessions (about 68 years of four a day) are 110 MB and 1,000,000 objects: the limits
# take twice that, and stop what would take minutes and gigabytes to parse (a 180 MB file of
# empty objects is 90 million of them) in well under a second.
MAX_IMPORT_BYTES = 256 * 1024 * 1024
MAX_IMPORT_OBJECTS = 2_000_000
_CHUNK = 4 * 1024 * 1024


class TooLarge(ValueError):
    """An import file over the limits; the message is one line."""


def check_size(path: Path) -> None:
    """Refuse a file over the limits before it is parsed: its size from the file system,
    then its `{` counted a few megabytes at a time (a file of empty objects is refused after
    reading MAX_IMPORT_OBJECTS of them, not the whole of it)."""
    status = file_status(path)  # StoreError for a FIFO, a folder, a device
    if status is None:
        raise UnreadableJSON(_("there is no such file"))
    if status.st_size > MAX_IMPORT_BYTES:
        raise TooLarge(
            # Translators: {size} and {most} are sizes in megabytes.
            _(
                "it is {size} MB, and an import takes at most {most} MB (about 200,000 sessions)"
            ).format(
                size=_grouped(status.st_size / 2**20), most=_grouped(MAX_IMPORT_BYTES // 2**20)
            )
        )
    objects = 0
    with _open(path) as handle:
        while chunk := handle.read(_CHUNK):
            objects += chunk.count(b"{")
            if objects > MAX_IMPORT_OBJECTS:
                raise TooLarge(
                    # Translators: {most} is a number of JSON objects ({ … }) in the file.
                    _(
                        "it holds more than {most} JSON objects, and an import "
                        "takes at most that many (about 200,000 sessions)"
                    ).format(most=_grouped(MAX_IMPORT_OBJECTS))
                )


def _grouped(value: float) -> str:
    """A whole number grouped as the language writes it (English: 12,345, as always)."""
    if language() == SOURCE_LANGUAGE:
        return f"{value:,.0f}"
    from tui.i18n.formats import number

    return number(round(value))


@contextmanager
def _open(path: Path) -> Iterator[IO[bytes]]:
    """A regular file opened for reading, never waiting on a FIFO put in its place."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as error:
        raise UnreadableJSON(_("there is no such file")) from error
    except OSError as error:
        raise UnreadableJSON(cannot_read(error)) from error
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
                raise UnreadableJSON(_("it changed while it was being imported"))
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
            raise UnreadableJSON(_("it changed while it was being imported"))
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
        raise UnreadableJSON(_("there is no such file"))
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
