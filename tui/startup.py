"""Start-up costs the app avoids: garbage collection before the first frame, CSS read before
it is needed."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App


def resume_collection() -> None:
    """Collection as usual from now on, if it was held; what start-up made is then set aside
    as long-lived (`gc.freeze`), so later collections during a flow do not rescan it. (An app
    started otherwise, as in the tests, never held it: nothing is frozen there.)"""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def add_styles(app: App[object], path: Path) -> None:
    """Read one more stylesheet file into a running app (once), as Textual does for a screen's
    CSS_PATH: for views mounted after start, whose rules start-up need not parse."""
    stylesheet = app.stylesheet
    if stylesheet.has_source(str(path), ""):
        return
    stylesheet.read(path)
    stylesheet.reparse()
    stylesheet.update(app)
