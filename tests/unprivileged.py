"""Running Supple as a person without privileges, so permission checks bind even as root.

CI runs as root, for whom file modes and folder permissions do not apply. Tests of what
happens when a person lacks a permission therefore run the command through `setpriv` as the
user `nobody` when they run as root, and as themselves otherwise: never skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def as_person(command: list[str]) -> list[str]:
    """`command`, run as `nobody` when the tests run as root."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root for the permission tests"
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]


def run_supple(
    *argv: str, person: bool = False, timeout: float = 20, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGV` in a child process, as `nobody` with `person`; never waits forever."""
    command = [sys.executable, "-m", "tui", *argv]
    own: dict[str, str] = {}
    if person:
        _check_person_can_run_supple()
        # `nobody` is a machine of its own, with state and cache folders it may write.
        for name in ("SUPPLE_STATE", "SUPPLE_CACHE"):
            folder = tempfile.mkdtemp(prefix="supple-person-", dir="/tmp")
            os.chmod(folder, 0o777)
            own[name] = folder
    return subprocess.run(
        as_person(command) if person else command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **own, **(env or {})},
    )


def _check_person_can_run_supple() -> None:
    """A clear failure, not a puzzling one, when `nobody` cannot reach the checkout or the
    interpreter (a checkout under a private home folder, say)."""
    probe = subprocess.run(
        as_person([sys.executable, "-c", "import tui.cli"]),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert probe.returncode == 0, (
        f"`nobody` cannot run Supple from {ROOT} with {sys.executable}: put the checkout and "
        f"the virtual environment where every user may read them ({probe.stderr.strip()[-200:]})"
    )


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder every user may enter and write (like a shared /tmp), for files a test hands
    to `nobody`; pytest's own tmp_path is private to the user running the tests."""
    folder = Path(tempfile.mkdtemp(prefix="supple-test-", dir="/tmp"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for inner in [folder, *folder.rglob("*")]:
            if inner.is_dir() and not inner.is_symlink():
                inner.chmod(0o777)
        shutil.rmtree(folder, ignore_errors=True)
