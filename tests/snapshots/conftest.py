"""Snapshots see no reminder installed: the settings screen reads a config folder of their own,
never the person's (where a real `supple remind --install` may have written a timer)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
