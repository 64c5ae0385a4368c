"""`supple nudge`: one line while today is not done, nothing once it is, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from tests.factories import daily_history, session_document, write_history
from tests.storage.test_damaged_files import DAMAGED
from tests.test_cli import run
from tui.domain.session import local_now


def twelve_days_to_yesterday(path: Path, *, today_too: bool = False, rest: bool = False) -> None:
    today = local_now().date()
    sessions = daily_history(today - timedelta(days=1), 12)
    if today_too:
        sessions.append(session_document(local_now()))
    marks = [(today, "rest")] if rest else []
    write_history(path, sessions, marks)


def test_a_day_not_done_yet_gets_one_line_with_the_streak_at_stake(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "supple.json"
    twelve_days_to_yesterday(path)
    code, out, err = run(capsys, "--db", str(path), "nudge")
    assert (code, out, err) == (0, "No stretch yet today — 5 min · 12-day streak at stake\n", "")


def weekly_history(path: Path, *, days_into_week: int) -> None:
    """A goal of 3 a week, met for five weeks (three days each); this week started
    `days_into_week` days ago, and every one of those days was done."""
    today = local_now().date()
    week_start = today - timedelta(days=days_into_week)
    days = [
        week_start - timedelta(weeks=w) + timedelta(days=d) for w in range(1, 6) for d in (0, 2, 4)
    ]
    days += [week_start + timedelta(days=d) for d in range(days_into_week)]
    sessions = [
        session_document(datetime.combine(day, time(7), tzinfo=local_now().tzinfo)) for day in days
    ]
    settings = {"weekly_goal": 3, "week_starts_on": week_start.weekday()}
    write_history(path, sessions, settings=settings)


def test_a_streak_in_weeks_is_at_stake_only_while_the_week_is_not_met(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "supple.json"
    weekly_history(path, days_into_week=0)
    line = "No stretch yet today — 5 min · 0 of 3 this week · 5-week streak at stake\n"
    assert run(capsys, "--db", str(path), "nudge") == (0, line, "")
    weekly_history(path, days_into_week=3)
    line = "No stretch yet today — 5 min · 3 of 3 this week\n"
    assert run(capsys, "--db", str(path), "nudge") == (0, line, "")


def test_a_day_done_prints_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    twelve_days_to_yesterday(path, today_too=True)
    assert run(capsys, "--db", str(path), "nudge") == (0, "", "")


def test_a_rest_day_prints_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    twelve_days_to_yesterday(path, rest=True)
    assert run(capsys, "--db", str(path), "nudge") == (0, "", "")


def test_a_missing_file_gets_the_line_without_a_streak_and_is_not_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "nowhere" / "supple.json"
    code, out, err = run(capsys, "--db", str(path), "nudge")
    assert (code, out, err) == (0, "No stretch yet today — 5 min\n", "")
    assert not path.parent.exists()


def test_the_minutes_follow_the_routine(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tui.domain.routine import default_routine
    from tui.domain.routine_edit import set_pauses
    from tui.storage.store import Store

    path = tmp_path / "supple.json"
    Store(path).save_routine(set_pauses(default_routine(), ready_s=30, switch_s=30))
    _, out, _ = run(capsys, "--db", str(path), "nudge")
    assert out == "No stretch yet today — 9 min\n"  # 313 s + 5 × 25 s + 4 × 25 s


@pytest.mark.parametrize(("content", "problem"), DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_gets_one_short_line_on_stderr_and_exit_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "supple.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", str(path), "nudge")
    assert code == 0 and out == ""
    assert err == f"supple: cannot read {path} (`supple stats` says why)\n"
    assert path.read_bytes() == content


def test_nudge_never_imports_textual(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    twelve_days_to_yesterday(path)
    env = {**os.environ, "SUPPLE_DB": str(path)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", "nudge"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout == "No stretch yet today — 5 min · 12-day streak at stake\n"
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert "tui.commands.nudge" in imported
    assert not [name for name in imported if name.split(".")[0] in ("textual", "rich")]


# -- issue 11: a nudge never breaks a shell's start -----------------------------------------


def test_a_terminal_that_cannot_show_the_dash_gets_plain_ascii(tmp_path: Path) -> None:
    """Under an ISO-8859-1 locale Python's stdout is latin-1, which has no "—"."""
    path = tmp_path / "supple.json"
    twelve_days_to_yesterday(path)
    for encoding in ("iso-8859-1", "ascii"):
        done = subprocess.run(
            [sys.executable, "-m", "tui", "--db", str(path), "nudge"],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            timeout=20,
        )
        assert (done.returncode, done.stderr) == (0, b"")
        assert done.stdout == b"No stretch yet today - 5 min | 12-day streak at stake\n"


def test_a_fifo_gets_one_line_at_once_and_exit_0(tmp_path: Path) -> None:
    fifo = tmp_path / "supple.json"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(fifo), "nudge"],
        capture_output=True,
        text=True,
        timeout=20,  # it hung for ever before; it answers in well under a second now
    )
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == f"supple: cannot read {fifo} (`supple stats` says why)\n"


def test_reading_that_takes_too_long_is_given_up_and_the_shell_goes_on(tmp_path: Path) -> None:
    """A read that never ends (standing in for a huge file, or a disk that hangs): the nudge
    gives up at its budget rather than keep a shell waiting. By hand, with the real budget
    (0.4 s from the process's start), a 47 MB history is given up at about 0.45 s."""
    path = tmp_path / "supple.json"
    twelve_days_to_yesterday(path)
    script = (
        "import sys, threading, tui.commands.nudge as n; n.BUDGET_S = n.MIN_READ_S = 0.01;"
        "n.today_line = lambda path: threading.Event().wait();"
        "from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", str(path), "nudge"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == f"supple: gave up reading {path} (too slow for a shell's start)\n"


def test_within_hands_back_the_answer_or_the_error_or_gives_up() -> None:
    import threading

    from tui.commands.nudge import _TookTooLong, within

    assert within(5, lambda: 42) == 42
    with pytest.raises(KeyError):
        within(5, lambda: {}["x"])
    never = threading.Event()
    with pytest.raises(_TookTooLong):
        within(0.01, never.wait)
    never.set()


def test_for_terminal_keeps_what_the_terminal_can_show() -> None:
    from tui.commands.nudge import for_terminal

    line = "No stretch yet today — 5 min · 3-day streak at stake"
    assert for_terminal(line, "utf-8") == line
    assert (
        for_terminal(line, "iso-8859-1") == "No stretch yet today - 5 min | 3-day streak at stake"
    )
    assert for_terminal("café ✓", "ascii") == "caf? ?"
    assert for_terminal(line, "no-such-codec") == for_terminal(line, "ascii")
