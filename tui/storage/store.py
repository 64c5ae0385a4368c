"""The store: sessions, routine and settings in one TinyDB file, locked and written atomically."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from glob import escape as glob_escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb import Query
from tinydb.storages import Storage
from tinydb.table import Table

from tui.domain.export_format import ExportData, ExportError, build_export, check_session
from tui.domain.history import HistorySettings, MarkKind, countable_day
from tui.domain.routine import Routine, default_routine
from tui.domain.routine_edit import validate_routine
from tui.domain.session import close_unfinished, local_now
from tui.storage import backups
from tui.storage.atomic import (
    TEMP_PREFIX,
    AtomicJSONStorage,
    Tables,
    file_status,
    read_json_file,
    remove_stale_temp_files,
    resolve_target,
    temp_prefix,
)
from tui.storage.errors import RETRY, StoreError
from tui.storage.migrations import current_version, migrate, schema_version, stamp

# The schema this Supple writes. The store itself asks `current_version()`, so a test can
# append a migration and watch a file go through it.
SCHEMA_VERSION = current_version()
APP_NAME = "supple"
DB_ENV = "SUPPLE_DB"
LOCK_TIMEOUT_S = 10.0

T = TypeVar("T")

if TYPE_CHECKING:
    from filelock import FileLock
log = logging.getLogger(__name__)


def default_db_path() -> Path:
    """`$SUPPLE_DB`, or supple.json in the user data folder platformdirs gives."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # here, not at the top: most starts name no default and skip it

    return platformdirs.user_data_path(APP_NAME) / "supple.json"


class _Snapshot(Storage):
    """The file's tables held in memory for one operation: TinyDB's Table calls read and
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


class Store:
    """Reads and writes Supple's file. Every change re-reads the file under a lock first,
    so two Supple processes on one file never lose each other's updates."""

    def __init__(self, path: Path) -> None:
        # A symlinked data file is read and written through: the lock, temp files and
        # backups live beside its target, and the link stays a link.
        self.path = resolve_target(path)
        self._storage = AtomicJSONStorage(path)
        self._lock: FileLock | None = None
        # Documents left out because they are damaged, by "table/id": kept in the file
        # untouched, reported once. The app can show `warning_summary()`.
        self._odd: dict[str, str] = {}
        # The last parse of the file and its checked sessions, by the file's identity: every
        # write replaces the file (new inode), so a change anywhere is always seen. Readers
        # treat what they get as read-only.
        self._cache: tuple[tuple[int, int, int], Tables, int] | None = None
        self._checked_cache: tuple[tuple[int, int, int], list[dict[str, Any]]] | None = None

    @classmethod
    def open(cls, path: Path, *, deep: bool = True) -> Store:
        """Check the file without writing; a file it cannot use raises StoreError. A missing
        file is fine: the first write creates it. `deep` also checks every session and mark
        now (a damaged one is only noted); the app leaves that until its first screen shows."""
        store = cls(path)
        store._check(deep=deep)
        summary = store.warning_summary()
        if summary:
            log.warning(summary)
        return store

    # -- plumbing ----------------------------------------------------------------

    def _load(self) -> tuple[Tables, int]:
        """The file's tables and the schema they were written with (0 when there is no file,
        so the first write stamps it). Raises StoreError for a file it must not touch."""
        tables = read_json_file(self.path)
        if tables is None:
            return {}, 0
        return tables, schema_version(self.path, tables)

    def _identity(self) -> tuple[int, int, int] | None:
        status = file_status(self.path)  # StoreError for anything but a regular file
        if status is None:
            return None
        return (status.st_ino, status.st_mtime_ns, status.st_size)

    def version(self) -> tuple[int, int, int] | None:
        """Changes whenever the file does (every write replaces it): a key for caches."""
        return self._identity()

    def _snapshot(self) -> _Snapshot:
        """The file as readers see it, parsed at most once per version of the file."""
        identity = self._identity()
        if identity is not None and self._cache is not None and self._cache[0] == identity:
            return _Snapshot(self._cache[1])
        tables, version = self._load()
        if version < current_version():
            # Readers see today's layout; the file itself is upgraded by the next write.
            migrate(tables, version)
        if identity is not None:
            self._cache = (identity, tables, version)
        return _Snapshot(tables)

    def _table(self, name: str) -> Table:
        return self._snapshot().table(name)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        # filelock is imported on the first write, not at start: reading needs no lock.
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock:
                yield
        except Timeout as error:
            raise StoreError(
                self.path,
                "another program holds its lock for too long",
                "The file was left as it was, whole; try again once the other Supple is done.",
            ) from error
        except PermissionError as error:
            raise StoreError(
                self.path, "it cannot be written (permission denied)", RETRY
            ) from error
        except OSError as error:
            # A full disk or a vanished folder: the atomic write left the old file whole.
            raise StoreError(
                self.path, f"it cannot be written ({error.strerror})", RETRY
            ) from error

    def _write(self, change: Callable[[_Snapshot], T], *, upgrade: bool = False) -> T:
        """Run `change` on a fresh read of the file under the lock, then write it once if it
        changed anything (or, with `upgrade`, if the file's schema is older)."""
        with self._locked():
            tables, version = self._load()
            older = version < current_version()
            if older:
                migrate(tables, version)
            snapshot = _Snapshot(tables)
            # A file `open` would refuse is refused here too, should it break meanwhile.
            self._check_documents(snapshot)
            result = change(snapshot)
            if snapshot.changed or (upgrade and older):
                if older and self.path.exists():
                    # An upgraded file may not open in the Supple that wrote it: keep its copy.
                    backups.take_before_migration(self.path, local_now().date(), version)
                stamp(snapshot.tables)
                self._storage.write(snapshot.tables)
                identity = self._identity()
                if identity is not None:
                    # What was just written is what the next reader would parse.
                    self._cache = (identity, snapshot.tables, current_version())
            return result

    def _check(self, *, deep: bool = True) -> None:
        """Everything that makes a file unusable, found before the app or a command starts;
        damaged sessions and marks are only noted, since the rest of the history is fine."""
        snapshot = self._snapshot()
        self._check_documents(snapshot)
        if deep:
            self.checked_sessions()
            self._checked_marks(snapshot)

    def _check_documents(self, snapshot: _Snapshot) -> None:
        """The routine and settings the app cannot do without; StoreError when damaged."""
        _routine_from(self.path, snapshot.table("routine"))
        _history_settings_from(self.path, snapshot.table("settings"))

    def _note(self, key: str, problem: str) -> None:
        self._odd.setdefault(key, problem)

    @property
    def warnings(self) -> list[str]:
        """One line per damaged document left out so far, oldest note first."""
        return list(self._odd.values())

    def warning_summary(self) -> str | None:
        """The damaged documents left out, in one line; None when there are none."""
        if not self._odd:
            return None
        count = len(self._odd)
        first = next(iter(self._odd.values()))
        if len(first) > 100:
            first = first[:99] + "…"
        more = f" and {count - 1} more" if count > 1 else ""
        return (
            f"left out {count} damaged document{'s' if count > 1 else ''} of {self.path} "
            f"({first}{more}); {'they stay' if count > 1 else 'it stays'} in the file untouched"
        )

    def _needs_preparing(self) -> bool:
        """Whether `prepare` has anything to do: most starts find nothing, and then take no
        lock and write nothing, which keeps start-up fast on a long history."""
        if self._identity() is None:
            return True
        snapshot = self._snapshot()
        # A file broken since it was opened is refused here, as a write would refuse it.
        self._check_documents(snapshot)
        if self._cache is None or self._cache[2] < current_version():
            return True
        if any(
            isinstance(doc, dict) and doc.get("ended_at", "") is None
            for doc in snapshot.tables.get("sessions", {}).values()
        ):
            return True
        if any(self.path.parent.glob(f"{temp_prefix(self.path)}*")):
            return True
        folder = backups.backup_folder(self.path)
        return any(folder.glob(f"{TEMP_PREFIX}{self.path.stem}-*"))

    def prepare(self) -> int:
        """Run once at start: upgrade an older file (after a backup), tidy temp files, close
        crashed sessions. Returns how many sessions a crash had left open."""
        if not self._needs_preparing():
            return 0

        def change(snapshot: _Snapshot) -> int:
            # Under the lock: no writer of this file is between its temp file and its rename.
            remove_stale_temp_files(self.path.parent, re.escape(self.path.name))
            backups.remove_stale_temp_files_of_backups(self.path)
            sessions = snapshot.table("sessions")
            closed = 0
            for doc in sessions.search(Query().ended_at == None):  # noqa: E711 - TinyDB query
                try:
                    check_session(doc, "session")
                except ExportError:
                    continue  # a damaged document is left exactly as it is
                # A run whose lock is still held is going on in another terminal: leave it.
                lock = self.run_lock(str(doc["id"]))
                try:
                    lock.acquire(timeout=0)
                except TimeoutError:  # filelock's Timeout is a TimeoutError
                    continue
                try:
                    sessions.update(close_unfinished(dict(doc)), doc_ids=[doc.doc_id])
                    closed += 1
                finally:
                    # Only its own process ever claims a session's run lock, and that process
                    # is gone, so it is safe to let go before the write below.
                    lock.release()
                    Path(lock.lock_file).unlink(missing_ok=True)
            return closed

        return self._write(change, upgrade=True)

    def back_up_daily(self, today: date) -> Path | None:
        """The first start of a day copies the file to backups/; returns the copy, if made."""
        if (backups.backup_folder(self.path) / backups.daily_name(self.path, today)).exists():
            return None  # the usual case after the first start: no lock, no copy
        with self._locked():
            try:
                return backups.take_daily(self.path, today)
            except OSError as error:
                folder = backups.backup_folder(self.path)
                raise StoreError(
                    self.path, f"its daily backup cannot be made in {folder} ({error.strerror})"
                ) from error

    def restore(self, backup: Path, now: datetime) -> Path | None:
        """Put a backup in place of the file, keeping the current one beside it under a new
        name (returned). A backup Supple cannot use raises StoreError and changes nothing."""
        Store.open(backup)
        with self._locked():
            return backups.put_back(self.path, backup, now)

    # -- sessions ----------------------------------------------------------------

    def run_lock(self, session_id: str) -> FileLock:
        """Held by the process playing a session, so no other start closes it as crashed.
        The operating system drops it when that process dies, however it dies."""
        from filelock import FileLock

        return FileLock(str(self.path.parent / f".{self.path.name}.run-{session_id}.lock"))

    def runs_elsewhere(self) -> list[str]:
        """The ids of sessions another process is playing now (another terminal, another
        browser tab): their run locks are held. Only lock files are looked at, so this is
        as cheap with years of history as with none."""
        prefix = f".{self.path.name}.run-"
        live = []
        for lock_file in self.path.parent.glob(f"{glob_escape(prefix)}*.lock"):
            session_id = lock_file.name[len(prefix) : -len(".lock")]
            lock = self.run_lock(session_id)
            try:
                lock.acquire(timeout=0)
            except TimeoutError:  # filelock's Timeout is a TimeoutError
                live.append(session_id)
            else:
                lock.release()  # a crashed run's: the next start closes its session
        return live

    def save_session(self, document: dict[str, Any]) -> None:
        """Insert or replace the session with this document's id."""
        self._write(
            lambda snapshot: snapshot.table("sessions").upsert(
                document, Query().id == document["id"]
            )
        )

    def sessions(self) -> list[dict[str, Any]]:
        """Every session document as stored, oldest first, damaged ones included: views that
        list the history count what they cannot show. See `checked_sessions` for the rest."""
        docs = [dict(d) for d in self._snapshot().tables.get("sessions", {}).values()]
        return sorted(docs, key=lambda d: str(d.get("started_at", "")))

    def checked_sessions(self) -> list[dict[str, Any]]:
        """The sessions as PRODUCT.md §3 describes them, oldest first; damaged ones are noted
        (see `warnings`) and left out, and stay in the file untouched."""
        snapshot = self._snapshot()
        identity = self._identity()
        if self._checked_cache is not None and self._checked_cache[0] == identity:
            return list(self._checked_cache[1])
        checked = self._checked_sessions(snapshot)
        if identity is not None and self._cache is not None and self._cache[0] == identity:
            self._checked_cache = (identity, checked)
        return list(checked)

    def _checked_sessions(self, snapshot: _Snapshot) -> list[dict[str, Any]]:
        docs = []
        for doc_id, doc in snapshot.tables.get("sessions", {}).items():
            try:
                docs.append(check_session(doc, f"session {doc_id}"))
            except ExportError as error:
                self._note(f"sessions/{doc_id}", str(error))
        return sorted(docs, key=lambda d: str(d["started_at"]))

    # -- routine and settings ------------------------------------------------------

    def routine(self) -> Routine:
        return _routine_from(self.path, self._table("routine"))

    def save_routine(self, routine: Routine) -> None:
        def change(snapshot: _Snapshot) -> None:
            table = snapshot.table("routine")
            table.truncate()
            table.insert(routine.to_dict())

        self._write(change)

    def settings(self) -> dict[str, Any]:
        docs = self._table("settings").all()
        return dict(docs[0]) if docs else {}

    def save_settings(self, values: dict[str, Any]) -> None:
        """Merge `values` into the stored settings."""

        def change(snapshot: _Snapshot) -> None:
            table = snapshot.table("settings")
            current = table.all()
            merged = {**(dict(current[0]) if current else {}), **values}
            table.truncate()
            table.insert(merged)

        self._write(change)

    def history_settings(self) -> HistorySettings:
        """The settings the history rules need, with PRODUCT.md §4's defaults."""
        return _history_settings_from(self.path, self._table("settings"))

    # -- marks -------------------------------------------------------------------

    def marks(self) -> dict[date, MarkKind]:
        """Days marked done or rest by hand, kept as their own documents (never fake sessions)."""
        return self._checked_marks(self._snapshot())

    def _checked_marks(self, snapshot: _Snapshot) -> dict[date, MarkKind]:
        marks: dict[date, MarkKind] = {}
        for doc_id, doc in snapshot.tables.get("marks", {}).items():
            try:
                marks[countable_day(date.fromisoformat(doc["date"]))] = MarkKind(doc["kind"])
            except (KeyError, TypeError, ValueError):
                # One odd mark must not hide the rest of the history.
                self._note(f"marks/{doc_id}", f"mark {doc_id} is not a date with kind done or rest")
        return marks

    def set_mark(self, day: date, kind: MarkKind | None) -> None:
        """Mark a day done or rest; None clears its mark."""

        def change(snapshot: _Snapshot) -> None:
            table = snapshot.table("marks")
            table.remove(Query().date == day.isoformat())
            if kind is not None:
                table.insert({"date": day.isoformat(), "kind": kind.value})

        self._write(change)

    # -- export and import -------------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Everything a person would need to move to another machine: see export_format."""
        return build_export(self.checked_sessions(), self.marks(), self.routine(), self.settings())

    def merge(self, data: ExportData) -> tuple[int, int]:
        """Add the sessions whose id and the marks whose date are new, in one locked write.

        A routine and settings are taken only when this file has none, so an import never
        undoes the person's own edits. Returns (sessions added, marks added)."""

        def change(snapshot: _Snapshot) -> tuple[int, int]:
            tables = snapshot.tables
            sessions = tables.setdefault("sessions", {})
            marks = tables.setdefault("marks", {})
            # Only text can be an id or a date; a damaged document's odd value is ignored.
            known_ids = {d["id"] for d in sessions.values() if isinstance(d.get("id"), str)}
            known_days = {d["date"] for d in marks.values() if isinstance(d.get("date"), str)}
            added_sessions = added_marks = 0
            for document in data.sessions:
                if document["id"] not in known_ids:
                    sessions[str(_next_id(sessions))] = document
                    known_ids.add(document["id"])
                    added_sessions += 1
            for day, kind in sorted(data.marks.items()):
                if day.isoformat() not in known_days:
                    marks[str(_next_id(marks))] = {"date": day.isoformat(), "kind": kind.value}
                    added_marks += 1
            if data.routine is not None and not tables.get("routine"):
                tables["routine"] = {"1": data.routine.to_dict()}
            if data.settings and not tables.get("settings"):
                tables["settings"] = {"1": dict(data.settings)}
            snapshot.changed = True
            return added_sessions, added_marks

        return self._write(change)


def _routine_from(path: Path, table: Table) -> Routine:
    docs = table.all()
    if not docs:
        return default_routine()
    try:
        routine = Routine.from_dict(dict(docs[0]))
        validate_routine(routine)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
        raise StoreError(path, f"its routine is damaged ({_first_line(error)})") from error
    return routine


def _history_settings_from(path: Path, table: Table) -> HistorySettings:
    docs = table.all()
    values = dict(docs[0]) if docs else {}
    try:
        return HistorySettings(
            day_starts_at=int(values.get("day_starts_at", 0)),
            week_starts_on=int(values.get("week_starts_on", 0)),
            weekly_goal=int(values.get("weekly_goal", 7)),
        )
    except (TypeError, ValueError, OverflowError) as error:
        raise StoreError(path, f"its settings are damaged ({_first_line(error)})") from error


def _first_line(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0]


def _next_id(table: dict[str, Any]) -> int:
    """TinyDB's ids are the table's keys as text; new ones go after the largest."""
    return max((int(key) for key in table), default=0) + 1
