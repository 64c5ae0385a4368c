"""One locked change: the files it reads fresh under the lock, and those it will write."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage
from tinydb.table import Table

from tui.storage.atomic import Tables, write_atomically
from tui.storage.layout import SESSIONS, key_machine, session_file

if TYPE_CHECKING:
    from tui.storage.store import Store


def copy_tables(tables: Tables) -> Tables:
    """A copy a change may add to, remove from and replace documents in (never edit one in
    place): the parsed file stays as it was, for readers and should the write fail."""
    return {name: dict(table) for name, table in tables.items()}


class Snapshot(Storage):
    """The main file's tables held in memory for one operation: TinyDB's Table calls read and
    write this copy, so a change made of several calls costs one read and one write."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.changed = False

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data
        self.changed = True

    def table(self, name: str) -> Table:
        # cache_size=0: the snapshot is the only cache this needs.
        return Table(self, name, cache_size=0)


class Change:
    """The main file's tables, and the session files the change reads or changes, each read
    fresh under the lock. Written when the change returns, each changed file once."""

    def __init__(self, store: Store, main: Tables) -> None:
        self.store = store
        self.main = Snapshot(main)
        self.files: dict[str, Tables] = {}
        self.changed_files: set[str] = set()

    def sessions_of(self, key: str) -> dict[str, Any]:
        """The sessions table of one file ("<machine>/2026"), to change in place (documents
        replaced, never edited); call `touch(key)` after changing it."""
        if key not in self.files:
            path = session_file(self.store.path, key)
            self.files[key] = copy_tables(self.store.read_session_file(path) or {})
        return self.files[key].setdefault(SESSIONS, {})

    def touch(self, key: str) -> None:
        self.changed_files.add(key)

    def flush(self, key: str) -> None:
        """Write one session file now, stamped as the commit would, and let go of it: an
        import writes a year at a time instead of holding the whole history until the commit.
        Its count goes into the main file's record here, so the commit writes a record that
        covers it (the main file still comes last: a crash before it leaves a file holding
        more sessions than recorded, which is never an error)."""
        from tui.domain.clock import local_now
        from tui.storage import headers, ledger
        from tui.storage.migrations import current_version

        me = self.store.machine()
        main = self.main.tables
        said = headers.header(main).get("db")
        db = said if isinstance(said, str) else self.store.db_id() or headers.new_db_id()
        version = current_version()
        if said != db:
            # The id this file is stamped with must be the one the commit stamps the main
            # file with: it reads it from here.
            headers.set_header(main, headers.make_header(headers.MAIN, db, version))
            self.main.changed = True
        tables = self.files.pop(key, {})
        self.changed_files.discard(key)
        year = key.split("/")[-1]
        headers.set_header(
            tables, headers.make_header(headers.YEAR, db, version, machine=me.id, year=year)
        )
        sessions = tables.get(SESSIONS, {})
        path = session_file(self.store.path, key)
        write_atomically(path, _session_file_chunks(tables[headers.META], sessions))
        # Neither the parse nor the text of this file is kept: that is the point of flushing.
        self.store.files.forget(path)
        count = {year: len(sessions)}
        if key_machine(key) == me.id and ledger.update(main, me, count, local_now()):
            self.main.changed = True


class Written(str):
    """A session document already in JSON text (an import's line, parsed and checked when it
    was read): `Change.flush` writes it as it is rather than serialise it again."""


def _session_file_chunks(meta: dict[str, Any], sessions: dict[str, Any]) -> Iterator[str]:
    """A session file's JSON as `parsed.dumps` writes it (the header first), in chunks."""
    from tui.storage.parsed import dumps

    yield f'{{"meta":{dumps(meta)},"sessions":{{'
    batch: list[str] = []
    for number, (doc_id, document) in enumerate(sessions.items()):
        text = document if isinstance(document, Written) else dumps(document)
        # Document ids are digits (read_json_file refuses any other): no escaping needed.
        batch.append(f'{"," if number else ""}"{doc_id}":{text}')
        if len(batch) >= 1000:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "}}"


def put_session(work: Change, key: str, document: dict[str, Any]) -> None:
    """Insert or replace the session with this document's id in the file `key`."""
    sessions = work.sessions_of(key)
    for doc_id, stored in sessions.items():
        if isinstance(stored, dict) and stored.get("id") == document["id"]:
            sessions[doc_id] = document
            break
    else:
        sessions[str(next_id(sessions))] = document
    work.touch(key)


def next_id(table: dict[str, Any]) -> int:
    """TinyDB's ids are the table's keys as text; new ones go after the largest."""
    return max((int(key) for key in table), default=0) + 1
