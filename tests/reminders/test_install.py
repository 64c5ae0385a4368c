"""`supple remind --install/--uninstall` against a temporary config folder and home, with fake
systemctl, launchctl and crontab programs on PATH (never the real user's): what is written
where, OnCalendar read back by `systemd-analyze calendar`, re-install, nothing left after."""

from __future__ import annotations

import os
import plistlib
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import run
from tui.domain.reminder import ReminderPlan, parse_time
from tui.reminders.install import State, installed, remind_command
from tui.storage.store import Store

# Each fake logs its arguments; systemctl fails as it does with no user manager unless told.
FAKE_SYSTEMCTL = """#!/bin/sh
echo "systemctl $*" >> "$FAKE_LOG"
[ -n "$FAKE_MANAGER" ] && exit 0
echo "Failed to connect to bus: No medium found" >&2
exit 1
"""
FAKE_LAUNCHCTL = """#!/bin/sh
echo "launchctl $*" >> "$FAKE_LOG"
"""
# crontab -l / - / -r over one file, as the real one does over the user's crontab.
FAKE_CRONTAB = """#!/bin/sh
echo "crontab $*" >> "$FAKE_LOG"
case "$1" in
  -l) [ -f "$FAKE_CRONTAB" ] || { echo "no crontab for $(id -un)" >&2; exit 1; }
      cat "$FAKE_CRONTAB" ;;
  -r) rm -f "$FAKE_CRONTAB" ;;
  -) cat > "$FAKE_CRONTAB" ;;
  *) exit 2 ;;
esac
"""


class Place:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = root / "config"
        self.home = root / "home"
        self.db = root / "data" / "supple.json"
        self.crontab = root / "crontab"
        self.log = root / "calls.log"

    def tree(self) -> list[str]:
        """Everything under the config folder and ~/Library (the home's .local holds the
        data's machine state, not ours), as relative paths."""
        return sorted(
            str(path.relative_to(self.root))
            for base in (self.config, self.home / "Library")
            for path in base.rglob("*")
        ) + (["home/Library"] if (self.home / "Library").exists() else [])

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Place:
    where = Place(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, script in (
        ("systemctl", FAKE_SYSTEMCTL),
        ("launchctl", FAKE_LAUNCHCTL),
        ("crontab", FAKE_CRONTAB),
    ):
        (bin_dir / name).write_text(script)
        (bin_dir / name).chmod(0o755)
    where.config.mkdir()
    where.home.mkdir()
    where.db.parent.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(where.config))
    monkeypatch.setenv("HOME", str(where.home))
    monkeypatch.setenv("FAKE_LOG", str(where.log))
    monkeypatch.setenv("FAKE_CRONTAB", str(where.crontab))
    monkeypatch.delenv("FAKE_MANAGER", raising=False)
    return where


def supple(capsys: pytest.CaptureFixture[str], place: Place, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--db", str(place.db), "remind", *argv)


def units(place: Place) -> Path:
    return place.config / "systemd" / "user"


def on_calendar(timer: str) -> list[str]:
    return [line.split("=", 1)[1] for line in timer.splitlines() if line.startswith("OnCalendar=")]


def normalized(calendar: str) -> str:
    """systemd's own reading of an OnCalendar value (it fails on one it cannot read)."""
    done = subprocess.run(
        ["systemd-analyze", "calendar", calendar], capture_output=True, text=True, check=True
    )
    [line] = [line for line in done.stdout.splitlines() if "Normalized form:" in line]
    return line.split(":", 1)[1].strip()


def test_systemd_units_say_what_they_run_and_when(
    capsys: pytest.CaptureFixture[str], place: Place
) -> None:
    code, out, err = supple(
        capsys, place, "--install", "--using", "systemd", "--at", "07:30,18:00", "--days", "mon-fri"
    )
    assert (code, err) == (0, "")
    service = (units(place) / "supple-remind.service").read_text()
    timer = (units(place) / "supple-remind.timer").read_text()
    assert f"wrote {units(place) / 'supple-remind.service'}" in out
    assert f"wrote {units(place) / 'supple-remind.timer'}" in out
    [exec_start] = [line for line in service.splitlines() if line.startswith("ExecStart=")]
    assert shlex.split(exec_start.removeprefix("ExecStart=")) == remind_command(place.db)
    assert remind_command(place.db)[-3:] == ["--db", str(place.db), "remind"]
    assert "Type=oneshot" in service.splitlines()
    assert "Persistent=true" in timer.splitlines()
    assert "WantedBy=timers.target" in timer.splitlines()
    assert [normalized(c) for c in on_calendar(timer)] == [
        "Mon..Fri *-*-* 07:30:00",
        "Mon..Fri *-*-* 18:00:00",
    ]
    # No user manager here: said plainly, and enabled as systemctl would (its link).
    assert "no systemd user manager answered here (Failed to connect to bus" in out
    link = units(place) / "timers.target.wants" / "supple-remind.timer"
    assert link.is_symlink() and link.resolve() == units(place) / "supple-remind.timer"
    assert place.calls()[0] == "systemctl --user daemon-reload"
    # The choice is saved in the settings, where the app shows it.
    stored = Store(place.db).settings()
    assert {key: stored.get(key) for key in ("reminder", "reminder_times", "reminder_days")} == {
        "reminder": True,
        "reminder_times": ["07:30", "18:00"],
        "reminder_days": [0, 1, 2, 3, 4],
    }


def test_with_a_user_manager_it_is_enabled_and_started(
    capsys: pytest.CaptureFixture[str], place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_MANAGER", "1")
    code, out, _ = supple(capsys, place, "--install", "--using", "systemd")
    assert code == 0 and "enabled and started supple-remind.timer" in out
    assert "systemctl --user enable --now supple-remind.timer" in place.calls()
    assert not (units(place) / "timers.target.wants").exists()  # systemctl's to make
    assert on_calendar((units(place) / "supple-remind.timer").read_text()) == ["*-*-* 18:00:00"]


def test_the_real_systemctl_with_no_user_manager_is_said_plainly(
    capsys: pytest.CaptureFixture[str], place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = "/usr/bin/systemctl"
    if not Path(real).exists():
        pytest.skip("no systemctl on this machine")
    (place.root / "bin" / "systemctl").unlink()
    monkeypatch.setenv("PATH", f"{place.root / 'bin'}{os.pathsep}{Path(real).parent}")
    # No bus address and no runtime folder: no user manager can be reached, whatever runs here.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    code, out, _ = supple(capsys, place, "--install", "--using", "systemd")
    assert code == 0 and "no systemd user manager answered here" in out
    code, out, _ = supple(capsys, place, "--uninstall")
    assert code == 0 and place.tree() == []


def test_re_install_after_a_time_change_updates_and_uninstall_leaves_nothing(
    capsys: pytest.CaptureFixture[str], place: Place
) -> None:
    before = place.tree()
    supple(capsys, place, "--install", "--using", "systemd", "--at", "18:00")
    plan = ReminderPlan(True, (parse_time("18:00"),))
    command = remind_command(place.db)
    assert installed(plan, command, "systemd").state is State.CURRENT
    code, _, _ = supple(capsys, place, "--install", "--using", "systemd", "--at", "20:15")
    assert code == 0
    timer = (units(place) / "supple-remind.timer").read_text()
    assert on_calendar(timer) == ["*-*-* 20:15:00"]
    assert installed(plan, command, "systemd").state is State.OUTDATED
    code, out, _ = supple(capsys, place, "--uninstall")
    assert code == 0
    assert out.splitlines() == [
        f"removed {units(place) / 'timers.target.wants' / 'supple-remind.timer'}",
        f"removed {units(place) / 'supple-remind.timer'}",
        f"removed {units(place) / 'supple-remind.service'}",
    ]
    assert place.tree() == before
    assert installed(plan, command, "systemd").state is State.ABSENT
    code, out, _ = supple(capsys, place, "--uninstall")
    assert (code, out) == (0, "nothing to remove: no Supple reminder is installed here\n")


def test_a_crontab_line_per_time_beside_the_person_s_own(
    capsys: pytest.CaptureFixture[str], place: Place
) -> None:
    theirs = "30 2 * * * /usr/bin/backup --all"
    place.crontab.write_text(theirs + "\n")
    code, out, _ = supple(
        capsys, place, "--install", "--using", "cron", "--at", "07:05,18:00", "--days", "sat,sun"
    )
    assert code == 0
    words = " ".join(shlex.quote(word) for word in remind_command(place.db))
    ours = [f"5 7 * * 6,0 {words} # supple remind", f"0 18 * * 6,0 {words} # supple remind"]
    assert place.crontab.read_text().splitlines() == [theirs, *ours]
    assert out.splitlines()[1:3] == [f"  {line}" for line in ours]
    supple(capsys, place, "--install", "--using", "cron", "--at", "19:00", "--days", "every day")
    assert place.crontab.read_text().splitlines() == [theirs, f"0 19 * * * {words} # supple remind"]
    supple(capsys, place, "--uninstall")
    assert place.crontab.read_text().splitlines() == [theirs]
    place.crontab.unlink()
    supple(capsys, place, "--install", "--using", "cron")
    supple(capsys, place, "--uninstall")
    assert not place.crontab.exists()  # only ours was there: no crontab is left at all


def test_a_launchd_agent(capsys: pytest.CaptureFixture[str], place: Place) -> None:
    before = place.tree()
    code, out, _ = supple(
        capsys, place, "--install", "--using", "launchd", "--at", "07:30,18:00", "--days", "mon,sun"
    )
    path = place.home / "Library" / "LaunchAgents" / "org.supple.remind.plist"
    assert code == 0 and out.startswith(f"wrote {path}\n")
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.supple.remind"
    assert agent["ProgramArguments"] == remind_command(place.db)
    # launchd counts weekdays from Sunday (0).
    assert agent["StartCalendarInterval"] == [
        {"Hour": 7, "Minute": 30, "Weekday": 1},
        {"Hour": 18, "Minute": 0, "Weekday": 1},
        {"Hour": 7, "Minute": 30, "Weekday": 0},
        {"Hour": 18, "Minute": 0, "Weekday": 0},
    ]
    uid = os.getuid()
    assert f"launchctl bootstrap gui/{uid} {path}" in place.calls()
    supple(capsys, place, "--install", "--using", "launchd", "--at", "06:00", "--days", "mon,sun")
    assert plistlib.loads(path.read_bytes())["StartCalendarInterval"][0] == {
        "Hour": 6,
        "Minute": 0,
        "Weekday": 1,
    }
    supple(capsys, place, "--uninstall")
    assert f"launchctl bootout gui/{uid}/org.supple.remind" in place.calls()
    assert place.tree() == before


def test_installing_one_way_removes_another(
    capsys: pytest.CaptureFixture[str], place: Place
) -> None:
    supple(capsys, place, "--install", "--using", "systemd")
    code, out, _ = supple(capsys, place, "--install", "--using", "cron")
    assert code == 0 and f"removed {units(place) / 'supple-remind.timer'}" in out
    assert not units(place).exists()
    assert "# supple remind" in place.crontab.read_text()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--at", "25:99"], "argument --at: '25:99' is not a time of day (00:00 to 23:59)"),
        (["--days", "someday"], "argument --days: 'someday' is not a weekday"),
    ],
)
def test_bad_input_is_one_line_and_nothing_is_stored_or_written(
    capsys: pytest.CaptureFixture[str], place: Place, argv: list[str], words: str
) -> None:
    supple(capsys, place, "--install", "--using", "cron", "--at", "18:00")
    stored = Store(place.db).settings()
    crontab = place.crontab.read_text()
    code, out, err = supple(capsys, place, "--install", "--using", "cron", *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err
    assert Store(place.db).settings() == stored
    assert place.crontab.read_text() == crontab


def test_no_crontab_program_is_said_in_one_line(
    capsys: pytest.CaptureFixture[str], place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    (place.root / "bin" / "crontab").unlink()
    monkeypatch.setenv("PATH", str(place.root / "bin"))
    code, _, err = supple(capsys, place, "--install", "--using", "cron")
    assert code == 2
    assert (
        err == "supple: there is no crontab program here (install cron, e.g. `apt install cron`)\n"
    )


def test_the_timer_s_command_is_this_supple() -> None:
    command = remind_command(Path("/data/supple.json"))
    assert command[-3:] == ["--db", "/data/supple.json", "remind"]
    assert command[0] in (str(Path(sys.executable).with_name("supple")), sys.executable)
