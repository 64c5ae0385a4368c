"""Bytes that are not UTF-8 typed into the app (issue 21, item 13): it runs on, nothing is lost."""

from __future__ import annotations

import codecs
import fcntl
import inspect
import json
import os
import struct
import subprocess
import sys
import termios
import threading
import time
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pyte
import pytest
from textual.drivers import linux_driver, linux_inline_driver, web_driver
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver

from tests.factories import daily_history
from tests.unprivileged import ROOT, run_supple
from tui.domain.clock import local_now
from tui.textual_driver_decoder import (
    PATCHED_NAME,
    decode_input_leniently,
    lenient_incremental_decoder,
)

COLUMNS, LINES = 100, 30
LATIN_1_E_ACUTE = b"\xe9"  # what a Latin-1 terminal sends for "é": never valid UTF-8 before a key
DRIVER_MODULES = (linux_driver, linux_inline_driver, web_driver)


class Terminal:
    """A command in a 100×30 pseudo-terminal, its screen read back through pyte."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.closed = False
        self.changed = threading.Condition()
        # Read all the time, so the app never blocks on a full terminal buffer.
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every writer of the terminal has gone
                chunk = b""
            with self.changed:
                if chunk:
                    self.output += chunk
                    self.stream.feed(chunk)
                else:
                    self.closed = True
                self.changed.notify_all()
            if not chunk:
                return

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait_for(self, words: str, timeout: float = 30) -> None:
        """Until `words` show on the screen; woken by each output, never by a timer."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while words not in self.text():
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise AssertionError(
                        f"{words!r} never showed (running: {self.process.poll() is None}):\n"
                        f"{self.text()}\n{self.output[-3000:].decode(errors='replace')}"
                    )
                self.changed.wait(left)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=20)
        os.close(self.master)


def sessions(db: Path) -> dict[str, dict[str, Any]]:
    done = run_supple("--db", str(db), "export", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {session["id"]: session for session in json.loads(done.stdout)["sessions"]}


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    """A terminal of its own and the machine's folders in tmp_path, cues silent."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        env[name] = str(tmp_path / name.lower())
    env.update(TERM="xterm-256color", COLORTERM="truecolor", PYTHONDONTWRITEBYTECODE="1")
    return env


def test_bytes_that_are_not_utf8_in_a_flow_leave_the_app_running_and_the_history_whole(
    tmp_path: Path, app_env: dict[str, str]
) -> None:
    db = tmp_path / "supple.json"
    # The history comes in the way a person's would, through `supple import`.
    export = tmp_path / "export.json"
    history = daily_history(local_now().date() - timedelta(days=1), 3)
    export.write_text(json.dumps({"format": "supple-export", "version": 1, "sessions": history}))
    imported = run_supple("--db", str(db), "import", str(export))
    assert imported.returncode == 0, imported.stderr
    before = sessions(db)
    assert len(before) == 3

    command = [sys.executable, "-m", "tui", "--db", str(db), "--cues", "off"]
    terminal = Terminal(command, app_env)
    try:
        terminal.wait_for("Press enter to begin")
        terminal.send(b"\r")
        terminal.wait_for("How stiff")
        terminal.send(b"\x1b")  # no answer: the flow starts
        terminal.wait_for("stretch 1 of")
        # The byte alone (the decoder waits for more), then a key: space pauses the flow.
        terminal.send(LATIN_1_E_ACUTE)
        terminal.send(b" ")
        terminal.wait_for("Paused")
        # Both in one read: `?` still opens the keys.
        terminal.send(LATIN_1_E_ACUTE + b"?")
        terminal.wait_for("Keys")
        assert terminal.process.poll() is None
        terminal.send(b"\x11")  # ctrl+q: mid-flow it asks first, as q and escape do
        terminal.wait_for("Leave the flow and quit?")
        terminal.send(b"\x11")  # a second ctrl+q under the question quits at once
        code = terminal.process.wait(timeout=30)
    finally:
        terminal.close()

    shown = terminal.output.decode(errors="replace")
    assert "Traceback" not in shown and "UnicodeDecodeError" not in shown, shown[-3000:]
    assert code == 0, terminal.text()
    after = sessions(db)
    assert {id_: after.get(id_) for id_ in before} == before
    (this_run,) = (after[id_] for id_ in after.keys() - before.keys())
    assert this_run["ended_at"] and not this_run["completed"]  # kept, and not left open


def test_the_lenient_decoder_replaces_what_is_not_utf8_and_keeps_what_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Put back whatever Textual had when the test ends.
    monkeypatch.setattr(linux_driver, PATCHED_NAME, getattr(linux_driver, PATCHED_NAME))
    assert decode_input_leniently(LinuxDriver)
    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode(LATIN_1_E_ACUTE) == ""  # it may yet start a character
    assert decode(b"j") == "\ufffdj"
    assert decode(b"\xc3") + decode(b"\xa9") == "é"  # split across two reads
    assert decode(b"\xff\xfe ok") == "\ufffd\ufffd ok"
    assert decode(b"\xe9", final=True) == "\ufffd"
    assert decode_input_leniently(LinuxDriver)  # twice is harmless
    assert not decode_input_leniently(HeadlessDriver)  # reads no terminal


@pytest.mark.parametrize("module", DRIVER_MODULES, ids=lambda module: module.__name__)
def test_textual_s_drivers_still_decode_input_through_the_name_we_replace(
    module: ModuleType,
) -> None:
    """Fails when a Textual upgrade changes how its drivers decode input: then see whether
    Textualize/textual#6456 is fixed (drop tui/textual_driver_decoder.py) or adapt it."""
    assert getattr(module, PATCHED_NAME, None) in (
        codecs.getincrementaldecoder,
        lenient_incremental_decoder,
    ), f"{module.__name__} no longer has codecs.{PATCHED_NAME}"
    assert f'{PATCHED_NAME}("utf-8")()' in inspect.getsource(module), (
        f"{module.__name__} no longer makes its input decoder with {PATCHED_NAME}('utf-8')()"
    )
