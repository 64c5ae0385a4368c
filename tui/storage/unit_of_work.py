"""One locked change: the files it reads fresh under the lock, and those it will write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage
from tinydb.table import Table

from tui.storage.atomic import Tables
from tui.storage.layout import SESSIONS, session_file

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


def next_id(table: dict[str, Any]) -> int:
    """TinyDB's ids are the table's keys as text; new ones go after the largest."""
    return max((int(key) for key in table), default=0) + 1
