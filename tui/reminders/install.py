"""What fires `supple remind` without Supple running: a systemd user timer, a launchd agent or a
crontab line, written, updated and removed on request, each saying what it did where."""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from tui.domain.reminder import (
    ReminderPlan,
    cron_schedules,
    describe_days,
    describe_times,
    english_days,
    launchd_intervals,
    systemd_calendars,
)
from tui.i18n import _

SCHEDULERS = ("systemd", "launchd", "cron")
UNIT = "supple-remind"
LAUNCHD_LABEL = "org.supple.remind"
# Ends each crontab line of ours, so they are found again and nothing else is touched.
CRON_MARK = "# supple remind"
# systemctl, launchctl and crontab answer at once; one that does not is not waited for.
COMMAND_TIMEOUT_S = 20


class InstallError(Exception):
    """The reminder could not be installed or removed; the message is one line."""


class State(StrEnum):
    # Values for code and logs; a screen says the state in its own (translated) words.
    ABSENT = "not installed"
    CURRENT = "installed"
    OUTDATED = "installed for other times"


@dataclass(frozen=True)
class Installed:
    """Whether the reminder is installed here, through what, and where."""

    state: State
    scheduler: str
    where: str


def default_scheduler() -> str:
    """launchd on macOS; systemd where it is the init system (or at least installed); else cron."""
    if sys.platform == "darwin":
        return "launchd"
    if Path("/run/systemd/system").is_dir() or shutil.which("systemctl"):
        return "systemd"
    return "cron"


def remind_command(db: Path) -> list[str]:
    """The command a timer runs: this Supple, on this data file."""
    script = Path(sys.executable).with_name("supple")
    start = [str(script)] if script.is_file() else [sys.executable, "-m", "tui"]
    return [*start, "--db", str(db.absolute()), "remind"]


def _write(path: Path, text: str | bytes) -> None:
    """Replace the file whole (temp file, rename), so a timer never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode() if isinstance(text, str) else text
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _run(argv: Sequence[str], stdin: str | None = None) -> tuple[int, str]:
    """Exit code and output (stdout, else stderr, first line) of a helper program;
    127 when it is not there."""
    try:
        done = subprocess.run(
            list(argv),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError:
        # Translators: {program} is a command's name, such as crontab.
        return 127, _("{program} was not found").format(program=argv[0])
    except subprocess.TimeoutExpired:
        # Translators: {program} is a command's name, {seconds} a number ("s": seconds).
        words = _("{program} did not answer within {seconds} s")
        return 124, words.format(program=argv[0], seconds=COMMAND_TIMEOUT_S)
    except OSError as error:
        return 126, f"{argv[0]}: {error.strerror or error}"
    text = done.stdout if done.returncode == 0 else (done.stderr.strip() or done.stdout.strip())
    return done.returncode, text


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _tidy(path: Path) -> None:
    """Remove `path` if it is an empty folder (ours to have made); anything in it stays."""
    with contextlib.suppress(OSError):
        path.rmdir()


def _home() -> Path:
    return Path(os.environ.get("HOME") or Path.home())


def _wrote(path: Path) -> str:
    # Translators: a line of what a reminder install did; {path} is a file's path.
    return _("wrote {path}").format(path=path)


def _removed(path: Path) -> str:
    # Translators: a line of what a reminder uninstall did; {path} is a file's path.
    return _("removed {path}").format(path=path)


def _fires_at(plan: ReminderPlan) -> str:
    # Translators: a line of what a reminder install did; {times} is "18:00, 20:30", {days}
    # "every day" or "Mon–Fri" (translated on their own).
    words = _("fires at {times}, {days}")
    return "  " + words.format(times=describe_times(plan.times), days=describe_days(plan.days))


# -- systemd -------------------------------------------------------------------------------------


def systemd_dir() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(_home() / ".config")
    return Path(config) / "systemd" / "user"


def _systemd_quote(word: str) -> str:
    # systemd unquotes "..." with C-style escapes, and expands % specifiers and $ variables.
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{escaped}"'


def systemd_units(plan: ReminderPlan, command: Sequence[str]) -> dict[str, str]:
    """The service and timer files, by name."""
    calendars = "".join(f"OnCalendar={calendar}\n" for calendar in systemd_calendars(plan))
    service = (
        "# Written by `supple remind --install`; `supple remind --uninstall` removes it.\n"
        "[Unit]\n"
        "Description=Supple: a reminder to stretch, only when today's flow is not done\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(_systemd_quote(word) for word in command)}\n"
    )
    timer = (
        "# Written by `supple remind --install`; `supple remind --uninstall` removes it.\n"
        "[Unit]\n"
        # English whatever the language: the file's text tells current from outdated.
        f"Description=Supple's reminder at {describe_times(plan.times)}, "
        f"{english_days(plan.days)}\n"
        "\n"
        "[Timer]\n"
        f"{calendars}"
        # A time missed while the computer slept fires once on waking; `supple remind` itself
        # stays quiet if the day that time was for is over.
        "Persistent=true\n"
        "AccuracySec=1s\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def _systemd_install(plan: ReminderPlan, command: Sequence[str]) -> list[str]:
    folder = systemd_dir()
    said = []
    for name, text in systemd_units(plan, command).items():
        _write(folder / name, text)
        said.append(_wrote(folder / name))
    said.append(_fires_at(plan))
    code, output = _run(["systemctl", "--user", "daemon-reload"])
    if code == 0:
        code, output = _run(["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"])
    if code == 0:
        # A timer already running keeps its old times until told to start again.
        _run(["systemctl", "--user", "restart", f"{UNIT}.timer"])
        # Translators: {timer} is the systemd timer's file name; "systemctl --user" a command.
        said.append(
            _("enabled and started {timer} (systemctl --user)").format(timer=f"{UNIT}.timer")
        )
        return said
    # No user manager (a container, a session without systemd --user): enable it as systemctl
    # would, by a link in timers.target.wants, so it starts with the next login's manager.
    link = folder / "timers.target.wants" / f"{UNIT}.timer"
    link.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(folder / f"{UNIT}.timer")
    # Translators: {link} is a file's path, {why} what systemctl said (in its own language).
    words = _(
        "linked {link} (enabled): no systemd user manager answered here ({why}), so the timer "
        "starts with the next login that runs one; until then nothing fires"
    )
    why = _first_line(output) or _("systemctl --user failed")
    said.append(words.format(link=link, why=why))
    return said


def _systemd_uninstall() -> list[str]:
    folder = systemd_dir()
    link = folder / "timers.target.wants" / f"{UNIT}.timer"
    ours = (link, folder / f"{UNIT}.timer", folder / f"{UNIT}.service")
    present = [path for path in ours if path.is_symlink() or path.exists()]
    if not present:
        return []
    # systemctl may remove the link itself (it can, even with no manager running).
    _run(["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"])
    for path in present:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    said = [_removed(path) for path in present]
    _run(["systemctl", "--user", "daemon-reload"])
    for empty in (link.parent, folder, folder.parent):
        _tidy(empty)
    return said


def _systemd_state(plan: ReminderPlan, command: Sequence[str]) -> Installed:
    folder = systemd_dir()
    wanted = systemd_units(plan, command)
    found = {}
    for name in wanted:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            found[name] = (folder / name).read_text(encoding="utf-8")
    where = str(folder / f"{UNIT}.timer")
    if not found:
        return Installed(State.ABSENT, "systemd", where)
    return Installed(State.CURRENT if found == wanted else State.OUTDATED, "systemd", where)


# -- launchd -------------------------------------------------------------------------------------


def launchd_path() -> Path:
    return _home() / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def launchd_plist(plan: ReminderPlan, command: Sequence[str]) -> bytes:
    """The agent: run the command at each time (launchd runs a missed one on waking)."""
    agent = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(command),
        "StartCalendarInterval": launchd_intervals(plan),
        "ProcessType": "Background",
    }
    return plistlib.dumps(agent)


def _gui_domain() -> str:
    return f"gui/{os.getuid()}"


def _launchd_install(plan: ReminderPlan, command: Sequence[str]) -> list[str]:
    path = launchd_path()
    _write(path, launchd_plist(plan, command))
    said = [_wrote(path), _fires_at(plan)]
    # Unloaded first, so a re-install's new times are read.
    _run(["launchctl", "bootout", f"{_gui_domain()}/{LAUNCHD_LABEL}"])
    code, output = _run(["launchctl", "bootstrap", _gui_domain(), str(path)])
    if code == 0:
        # Translators: {label} is the launchd agent's name, {domain} launchctl's gui/<uid>.
        words = _("loaded {label} (launchctl bootstrap {domain})")
        said.append(words.format(label=LAUNCHD_LABEL, domain=_gui_domain()))
    else:
        # Translators: {why} is what launchctl said (in its own language).
        words = _("could not load it now ({why}); launchd loads it at the next login")
        said.append(words.format(why=_first_line(output)))
    return said


def _launchd_uninstall() -> list[str]:
    path = launchd_path()
    _run(["launchctl", "bootout", f"{_gui_domain()}/{LAUNCHD_LABEL}"])
    if not path.exists():
        return []
    path.unlink()
    if sys.platform != "darwin":
        # Folders only an install here made (macOS has its own).
        _tidy(path.parent)
        _tidy(path.parent.parent)
    return [_removed(path)]


def _launchd_state(plan: ReminderPlan, command: Sequence[str]) -> Installed:
    path = launchd_path()
    try:
        found = path.read_bytes()
    except OSError:
        return Installed(State.ABSENT, "launchd", str(path))
    current = found == launchd_plist(plan, command)
    return Installed(State.CURRENT if current else State.OUTDATED, "launchd", str(path))


# -- cron ----------------------------------------------------------------------------------------


def cron_lines(plan: ReminderPlan, command: Sequence[str]) -> list[str]:
    # In a crontab, % ends the command unless escaped.
    words = " ".join(shlex.quote(word) for word in command).replace("%", "\\%")
    return [f"{schedule} {words} {CRON_MARK}" for schedule in cron_schedules(plan)]


def _crontab() -> list[str]:
    code, output = _run(["crontab", "-l"])
    if code == 127:
        raise InstallError(
            _("there is no crontab program here (install cron, e.g. `apt install cron`)")
        )
    if code != 0:
        if "no crontab" in output.lower():
            return []
        # Translators: {why} is what crontab said (in its own language).
        raise InstallError(_("crontab -l failed: {why}").format(why=_first_line(output)))
    return output.splitlines()


def _set_crontab(lines: list[str]) -> None:
    if lines:
        code, output = _run(["crontab", "-"], stdin="\n".join(lines) + "\n")
    else:
        # Nothing else was in it: leave no empty crontab behind either.
        code, output = _run(["crontab", "-r"])
    if code != 0:
        # Translators: {why} is what crontab said (in its own language).
        raise InstallError(_("crontab could not be written: {why}").format(why=_first_line(output)))


def _cron_install(plan: ReminderPlan, command: Sequence[str]) -> list[str]:
    others = [line for line in _crontab() if not line.endswith(CRON_MARK)]
    ours = cron_lines(plan, command)
    _set_crontab(others + ours)
    return [
        _("wrote these lines into your crontab (crontab -l shows them):"),
        *(f"  {line}" for line in ours),
        "  " + _("cron does not catch up a time missed while the computer was off"),
    ]


def _cron_uninstall() -> list[str]:
    lines = _crontab()
    ours = [line for line in lines if line.endswith(CRON_MARK)]
    if not ours:
        return []
    _set_crontab([line for line in lines if not line.endswith(CRON_MARK)])
    return [_("removed from your crontab:"), *(f"  {line}" for line in ours)]


def _cron_state(plan: ReminderPlan, command: Sequence[str]) -> Installed:
    try:
        ours = [line for line in _crontab() if line.endswith(CRON_MARK)]
    except InstallError:
        ours = []
    if not ours:
        return Installed(State.ABSENT, "cron", "crontab")
    current = ours == cron_lines(plan, command)
    return Installed(State.CURRENT if current else State.OUTDATED, "cron", "crontab")


# -- the three, by name ----------------------------------------------------------------------------


def install(plan: ReminderPlan, command: Sequence[str], scheduler: str) -> list[str]:
    """Write (or rewrite) what fires the reminder; the lines say what was written where."""
    try:
        if scheduler == "systemd":
            return _systemd_install(plan, command)
        if scheduler == "launchd":
            return _launchd_install(plan, command)
        return _cron_install(plan, command)
    except OSError as error:
        # Translators: {file} is a path, {why} the system's reason (in its own language).
        words = _("could not write {file}: {why}")
        raise InstallError(
            words.format(file=error.filename or _("a file"), why=error.strerror)
        ) from None


def uninstall(scheduler: str) -> list[str]:
    """Remove all of it; the lines say what was removed (none: there was nothing)."""
    try:
        if scheduler == "systemd":
            return _systemd_uninstall()
        if scheduler == "launchd":
            return _launchd_uninstall()
        return _cron_uninstall()
    except OSError as error:
        # Translators: {file} is a path, {why} the system's reason (in its own language).
        words = _("could not remove {file}: {why}")
        raise InstallError(
            words.format(file=error.filename or _("a file"), why=error.strerror)
        ) from None


def installed(plan: ReminderPlan, command: Sequence[str], scheduler: str) -> Installed:
    """Whether the reminder is installed, and for the plan's times or other ones."""
    if scheduler == "systemd":
        return _systemd_state(plan, command)
    if scheduler == "launchd":
        return _launchd_state(plan, command)
    return _cron_state(plan, command)


def uninstall_everywhere() -> list[str]:
    """Remove every copy, whichever way it was installed; a scheduler absent here is skipped."""
    said: list[str] = []
    for scheduler in SCHEDULERS:
        with contextlib.suppress(InstallError):
            said += uninstall(scheduler)
    return said


def installed_anywhere(plan: ReminderPlan, command: Sequence[str]) -> Installed:
    """The reminder's state here: the usual scheduler's first, then the others'."""
    usual = default_scheduler()
    state = installed(plan, command, usual)
    for other in SCHEDULERS:
        if state.state is not State.ABSENT:
            break
        if other != usual:
            state = installed(plan, command, other)
    return state if state.state is not State.ABSENT else installed(plan, command, usual)


def describe_place(scheduler: str) -> str:
    """Where an install writes, in a few words."""
    if scheduler == "systemd":
        # Translators: where a reminder install writes; {folder} is a path.
        return _("a systemd user timer in {folder}").format(folder=systemd_dir())
    if scheduler == "launchd":
        # Translators: where a reminder install writes; {path} is a file's path.
        return _("a launchd agent, {path}").format(path=launchd_path())
    # Translators: where a reminder install writes.
    return _("a line per time into your crontab")
