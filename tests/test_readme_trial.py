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


def test_after_the_install_the_readme_says_how_to_run_supple() -> None:
    # Issue 27 item 18: `supple …` after the install command gave "command not found".
    text = README.read_text(encoding="utf-8")
    after = text.split(".venv/bin/pip install . && .venv/bin/supple", 1)[1][:800]
    assert "`.venv/bin/supple`" in after and "PATH" in after
    # The serve extra only with the venv's own pip.
    assert 'pip install "supple[serve]"' not in text
    assert '.venv/bin/pip install ".[serve]"' in text


def test_the_rules_cited_are_the_project_s_own() -> None:
    root = README.parent
    citing = [
        path
        for folder in ("tui", "tests", "docs")
        for path in (root / folder).rglob("*")
        if path.suffix in (".py", ".md", ".tcss") and "PRODUCT.md" in path.read_text("utf-8")
    ]
    # This file names it only to look for it.
    assert citing == [Path(__file__).resolve()] and "PRODUCT.md" not in README.read_text()
    assert (root / "docs" / "rules.md").exists()
