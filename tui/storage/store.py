"""The store: one database's files read and changed through one façade; each job lives in a
module of tui/storage/ named for it (layout, headers, machine, locks, parsed, locked_change,
unit_of_work, shared_fields, ledger, merge_rules, conflicts, absorb, upgrade, recovery,
session_reading, summary, stats_memo, export_stream, import_stream, import_merge, backups,
restore)."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb.table import Table

from tui.domain.history import HistorySettings, MarkKind, SessionFacts
from tui.domain.routine import Routine
from tui.i18n import _
from tui.storage import headers, ledger, locks, machine
from tui.storage.atomic import Tables, resolve_target, write_atomically
from tui.storage.damage import DamageNotes
from tui.storage.errors import StoreError
from tui.storage.layout import (
    DB_ENV,
    LAYOUT_SINCE,
    SESSIONS,
    UNDATED,
    default_db_path,
    own_key,
    session_files,
    session_key,
)
from tui.storage.merge_rules import (
    tombstone,
)
from tui.storage.migrations import current_version, migrate, schema_version
from tui.storage.parsed import ParsedFiles, dumps, identity
from tui.storage.shared_fields import (
    checked_marks,
    history_settings_from,
    put_mark,
    put_routine,
    put_settings,
    routine_from,
    stamp_field,
)
from tui.storage.unit_of_work import Change, Snapshot, put_session

if TYPE_CHECKING:
    from filelock import FileLock

    from tui.domain.export_format import ExportData

# The schema this Supple writes. The store itself asks `current_version()`, so a test can
# append a migration and watch a file go through it.
SCHEMA_VERSION = current_version()

T = TypeVar("T")
log = logging.getLogger(__name__)
# Table names a session file may hold: anything else ("Sessions", say) is not ours.
SESSION_FILE_TABLES = {SESSIONS, headers.META}


class Store:
    """Reads and writes Supple's files. Every change re-reads what it changes under a lock
    first, so two Supple processes on one database never lose each other's updates, and each
    machine writes only its own session files, so two computers sharing it never collide."""

    def __init__(self, path: Path) -> None:
        # A symlinked main file is read and written through: the session folder and backups
        # live beside its target, and the link stays a link.
        self.path = resolve_target(path)
        self.files = ParsedFiles()
        self.notes = DamageNotes(self.path)
        # Another machine's files missing or short (ledger.py), by file: said, never fatal.
        self.doubts: list[str] = []
        self._lock: FileLock | None = None
        self._machine: machine.Machine | None = None
        # The main file as readers see it (upgraded in memory), by its identity.
        self._main_cache: tuple[object, Tables, int, bool] | None = None
        self._checked_cache: tuple[object, list[dict[str, Any]]] | None = None
        self._facts_cache: tuple[object, dict[str, SessionFacts]] | None = None
        self._summary: tuple[object, dict[str, dict[str, Any]]] | None = None

    @classmethod
    def open(cls, path: Path, *, deep: bool = True) -> Store:
        """Check the files without writing; a file it cannot use raises StoreError. A missing
        file is fine: the first write creates it. `deep` also reads every session and mark now
        (a damaged one is only noted); the app leaves that until its first screen shows."""
        store = cls(path)
        store._check(deep=deep)
        for line in [store.warning_summary(), *store.doubts]:
            if line:
                log.warning(line)
        return store

    # -- this machine --------------------------------------------------------------

    def machine(self) -> machine.Machine:
        """This computer's identity, made on its first write to any history."""
        if self._machine is None:
            self._machine = machine.current()
            assert self._machine is not None
        return self._machine

    def _own_id(self) -> str | None:
        """This computer's id if it has one yet (reading never makes one)."""
        if self._machine is not None:
            return self._machine.id
        found = machine.current(create=False)
        return found.id if found is not None else None

    # -- reading -----------------------------------------------------------------

    def _read(self, path: Path) -> Tables | None:
        return self.files.read(path)

    def read_session_file(self, path: Path) -> Tables | None:
        """A session file's tables; StoreError when it is not a session file of ours."""
        tables = self.files.read(path)
        if tables is None:
            return None
        headers.refuse_unless(path, tables, (headers.YEAR,))
        odd = sorted(set(tables) - SESSION_FILE_TABLES)
        if odd:
            # Translators: {name} is a table's name, quoted.
            raise StoreError(
                path,
                _("it holds a table {name}, which Supple never writes").format(
                    name=repr(odd[0][:40])
                ),
            )
        return tables

    def _main(self) -> tuple[Tables, int, bool]:
        """The main file's tables as readers see them (upgraded in memory), the schema it was
        written with, and whether it holds its sessions itself (bundled: layout.py)."""
        found = identity(self.path)
        cached = self._main_cache
        if found is not None and cached is not None and cached[0] == found:
            return cached[1], cached[2], cached[3]
        raw = self.files.read(self.path)
        if raw is None:
            # No file yet: a new database, in today's layout. (A sessions folder left without
            # its main file is still read.)
            return {}, current_version(), False
        headers.refuse_unless(self.path, raw, (headers.MAIN,))
        version = schema_version(self.path, raw)
        bundled = version < LAYOUT_SINCE or SESSIONS in raw
        tables = raw
        if version < current_version():
            # Readers see today's layout; the file itself is upgraded by the next write.
            tables = migrate(copy.deepcopy(raw), version)
        if found is not None:
            self._main_cache = (found, tables, version, bundled)
        return tables, version, bundled

    def db_id(self) -> str | None:
        """The database's id, once a write of this Supple has given it one."""
        said = headers.header(self._main()[0]).get("db")
        return said if isinstance(said, str) else None

    def _table(self, name: str) -> Table:
        return Snapshot(self._main()[0]).table(name)

    def session_tables(self) -> list[tuple[str, dict[str, Any]]]:
        """(key, sessions table) of every file holding sessions; key "" for a bundled file.
        Checks them against the record of what should be there (ledger.py)."""
        main, _version, bundled = self._main()
        if bundled:
            return [("", main.get(SESSIONS, {}))]
        found = []
        for key, path in session_files(self.path).items():
            tables = self.read_session_file(path) or {}
            found.append((key, tables.get(SESSIONS, {})))
        self.doubts = ledger.check(
            self.path, main, {key: len(table) for key, table in found}, self._own_id()
        )
        return found

    def files_present(self, main: Tables) -> None:
        """StoreError when a session file the record lists is missing (ledger.py), by file
        names alone: no file is read for it."""
        present: dict[str, int | None] = dict.fromkeys(session_files(self.path))
        self.doubts = ledger.check(self.path, main, present, self._own_id())

    def version(self) -> object:
        """Changes whenever any file of the database does (every write replaces the files it
        changes): a key for caches."""
        return (
            identity(self.path),
            tuple((key, identity(path)) for key, path in session_files(self.path).items()),
        )

    def sessions(self) -> list[dict[str, Any]]:
        """Every session document as stored, oldest first, damaged ones included (views that
        list the history count what they cannot show); of a session kept in several files
        the copy saved last, and none of a deleted one."""
        from tui.storage.session_reading import all_sessions

        return all_sessions(self)

    def checked_sessions(self) -> list[dict[str, Any]]:
        """The sessions as rules.md §3 describes them, oldest first; damaged ones are noted
        (see `warnings`) and left out, and stay in the file untouched."""
        version = self.version()
        if self._checked_cache is not None and self._checked_cache[0] == version:
            return list(self._checked_cache[1])
        from tui.storage.session_reading import checked_sessions

        docs = checked_sessions(self)
        if version == self.version():
            self._checked_cache = (version, docs)
        return list(docs)

    def session_facts(self) -> dict[str, SessionFacts]:
        """The facts the rules of history read, of every readable session, by id; damaged
        sessions are noted (see `warnings`) and left out. Only the session files that changed
        since the summary was written are read and checked (session_reading.py)."""
        version = self.version()
        if self._facts_cache is not None and self._facts_cache[0] == version:
            return dict(self._facts_cache[1])
        from tui.storage.session_reading import read_facts

        result = read_facts(self)
        if version == self.version():
            self._facts_cache = (version, result)
        return dict(result)

    # -- writing -----------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        """This machine's lock on the database, for one change (locked_change.py)."""
        from tui.storage.locked_change import locked

        if self._lock is None:
            self._lock = locks.change_lock(self.path)
        with locked(self.path, self._lock):
            yield

    def write(self, change: Callable[[Change], T]) -> T:
        """Run `change` on fresh reads under the lock, then write each file it changed once
        (locked_change.py)."""
        from tui.storage.locked_change import run

        return run(self, change)

    def commit(self, work: Change, *, new: bool = False) -> None:
        """Write what a change changed: its session files, then the main file, stamped."""
        from tui.storage.locked_change import commit

        commit(self, work, new=new)

    def write_file(self, path: Path, tables: Tables) -> None:
        text = dumps(tables) if path == self.path else self.files.session_text(path, tables)
        write_atomically(path, text)
        self.files.wrote(path, tables)

    def own_key_of(self, document: dict[str, Any]) -> str:
        """This machine's file for a session: the year it started, in this machine's folder."""
        return own_key(self.machine().id, session_key(document))

    def stamp(self, work: Change, field: str) -> None:
        """Mark a shared field as changed now, by this machine (shared_fields.py)."""
        stamp_field(work, field, self.machine().id)

    # -- checks ------------------------------------------------------------------

    def _check(self, *, deep: bool = True) -> None:
        """Everything that makes a file unusable, found before the app or a command starts;
        damaged sessions and marks are only noted, since the rest of the history is fine."""
        main, _version, _bundled = self._main()
        self._check_documents(main)
        if deep:
            self.session_facts()
            checked_marks(main, self.notes)
        else:
            from tui.storage.session_reading import check_stale_files

            check_stale_files(self)

    def _check_documents(self, tables: Tables | None) -> None:
        """The routine and settings the app cannot do without; StoreError when damaged."""
        if tables is None:
            tables = self._main()[0]
        snapshot = Snapshot(tables)
        routine_from(self.path, snapshot.table("routine"))
        history_settings_from(self.path, snapshot.table("settings"))

    @property
    def warnings(self) -> list[str]:
        """One line per damaged document left out so far, oldest note first."""
        return self.notes.lines

    def warning_summary(self) -> str | None:
        return self.notes.summary()

    # -- start ---------------------------------------------------------------------

    def prepare(self) -> int:
        """Run once at start: upgrade an older file (after a backup), absorb sync tools'
        conflict copies, tidy temp files, close this machine's crashed sessions. Returns how
        many sessions a crash had left open."""
        from tui.storage.recovery import needs_preparing, repair

        if not needs_preparing(self):
            return 0
        return self.write(lambda work: repair(self, work))

    def absorb_conflicts(self) -> list[str]:
        """Merge the conflict copies a sync tool has left since the start (absorb.py): the
        app calls it when it notices new files while it runs. One line per copy."""
        from tui.storage.absorb import absorb, pending

        if not pending(self):
            return []
        return self.write(lambda work: absorb(self, work))

    def upgrade(self) -> None:
        """Bring an older or bundled file to today's layout now (after a backup); nothing
        else changes. Any write does this first anyway."""
        self.write(lambda work: None)

    # -- sessions ----------------------------------------------------------------

    def run_lock(self, session_id: str) -> FileLock:
        return locks.run_lock(self.path, session_id)

    def runs_elsewhere(self) -> list[str]:
        return locks.runs_elsewhere(self.path)

    def run_elsewhere_started(self, now: datetime, mine: set[str] | None = None) -> datetime | None:
        """When another Supple (a terminal, a browser tab, the screen-reader mode) is playing
        a flow on this file now, not one of `mine`: when that flow started, or `now` when its
        first save is still a moment behind its lock. None when no other plays."""
        live = set(self.runs_elsewhere()) - (mine or set())
        if not live:
            return None
        for document in self.sessions():
            if document.get("id") in live:
                try:
                    return datetime.fromisoformat(str(document.get("started_at")))
                except ValueError:
                    break
        return now

    def save_session(self, document: dict[str, Any]) -> None:
        """Insert or replace the session with this document's id, in this machine's file of
        its year only (a copy kept in another machine's file is outranked by this save)."""
        # A copy of its own: the caller may go on changing the one it passed.
        document = copy.deepcopy(document)
        # Which machine played it (rules.md §3); a session edited elsewhere keeps its own.
        document.setdefault("machine", self.machine().id)

        def change(work: Change) -> None:
            put_session(work, self.own_key_of(document), document)

        self.write(change)

    def delete_session(self, session_id: str) -> bool:
        """Delete a session, leaving a tombstone that outranks every copy of it on any
        machine; False when there is no such session."""
        from tui.domain.clock import local_now

        found = [d for d in self.sessions() if d.get("id") == session_id]
        if not found:
            return False
        gone = tombstone(found[0], local_now())

        def change(work: Change) -> None:
            put_session(work, self.own_key_of(gone), gone)

        self.write(change)
        return True

    # -- routine and settings ------------------------------------------------------

    def routine(self) -> Routine:
        return routine_from(self.path, self._table("routine"))

    def save_routine(self, routine: Routine) -> None:
        self.write(lambda work: put_routine(work, routine, self.machine().id))

    def settings(self) -> dict[str, Any]:
        docs = self._table("settings").all()
        return dict(docs[0]) if docs else {}

    def save_settings(self, values: dict[str, Any]) -> None:
        """Merge `values` into the stored settings, each one stamped on its own."""
        self.write(lambda work: put_settings(work, values, self.machine().id))

    def history_settings(self) -> HistorySettings:
        """The settings the history rules need, with rules.md §4's defaults."""
        return history_settings_from(self.path, self._table("settings"))

    # -- marks -------------------------------------------------------------------

    def marks(self) -> dict[date, MarkKind]:
        """Days marked done or rest by hand, kept as their own documents (never fake sessions)."""
        return checked_marks(self._main()[0], self.notes)

    def set_mark(self, day: date, kind: MarkKind | None) -> None:
        """Mark a day done or rest; None clears its mark (its stamp stays, so the clearing
        reaches every machine)."""
        self.write(lambda work: put_mark(work, day, kind, self.machine().id))

    # -- export, import, backups -------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """The whole export held in memory (the app's "Export history"): export_stream.py."""
        from tui.storage.export_stream import held_whole

        return held_whole(self)

    def merge(self, data: ExportData) -> tuple[int, int]:
        """Bring an export's sessions and marks in (import_merge.py)."""
        from tui.storage.import_merge import merge_export

        return self.write(lambda work: merge_export(self, work, data))

    def bundle(self) -> Tables:
        """The whole database as one set of tables (what a backup holds): restore.py."""
        from tui.storage.restore import bundle

        return bundle(self)

    def back_up_daily(self, today: date) -> Path | None:
        """The first start of a day copies the database to backups/; returns the copy, if made.
        Never from a history whose files are not all there (ledger.py)."""
        from tui.storage.restore import back_up_daily

        return back_up_daily(self, today)

    def restore(self, backup: Path, now: datetime) -> list[Path]:
        """Put a backup in place of the database (restore.py)."""
        from tui.storage.restore import restore

        return restore(self, backup, now)

    def machines(self) -> list[dict[str, Any]]:
        """The machines that have written to this history: id, name, last write, sessions;
        this one with the conflict copies it absorbed or set aside (absorb.py)."""
        from tui.storage.absorb import read_notes

        found = ledger.describe(self._main()[0], self._own_id())
        for record in found:
            record["absorbed"] = read_notes(self) if record["this"] else []
        return found


def read_bundle(path: Path) -> Tables:
    """The whole database at `path` as one set of tables (for tests and tools)."""
    return Store(path).bundle()


__all__ = [
    "DB_ENV",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "UNDATED",
    "default_db_path",
    "read_bundle",
]
