"""One rule for a done day everywhere: a flow skipped through is not a counted session (§4).

Home, history, `stats --json` and `nudge` all read the same rule (tui.domain.history).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Label

from tests.conftest import FIXED_NOW
from tests.factories import session_document, write_history
from tests.test_cli import run
from tui.app import SuppleApp
from tui.domain.session import local_now
from tui.storage.store import Store
from tui.views.overview import Overview


def skipped_through(started_at: datetime) -> dict[str, Any]:
    """A flow that reached its summary with every step skipped after a fraction of a second."""
    document = session_document(started_at, minutes=0.1)
    for step in document["steps"]:
        step["done"], step["status"] = (0.2, "partial") if step["unit"] == "s" else (0, "skipped")
    return document


def test_stats_and_nudge_do_not_count_a_flow_skipped_through(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    write_history(db, [skipped_through(local_now())])
    code, out, _ = run(capsys, "--db", str(db), "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["done_today"] is False and stats["current_streak"] == 0
    assert stats["sessions"]["completed"] == 1 and stats["sessions"]["counted"] == 0
    code, out, _ = run(capsys, "--db", str(db), "nudge")
    assert code == 0 and out.startswith("No stretch yet today")


def test_stats_count_a_flow_with_one_stretch_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.json"
    write_history(db, [session_document(local_now(), steps_done=5)])  # 5 of 9 held
    code, out, _ = run(capsys, "--db", str(db), "stats", "--json")
    assert code == 0 and json.loads(out)["done_today"] is True
    code, out, _ = run(capsys, "--db", str(db), "nudge")
    assert code == 0 and out == ""


async def test_home_and_history_do_not_count_a_flow_skipped_through(
    make_app: Callable[..., SuppleApp], store: Store
) -> None:
    store.save_session(skipped_through(FIXED_NOW))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one(Overview).refresh_status()
        status = str(app.screen.query_one("#today-status", Label).render())
        assert "Not stretched yet today" in status
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert "0 of 9" in row
        day = str(app.screen.query_one("#calendar-day", Label).render())
        assert "done" not in day.split(":", 1)[1].split("—")[0]
