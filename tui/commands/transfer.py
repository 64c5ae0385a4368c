"""`supple export` and `supple import`: all history out as JSON or CSV, and merged back in."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui.domain.export_format import ExportError, parse_export, sessions_csv
from tui.storage.atomic import (
    UnreadableJSON,
    parse_json_bytes,
    read_json_bytes,
    write_atomically,
)
from tui.storage.errors import StoreError
from tui.storage.store import Store


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser("export", parents=[common], help="write all history out")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)"
    )
    export.set_defaults(run=run_export)
    imported = commands.add_parser(
        "import", parents=[common], help="merge an export; importing twice adds nothing"
    )
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.set_defaults(run=run_import)


def export_text(data: dict[str, Any], format_name: str) -> str:
    """The export as written to a file: JSON (round-trips through import) or CSV sessions."""
    if format_name == "csv":
        return sessions_csv(data["sessions"])
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run_export(args: argparse.Namespace, path: Path) -> int:
    store = Store.open(path)
    data = store.export_data()
    text = export_text(data, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(args.output.expanduser(), text)
    except OSError as error:
        print(f"supple: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"Exported {_count(len(data['sessions']), 'session')} to {args.output}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace, path: Path) -> int:
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
