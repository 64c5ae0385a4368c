"""`supple export` and `supple import`: all history out as JSON or CSV, and merged back in."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.arguments import adopt_stored_language
from tui.commands import shown_number
from tui.i18n import N_, _, ngettext
from tui.storage.atomic import UnreadableJSON, resolve_target, write_atomically
from tui.storage.backups import is_copy_of
from tui.storage.errors import StoreError
from tui.storage.store import Store

FORMATS = {".json": "json", ".csv": "csv", ".ics": "ics"}
# Translators: {output} is the file an export was to go to; {problem} why it could not be.
CANNOT_WRITE = N_("supple: cannot write {output}: {problem}")


def define_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("json", "csv", "ics"),
        default=None,
        help=_(
            "json, csv or ics (calendar: done and rest days as all-day events; default: the"
            " output file's extension, else json)"
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=_("write here (default: standard output)"),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("replace FILE if it exists (never a Supple data file)"),
    )
    parser.set_defaults(run=run_export)


def define_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.set_defaults(run=run_import)


def export_format(asked: str | None, output: Path | None) -> tuple[str, str | None]:
    """The format to write, from --format or else the output's extension; and why not, when
    the two disagree (`-o history.csv --format json` is a slip worth a question)."""
    suffix = output.suffix.lower() if output is not None else ""
    by_extension = FORMATS.get(suffix)
    if asked is not None and by_extension is not None and asked != by_extension:
        # Translators: {format} is json, csv or ics; {suffix} the file's extension (.csv).
        return asked, _("--format {format} does not match its extension ({suffix})").format(
            format=asked, suffix=suffix
        )
    return asked or by_extension or "json", None


def export_text(data: dict[str, Any], format_name: str) -> str:
    """An export held whole (`Store.export_data`) as one text: what the app's "Export
    history" wrote before tui/domain/export_text.py took this over; kept until it lands."""
    from tui.domain.export_format import sessions_csv
    from tui.storage.export_stream import terminal_safe

    if format_name == "csv":
        return sessions_csv(data["sessions"])
    return terminal_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def run_export(args: argparse.Namespace, path: Path) -> int:
    from tui.storage.export_stream import Exporter

    output: Path | None = args.output.expanduser() if args.output is not None else None
    format_name, mismatch = export_format(args.format, output)
    # Not Store.open: the Exporter checks what it checks a year at a time, then reads (and
    # checks, unless the summary vouches for them) the sessions a year at a time again as
    # they are written out.
    store = Store(path)
    with contextlib.suppress(StoreError):  # a file that cannot be read is said below
        adopt_stored_language(store)
    if output is not None:
        # The mismatch was worded before the language was known: worded again now.
        format_name, mismatch = export_format(args.format, output)
        refusal = mismatch or output_refusal(output, store.path, force=args.force)
        if refusal is not None:
            # Translators: {output} is the file asked for; {reason} why it is refused.
            words = _("supple: will not export to {output}: {reason}")
            print(words.format(output=args.output, reason=refusal), file=sys.stderr)
            return 2
    chunks: Iterable[str]
    if format_name == "ics":
        text, days = calendar_text(store)
        chunks = [text]

        def written() -> str:
            return ngettext("{count} day", "{count} days", days).format(count=shown_number(days))
    else:
        exporter = Exporter(store)  # StoreError here for a history that cannot be read
        chunks = exporter.json_chunks() if format_name == "json" else exporter.csv_chunks()

        def written() -> str:  # counted as the sessions are written out
            return _sessions(exporter.sessions)

    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return 0
    existed = os.path.lexists(output)
    target = resolve_target(output)
    try:
        write_atomically(output, chunks)
    except StoreError as error:  # made read-only, or not a regular file after all
        if error.path != target:
            raise  # the history's own files: said as any command says them
        print(_(CANNOT_WRITE).format(output=args.output, problem=error.problem), file=sys.stderr)
        return 2
    except OSError as error:
        print(_(CANNOT_WRITE).format(output=args.output, problem=error.strerror), file=sys.stderr)
        return 2
    # Translators: {what} is a count such as "12 sessions" or "30 days"; {output} the file.
    exported = _("Exported {what} to {output}")
    if existed:
        # Translators: {what} is a count such as "12 sessions" or "30 days"; {output} the file.
        exported = _("Exported {what} to {output} (it replaced the file that was there)")
    print(exported.format(what=written(), output=args.output), file=sys.stderr)
    return 0


def calendar_text(store: Store) -> tuple[str, int]:
    """The history's done and rest days as iCalendar text, and how many days it holds. Its
    event ids come from the database's id, so a calendar importing a later export updates
    the days it has; a history no Supple has written to yet is known by where it is."""
    from hashlib import sha256

    from tui.domain.calendar_export import ics_text
    from tui.domain.session import local_now

    database = store.db_id() or "file-" + sha256(bytes(resolve_target(store.path))).hexdigest()[:16]
    return ics_text(
        store.session_facts().values(),
        store.marks(),
        store.history_settings(),
        database,
        local_now(),
    )


# Files this large are only peeked at: a Supple file says what it is in its first bytes.
_PARSE_AT_MOST = 16 * 2**20
_PEEK = 64 * 1024
_KIND_SAID = re.compile(rb'"kind"\s*:\s*"(main|year|backup|summary|export)"')
_EXPORT_SAID = re.compile(rb'^\s*\{\s*"format"\s*:\s*"supple-export"')
_TABLES_SHAPE = re.compile(rb'^\s*\{\s*"(?:meta|sessions|routine|settings|marks)"\s*:\s*\{')
_OLD_TABLES = {"meta", "sessions", "routine", "settings", "marks"}
# Why a Supple data file of each kind is never an export's target (whole sentences: the kind's
# gender and article differ by language).
_DATA_KINDS = {
    "main": N_("it is a Supple main file (it says so itself); an export never replaces one"),
    "year": N_("it is a Supple year file (it says so itself); an export never replaces one"),
    "backup": N_("it is a Supple backup (it says so itself); an export never replaces one"),
    "summary": N_("it is a Supple summary (it says so itself); an export never replaces one"),
}


def output_refusal(output: Path, db: Path, *, force: bool = False) -> str | None:
    """Why an export must not be written to `output`, or None. Never a file of this database
    (the main file by any name or link, anything in its folder of sessions, its backups),
    nor any Supple data file of another (its header, or its shape from before headers, says
    what it is), nor this computer's own Supple folders, nor anything that is not a regular
    file. Any other file that is there only with `force`."""
    target = resolve_target(output)
    data_file = resolve_target(db)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as error:
        return _("it cannot be reached ({reason})").format(reason=error.strerror)
    if status is not None and not stat.S_ISREG(status.st_mode):
        return _("it is there and is not a regular file")
    same = target == data_file
    if not same and status is not None:
        with contextlib.suppress(OSError):
            same = os.path.samefile(target, data_file)
    if same:
        return _("it is the data file itself; the export would replace your history")
    if is_copy_of(data_file, target):
        return _("it is one of the data file's backups")
    from tui.storage.layout import sessions_folder
    from tui.storage.machine import cache_folder, state_folder

    if target.is_relative_to(resolve_target(sessions_folder(data_file))):
        return _("it is in the data file's folder of sessions")
    if target.is_relative_to(resolve_target(state_folder())):
        return _("it is in Supple's state folder for this computer")
    if target.is_relative_to(resolve_target(cache_folder())):
        return _("it is in Supple's cache folder for this computer")
    if status is None:
        return None
    kind = _kind_of(target, status.st_size)
    if kind in _DATA_KINDS:
        return _(_DATA_KINDS[kind])
    if kind == "tables":
        return _("it is a Supple data file (from before files said what they are)")
    if not force:
        if kind == "export":
            return _("it is an earlier export that exists; add --force to replace it")
        return _("it is a file that exists; add --force to replace it")
    return None


def _kind_of(path: Path, size: int) -> str | None:
    """What a file says it is: a kind its header names, "tables" for a TinyDB file shaped
    as Supple's were before headers, or None (anything else, unreadable included)."""
    from tui.storage.atomic import parse_json_bytes
    from tui.storage.headers import kind_of

    try:
        with open(path, "rb") as handle:
            raw = handle.read(_PARSE_AT_MOST + 1 if size <= _PARSE_AT_MOST else _PEEK)
    except OSError:
        return None
    if size <= _PARSE_AT_MOST:
        try:
            data = parse_json_bytes(raw)
        except (UnreadableJSON, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        kind = kind_of(path, data)
        tables = all(isinstance(table, dict) for table in data.values())
        if kind is None and set(data) & _OLD_TABLES and tables:
            return "tables"
        return kind
    said = _KIND_SAID.search(raw)
    if _EXPORT_SAID.match(raw):
        return "export"
    if said is not None:
        return said[1].decode()
    return "tables" if _TABLES_SHAPE.match(raw) else None


# Translators: {source} is the file asked to be imported; {problem} what is wrong with it.
NOT_IMPORTED = N_("supple: {source}: {problem}; nothing was imported")


def run_import(args: argparse.Namespace, path: Path) -> int:
    # Imported here: the other commands, and the app's start, do without them.
    from tui.domain.export_format import ExportError
    from tui.storage.import_merge import import_plan
    from tui.storage.import_stream import TooLarge, read_import

    source: Path = args.file.expanduser()
    try:
        # Read as strictly as the data file (a FIFO, a key twice, a 5000-digit number or a
        # lone surrogate is refused), and every session checked, before the data file is even
        # opened; a file over the limits is refused before it is parsed.
        plan = read_import(source)
    except StoreError as error:  # a path that cannot be reached, or a symlink loop
        print(_(NOT_IMPORTED).format(source=source, problem=error.problem), file=sys.stderr)
        return 2
    except (UnreadableJSON, ExportError, TooLarge) as error:
        print(_(NOT_IMPORTED).format(source=source, problem=error), file=sys.stderr)
        return 2
    store = Store.open(path)
    adopt_stored_language(store)
    store.prepare()
    try:
        sessions, deletions, marks = store.write(lambda work: import_plan(store, work, plan))
    except UnreadableJSON as error:
        # Translators: {source} is the file being imported; {problem} what went wrong.
        words = _(
            "supple: {source}: {problem}; the years written before it changed are in, "
            "import it again to finish"
        )
        print(words.format(source=source, problem=error), file=sys.stderr)
        return 2
    skipped = len(plan.entries) - sessions - deletions
    marks_said = ngettext("{count} mark", "{count} marks", marks).format(count=shown_number(marks))
    if deletions:
        # Translators: {sessions}, {deletions} and {marks} are counts such as "3 sessions",
        # "1 deletion" and "2 marks"; {path} the data file.
        imported = _("Imported {sessions}, {deletions} and {marks} into {path}").format(
            sessions=_sessions(sessions),
            deletions=ngettext("{count} deletion", "{count} deletions", deletions).format(
                count=shown_number(deletions)
            ),
            marks=marks_said,
            path=path,
        )
    else:
        # Translators: {sessions} and {marks} are counts such as "3 sessions" and "2 marks";
        # {path} the data file.
        imported = _("Imported {sessions} and {marks} into {path}").format(
            sessions=_sessions(sessions), marks=marks_said, path=path
        )
    if skipped:
        # Translators: after "Imported … into PATH": how many were in the file already.
        imported += ngettext(
            " ({count} already there)", " ({count} already there)", skipped
        ).format(count=shown_number(skipped))
    print(imported)
    return 0


def _sessions(number: int) -> str:
    return ngettext("{count} session", "{count} sessions", number).format(
        count=shown_number(number)
    )
