"""`supple status`: where the history lives, which machines write to it, and what sync left."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from tui.storage import machine
from tui.storage.absorb import read_notes
from tui.storage.conflicts import set_aside_folder
from tui.storage.store import Store


def define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--name", metavar="NAME", help="give this computer a name people recognise")
    parser.set_defaults(run=run)


def _when(at: Any) -> str:
    return at[:16].replace("T", " ") + " UTC" if isinstance(at, str) and len(at) >= 16 else "—"


def _set_aside(db: Path) -> list[str]:
    try:
        return sorted(os.listdir(set_aside_folder(db)))
    except OSError:
        return []


def gather(store: Store) -> dict[str, Any]:
    """What `status` says, as data: also its --json."""
    store.session_facts()  # reads what changed, and finds files missing or short (doubts)
    me = machine.current(create=False)
    machines = store.machines()
    absorbed = read_notes(store)
    return {
        "path": str(store.path),
        "db": store.db_id(),
        "this_machine": {"id": me.id, "name": me.name} if me else None,
        "machines": [{k: m[k] for k in ("id", "name", "at", "sessions", "this")} for m in machines],
        "conflict_copies": absorbed,
        "set_aside": [str(set_aside_folder(store.path) / name) for name in _set_aside(store.path)],
        "waiting_for": list(store.doubts),
    }


def describe(found: dict[str, Any]) -> str:
    me = found["this_machine"]
    lines = [
        f"History: {found['path']}" + (f" (database {found['db']})" if found["db"] else ""),
        "This computer: "
        + (f"{me['name']} ({me['id']})" if me else "not yet known (it has written nothing)"),
    ]
    if found["machines"]:
        lines.append("Machines that have written to it:")
        width = max(len(m["name"]) for m in found["machines"])
        for m in found["machines"]:
            mark = " (this one)" if m["this"] else ""
            lines.append(
                f"  {m['name']:<{width}}{mark:<11} {m['sessions']:>6} "
                f"session{'' if m['sessions'] == 1 else 's'}"
                f" · last wrote {_when(m['at'])}"
            )
    copies = found["conflict_copies"]
    if copies:
        lines.append(f"Conflict copies absorbed: {len(copies)} (latest {_when(copies[-1]['at'])}):")
        lines += [f"  {note['what']}" for note in copies[-5:]]
    else:
        lines.append("Conflict copies absorbed: none")
    if found["set_aside"]:
        lines.append(f"Set aside, not merged (damaged): {len(found['set_aside'])}:")
        lines += [f"  {path}" for path in found["set_aside"]]
    lines += [f"Waiting for: {line}" for line in found["waiting_for"]]
    return "\n".join(lines)


def run(args: argparse.Namespace, path: Path) -> int:
    if args.name is not None:
        try:
            renamed = machine.rename(args.name)
        except ValueError as error:
            print(f"supple: --name: {error}", file=sys.stderr)
            return 2
        print(f"This computer is now called {renamed.name}; its next write records it.")
    store = Store.open(path, deep=False)
    found = gather(store)
    print(json.dumps(found) if args.json else describe(found))
    return 0
