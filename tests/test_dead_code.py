"""No code in tui/ that nothing uses: vulture, as `vulture tui --min-confidence 80` from the
repository's root (pyproject.toml's [tool.vulture] names what Textual's signatures need)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).parents[1]


def test_vulture_finds_nothing_unused_in_tui() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vulture", "tui", "--min-confidence", "80"],
        cwd=TOP,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout, result.stdout + result.stderr
