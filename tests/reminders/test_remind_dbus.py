"""`supple remind` over a real private D-Bus session bus: one notification when due, with the
nudge's words; none when today is done or rest, the week's target met or a flow running; the
bell and one stderr line when no notification service answers."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXED_NOW
from tests.factories import daily_history, session_document, write_history
from tests.reminders.conftest import Bus
from tui.commands.remind import remind
from tui.storage.store import Store

# FIXED_NOW is Thursday 26 November 2026, 09:00 (+01:00): a 08:00 reminder has come.
MORNING = {"reminder": True, "reminder_times": ["08:00"], "reminder_days": list(range(7))}
WORDS = "Time to stretch — 5 min · 3-day streak at stake"


def history(path: Path, *, today: bool = False, rest: bool = False, **settings: Any) -> None:
    """Three days done up to yesterday (a 3-day streak at stake), and today as asked."""
    day = FIXED_NOW.date()
    sessions = daily_history(day - timedelta(days=1), 3)
    if today:
        sessions.append(session_document(FIXED_NOW - timedelta(hours=1)))
    marks = [(day, "rest")] if rest else []
    write_history(path, sessions, marks, settings={**MORNING, **settings})


def test_a_due_reminder_sends_exactly_one_notification_in_nudge_s_words(
    bus: Bus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "supple.json"
    history(path)
    assert remind(path, FIXED_NOW) == 0
    [shown] = bus.notifications()
    assert shown["app_name"] == "Supple"
    assert shown["summary"] == "Supple"
    assert shown["body"] == WORDS
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("why", "options"),
    [
        ("done today", {"today": True}),
        ("a rest day", {"rest": True}),
        # Goal 3: Mon 23, Tue 24, Wed 25 are this week's three done days.
        ("the week's target met", {"weekly_goal": 3}),
        ("reminders off", {"reminder": False}),
        ("not a reminder day", {"reminder_days": [0, 1, 2, 4, 5, 6]}),
        ("its time not come yet", {"reminder_times": ["18:00"]}),
    ],
)
def test_no_notification_when_none_is_due(
    why: str, options: dict[str, Any], bus: Bus, tmp_path: Path
) -> None:
    path = tmp_path / "supple.json"
    history(path, **options)
    assert remind(path, FIXED_NOW) == 0
    assert bus.notifications() == [], why


def test_the_week_not_met_yet_still_reminds(bus: Bus, tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    history(path, weekly_goal=4)
    remind(path, FIXED_NOW)
    # In weeks there is no streak yet (no week before this one was met): the week is said.
    assert [shown["body"] for shown in bus.notifications()] == [
        "Time to stretch — 5 min · 3 of 4 this week"
    ]


def test_no_notification_while_a_flow_is_running(bus: Bus, tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    history(path)
    # Another process plays a flow: it holds its run's lock (as the app does) until told.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); "
            "lock.acquire(); print('held', flush=True); sys.stdin.read()",
            str(Store(path).run_lock("running-now").lock_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        remind(path, FIXED_NOW)
        assert bus.notifications() == []
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)
    remind(path, FIXED_NOW)  # the flow is over: now it reminds
    assert len(bus.notifications()) == 1


def test_with_no_notification_service_the_bell_and_one_line_say_why(
    silent_bus: Bus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "supple.json"
    history(path)
    assert remind(path, FIXED_NOW) == 0
    out, err = capsys.readouterr()
    assert out == "\a"
    assert err.count("\n") == 1
    assert err.startswith(f"supple: {WORDS} (no desktop notification: ")
    assert "org.freedesktop.Notifications" in err
    assert silent_bus.notifications() == []


def supple(path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(path), *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def midnight_history(path: Path, **settings: Any) -> None:
    # Run by the real clock: a 00:00 reminder every day has always come, today not done.
    now = datetime.now().astimezone()
    sessions = daily_history(now.date() - timedelta(days=1), 2)
    every = {**MORNING, "reminder_times": ["00:00"], **settings}
    write_history(path, sessions, settings=every)


def test_the_command_as_a_timer_runs_it(bus: Bus, tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    midnight_history(path)
    done = supple(path, "remind")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    [shown] = bus.notifications()
    assert shown["body"] == "Time to stretch — 5 min · 2-day streak at stake"


def test_the_command_falls_back_and_exits_0(silent_bus: Bus, tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    midnight_history(path)
    done = supple(path, "remind")
    assert done.returncode == 0 and done.stdout == "\a"
    assert done.stderr.startswith("supple: Time to stretch — 5 min · 2-day streak at stake (no ")


def test_damaged_reminder_settings_are_named_and_kept(bus: Bus, tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    midnight_history(path, reminder_times=["25:99"])
    done = supple(path, "remind")
    assert done.returncode == 0 and bus.notifications() == []
    assert done.stderr == (
        f"supple: no reminder: in {path}, '25:99' is not a time of day (00:00 to 23:59) "
        "(fix it in settings)\n"
    )
    assert Store(path).settings()["reminder_times"] == ["25:99"]


def test_an_unreadable_file_still_exits_0(bus: Bus, tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    path.write_text("{ not json")
    done = supple(path, "remind")
    assert done.returncode == 0 and bus.notifications() == []
    assert done.stderr.startswith("supple: ") and done.stderr.count("\n") == 1
