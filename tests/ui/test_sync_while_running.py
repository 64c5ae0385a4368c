"""While the app runs: a sync tool's conflict copy is merged and shown; a start on an unchanged
history draws its first screen from the figures the last start worked out."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from textual.widgets import Label

import tui.app as app_module
from tests.conftest import FIXED_NOW
from tests.factories import daily_history, write_history
from tui.app import SuppleApp
from tui.domain.history import MarkKind
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]


def status_of(app: SuppleApp) -> str:
    return str(app.screen.query_one("#today-status", Label).render())


async def test_a_conflict_copy_arriving_while_the_app_runs_is_merged_and_shown(
    make_app: AppFactory, store: Store
) -> None:
    store.set_mark(FIXED_NOW.date() - timedelta(days=3), MarkKind.REST)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "No streak yet" in status_of(app)
        # Another computer marked yesterday and the day before done at the same moment:
        # Syncthing kept its file as a conflict copy beside ours.
        other = json.loads(store.path.read_text())
        other["marks"] = {
            "1": {"date": (FIXED_NOW.date() - timedelta(days=1)).isoformat(), "kind": "done"},
            "2": {"date": (FIXED_NOW.date() - timedelta(days=2)).isoformat(), "kind": "done"},
        }
        stamp = ["2099-01-01T00:00:00.000000Z", "aaaaaaaaaaaa"]
        other["stamps"] = {"1": {f"marks.{m['date']}": stamp for m in other["marks"].values()}}
        copy = store.path.with_name("supple.sync-conflict-20261126-085900-ABCDEFG.json")
        copy.write_text(json.dumps(other))
        app.look_for_copies()  # what the app's timer does every LOOK_FOR_COPIES_S
        await asyncio.wrap_future(app.saver.run(lambda: None))  # the merge has run
        await pilot.pause()
        await pilot.pause()
        assert not copy.exists()
        marks = Store.open(store.path).marks()
        assert marks[FIXED_NOW.date() - timedelta(days=1)] is MarkKind.DONE
        assert marks[FIXED_NOW.date() - timedelta(days=3)] is MarkKind.REST
        assert "2-day streak" in status_of(app)


async def test_a_start_on_an_unchanged_history_draws_from_the_last_figures(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_history(store.path, daily_history(date(2026, 11, 25), 30), layout=True)
    async with make_app().run_test() as pilot:  # works them out, and keeps them
        await pilot.pause()
        first = status_of(pilot.app)
    events: list[str] = []
    real_facts, real_rules = Store.session_facts, app_module.history_stats

    def facts(self: Store) -> object:
        events.append("facts read")
        return real_facts(self)

    def rules(*args: object) -> object:
        events.append("figures worked out")
        return real_rules(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "session_facts", facts)
    monkeypatch.setattr(app_module, "history_stats", rules)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert status_of(app) == first
        # The first screen was drawn without working anything out; the history is read
        # after it (damaged documents are said then).
        assert events == ["facts read"]
