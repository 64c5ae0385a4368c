"""The main file's record of which machine holds how many sessions in which file.

With it a history whose sessions folder is missing, unreadable, replaced, or not yet synced is
never shown as empty: a file of this machine's that is missing or holds fewer sessions than
recorded is an error (exit 2, nothing written, no backup taken); one of another machine's is a
warning (a sync tool may still be bringing it), and no backup is taken while it lasts. Each
machine writes only its own record, so copies of the record merge by rule (merge_rules.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.i18n import N_, _, ngettext
from tui.storage.atomic import Tables
from tui.storage.errors import StoreError
from tui.storage.layout import key_machine, own_key, sessions_folder
from tui.storage.machine import Machine
from tui.storage.merge_rules import MACHINES

# Translators: `supple restore` is a command: keep it.
PUT_BACK = N_(
    "Nothing was changed; put the folder back (or let your sync tool finish), "
    "or `supple restore` lists daily backups to put back."
)


def records(main: Tables) -> dict[str, dict[str, Any]]:
    """Each machine's record, by machine id."""
    found = {}
    for document in main.get(MACHINES, {}).values():
        if isinstance(document, dict) and isinstance(document.get("id"), str):
            found[document["id"]] = document
    return found


def expected(main: Tables) -> dict[str, int]:
    """The session files the main file says exist, with how many sessions each held."""
    wanted: dict[str, int] = {}
    for machine_id, document in records(main).items():
        files = document.get("files")
        if not isinstance(files, dict):
            continue
        for year, count in files.items():
            if isinstance(year, str) and type(count) is int and count > 0:
                wanted[own_key(machine_id, year)] = count
    return wanted


def check(db: Path, main: Tables, present: dict[str, int | None], own: str | None) -> list[str]:
    """Compare the files there are (key → sessions in it, None when not counted) with the
    record. StoreError for this machine's own losses and a missing folder; returns a line
    for each of another machine's files that is missing or short."""
    wanted = expected(main)
    if not wanted:
        return []
    total = sum(wanted.values())
    if not present and not sessions_folder(db).is_dir():
        raise StoreError(
            sessions_folder(db),
            # Translators: {file} is the main file's name; {count} how many sessions it records.
            ngettext(
                "the folder of sessions is missing, while {file} records {count} sessions in it",
                "the folder of sessions is missing, while {file} records {count} sessions in it",
                total,
            ).format(file=db.name, count=total),
            PUT_BACK,
        )
    doubts = []
    for key, count in wanted.items():
        found = present.get(key, -1)
        if found is None or found >= count:
            continue
        where = sessions_folder(db) / f"{key}.json"
        if key_machine(key) == own:
            problem = (
                _("it is missing (a file of this computer's)")
                if found == -1
                # Translators: {found} sessions are in the file, {count} were recorded.
                else ngettext(
                    "it holds {found} sessions, {count} were recorded (a file of this computer's)",
                    "it holds {found} sessions, {count} were recorded (a file of this computer's)",
                    count,
                ).format(found=found, count=count)
            )
            raise StoreError(where, problem, PUT_BACK)
        doubt = (
            # Translators: {path} is a file of another computer's, missing or short.
            _("{path}: it is missing; another computer wrote it: still syncing?")
            if found == -1
            # Translators: {path} is a file of another computer's; {found} sessions are in it.
            else ngettext(
                "{path}: it holds {found} sessions, {count} were recorded; another computer "
                "wrote it: still syncing?",
                "{path}: it holds {found} sessions, {count} were recorded; another computer "
                "wrote it: still syncing?",
                count,
            )
        )
        doubts.append(doubt.format(path=where, found=found, count=count))
    return doubts


def update(main: Tables, machine: Machine, counts: dict[str, int], now: datetime) -> bool:
    """Record this machine's files' session counts (year → count) and when it last wrote,
    at most once a day unless a count changed; True when the main file changed."""
    table = main.setdefault(MACHINES, {})
    number, current = next(
        ((n, d) for n, d in table.items() if isinstance(d, dict) and d.get("id") == machine.id),
        (None, None),
    )
    files = (
        dict(current.get("files", {})) if current and isinstance(current.get("files"), dict) else {}
    )
    merged = {**files, **counts}
    at = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    same_day = current is not None and str(current.get("at", ""))[:10] == at[:10]
    if current is not None and merged == files and same_day and current.get("name") == machine.name:
        return False
    document = {
        **(current or {}),  # whatever else a newer Supple keeps in the record
        "id": machine.id,
        "name": machine.name,
        "at": at,
        "files": dict(sorted(merged.items())),
    }
    if number is None:
        number = str(max((int(k) for k in table), default=0) + 1)
    table[number] = document
    return True


def describe(main: Tables, own: str | None) -> list[dict[str, Any]]:
    """The machines that have written to this history: id, name, last write, sessions, and
    which is this one."""
    found = []
    for machine_id, record in sorted(records(main).items()):
        files: dict[str, Any] = record["files"] if isinstance(record.get("files"), dict) else {}
        found.append(
            {
                "id": machine_id,
                "name": record.get("name", machine_id),
                "at": record.get("at"),
                "sessions": sum(int(c) for c in files.values() if type(c) is int),
                "this": machine_id == own,
            }
        )
    return found
