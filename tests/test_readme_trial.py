"""The README's way to try a flow fast keeps the trial out of the person's history (item 9)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_speed_command_in_the_readme_names_a_throwaway_db() -> None:
    commands = [
        line.strip().strip("`")
        for line in README.read_text(encoding="utf-8").splitlines()
        if re.search(r"supple\b.*--speed \d", line)
    ]
    assert commands, "the README shows how to try a flow fast"
    for command in commands:
        words = shlex.split(command.split("`")[0])
        assert "--db" in words, command
        assert words[words.index("--db") + 1].startswith("/tmp/"), command
