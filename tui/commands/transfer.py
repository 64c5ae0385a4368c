"""`supple export` and `supple import`: all history out as JSON or CSV, and merged back in."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

from tui.storage.atomic import (
    UnreadableJSON,
    parse_json_bytes,
    read_json_bytes,
    resolve_target,
    write_atomically,
)
from tui.storage.backups import is_copy_of
from tui.storage.errors import StoreError
from tui.storage.store import Store


def define_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)"
    )
    parser.set_defaults(run=run_export)


def define_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.set_defaults(run=run_import)


_C1 = re.compile("[\x7f-\x9f]")


def export_text(data: dict[str, Any], format_name: str) -> str:
    """The export as written to a file: JSON (round-trips through import) or CSV sessions."""
    if format_name == "csv":
        from tui.domain.export_format import sessions_csv

        return sessions_csv(data["sessions"])
    # JSON escapes the C0 controls itself but leaves DEL and C1 (U+007F-U+009F) raw, and a
    # terminal may act on those: they are written as \u escapes too, still the same JSON.
    return (
        _C1.sub(
            lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=2)
        )
        + "\n"
    )


def run_export(args: argparse.Namespace, path: Path) -> int:
    store = Store.open(path)
    data = store.export_data()
    text = export_text(data, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    refusal = output_refusal(args.output.expanduser(), path)
    if refusal is not None:
        print(f"supple: will not export to {args.output}: {refusal}", file=sys.stderr)
        return 2
    try:
        write_atomically(args.output.expanduser(), text)
    except StoreError as error:  # made read-only, or not a regular file after all
        print(f"supple: cannot write {args.output}: {error.problem}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"supple: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"Exported {_count(len(data['sessions']), 'session')} to {args.output}", file=sys.stderr)
    return 0


def output_refusal(output: Path, db: Path) -> str | None:
    """Why an export must not be written to `output`, or None: the data file itself (by any
    name or link), one of its backups, or anything that is there but is not a regular file
    (a device node, a FIFO, a folder) would be replaced by the export."""
    target = resolve_target(output)
    data_file = resolve_target(db)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as error:
        return f"it cannot be reached ({error.strerror})"
    if status is not None and not stat.S_ISREG(status.st_mode):
        return "it is there and is not a regular file"
    same = target == data_file
    if not same and status is not None:
        with contextlib.suppress(OSError):
            same = os.path.samefile(target, data_file)
    if same:
        return "it is the data file itself; the export would replace your history"
    if is_copy_of(data_file, target):
        return "it is one of the data file's backups"
    return None


def run_import(args: argparse.Namespace, path: Path) -> int:
    # Imported here: the other commands, and the app's start, do without it.
    from tui.domain.export_format import ExportError, parse_export

    source: Path = args.file.expanduser()
    try:
        # Read as strictly as the data file: a FIFO, a key twice, a 5000-digit number or a
        # lone surrogate is refused here, before the data file is even opened.
        raw = read_json_bytes(source)
        if raw is None:
            raise UnreadableJSON("there is no such file")
        data = parse_export(parse_json_bytes(raw))
    except StoreError as error:  # a path that cannot be reached, or a symlink loop
        print(f"supple: {source}: {error.problem}; nothing was imported", file=sys.stderr)
        return 2
    except (UnreadableJSON, ExportError) as error:
        print(f"supple: {source}: {error}; nothing was imported", file=sys.stderr)
        return 2
    store = Store.open(path)
    store.prepare()
    sessions, marks = store.merge(data)
    skipped = len(data.sessions) - sessions
    print(
        f"Imported {_count(sessions, 'session')} and {_count(marks, 'mark')} into {path}"
        + (f" ({skipped} already there)" if skipped else "")
    )
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
