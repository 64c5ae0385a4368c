"""One locked change of a database: the lock taken, the files read fresh under it, an older
layout upgraded first, the change run, and the files it changed written once each: session
files first, then the main file with its record of them (the commit)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tui.i18n import _
from tui.storage import headers, ledger
from tui.storage.errors import RETRY, StoreError
from tui.storage.layout import SESSIONS, key_machine, session_file
from tui.storage.migrations import current_version
from tui.storage.unit_of_work import Change, copy_tables

if TYPE_CHECKING:
    from filelock import FileLock

    from tui.storage.store import Store

T = TypeVar("T")


@contextmanager
def locked(db: Path, lock: FileLock) -> Iterator[None]:
    """Hold `lock` (this machine's, in its state folder); a failure is one line."""
    from filelock import Timeout

    from tui.storage.locks import locks_folder

    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        locks_folder().mkdir(parents=True, exist_ok=True)
        with lock:
            yield
    except Timeout as error:
        raise StoreError(
            db,
            _("another program holds its lock for too long"),
            _("The file was left as it was, whole; try again once the other Supple is done."),
        ) from error
    except PermissionError as error:
        raise StoreError(db, _("it cannot be written (permission denied)"), RETRY) from error
    except OSError as error:
        # A full disk or a vanished folder: the atomic write left the old file whole.
        # Translators: {reason} is the system's own words, such as "No space left on device".
        problem = _("it cannot be written ({reason})").format(reason=error.strerror)
        raise StoreError(db, problem, RETRY) from error


def run(store: Store, change: Callable[[Change], T]) -> T:
    """Run `change` on fresh reads under the lock, then commit it."""
    from tui.storage.upgrade import needs_upgrade, upgrade_layout

    with store.locked():
        raw = store.files.read(store.path)
        if raw is not None:
            headers.refuse_unless(store.path, raw, (headers.MAIN,))
            if needs_upgrade(store.path, raw):
                # A file `open` would refuse is refused here too, before anything moves.
                store._check_documents(None)
                upgrade_layout(store, raw)
                raw = store.files.read(store.path)
                assert raw is not None
        main = copy_tables(raw or {})
        # A main file broken meanwhile is refused here too, rather than overwritten.
        store._check_documents(main)
        if raw is not None:
            # Nothing is written over a history whose files are not all there.
            store.files_present(main)
        work = Change(store, main)
        result = change(work)
        commit(store, work, new=raw is None)
        return result


def commit(store: Store, work: Change, *, new: bool = False) -> None:
    """Write what a change changed: its session files, then the main file, stamped."""
    from tui.domain.clock import local_now

    me = store.machine()
    main = work.main.tables
    said = headers.header(main).get("db")
    db = said if isinstance(said, str) else store.db_id() or headers.new_db_id()
    version = current_version()
    counts = {}
    for key in sorted(work.changed_files):
        tables = work.files[key]
        year = key.split("/")[-1]
        header = headers.make_header(headers.YEAR, db, version, machine=me.id, year=year)
        headers.set_header(tables, header)
        # The header first, so a file reads as what it is from its first bytes.
        tables = {headers.META: tables[headers.META], **tables}
        store.write_file(session_file(store.path, key), tables)
        if key_machine(key) == me.id:
            counts[year] = len(tables.get(SESSIONS, {}))
    changed = work.main.changed or new
    if counts or changed:
        changed = ledger.update(main, me, counts, local_now()) or changed
    if changed:
        headers.set_header(main, headers.make_header(headers.MAIN, db, version))
        store.write_file(store.path, main)
