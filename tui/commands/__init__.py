"""Commands that answer without opening the app (stats, export, import, …); no Textual here."""

from __future__ import annotations

import argparse
from typing import Any


def register_all(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add every command's parser; each sets `run(args, db_path) -> exit code` as its default."""
    from tui.commands import nudge, restore, serve, stats, transfer

    for module in (stats, transfer, restore, nudge, serve):
        module.register(commands, common)
