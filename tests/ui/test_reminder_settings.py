"""The settings screen's reminder rows, driven with Pilot: on/off, times, days, and the timer,
installed (asking first) into a temporary config folder with a fake systemctl on PATH."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label

from tests.saving import saved
from tests.ui.test_settings_screen import SIZE, open_row, type_value, value_shown
from tui.app import SuppleApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.reminder_settings import ReminderTextForm
from tui.storage.store import Store

AppFactory = Callable[..., SuppleApp]

# As systemctl answers with no user manager running (this machine's case).
FAKE_SYSTEMCTL = """#!/bin/sh
echo "systemctl $*" >> "$FAKE_LOG"
echo "Failed to connect to bus: No medium found" >&2
exit 1
"""


@pytest.fixture
def units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the timer goes: a config folder of the test's own; systemd, whatever the OS."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "systemctl").write_text(FAKE_SYSTEMCTL)
    (bin_dir / "systemctl").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.log"))
    monkeypatch.setattr("tui.reminders.install.default_scheduler", lambda: "systemd")
    return tmp_path / "config" / "systemd" / "user"


async def settled(pilot: Pilot[None]) -> None:
    """The timer's work (a thread) done and its outcome shown."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def status(app: SuppleApp) -> str:
    return str(app.screen.query_one("#settings-status", Label).render())


async def test_turning_it_on_asks_then_installs_and_shows_the_next_time(
    make_app: AppFactory, store: Store, units: Path
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        assert [value_shown(app, key) for key in ("reminder", "reminder_times")] == ["off", "18:00"]
        assert value_shown(app, "reminder_days") == "every day"
        assert value_shown(app, "reminder_timer") == "not installed"
        await open_row(pilot, "reminder")
        assert isinstance(app.screen, ConfirmScreen)  # asks before writing anything
        assert not units.exists()
        await pilot.press("y")
        await settled(pilot)
        # The fixed clock says Thursday 09:00.
        assert value_shown(app, "reminder_timer") == "installed · next today 18:00"
        assert status(app) == "Installed (systemd timer); it starts at your next login."
        assert "OnCalendar=*-*-* 18:00:00" in (units / "supple-remind.timer").read_text()
        await saved(app)
    assert store.settings()["reminder"] is True


async def test_declining_installs_nothing_but_keeps_it_on(
    make_app: AppFactory, store: Store, units: Path
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "reminder")
        await pilot.press("n")
        assert value_shown(app, "reminder") == "on"
        assert value_shown(app, "reminder_timer") == "not installed"
        await saved(app)
    assert not units.exists() and store.settings()["reminder"] is True


async def test_a_bad_time_is_shown_and_not_stored_a_good_one_updates_the_timer(
    make_app: AppFactory, store: Store, units: Path
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "reminder")
        await pilot.press("y")
        await settled(pilot)
        await pilot.press("down", "enter")  # Reminder times
        assert isinstance(app.screen, ReminderTextForm)
        await type_value(pilot, "7:30, 25:99")
        await pilot.press("enter")
        assert isinstance(app.screen, ReminderTextForm)
        error = app.screen.query_one("#reminder_times-error", Label)
        assert "'25:99' is not a time of day (00:00 to 23:59)" in str(error.render())
        await type_value(pilot, "20:00 7:30")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)  # update the timer? not now
        await pilot.press("n")
        assert value_shown(app, "reminder_times") == "07:30, 20:00"
        assert value_shown(app, "reminder_timer") == "installed for other times: enter updates"
        await pilot.press("down", "down", "enter")  # Reminder timer
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settled(pilot)
        assert value_shown(app, "reminder_timer") == "installed · next today 20:00"
        timer = (units / "supple-remind.timer").read_text()
        assert "OnCalendar=*-*-* 07:30:00\nOnCalendar=*-*-* 20:00:00\n" in timer
        await saved(app)
    assert store.settings()["reminder_times"] == ["07:30", "20:00"]


async def test_days_and_turning_it_off_removes_the_timer_asking_first(
    make_app: AppFactory, store: Store, units: Path
) -> None:
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await open_row(pilot, "reminder_days")
        await type_value(pilot, "mon-fri")
        await pilot.press("enter")
        assert value_shown(app, "reminder_days") == "Mon–Fri"
        assert not isinstance(app.screen, ConfirmScreen)  # off: nothing to install
        await pilot.press("up", "up", "enter")  # Reminder: on
        await pilot.press("y")
        await settled(pilot)
        assert (units / "supple-remind.timer").exists()
        await pilot.press("enter")  # Reminder: off
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settled(pilot)
        assert value_shown(app, "reminder_timer") == "not installed"
        assert status(app) == "Removed: nothing fires the reminder now."
        await saved(app)
    assert not units.exists()
    assert store.settings()["reminder"] is False
    assert store.settings()["reminder_days"] == [0, 1, 2, 3, 4]


async def test_damaged_stored_times_are_shown_and_kept_until_set_again(
    make_app: AppFactory, store: Store, units: Path
) -> None:
    store.save_settings({"reminder": True, "reminder_times": ["25:99"]})
    app = make_app(mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        assert value_shown(app, "reminder_times") == "damaged: enter sets it again"
        await saved(app)
        assert store.settings()["reminder_times"] == ["25:99"]
        await open_row(pilot, "reminder_times")
        await type_value(pilot, "19:00")
        await pilot.press("enter", "n")
        assert value_shown(app, "reminder_times") == "19:00"
        await saved(app)
    assert store.settings()["reminder_times"] == ["19:00"]
