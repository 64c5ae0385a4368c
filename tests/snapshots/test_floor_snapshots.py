"""The floor view, read from two metres: each kind of phase at 80×24 and at 160×50."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.snapshots.test_routine_snapshots import after, fresh_app

# Moments of the default flow (seconds of fake clock after `enter`, one tick after each).
PHASES = {
    "get-ready": (1.2,),
    "hold": (5, 7.3),
    "switch": (25, 1.5),
    "breathing": (120, 5, 2.5),
}


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("phase", list(PHASES))
def test_floor_view(snap_compare: Any, tmp_path: Path, phase: str, size: tuple[int, int]) -> None:
    assert snap_compare(fresh_app(tmp_path), terminal_size=size, run_before=after(*PHASES[phase]))
