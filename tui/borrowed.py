"""Everything Supple takes from Textual's private names, in one place, each name tested
(tests/ui/test_borrowed.py) on the Textual versions pyproject.toml allows.

Two borrowings, both kept because they pay: the stylesheet that parses the app's CSS once at
start (11 ms of the first frame, bench/README.md), and the terminal window's title, for
which Textual has no public call."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.css.stylesheet import Stylesheet

# The private names this module relies on, for the tests that hold Textual to them.
STYLESHEET_NAMES = (
    "_variables",
    "_parse_cache",
    "_invalid_css",
    "_rules",
    "_rules_map",
    "_require_parse",
)
APP_NAMES = ("_driver",)


class ReusingStylesheet(Stylesheet):
    """Textual's stylesheet, except that a refresh whose variables did not change re-uses the
    rules already parsed instead of parsing every source again.

    Textual refreshes the CSS when the first mode's screen is installed, and a refresh always
    re-parses every source in a fresh stylesheet and empties the parse cache, so at start the
    app's CSS was parsed three times (about 13 ms of CPU). Parsed rules depend only on a
    source's text and the variables, which is what the cache is keyed on; a new theme changes
    the variables and is parsed afresh as before (tests/ui/test_startup.py)."""

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables == self._variables:
            return  # the cached rules are still right
        super().set_variables(variables)

    def reparse(self) -> None:
        # Textual's own reparse (8.2.8), except that the fresh stylesheet starts with this
        # one's parse cache: its rules were parsed under these same variables, keyed on the
        # text of each source, so they are still right.
        fresh = Stylesheet(variables=self._variables)
        fresh._parse_cache = self._parse_cache
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(
                css,
                read_from=read_from,
                is_default_css=is_defaults,
                tie_breaker=tie_breaker,
                scope=scope,
            )
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False

    @classmethod
    def replacing(cls, stylesheet: Stylesheet) -> ReusingStylesheet:
        """This stylesheet in place of a fresh app's own (which holds no sources yet)."""
        reusing = cls(variables=dict(stylesheet._variables))
        reusing.source = dict(stylesheet.source)
        return reusing


def write_window_title(app: App[Any], title: str) -> None:
    """Set the terminal window's title (OSC 2, which every terminal emulator and multiplexer
    that shows titles understands), through the app's driver: Textual has no public call."""
    driver = app._driver
    if not app.is_headless and driver is not None:
        driver.write(f"\x1b]2;{title}\x07")
