"""The store: sessions, routine and settings in one TinyDB file, locked and written atomically."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from filelock import FileLock, Timeout
from tinydb import Query
from tinydb.table import Table

from tui.domain.export_format import ExportData, build_export
from tui.domain.history import HistorySettings, MarkKind
from tui.domain.routine import Routine, default_routine
from tui.domain.routine_edit import validate_routine
from tui.domain.session import close_unfinished
from tui.storage.atomic import AtomicJSONStorage, read_json_file, remove_stale_temp_files
from tui.storage.errors import StoreError

SCHEMA_VERSION = 1
APP_NAME = "supple"
DB_ENV = "SUPPLE_DB"
LOCK_TIMEOUT_S = 10.0

T = TypeVar("T")


def default_db_path() -> Path:
    """`$SUPPLE_DB`, or supple.json in the user data folder platformdirs gives."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME) / "supple.json"


class Store:
    """Reads and writes Supple's file. Every change re-reads the file under a lock first,
    so two Supple processes on one file never lose each other's updates."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._storage = AtomicJSONStorage(path)
        self._lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating if absent) and check the file; a file it cannot read raises StoreError."""
        store = cls(path)
        store._check()
        return store

    # -- plumbing ----------------------------------------------------------------

    def _table(self, name: str) -> Table:
        # A fresh Table each time: TinyDB caches query results and the next id per Table,
        # and another process may have changed the file since.
        return Table(self._storage, name, cache_size=0)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock:
                yield
        except Timeout as error:
            raise StoreError(self.path, "another program holds its lock for too long") from error
        except PermissionError as error:
            raise StoreError(self.path, "it cannot be written (permission denied)") from error

    def _write(self, change: Callable[[], T]) -> T:
        with self._locked():
            return change()

    def _check(self) -> None:
        data = read_json_file(self.path)
        if data is None:
            return
        meta = data.get("meta", {})
        versions = [doc.get("schema") for doc in meta.values() if isinstance(doc, dict)]
        version = versions[0] if versions else SCHEMA_VERSION
        if not isinstance(version, int):
            raise StoreError(self.path, "its schema version is not a number")
        if version > SCHEMA_VERSION:
            raise StoreError(
                self.path,
                f"it was written by a newer Supple (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade Supple",
            )
        for table in ("sessions", "marks", "routine", "settings"):
            for doc in data.get(table, {}).values():
                if not isinstance(doc, dict):
                    raise StoreError(self.path, f"the {table} table holds something odd")

    def prepare(self) -> int:
        """Run once at start: stamp the schema, tidy temp files, close crashed sessions.
        Returns how many sessions a crash had left open."""

        def change() -> int:
            if not self._table("meta").all():
                self._table("meta").insert({"schema": SCHEMA_VERSION})
            remove_stale_temp_files(self.path.parent)
            sessions = self._table("sessions")
            closed = 0
            for doc in sessions.search(Query().ended_at == None):  # noqa: E711 - TinyDB query
                # A run whose lock is still held is going on in another terminal: leave it.
                lock = self.run_lock(str(doc.get("id", "")))
                try:
                    lock.acquire(timeout=0)
                except Timeout:
                    continue
                try:
                    sessions.update(close_unfinished(dict(doc)), doc_ids=[doc.doc_id])
                    closed += 1
                finally:
                    lock.release()
                    Path(lock.lock_file).unlink(missing_ok=True)
            return closed

        return self._write(change)

    # -- sessions ----------------------------------------------------------------

    def run_lock(self, session_id: str) -> FileLock:
        """Held by the process playing a session, so no other start closes it as crashed.
        The operating system drops it when that process dies, however it dies."""
        return FileLock(str(self.path.parent / f".{self.path.name}.run-{session_id}.lock"))

    def save_session(self, document: dict[str, Any]) -> None:
        """Insert or replace the session with this document's id."""
        self._write(lambda: self._table("sessions").upsert(document, Query().id == document["id"]))

    def sessions(self) -> list[dict[str, Any]]:
        """Every session, oldest first."""
        docs = [dict(d) for d in self._table("sessions").all()]
        return sorted(docs, key=lambda d: str(d.get("started_at", "")))

    # -- routine and settings ------------------------------------------------------

    def routine(self) -> Routine:
        docs = self._table("routine").all()
        if not docs:
            return default_routine()
        try:
            routine = Routine.from_dict(dict(docs[0]))
            validate_routine(routine)
        except (KeyError, TypeError, ValueError) as error:
            raise StoreError(self.path, f"its routine is damaged ({error})") from error
        return routine

    def save_routine(self, routine: Routine) -> None:
        def change() -> None:
            table = self._table("routine")
            table.truncate()
            table.insert(routine.to_dict())

        self._write(change)

    def settings(self) -> dict[str, Any]:
        docs = self._table("settings").all()
        return dict(docs[0]) if docs else {}

    def save_settings(self, values: dict[str, Any]) -> None:
        """Merge `values` into the stored settings."""

        def change() -> None:
            table = self._table("settings")
            merged = {**(dict(table.all()[0]) if table.all() else {}), **values}
            table.truncate()
            table.insert(merged)

        self._write(change)

    def history_settings(self) -> HistorySettings:
        """The settings the history rules need, with PRODUCT.md §4's defaults."""
        values = self.settings()
        try:
            return HistorySettings(
                day_starts_at=int(values.get("day_starts_at", 0)),
                week_starts_on=int(values.get("week_starts_on", 0)),
                weekly_goal=int(values.get("weekly_goal", 7)),
            )
        except (TypeError, ValueError) as error:
            raise StoreError(self.path, f"its settings are damaged ({error})") from error

    # -- marks -------------------------------------------------------------------

    def marks(self) -> dict[date, MarkKind]:
        """Days marked done or rest by hand, kept as their own documents (never fake sessions)."""
        marks: dict[date, MarkKind] = {}
        for doc in self._table("marks").all():
            try:
                marks[date.fromisoformat(doc["date"])] = MarkKind(doc["kind"])
            except (KeyError, TypeError, ValueError):
                continue  # one odd mark must not hide the rest of the history
        return marks

    def set_mark(self, day: date, kind: MarkKind | None) -> None:
        """Mark a day done or rest; None clears its mark."""

        def change() -> None:
            table = self._table("marks")
            table.remove(Query().date == day.isoformat())
            if kind is not None:
                table.insert({"date": day.isoformat(), "kind": kind.value})

        self._write(change)

    # -- export and import -------------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Everything a person would need to move to another machine: see export_format."""
        return build_export(self.sessions(), self.marks(), self.routine(), self.settings())

    def merge(self, data: ExportData) -> tuple[int, int]:
        """Add the sessions whose id and the marks whose date are new, in one locked write.

        A routine and settings are taken only when this file has none, so an import never
        undoes the person's own edits. Returns (sessions added, marks added)."""

        def change() -> tuple[int, int]:
            tables = self._storage.read() or {}
            sessions = tables.setdefault("sessions", {})
            marks = tables.setdefault("marks", {})
            known_ids = {doc.get("id") for doc in sessions.values()}
            known_days = {doc.get("date") for doc in marks.values()}
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
            tables.setdefault("meta", {"1": {"schema": SCHEMA_VERSION}})
            self._storage.write(tables)
            return added_sessions, added_marks

        return self._write(change)


def _next_id(table: dict[str, Any]) -> int:
    """TinyDB's ids are the table's keys as text; new ones go after the largest."""
    return max((int(key) for key in table), default=0) + 1
