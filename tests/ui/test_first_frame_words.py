"""The words of a first frame in English cost nothing extra: home's and the history's (its
calendar and charts name weekdays and months) are drawn without importing Babel, which
tui/i18n/formats.py loads only for another language (about 25 ms of start-up)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_startup import FIRST_FRAME, ROOT

# The start-up test's first frame, reporting Babel's modules too, for any command line.
SCRIPT = FIRST_FRAME.replace('name.startswith("tui")', 'name.startswith(("tui", "babel"))').replace(
    'main(["--db", sys.argv[1]])', 'main(["--db", sys.argv[1], *sys.argv[2:]])'
)


def first_frame(db: Path, *argv: str, language: str = "C.UTF-8") -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": language}
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db), *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize(
    ("argv", "shown"), [((), "Not stretched yet today"), (("history",), "Mon")]
)
def test_an_english_first_frame_imports_no_babel(
    tmp_path: Path, argv: tuple[str, ...], shown: str
) -> None:
    assert 'startswith(("tui", "babel"))' in SCRIPT and "*sys.argv[2:]" in SCRIPT
    report = first_frame(tmp_path / "supple.json", *argv)
    assert shown in str(report["text"])
    modules = set(report["modules"])  # type: ignore[call-overload]
    assert "tui.app" in modules  # the report is of a real start
    assert not {name for name in modules if name.startswith("babel")}
