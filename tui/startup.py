"""Start-up costs the app avoids: garbage collection before the first frame, CSS parsed twice
or before it is needed."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.css.stylesheet import Stylesheet


def resume_collection() -> None:
    """Collection as usual from now on, if it was held; what start-up made is then set aside
    as long-lived (`gc.freeze`), so later collections during a flow do not rescan it. (An app
    started otherwise, as in the tests, never held it: nothing is frozen there.)"""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


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
        fresh = Stylesheet(variables=self._variables)
        # Parsed under these same variables: still valid, keyed on the text of each source.
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


def add_styles(app: App[object], path: Path) -> None:
    """Read one more stylesheet file into a running app (once), as Textual does for a screen's
    CSS_PATH: for views mounted after start, whose rules start-up need not parse."""
    stylesheet = app.stylesheet
    if stylesheet.has_source(str(path), ""):
        return
    stylesheet.read(path)
    stylesheet.reparse()  # the rules parsed before are re-used (ReusingStylesheet)
    stylesheet.update(app)
