"""Each private name of Textual that tui/borrowed.py relies on, held to the Textual installed:
a new Textual that renames or reshapes one fails here, not in a person's terminal."""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet

from tui.app import SuppleApp
from tui.borrowed import APP_NAMES, STYLESHEET_NAMES, ReusingStylesheet, write_window_title
from tui.paths import styles_dir

# Textual 8.2.8's Stylesheet.reparse, which ReusingStylesheet.reparse repeats with one change
# (the parse cache carried over): a Textual whose reparse differs must be read again first.
TEXTUAL_REPARSE_SHA256 = "dd193eb05f8baeb5f73d962b99719f6b55391333c06064c1a10cf0de4d8e30a4"


def app_css() -> Stylesheet:
    stylesheet = Stylesheet(variables=App[None]().get_css_variables())
    for name in ("app.tcss", "routine.tcss", "overview.tcss", "flow.tcss"):
        stylesheet.read(styles_dir() / name)
    stylesheet.parse()
    return stylesheet


@pytest.mark.parametrize("name", STYLESHEET_NAMES)
def test_the_stylesheet_still_has(name: str) -> None:
    assert hasattr(app_css(), name), f"Textual's Stylesheet no longer has {name}"


def test_textuals_reparse_is_the_one_reusing_stylesheet_repeats() -> None:
    source = inspect.getsource(Stylesheet.reparse)
    assert hashlib.sha256(source.encode()).hexdigest() == TEXTUAL_REPARSE_SHA256


def test_a_reused_parse_gives_the_same_rules_as_textuals_own() -> None:
    textual, reusing = app_css(), ReusingStylesheet.replacing(app_css())
    reusing.parse()
    textual.reparse()
    reusing.reparse()
    assert [rule.css for rule in reusing.rules] == [rule.css for rule in textual.rules]
    assert reusing._rules_map is None and not reusing._require_parse


def test_the_parse_cache_is_emptied_by_textual_when_the_variables_change() -> None:
    # ReusingStylesheet skips set_variables when nothing changed, and only then.
    stylesheet = ReusingStylesheet.replacing(app_css())
    stylesheet.parse()
    assert stylesheet._parse_cache
    stylesheet.set_variables(dict(stylesheet._variables))
    assert stylesheet._parse_cache
    stylesheet.set_variables({**stylesheet._variables, "accent": "blue"})
    assert not stylesheet._parse_cache


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
