"""`supple merge-main BASE OURS THEIRS`: git's merge driver for Supple's files.

git hands a driver the common ancestor, our version and theirs, and keeps what the driver
writes over ours. Main files merge field by field (merge_rules.py), year files session by
session; the ancestor is not needed, since every change carries its own stamp.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.i18n import _
from tui.storage import headers
from tui.storage.atomic import read_json_file, write_atomically
from tui.storage.errors import StoreError
from tui.storage.layout import SESSIONS
from tui.storage.merge_rules import choose_sessions, merge_main
from tui.storage.parsed import dumps


def define(parser: argparse.ArgumentParser) -> None:
    # Translators: %%O, %%A and %%B are git's placeholders (written %%%% for argparse): keep them.
    parser.add_argument("base", type=Path, metavar="BASE", help=_("the common ancestor (%%O)"))
    parser.add_argument("ours", type=Path, metavar="OURS", help=_("ours, merged in place (%%A)"))
    parser.add_argument("theirs", type=Path, metavar="THEIRS", help=_("theirs (%%B)"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, path: Path) -> int:
    try:
        ours, theirs = read_json_file(args.ours) or {}, read_json_file(args.theirs) or {}
    except StoreError as error:
        # The command's name and the problem (translated where it was made): nothing to translate.
        print(f"supple: merge-main: {error}", file=sys.stderr)
        return 1  # git then leaves the conflict for a person
    kinds = {headers.header(t).get("kind") for t in (ours, theirs)} - {None}
    if kinds <= {headers.YEAR} and set(ours) | set(theirs) <= {SESSIONS, headers.META}:
        winners = choose_sessions(d for t in (ours, theirs) for d in t.get(SESSIONS, {}).values())
        merged = {
            headers.META: ours.get(headers.META, theirs.get(headers.META, {})),
            SESSIONS: {str(n): d for n, d in enumerate(winners.values(), 1)},
        }
    elif kinds <= {headers.MAIN} and SESSIONS not in ours and SESSIONS not in theirs:
        merged = merge_main([ours, theirs])
    else:
        print(_("supple: merge-main: these are not two copies of one Supple file"), file=sys.stderr)
        return 1
    write_atomically(args.ours, dumps(merged))
    return 0
