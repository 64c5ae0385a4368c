"""`supple status`: where the history lives, which machines write to it, and what sync left."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from tui.arguments import adopt_stored_language
from tui.commands import shown_number
from tui.i18n import _, ngettext
from tui.storage import machine
from tui.storage.absorb import read_notes
from tui.storage.conflicts import set_aside_folder
from tui.storage.store import Store


def define(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.add_argument(
        "--name", metavar="NAME", help=_("give this computer a name people recognise")
    )
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
    # Translators: {path} is where the data file is; {db} its database id.
    history = _("History: {path} (database {db})") if found["db"] else _("History: {path}")
    lines = [
        history.format(path=found["path"], db=found["db"]),
        # Translators: {name} is this computer's name, {id} its id.
        _("This computer: {name} ({id})").format(name=me["name"], id=me["id"])
        if me
        else _("This computer: not yet known (it has written nothing)"),
    ]
    if found["machines"]:
        lines.append(_("Machines that have written to it:"))
        width = max(len(m["name"]) for m in found["machines"])
        # Translators: after a computer's name in `supple status`'s list; keep it short.
        this_one = _(" (this one)")
        mark_width = max(11, len(this_one))
        for m in found["machines"]:
            mark = this_one if m["this"] else ""
            # Translators: {count} is a number of sessions, already padded with spaces to a
            # column; {when} a date and time in UTC, or "—".
            wrote = ngettext(
                "{count} session · last wrote {when}",
                "{count} sessions · last wrote {when}",
                m["sessions"],
            ).format(count=f"{shown_number(m['sessions']):>6}", when=_when(m["at"]))
            lines.append(f"  {m['name']:<{width}}{mark:<{mark_width}} {wrote}")
    copies = found["conflict_copies"]
    if copies:
        # Translators: {count} is how many conflict copies were absorbed; {when} the latest's
        # date and time in UTC. A list of them follows.
        lines.append(
            _("Conflict copies absorbed: {count} (latest {when}):").format(
                count=shown_number(len(copies)), when=_when(copies[-1]["at"])
            )
        )
        lines += [f"  {note['what']}" for note in copies[-5:]]
    else:
        lines.append(_("Conflict copies absorbed: none"))
    if found["set_aside"]:
        # Translators: {count} is how many damaged conflict copies were set aside; their
        # paths follow.
        lines.append(
            _("Set aside, not merged (damaged): {count}:").format(
                count=shown_number(len(found["set_aside"]))
            )
        )
        lines += [f"  {path}" for path in found["set_aside"]]
    # Translators: {what} is a file of another computer that is missing or short, and why.
    lines += [_("Waiting for: {what}").format(what=line) for line in found["waiting_for"]]
    return "\n".join(lines)


def run(args: argparse.Namespace, path: Path) -> int:
    if args.name is not None:
        try:
            renamed = machine.rename(args.name)
        except ValueError as error:
            print(f"supple: --name: {error}", file=sys.stderr)  # nothing of its own to translate
            return 2
        print(
            _("This computer is now called {name}; its next write records it.").format(
                name=renamed.name
            )
        )
    store = Store.open(path, deep=False)
    adopt_stored_language(store)
    found = gather(store)
    print(json.dumps(found) if args.json else describe(found))
    return 0
