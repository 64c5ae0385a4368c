"""Two real Syncthing instances on loopback sharing one folder, for tests of Supple on two machines.

Use the `start_syncthing` fixture (tests/sync/conftest.py offers it to every test there;
elsewhere import it, as tests/conftest.py does `shared_folder`), or `SyncthingPair` as a
context manager outside pytest:

    def test_two_machines(start_syncthing, tmp_path):
        pair = start_syncthing(tmp_path / "laptop", tmp_path / "desktop")
        (tmp_path / "laptop" / "x.json").write_text("{}")
        pair.wait_in_sync()              # rescans both sides, waits until Syncthing settles
        with pair.link_paused():         # both sides edit "offline": a conflict on resume
            ...
        pair.wait_in_sync()

Each folder gets Syncthing's `.stfolder/` marker, and files being pulled appear briefly as
`.syncthing.NAME.tmp`; a conflict copy is named as `CONFLICT_COPY` matches.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

FOLDER_ID = "supple"

# Syncthing's conflict copy: NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT, the extension last,
# the time the local one of the machine that made the copy, DEVICE the first 7 characters of a
# device id (in 1.19, of the device whose version won, not the one whose version the copy holds).
CONFLICT_COPY = re.compile(
    r"^(?P<stem>.+)\.sync-conflict-(?P<date>\d{8})-(?P<time>\d{6})-(?P<device>[A-Z2-7]{7})"
    r"(?P<ext>\.[^.]+)?$"
)

# Options that keep an instance on loopback and quiet: nothing announced, dialled or reported
# outside this machine. Low priority is off because a loaded CI machine would then starve it.
_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "startBrowser": "false",
    "urAccepted": "-1",
    "autoUpgradeIntervalH": "0",
    "crashReportingEnabled": "false",
    "reconnectionIntervalS": "1",
    "setLowPriority": "false",
    "minHomeDiskFree": "0",
}
# Environment variables that would override what the config says.
_OVERRIDES = ("STGUIADDRESS", "STGUIAPIKEY", "STHOMEDIR", "STCONFDIR", "STDATADIR")
# A proxy from the environment must never see requests meant for 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_POLL_S = 0.1
_COUNTS = ("Files", "Directories", "Symlinks", "Deleted", "Bytes")


class SyncthingError(AssertionError):
    """Syncthing did not do what a test waited for; the message says what each side reported."""


def syncthing_program() -> str:
    program = shutil.which("syncthing")
    assert program, "syncthing is needed for the sync tests (tests/run installs Debian's package)"
    return program


def _free_ports(count: int) -> list[int]:
    """Ports free on loopback now, all different (held open together while they are chosen)."""
    with contextlib.ExitStack() as held:
        ports = []
        for _ in range(count):
            sock = held.enter_context(socket.socket())
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


class Syncthing:
    """One Syncthing instance: its home, its process and its REST API."""

    def __init__(self, name: str, folder: Path, home: Path, env: dict[str, str]) -> None:
        self.name = name
        self.folder = folder
        self.home = home
        self.env = env
        self.device_id = ""
        self.api_key = ""
        self.gui_port = 0
        self.listen_port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._ended = False

    def __repr__(self) -> str:
        return f"Syncthing({self.name}, {self.short_id}, {self.folder})"

    @property
    def short_id(self) -> str:
        """The part of the device id that names this device in conflict copies."""
        return self.device_id[:7]

    @property
    def listen_address(self) -> str:
        return f"tcp://127.0.0.1:{self.listen_port}"

    @property
    def log_path(self) -> Path:
        return self.home / "syncthing.log"

    def generate(self) -> None:
        subprocess.run(
            [syncthing_program(), "generate", f"--home={self.home}", "--no-default-folder"],
            env=self.env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        root = ElementTree.parse(self.home / "config.xml").getroot()
        self.device_id = _found(root, "device").attrib["id"]
        self.api_key = _found(root, "gui/apikey").text or ""

    def configure(self, gui_port: int, listen_port: int) -> None:
        self.gui_port, self.listen_port = gui_port, listen_port
        config = self.home / "config.xml"
        tree = ElementTree.parse(config)
        root = tree.getroot()
        _found(root, "device").set("name", self.name)
        _found(root, "gui/address").text = f"127.0.0.1:{gui_port}"
        options = _found(root, "options")
        _found(options, "listenAddress").text = self.listen_address
        for key, value in _OPTIONS.items():
            _found(options, key).text = value
        tree.write(config)

    def launch(self) -> None:
        self._ended = False
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    syncthing_program(),
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                ],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: Syncthing runs as a monitor and a child, and stop()
                # ends both even if the monitor is gone.
                start_new_session=True,
            )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def api(self, method: str, path: str, body: Any = None, *, timeout: float = 20.0) -> Any:
        """Call the REST API; the decoded JSON answer, or None for an empty one."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                answer = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace").strip()
            raise SyncthingError(f"{self.name}: {method} {path} -> {error.code} {detail}") from None
        return json.loads(answer) if answer.strip() else None

    def log_tail(self, lines: int = 12) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        self.terminate()
        self.wait_ended()

    def terminate(self) -> None:
        """Ask the instance to shut down (SIGTERM to its process group)."""
        if self.process is not None and not self._ended:
            self._signal_group(signal.SIGTERM)

    def wait_ended(self, timeout: float = 20.0) -> None:
        """Until every process of the instance has exited; SIGKILL for any left after
        `timeout`. Its process group is never signalled again once it has ended (its number
        could be another's by then)."""
        if self.process is None or self._ended:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.process.poll()  # reaps the monitor, so it does not count as alive
            if not _live_members(self.process.pid):
                break
            time.sleep(0.05)
        else:
            self._signal_group(signal.SIGKILL)
        self.process.wait(timeout=timeout)
        self._ended = True

    def _signal_group(self, signum: int) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signum)


def _live_members(group: int) -> list[int]:
    """The processes of a process group that have not exited (zombies left out: an orphan's
    may linger where nothing reaps it, as in some containers)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # After the command's closing parenthesis: state, parent, process group.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] not in "ZX":
                members.append(int(stat.parent.name))
    return members


def _found(element: ElementTree.Element, path: str) -> ElementTree.Element:
    found = element.find(path)
    assert found is not None, f"Syncthing's config.xml has no {path}"
    return found


class SyncthingPair:
    """Instances A and B, each with its own folder, sharing one Syncthing folder on loopback."""

    def __init__(
        self,
        folder_a: Path,
        folder_b: Path,
        workdir: Path,
        *,
        folder_id: str = FOLDER_ID,
        rescan_interval_s: int = 5,
        watcher_delay_s: int = 1,
    ) -> None:
        workdir = Path(workdir)
        env = {k: v for k, v in os.environ.items() if k not in _OVERRIDES}
        env.update(
            HOME=str(workdir / "home"),
            STNODEFAULTFOLDER="1",
            STNOUPGRADE="1",
            STNORESTART="1",
        )
        self.workdir = workdir
        self.folder_id = folder_id
        self.rescan_interval_s = rescan_interval_s
        self.watcher_delay_s = watcher_delay_s
        self.a = Syncthing("A", Path(folder_a), workdir / "A", env)
        self.b = Syncthing("B", Path(folder_b), workdir / "B", env)

    @property
    def sides(self) -> tuple[Syncthing, Syncthing]:
        return self.a, self.b

    def other(self, side: Syncthing) -> Syncthing:
        return self.b if side is self.a else self.a

    def __enter__(self) -> SyncthingPair:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- starting and stopping ------------------------------------------------------------

    def start(self, timeout: float = 60.0) -> SyncthingPair:
        """Start both instances, introduce them to each other, share the folder, wait until
        they are connected and have scanned it. Stops what it started if anything fails."""
        deadline = time.monotonic() + timeout
        (self.workdir / "home").mkdir(parents=True, exist_ok=True)
        try:
            for side in self.sides:
                side.home.mkdir(parents=True, exist_ok=True)
                side.folder.mkdir(parents=True, exist_ok=True)
                side.generate()
                side.configure(*_free_ports(2))
                side.launch()
            for side in self.sides:
                self._ensure_listening(side, deadline)
            for side in self.sides:
                self._share_with(side, self.other(side))
            self.wait_connected(deadline - time.monotonic())
            self._wait(deadline, "both folders scanned once", self._folders_idle)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """End both instances (SIGTERM, then SIGKILL after 20 s); safe to call twice."""
        for side in self.sides:
            side.terminate()
        for side in self.sides:
            side.wait_ended()

    def _ensure_listening(self, side: Syncthing, deadline: float) -> None:
        # A port picked free can be taken before Syncthing binds it (other tests run too):
        # then it is started again on new ports.
        for attempt in range(3):
            if self._listening(side, deadline):
                return
            side.stop()
            if attempt == 2 or time.monotonic() > deadline:
                break
            side.configure(*_free_ports(2))
            side.launch()
        raise SyncthingError(f"{side.name} did not start:\n{side.log_tail()}")

    def _listening(self, side: Syncthing, deadline: float) -> bool:
        """True once the API answers and the sync listener is up; False if a port was taken."""
        while time.monotonic() < deadline:
            if not side.running():
                return False
            try:
                status = side.api("GET", "/rest/system/status", timeout=5)
            except (OSError, SyncthingError):
                time.sleep(_POLL_S)
                continue
            listener = status.get("connectionServiceStatus", {}).get(side.listen_address)
            if listener and listener.get("error"):
                return False
            if listener and listener.get("lanAddresses"):
                return True
            time.sleep(_POLL_S)
        return False

    def _share_with(self, side: Syncthing, other: Syncthing) -> None:
        side.api(
            "PUT",
            f"/rest/config/devices/{other.device_id}",
            {"deviceID": other.device_id, "name": other.name, "addresses": [other.listen_address]},
        )
        side.api(
            "PUT",
            f"/rest/config/folders/{self.folder_id}",
            {
                "id": self.folder_id,
                "label": self.folder_id,
                "path": str(side.folder),
                "type": "sendreceive",
                "devices": [{"deviceID": side.device_id}, {"deviceID": other.device_id}],
                "rescanIntervalS": self.rescan_interval_s,
                "fsWatcherEnabled": True,
                "fsWatcherDelayS": self.watcher_delay_s,
                # A failed pull (a file changed under it) is retried after 1 s, not a minute.
                "pullerPauseS": 1,
                "minDiskFree": {"value": 0, "unit": "%"},
            },
        )

    # -- the link ---------------------------------------------------------------------------

    def connected(self) -> bool:
        return all(self._connected(side) for side in self.sides)

    def _connected(self, side: Syncthing) -> bool:
        connections = side.api("GET", "/rest/system/connections")["connections"]
        return bool(connections.get(self.other(side).device_id, {}).get("connected"))

    def wait_connected(self, timeout: float = 30.0) -> None:
        self._wait(time.monotonic() + timeout, "A and B connected", self.connected)

    def pause_link(self, timeout: float = 30.0) -> None:
        """Each side pauses the other device: changes made now sync only after resume_link."""
        self._set_paused(True)
        self._wait(
            time.monotonic() + timeout,
            "A and B disconnected",
            lambda: not any(self._connected(side) for side in self.sides),
        )

    def resume_link(self, timeout: float = 30.0) -> None:
        self._set_paused(False)
        self.wait_connected(timeout)

    def _set_paused(self, paused: bool) -> None:
        for side in self.sides:
            other = self.other(side).device_id
            side.api("PATCH", f"/rest/config/devices/{other}", {"paused": paused})

    @contextlib.contextmanager
    def link_paused(self) -> Iterator[None]:
        """The two sides cannot see each other inside the block (two machines offline)."""
        self.pause_link()
        try:
            yield
        finally:
            self.resume_link()

    def set_ignores(self, patterns: list[str]) -> None:
        """The same .stignore patterns on both sides (e.g. files that are one machine's own)."""
        for side in self.sides:
            side.api("POST", f"/rest/db/ignores?folder={self.folder_id}", {"ignore": patterns})

    # -- scanning and settling --------------------------------------------------------------

    def rescan(self, timeout: float = 30.0) -> None:
        """Both sides scan their folder now; each call returns once its scan is done."""
        for side in self.sides:
            side.api("POST", f"/rest/db/scan?folder={self.folder_id}", timeout=timeout)

    def wait_in_sync(self, timeout: float = 30.0, *, settle_s: float = 0.5) -> float:
        """Rescan both sides, then wait until each has everything the other has and nothing
        changes for `settle_s`; the seconds it took. SyncthingError with both sides' state if
        that does not happen within `timeout`."""
        began = time.monotonic()
        deadline = began + timeout
        self.rescan(timeout)
        settled_since: float | None = None
        last: tuple[Any, ...] | None = None
        while True:
            self._check_running()
            try:
                states = [self._state(side) for side in self.sides]
            except (OSError, SyncthingError):
                states = []  # a slow answer on a loaded machine: ask again
            mark = _in_sync_mark(states)
            now = time.monotonic()
            if mark is None or mark != last:
                settled_since = None if mark is None else now
                last = mark
            elif settled_since is not None and now - settled_since >= settle_s:
                return now - began
            if now > deadline:
                raise SyncthingError(
                    f"A and B not in sync after {timeout:.0f} s:\n{self.describe()}"
                )
            time.sleep(_POLL_S)

    def _state(self, side: Syncthing) -> dict[str, Any]:
        other = self.other(side)
        folder = self.folder_id
        return {
            "connected": self._connected(side),
            "status": side.api("GET", f"/rest/db/status?folder={folder}"),
            "completion": side.api(
                "GET", f"/rest/db/completion?folder={folder}&device={other.device_id}"
            ),
        }

    def _folders_idle(self) -> bool:
        return all(
            side.api("GET", f"/rest/db/status?folder={self.folder_id}")["state"] == "idle"
            for side in self.sides
        )

    def describe(self) -> str:
        """What each side reports now: connection, folder status, the other's completion, log."""
        parts = []
        for side in self.sides:
            try:
                state: Any = self._state(side)
                state["errors"] = side.api("GET", f"/rest/folder/errors?folder={self.folder_id}")
            except (OSError, SyncthingError) as error:
                state = f"(no answer: {error})"
            running = "running" if side.running() else "NOT RUNNING"
            parts.append(
                f"--- {side.name} {side.short_id} ({running}) {side.folder}\n"
                f"{json.dumps(state, indent=1, sort_keys=True)}\n{side.log_tail()}"
            )
        return "\n".join(parts)

    def _check_running(self) -> None:
        for side in self.sides:
            if not side.running():
                raise SyncthingError(f"{side.name} stopped:\n{side.log_tail()}")

    def _wait(self, deadline: float, what: str, done: Callable[[], bool]) -> None:
        while True:
            self._check_running()
            with contextlib.suppress(OSError, SyncthingError):
                if done():
                    return
            if time.monotonic() > deadline:
                raise SyncthingError(f"timed out waiting for {what}:\n{self.describe()}")
            time.sleep(_POLL_S)


StartSyncthing = Callable[..., SyncthingPair]


def _in_sync_mark(states: list[dict[str, Any]]) -> tuple[Any, ...] | None:
    """What must stay the same while A and B are in sync, or None if they are not."""
    if not states:
        return None
    for state in states:
        status, completion = state["status"], state["completion"]
        if not state["connected"] or status["state"] != "idle":
            return None
        if status["needTotalItems"] or status["pullErrors"]:
            return None
        if completion["completion"] != 100 or completion["needItems"] or completion["needDeletes"]:
            return None
        if any(status[f"local{count}"] != status[f"global{count}"] for count in _COUNTS):
            return None
    globals_ = [tuple(state["status"][f"global{count}"] for count in _COUNTS) for state in states]
    if globals_[0] != globals_[1]:
        return None
    sequences = tuple(
        (state["status"]["sequence"], state["completion"]["sequence"]) for state in states
    )
    return (*sequences, globals_[0])


@pytest.fixture
def start_syncthing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StartSyncthing]:
    """start_syncthing(folder_a, folder_b, **options) -> a started SyncthingPair; every pair
    started is stopped when the test ends, whether it passed or not."""
    pairs: list[SyncthingPair] = []

    def start(folder_a: Path, folder_b: Path, **options: Any) -> SyncthingPair:
        pair = SyncthingPair(folder_a, folder_b, tmp_path_factory.mktemp("syncthing"), **options)
        pairs.append(pair)
        return pair.start()

    yield start
    for pair in pairs:
        pair.stop()
