"""A history kept in git: two clones change it, `git pull` merges the main file by Supple's
rules through `supple merge-main`, and each computer's session files never conflict."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.factories import session_document
from tui.domain.history import MarkKind
from tui.storage.store import Store

ZONE = timezone(timedelta(hours=1))


def git(folder: Path, *argv: str) -> str:
    result = subprocess.run(
        ["git", *argv],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_two_clones_pull_each_others_changes_with_nothing_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mp = monkeypatch  # two computers: each its own SUPPLE_STATE
    origin, laptop, desk = tmp_path / "origin.git", tmp_path / "laptop", tmp_path / "desk"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    git(tmp_path, "clone", "-q", str(origin), str(laptop))
    driver = f"{sys.executable} -m tui merge-main %O %A %B"
    mp.setenv("SUPPLE_STATE", str(tmp_path / "laptop-state"))
    Store(laptop / "supple.json").save_settings({"weekly_goal": 4})
    (laptop / ".gitattributes").write_text("supple.json merge=supple\n")
    git(laptop, "add", "-A")
    git(laptop, "commit", "-qm", "start")
    git(laptop, "push", "-q", "origin", "HEAD")
    git(tmp_path, "clone", "-q", str(origin), str(desk))
    for clone in (laptop, desk):
        git(clone, "config", "merge.supple.driver", driver)

    # The same morning on both computers: a session each, a setting and marks each.
    laptop_store = Store(laptop / "supple.json")
    laptop_store.save_session(session_document(datetime(2026, 12, 1, 7, tzinfo=ZONE)))
    laptop_store.set_mark(date(2026, 11, 30), MarkKind.REST)
    laptop_store.save_settings({"weekly_goal": 3})
    git(laptop, "add", "-A")
    git(laptop, "commit", "-qm", "laptop")
    git(laptop, "push", "-q", "origin", "HEAD")

    mp.setenv("SUPPLE_STATE", str(tmp_path / "desk-state"))
    desk_store = Store(desk / "supple.json")
    desk_store.save_session(session_document(datetime(2026, 12, 1, 18, tzinfo=ZONE)))
    desk_store.set_mark(date(2026, 11, 29), MarkKind.DONE)
    git(desk, "add", "-A")
    git(desk, "commit", "-qm", "desk")
    git(desk, "pull", "-q", "--no-rebase", "origin", "HEAD")  # merges: no conflict left
    assert "<<<<<<<" not in (desk / "supple.json").read_text()

    merged = Store.open(desk / "supple.json")
    assert len(merged.sessions()) == 2
    assert merged.marks() == {date(2026, 11, 30): MarkKind.REST, date(2026, 11, 29): MarkKind.DONE}
    assert merged.settings()["weekly_goal"] == 3  # the later change
    assert len(merged.machines()) == 2
