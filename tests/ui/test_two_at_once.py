"""Two Supples on one file (two terminals, two browser tabs): a second start says so first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from filelock import FileLock

from tests.conftest import FIXED_NOW
from tests.saving import saved
from tui.app import SuppleApp
from tui.domain.session import Session
from tui.screens.confirm import ConfirmScreen
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]


@pytest.fixture
def running_elsewhere(store: Store) -> Iterator[FileLock]:
    """A flow another process is playing: its session saved, its run lock held (a lock of
    its own, as another process has: the app's lock on the same file cannot take it)."""
    session = Session(started_at=FIXED_NOW - timedelta(minutes=2), routine="Lower-back flow")
    store.save_session(session.to_document())
    lock = store.run_lock(session.id)
    lock.acquire()
    yield lock
    lock.release()


def test_the_store_lists_only_runs_whose_lock_is_held(
    store: Store, running_elsewhere: FileLock
) -> None:
    (live,) = store.runs_elsewhere()
    assert Path(running_elsewhere.lock_file).name.endswith(f"run-{live}.lock")
    running_elsewhere.release()
    assert store.runs_elsewhere() == []


async def test_a_second_start_asks_first_and_not_now_keeps_home(
    make_app: AppFactory, store: Store, running_elsewhere: FileLock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "started at 08:58 is running in another window or browser tab" in question
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.view_name == "overview"
        await saved(app)
        assert len(store.sessions()) == 1  # only the other run's


async def test_the_person_may_start_one_here_too(
    make_app: AppFactory, store: Store, running_elsewhere: FileLock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.press("y")
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.view_name == "flow"
        await saved(app)
        assert len(store.sessions()) == 2


async def test_with_nothing_running_elsewhere_enter_starts_at_once(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.view_name == "flow"
