"""Each private name of Textual that tui/borrowed.py relies on, held to the Textual installed:
a new Textual that renames or reshapes one fails here, not in a person's terminal."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui.app import SuppleApp
from tui.borrowed import APP_NAMES, write_window_title


@pytest.mark.parametrize("name", APP_NAMES)
async def test_the_running_app_still_has(name: str, make_app: Callable[..., SuppleApp]) -> None:
    app = make_app()
    async with app.run_test():
        assert getattr(app, name) is not None, f"Textual's App no longer has {name}"


async def test_the_window_title_goes_out_through_the_driver(
    make_app: Callable[..., SuppleApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test():
        written: list[str] = []
        driver = app._driver
        assert driver is not None
        monkeypatch.setattr(driver, "write", written.append)
        monkeypatch.setattr(type(app), "is_headless", property(lambda _: False))
        write_window_title(app, "Supple · 4:12 left")
        assert written == ["\x1b]2;Supple · 4:12 left\x07"]
