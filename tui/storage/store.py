"""The store: routine, settings and marks in one small TinyDB file, sessions in one file per
year beside it (tui/storage/layout.py); every change locked and every file written atomically."""

from __future__ import annotations

import copy
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb.storages import Storage
from tinydb.table import Table

from tui.domain.history import HistorySettings, MarkKind, SessionFacts, countable_day
from tui.domain.routine import Routine, default_routine
from tui.storage import backups, summary
from tui.storage.atomic import (
    TEMP_PREFIX,
    Tables,
    file_status,
    read_json_file,
    remove_stale_temp_files,
    resolve_target,
    temp_prefix,
    write_atomically,
)
from tui.storage.errors import RETRY, StoreError
from tui.storage.layout import (
    LAYOUT_SINCE,
    SESSIONS,
    UNDATED,
    session_file,
    session_file_names,
    session_files,
    session_key,
    sessions_folder,
)
from tui.storage.migrations import current_version, migrate, schema_version, stamp

if TYPE_CHECKING:
    from filelock import FileLock

    from tui.domain.export_format import ExportData

# The schema this Supple writes. The store itself asks `current_version()`, so a test can
# append a migration and watch a file go through it.
SCHEMA_VERSION = current_version()
APP_NAME = "supple"
DB_ENV = "SUPPLE_DB"
LOCK_TIMEOUT_S = 10.0

T = TypeVar("T")
Identity = tuple[int, int, int]
log = logging.getLogger(__name__)

# A session still running, as Supple writes it: found without parsing years of history.
_OPEN_SESSION = re.compile(rb'"ended_at"\s*:\s*null')


def default_db_path() -> Path:
    """`$SUPPLE_DB`, or supple.json in the user data folder platformdirs gives."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # here, not at the top: most starts name no default and skip it

    return platformdirs.user_data_path(APP_NAME) / "supple.json"


def dumps(tables: Tables | dict[str, Any] | str) -> str:
    """JSON as Supple writes it: compact, UTF-8 kept as is."""
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":"))


# What a document looked like when it was last written, by document id: (the document, its
# JSON). Documents are never changed in place (a change replaces them), so one that is still
# the same object has the same JSON.
Fragments = dict[str, tuple[Any, str]]


def dumps_sessions(tables: Tables, known: Fragments) -> tuple[str, Fragments]:
    """A session file's JSON, exactly as `dumps` writes it, reusing the JSON of documents
    unchanged since `known` was made: a save of one session serialises that session, not
    its year. One document at a time, too, so a long first write never holds Python's GIL
    (and the app's frames) for long. Returns the text and the fragments for next time."""
    if list(tables) != [SESSIONS]:
        return dumps(tables), {}
    fragments: Fragments = {}
    parts = []
    for doc_id, document in tables[SESSIONS].items():
        hit = known.get(doc_id)
        text = hit[1] if hit is not None and hit[0] is document else dumps(document)
        fragments[doc_id] = (document, text)
        # Document ids are digits (read_json_file refuses any other), so they need no escaping.
        parts.append(f'"{doc_id}":{text}' if doc_id.isdigit() else f"{dumps(doc_id)}:{text}")
    return '{"sessions":{' + ",".join(parts) + "}}", fragments


def _identity(path: Path) -> Identity | None:
    status = file_status(path)  # StoreError for anything but a regular file
    if status is None:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size)


def _copy_tables(tables: Tables) -> Tables:
    """A copy a change may add to, remove from and replace documents in (never edit one in
    place): the parsed file stays as it was, for readers and should the write fail."""
    return {name: dict(table) for name, table in tables.items()}


class _Snapshot(Storage):
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


class _Change:
    """One locked change: the main file's tables, and the session files it reads or changes,
    each read fresh under the lock. Written when the change returns, each changed file once."""

    def __init__(self, store: Store, main: Tables) -> None:
        self.store = store
        self.main = _Snapshot(main)
        self.files: dict[str, Tables] = {}
        self.changed_files: set[str] = set()

    def sessions_of(self, key: str) -> dict[str, Any]:
        """The sessions table of one year's file, to change in place (documents replaced,
        never edited); call `touch(key)` after changing it."""
        if key not in self.files:
            path = session_file(self.store.path, key)
            self.files[key] = _copy_tables(self.store._read(path) or {})
        return self.files[key].setdefault(SESSIONS, {})

    def all_sessions(self) -> dict[str, dict[str, Any]]:
        """Every session file's sessions table, by key."""
        return {key: self.sessions_of(key) for key in session_files(self.store.path)}

    def touch(self, key: str) -> None:
        self.changed_files.add(key)


class Store:
    """Reads and writes Supple's files. Every change re-reads what it changes under a lock
    first, so two Supple processes on one database never lose each other's updates."""

    def __init__(self, path: Path) -> None:
        # A symlinked main file is read and written through: the lock, temp files, session
        # folder and backups live beside its target, and the link stays a link.
        self.path = resolve_target(path)
        self._lock: FileLock | None = None
        # Documents left out because they are damaged, by "table/id": kept in the file
        # untouched, reported once. The app can show `warning_summary()`.
        self._odd: dict[str, str] = {}
        # Each file's last parse, by its identity (inode, mtime, size): every write replaces
        # a file (new inode), so a change made anywhere is always seen. Read-only.
        self._parsed: dict[Path, tuple[Identity, Tables]] = {}
        # The JSON of each session file's documents as last written (dumps_sessions).
        self._fragments: dict[Path, Fragments] = {}
        # The main file as readers see it (upgraded in memory), by its identity.
        self._main_cache: tuple[Identity, Tables, int, bool] | None = None
        self._checked_cache: tuple[object, list[dict[str, Any]]] | None = None
        self._facts_cache: tuple[object, dict[str, SessionFacts]] | None = None
        # The summary beside the sessions (summary.py), by its identity.
        self._summary: tuple[object, dict[str, dict[str, Any]]] | None = None

    @classmethod
    def open(cls, path: Path, *, deep: bool = True) -> Store:
        """Check the files without writing; a file it cannot use raises StoreError. A missing
        file is fine: the first write creates it. `deep` also reads every session and mark now
        (a damaged one is only noted); the app leaves that until its first screen shows."""
        store = cls(path)
        store._check(deep=deep)
        summary = store.warning_summary()
        if summary:
            log.warning(summary)
        return store

    # -- reading -----------------------------------------------------------------

    def _read(self, path: Path) -> Tables | None:
        """A file's tables, parsed at most once per version of it; None when it is not there."""
        identity = _identity(path)
        if identity is None:
            self._parsed.pop(path, None)
            return None
        hit = self._parsed.get(path)
        if hit is not None and hit[0] == identity:
            return hit[1]
        tables = read_json_file(path)
        if tables is not None:
            self._parsed[path] = (identity, tables)
        return tables

    def _main(self) -> tuple[Tables, int, bool]:
        """The main file's tables as readers see them (upgraded in memory), the schema it was
        written with, and whether it holds its sessions itself (bundled: layout.py)."""
        identity = _identity(self.path)
        cached = self._main_cache
        if identity is not None and cached is not None and cached[0] == identity:
            return cached[1], cached[2], cached[3]
        raw = self._read(self.path)
        if raw is None:
            # No file yet: a new database, in today's layout. (A sessions folder left without
            # its main file is still read.)
            return {}, current_version(), False
        version = schema_version(self.path, raw)
        bundled = version < LAYOUT_SINCE or SESSIONS in raw
        tables = raw
        if version < current_version():
            # Readers see today's layout; the file itself is upgraded by the next write.
            tables = migrate(copy.deepcopy(raw), version)
        if identity is not None:
            self._main_cache = (identity, tables, version, bundled)
        return tables, version, bundled

    def _table(self, name: str) -> Table:
        return _Snapshot(self._main()[0]).table(name)

    def _session_tables(self) -> list[tuple[str, dict[str, Any]]]:
        """(key, sessions table) of every file holding sessions; key "" for a bundled file."""
        main, _, bundled = self._main()
        if bundled:
            return [("", main.get(SESSIONS, {}))]
        found = []
        for key, path in session_files(self.path).items():
            tables = self._read(path) or {}
            found.append((key, tables.get(SESSIONS, {})))
        return found

    def version(self) -> object:
        """Changes whenever any file of the database does (every write replaces the files it
        changes): a key for caches."""
        return (
            _identity(self.path),
            tuple((key, _identity(path)) for key, path in session_files(self.path).items()),
        )

    # -- writing -----------------------------------------------------------------

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

    def _write(self, change: Callable[[_Change], T]) -> T:
        """Run `change` on fresh reads under the lock, then write each file it changed once.
        A bundled or older main file is first brought to today's layout (after a backup)."""
        with self._locked():
            raw = self._read(self.path)
            if raw is not None:
                version = schema_version(self.path, raw)
                if version < current_version() or SESSIONS in raw:
                    # A file `open` would refuse is refused here too, before anything moves.
                    self._check_documents(None)
                    self._unbundle(raw, version)
                    raw = self._read(self.path)
                    assert raw is not None
            main = _copy_tables(raw or {})
            # A main file broken meanwhile is refused here too, rather than overwritten.
            self._check_documents(main)
            work = _Change(self, main)
            result = change(work)
            for key in sorted(work.changed_files):
                self._write_file(session_file(self.path, key), work.files[key])
            if work.main.changed or raw is None:
                stamp(work.main.tables)
                self._write_file(self.path, work.main.tables)
            return result

    def _write_file(self, path: Path, tables: Tables) -> None:
        if path == self.path:
            text = dumps(tables)
        else:
            text, fragments = dumps_sessions(tables, self._fragments.pop(path, {}))
        write_atomically(path, text)
        if path != self.path:
            self._fragments[path] = fragments
        identity = _identity(path)
        if identity is not None:
            # What was just written is what the next reader would parse.
            self._parsed[path] = (identity, tables)

    def _unbundle(self, raw: Tables, version: int, *, replace_folder: bool = False) -> Path | None:
        """Bring a bundled or older main file to today's layout, under the lock: its sessions
        go to one file per year, then the main file is written without them. That last write
        is the commit: a crash before it leaves the bundled file, and the next write redoes
        the move. Session files already there are kept aside (the folder renamed), unless
        `replace_folder` (a restore, which kept the whole history aside already). Returns
        where the folder was kept, if it was."""
        if version < current_version() and self.path.exists():
            # An upgraded file may not open in the Supple that wrote it: keep its copy.
            backups.take_before_migration(self.path, _today(), version)
        tables = migrate(copy.deepcopy(raw), version)
        sessions = tables.pop(SESSIONS, {})
        by_key: dict[str, dict[str, Any]] = {}
        for doc_id, document in sessions.items():
            by_key.setdefault(session_key(document), {})[doc_id] = document
        folder = sessions_folder(self.path)
        existing = session_files(self.path)
        kept = None
        if existing and not replace_folder:
            kept = _aside(folder, datetime.now())
            folder.rename(kept)
            for path in existing.values():
                self._parsed.pop(path, None)
            existing = {}
        for key, documents in by_key.items():
            self._write_file(session_file(self.path, key), {SESSIONS: documents})
        for key, path in existing.items():
            if key not in by_key:
                path.unlink(missing_ok=True)
                self._parsed.pop(path, None)
        stamp(tables)
        self._write_file(self.path, tables)
        return kept

    # -- checks ------------------------------------------------------------------

    def _check(self, *, deep: bool = True) -> None:
        """Everything that makes a file unusable, found before the app or a command starts;
        damaged sessions and marks are only noted, since the rest of the history is fine."""
        main, _, _ = self._main()
        self._check_documents(main)
        if deep:
            self.session_facts()
            self._checked_marks(main)
        else:
            # Every session file must parse: a damaged one is refused now, in one line, not
            # once the app runs. A file the summary vouches for (unchanged since it was read
            # whole) is not read again; the rest are parsed once, and later reads reuse it.
            self._stale_session_files()

    def _check_documents(self, tables: Tables | None) -> None:
        """The routine and settings the app cannot do without; StoreError when damaged."""
        if tables is None:
            tables = self._main()[0]
        snapshot = _Snapshot(tables)
        _routine_from(self.path, snapshot.table("routine"))
        _history_settings_from(self.path, snapshot.table("settings"))

    def _summary_entries(self) -> dict[str, dict[str, Any]]:
        """The summary's entries by file key, read once per version of it."""
        path = summary.path_of(sessions_folder(self.path))
        identity = summary.file_identity(path)
        if self._summary is not None and self._summary[0] == identity:
            return self._summary[1]
        entries = summary.load(sessions_folder(self.path)) if identity is not None else {}
        self._summary = (identity, entries)
        return entries

    def _vouched(self) -> dict[str, dict[str, Any]]:
        """The summary's entries for the session files unchanged since it read them."""
        main, _, bundled = self._main()
        if bundled:
            return {}
        entries = self._summary_entries()
        vouched = {}
        for key, path in session_files(self.path).items():
            entry = entries.get(key)
            identity = summary.file_identity(path)
            if entry is not None and identity is not None and entry["identity"] == list(identity):
                vouched[key] = entry
        return vouched

    def _stale_session_files(self) -> None:
        """Parse the session files the summary does not vouch for (StoreError if damaged)."""
        main, _, bundled = self._main()
        if bundled:
            return
        vouched = self._vouched()
        for key, path in session_files(self.path).items():
            if key not in vouched:
                self._read(path)

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

    # -- start -------------------------------------------------------------------

    def _needs_preparing(self) -> bool:
        """Whether `prepare` has anything to do: most starts find nothing, and then take no
        lock and write nothing, which keeps start-up fast on a long history."""
        if _identity(self.path) is None:
            return True
        main, version, bundled = self._main()
        # A file broken since it was opened is refused here, as a write would refuse it.
        self._check_documents(main)
        if bundled or version < current_version():
            return True
        files = session_files(self.path)
        vouched = self._vouched()
        for key, path in files.items():
            # A session still open is one a crash may have left: worth a look under the lock.
            # The summary knows for the files it vouches for; in the others, searching the
            # bytes finds it without parsing them.
            if key in vouched:
                if vouched[key].get("open") is False:
                    continue
                return True
            try:
                if _OPEN_SESSION.search(path.read_bytes()):
                    return True
            except OSError:
                return True
        if any(self.path.parent.glob(f"{temp_prefix(self.path)}*")):
            return True
        if any(sessions_folder(self.path).glob(f"{TEMP_PREFIX}*")):
            return True
        folder = backups.backup_folder(self.path)
        return any(folder.glob(f"{TEMP_PREFIX}{self.path.stem}-*"))

    def prepare(self) -> int:
        """Run once at start: upgrade an older file (after a backup), tidy temp files, close
        crashed sessions. Returns how many sessions a crash had left open."""
        if not self._needs_preparing():
            return 0
        from tui.domain.export_format import ExportError, check_session
        from tui.domain.session import close_unfinished

        def change(work: _Change) -> int:
            # Under the lock: no writer of these files is between its temp file and its rename.
            remove_stale_temp_files(self.path.parent, re.escape(self.path.name))
            remove_stale_temp_files(sessions_folder(self.path), session_file_names())
            backups.remove_stale_temp_files_of_backups(self.path)
            closed = 0
            for key, path in session_files(self.path).items():
                try:
                    if not _OPEN_SESSION.search(path.read_bytes()):
                        continue
                except OSError:
                    pass
                sessions = work.sessions_of(key)
                for doc_id, doc in list(sessions.items()):
                    if not isinstance(doc, dict) or doc.get("ended_at", "") is not None:
                        continue
                    try:
                        check_session(doc, "session")
                    except ExportError:
                        continue  # a damaged document is left exactly as it is
                    # A run whose lock is still held is going on in another terminal.
                    lock = self.run_lock(str(doc["id"]))
                    try:
                        lock.acquire(timeout=0)
                    except TimeoutError:  # filelock's Timeout is a TimeoutError
                        continue
                    try:
                        sessions[doc_id] = close_unfinished(doc)
                        work.touch(key)
                        closed += 1
                    finally:
                        # Only its own process ever claims a session's run lock, and that
                        # process is gone, so it is safe to let go before the write below.
                        lock.release()
                        Path(lock.lock_file).unlink(missing_ok=True)
            return closed

        return self._write(change)

    def upgrade(self) -> None:
        """Bring an older or bundled file to today's layout now (after a backup); nothing
        else changes. Any write does this first anyway."""
        self._write(lambda work: None)

    # -- backups -----------------------------------------------------------------

    def bundle(self) -> Tables:
        """The whole database as one set of tables (what a backup holds): the main file's,
        with every session in one `sessions` table, numbered afresh."""
        main, _, _ = self._main()
        tables = {name: table for name, table in main.items() if name != SESSIONS}
        sessions: dict[str, Any] = {}
        for _, table in self._session_tables():
            for document in table.values():
                sessions[str(len(sessions) + 1)] = document
        tables[SESSIONS] = sessions
        stamp(tables)
        return tables

    def _bundle_bytes(self) -> bytes | None:
        """The bytes of a backup of everything: a bundled file is copied as it is."""
        raw = self._read(self.path)
        if raw is not None and (SESSIONS in raw or schema_version(self.path, raw) < LAYOUT_SINCE):
            return self.path.read_bytes()
        if raw is None and not session_files(self.path):
            return None
        return dumps(self.bundle()).encode("utf-8")

    def back_up_daily(self, today: date) -> Path | None:
        """The first start of a day copies the database to backups/; returns the copy, if made."""
        if (backups.backup_folder(self.path) / backups.daily_name(self.path, today)).exists():
            return None  # the usual case after the first start: no lock, no copy
        with self._locked():
            try:
                return backups.take_daily(self.path, today, self._bundle_bytes)
            except OSError as error:
                folder = backups.backup_folder(self.path)
                raise StoreError(
                    self.path, f"its daily backup cannot be made in {folder} ({error.strerror})"
                ) from error

    def restore(self, backup: Path, now: datetime) -> list[Path]:
        """Put a backup in place of the database, keeping the current one beside it (returned:
        one file holding all of it; or, if it is damaged, its files as they are). A backup
        Supple cannot use raises StoreError and changes nothing."""
        incoming = Store.open(backup)
        raw = incoming._read(backup)
        if raw is not None and SESSIONS not in raw and schema_version(backup, raw) >= LAYOUT_SINCE:
            raise StoreError(
                backup, "it holds no sessions: a main file alone, not a backup of everything"
            )
        with self._locked():
            try:
                current = self._bundle_bytes()
                whole = True
            except StoreError:
                # Damaged: its files are kept aside exactly as they are.
                current = self.path.read_bytes() if self.path.is_file() else None
                whole = False
            kept = []
            aside = backups.put_back(self.path, backup, now, current)
            if aside is not None:
                kept.append(aside)
            # The main file is now the backup, bundled: move its sessions out at once.
            raw = self._read(self.path)
            assert raw is not None
            folder = self._unbundle(raw, schema_version(self.path, raw), replace_folder=whole)
            if folder is not None:
                kept.append(folder)
            return kept

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
        from glob import escape as glob_escape  # here: only this needs it, not start-up

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
        """Insert or replace the session with this document's id, in its year's file only."""
        key = session_key(document)
        # A copy of its own: the caller may go on changing the one it passed.
        document = copy.deepcopy(document)

        def change(work: _Change) -> None:
            sessions = work.sessions_of(key)
            for doc_id, stored in sessions.items():
                if isinstance(stored, dict) and stored.get("id") == document["id"]:
                    sessions[doc_id] = document
                    break
            else:
                sessions[str(_next_id(sessions))] = document
            work.touch(key)

        self._write(change)

    def sessions(self) -> list[dict[str, Any]]:
        """Every session document as stored, oldest first, damaged ones included: views that
        list the history count what they cannot show. See `checked_sessions` for the rest."""
        docs = [dict(d) for _, table in self._session_tables() for d in table.values()]
        return sorted(docs, key=lambda d: str(d.get("started_at", "")))

    def checked_sessions(self) -> list[dict[str, Any]]:
        """The sessions as PRODUCT.md §3 describes them, oldest first; damaged ones are noted
        (see `warnings`) and left out, and stay in the file untouched."""
        version = self.version()
        if self._checked_cache is not None and self._checked_cache[0] == version:
            return list(self._checked_cache[1])
        from tui.domain.export_format import ExportError, check_session

        docs = []
        for key, table in self._session_tables():
            for doc_id, doc in table.items():
                where = f"session {doc_id}" + (f" of {key}" if key else "")
                try:
                    docs.append(check_session(doc, where))
                except ExportError as error:
                    self._note(f"sessions/{key}/{doc_id}", str(error))
        docs.sort(key=lambda d: str(d["started_at"]))
        if version == self.version():
            self._checked_cache = (version, docs)
        return list(docs)

    def session_facts(self) -> dict[str, SessionFacts]:
        """The facts the rules of history read, of every readable session, by id; damaged
        sessions are noted (see `warnings`) and left out. Only the session files that changed
        since the summary beside them was written are read and checked (summary.py)."""
        version = self.version()
        if self._facts_cache is not None and self._facts_cache[0] == version:
            return dict(self._facts_cache[1])
        main, _, bundled = self._main()
        result: dict[str, SessionFacts] = {}
        if bundled:
            for _, table in self._session_tables():
                by_id, odd = self._facts_of("", table)
                self._note_odd("", odd)
                result.update(by_id)
        else:
            vouched = self._vouched()
            entries: dict[str, dict[str, Any]] = {}
            for key, path in session_files(self.path).items():
                facts = None
                if key in vouched:
                    try:
                        facts = summary.decode(vouched[key])
                        entries[key] = vouched[key]
                    except Exception:  # noqa: BLE001 - an odd entry is read afresh
                        facts = None
                if facts is None:
                    identity = summary.file_identity(path)
                    table = (self._read(path) or {}).get(SESSIONS, {})
                    facts = self._facts_of(key, table)
                    entry = summary.encode(identity, facts, table) if identity else None
                    if entry is not None:
                        entries[key] = entry
                self._note_odd(key, facts[1])
                result.update(facts[0])
            if entries != self._summary_entries():
                summary.save(sessions_folder(self.path), entries)
        if version == self.version():
            self._facts_cache = (version, result)
        return dict(result)

    def _facts_of(self, key: str, table: dict[str, Any]) -> summary.FileFacts:
        from tui.domain.export_format import ExportError, check_session

        by_id: dict[str, SessionFacts] = {}
        odd: dict[str, str] = {}
        for doc_id, doc in table.items():
            where = f"session {doc_id}" + (f" of {key}" if key else "")
            try:
                checked = check_session(doc, where)
                by_id[checked["id"]] = SessionFacts.from_document(checked)
            except (ExportError, ValueError) as error:
                odd[doc_id] = str(error)
        return by_id, odd

    def _note_odd(self, key: str, odd: dict[str, str]) -> None:
        for doc_id, problem in odd.items():
            self._note(f"sessions/{key}/{doc_id}", problem)

    # -- routine and settings ------------------------------------------------------

    def routine(self) -> Routine:
        return _routine_from(self.path, self._table("routine"))

    def save_routine(self, routine: Routine) -> None:
        def change(work: _Change) -> None:
            table = work.main.table("routine")
            table.truncate()
            table.insert(routine.to_dict())

        self._write(change)

    def settings(self) -> dict[str, Any]:
        docs = self._table("settings").all()
        return dict(docs[0]) if docs else {}

    def save_settings(self, values: dict[str, Any]) -> None:
        """Merge `values` into the stored settings."""

        def change(work: _Change) -> None:
            table = work.main.table("settings")
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
        return self._checked_marks(self._main()[0])

    def _checked_marks(self, tables: Tables) -> dict[date, MarkKind]:
        marks: dict[date, MarkKind] = {}
        for doc_id, doc in tables.get("marks", {}).items():
            try:
                marks[countable_day(date.fromisoformat(doc["date"]))] = MarkKind(doc["kind"])
            except (KeyError, TypeError, ValueError):
                # One odd mark must not hide the rest of the history.
                self._note(f"marks/{doc_id}", f"mark {doc_id} is not a date with kind done or rest")
        return marks

    def set_mark(self, day: date, kind: MarkKind | None) -> None:
        """Mark a day done or rest; None clears its mark."""

        def change(work: _Change) -> None:
            table = work.main.tables.setdefault("marks", {})
            for doc_id, doc in list(table.items()):
                if isinstance(doc, dict) and doc.get("date") == day.isoformat():
                    del table[doc_id]
                    work.main.changed = True
            if kind is not None:
                table[str(_next_id(table))] = {"date": day.isoformat(), "kind": kind.value}
                work.main.changed = True

        self._write(change)

    # -- export and import -------------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Everything a person would need to move to another machine: see export_format."""
        from tui.domain.export_format import build_export

        return build_export(self.checked_sessions(), self.marks(), self.routine(), self.settings())

    def merge(self, data: ExportData) -> tuple[int, int]:
        """Add the sessions whose id and the marks whose date are new, in one locked change
        that writes each year's file it adds to once.

        A routine and settings are taken only when this database has none, so an import never
        undoes the person's own edits. Returns (sessions added, marks added)."""

        def change(work: _Change) -> tuple[int, int]:
            tables = work.main.tables
            marks = tables.setdefault("marks", {})
            known_ids: set[str] = set()
            # Where each known session is, and when it was last saved: a newer save of the
            # same session (a run's rescue file, kept when its saves failed) replaces it.
            where: dict[str, tuple[str, str, Any]] = {}
            next_ids: dict[str, int] = {}
            for key, sessions in work.all_sessions().items():
                # Only text can be an id; a damaged document's odd value is ignored.
                for doc_id, d in sessions.items():
                    if isinstance(d, dict) and isinstance(d.get("id"), str):
                        known_ids.add(d["id"])
                        where[d["id"]] = (key, doc_id, d.get("updated_at"))
                next_ids[key] = _next_id(sessions)
            known_days = {d["date"] for d in marks.values() if isinstance(d.get("date"), str)}
            added_sessions = added_marks = 0
            for document in data.sessions:
                if document["id"] in known_ids:
                    key, doc_id, saved_at = where.get(document["id"], ("", "", None))
                    if key and _saved_later(document.get("updated_at"), saved_at):
                        work.sessions_of(key)[doc_id] = document
                        work.touch(key)
                        added_sessions += 1
                    continue
                key = session_key(document)
                sessions = work.sessions_of(key)
                number = next_ids.get(key) or _next_id(sessions)
                sessions[str(number)] = document
                next_ids[key] = number + 1
                work.touch(key)
                known_ids.add(document["id"])
                added_sessions += 1
            next_mark = _next_id(marks)
            for day, kind in sorted(data.marks.items()):
                if day.isoformat() not in known_days:
                    marks[str(next_mark)] = {"date": day.isoformat(), "kind": kind.value}
                    next_mark += 1
                    added_marks += 1
            if data.routine is not None and not tables.get("routine"):
                tables["routine"] = {"1": data.routine.to_dict()}
            if data.settings and not tables.get("settings"):
                tables["settings"] = {"1": dict(data.settings)}
            work.main.changed = True
            return added_sessions, added_marks

        return self._write(change)


def _saved_later(imported: Any, stored: Any) -> bool:
    """Whether a session's imported copy was saved after the stored one (both `updated_at`
    instants); False when either is missing or not a date, so nothing is replaced on doubt."""
    try:
        return datetime.fromisoformat(imported) > datetime.fromisoformat(stored)
    except (TypeError, ValueError):
        return False


def read_bundle(path: Path) -> Tables:
    """The whole database at `path` as one set of tables, sessions included (for tests and
    tools); raises StoreError as the store would."""
    return Store(path).bundle()


def _today() -> date:
    from tui.domain.clock import local_now

    return local_now().date()


def _aside(path: Path, now: datetime) -> Path:
    """A new name beside `path` for something kept aside, never an existing one."""
    base = path.with_name(f"{path.name}.replaced-{now:%Y%m%d-%H%M%S}")
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def _routine_from(path: Path, table: Table) -> Routine:
    docs = table.all()
    if not docs:
        return default_routine()
    from tui.domain.routine_edit import validate_routine

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


__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "UNDATED", "default_db_path", "read_bundle"]
