"""Daily backups of the whole history, and putting one back in its place."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.i18n import _
from tui.storage import backups, headers
from tui.storage.atomic import Tables, read_json_file
from tui.storage.errors import StoreError
from tui.storage.layout import LAYOUT_SINCE, SESSIONS, session_files
from tui.storage.merge_rules import choose_sessions
from tui.storage.migrations import current_version, schema_version
from tui.storage.parsed import dumps

if TYPE_CHECKING:
    from tui.storage.store import Store


def bundle(store: Store) -> Tables:
    """The whole database as one set of tables (what a backup holds): the main file's, with
    every session (tombstones too) in one `sessions` table, numbered afresh."""
    main, _version, _bundled = store._main()
    tables = {name: table for name, table in main.items() if name != SESSIONS}
    everything = [d for _key, table in store.session_tables() for d in table.values()]
    winners = list(choose_sessions(everything).values())
    winners += [
        d for d in everything if not isinstance(d, dict) or not isinstance(d.get("id"), str)
    ]
    tables[SESSIONS] = {str(n): d for n, d in enumerate(winners, 1)}
    headers.set_header(
        tables, headers.make_header(headers.BACKUP, store.db_id(), current_version())
    )
    return tables


def bundle_bytes(store: Store) -> bytes | None:
    """The bytes of a backup of everything, None when there is nothing yet."""
    raw = store.files.read(store.path)
    if raw is None and not session_files(store.path):
        return None
    if raw is not None and (SESSIONS in raw or schema_version(store.path, raw) < LAYOUT_SINCE):
        return store.path.read_bytes()  # a whole history in one file already: as it is
    return dumps(store.bundle()).encode("utf-8")


def back_up_daily(store: Store, today: date) -> Path | None:
    """The first start of a day copies the database to backups/. Never while a session file
    the record lists is missing, even another computer's (a backup of part of a history
    would push out those of all of it)."""
    if (backups.backup_folder(store.path) / backups.daily_name(store.path, today)).exists():
        return None  # the usual case after the first start: no lock, no copy
    if not store.path.exists() and not session_files(store.path):
        return None  # nothing to copy yet: no lock either
    with store.locked():
        content = bundle_bytes(store)
        if store.doubts:
            return None
        try:
            return backups.take_daily(store.path, today, lambda: content)
        except OSError as error:
            folder = backups.backup_folder(store.path)
            raise StoreError(
                store.path,
                # Translators: {folder} is where backups go; {reason} the system's own words.
                _("its daily backup cannot be made in {folder} ({reason})").format(
                    folder=folder, reason=error.strerror
                ),
                _("Nothing was changed; try again once there is room (or permission) there."),
            ) from error


def _as_main(path: Path) -> bytes:
    """A backup's bytes, restamped as a main file (bundled), ready to stand in its place."""
    tables = read_json_file(path) or {}
    header = dict(headers.header(tables))
    header["kind"] = headers.MAIN
    headers.set_header(tables, header)
    return dumps(tables).encode("utf-8")


def restore(store: Store, backup: Path, now: datetime) -> list[Path]:
    """Put a backup in place of the database, keeping the current one beside it (returned:
    one file holding all of it; or, if it is damaged, its files as they are). A backup
    Supple cannot use raises StoreError and changes nothing."""
    from tui.storage.store import Store as StoreClass
    from tui.storage.upgrade import upgrade_layout

    if store.path.exists() and backup.exists() and os.path.samefile(backup, store.path):
        raise StoreError(backup, _("it is the data file itself, not a backup of it"))
    raw = read_json_file(backup)
    if raw is None:
        raise StoreError(backup, _("there is no such file"))
    headers.refuse_unless(backup, raw, (headers.BACKUP, headers.MAIN))
    if SESSIONS not in raw and schema_version(backup, raw) >= LAYOUT_SINCE:
        raise StoreError(
            backup, _("it holds no sessions: a main file alone, not a backup of everything")
        )
    incoming = StoreClass(backup)
    incoming._check_documents(raw)
    with store.locked():
        try:
            current = bundle_bytes(store)
            whole = True
        except StoreError:
            # Damaged: its files are kept aside exactly as they are.
            current = store.path.read_bytes() if store.path.is_file() else None
            whole = False
        kept = []
        aside = backups.put_back(store.path, _as_main(backup), now, current)
        if aside is not None:
            kept.append(aside)
        # The main file is now the backup, bundled: move its sessions out at once.
        raw = store.files.read(store.path)
        assert raw is not None
        folder = upgrade_layout(store, raw, replace_folder=whole)
        if folder is not None:
            kept.append(folder)
        return kept
