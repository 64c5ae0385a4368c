"""This computer's identity and folders: kept outside the data, made once, named by people."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import platformdirs
import pytest

from tui.storage import machine


def test_the_folders_are_those_platformdirs_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worked out by hand on Linux (start-up speed): the same folders, with and without the
    XDG variables."""
    monkeypatch.delenv("SUPPLE_STATE")
    monkeypatch.delenv("SUPPLE_CACHE")
    for xdg in (None, str(tmp_path / "xdg")):
        for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME"):
            if xdg is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, f"{xdg}/{name}")
        assert machine.state_folder() == platformdirs.user_state_path("supple")
        assert machine.cache_folder() == platformdirs.user_cache_path("supple")
    assert sys.platform.startswith("linux")  # where the by-hand path is taken


def test_an_identity_is_made_once_and_kept_and_a_damaged_one_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPLE_STATE", str(tmp_path / "state"))
    assert machine.current(create=False) is None
    made = machine.current()
    assert made is not None and machine.ID_PATTERN.fullmatch(made.id)
    assert machine.current() == made == machine.current(create=False)
    renamed = machine.rename("  desk\tupstairs ")
    assert renamed == made._replace(name="desk upstairs")
    with pytest.raises(ValueError):
        machine.rename("\x1b[31m")
    (tmp_path / "state" / "machine.json").write_text(json.dumps({"id": "../../etc", "name": "x"}))
    again = machine.current()
    assert again is not None and again.id != "../../etc" and machine.ID_PATTERN.fullmatch(again.id)
