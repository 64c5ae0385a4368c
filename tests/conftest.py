"""Shared fixtures: a store on a real file and an app wired to a fake clock and a fixed date."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

# This test run is one machine of its own: its identity, locks and caches in folders of the
# run, never the person's. Set once, before any child process or fork server starts, so every
# process of the run shares them (and so the locks); a test of two machines sets its own.
os.environ["SUPPLE_STATE"] = tempfile.mkdtemp(prefix="supple-test-state-")
os.environ["SUPPLE_CACHE"] = tempfile.mkdtemp(prefix="supple-test-cache-")
# English unless a test chooses a language: the machine's own locale never leaks into a test.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

from tui.i18n import LOCALE_DIR  # noqa: E402
from tui.i18n.catalogs import compile_catalogs  # noqa: E402

# The catalogs as the .po files say now, whatever an earlier install compiled.
compile_catalogs(LOCALE_DIR)

from tests.unprivileged import shared_folder  # noqa: E402, F401 - a fixture for every test
from tui.app import SuppleApp  # noqa: E402
from tui.domain.clock import FakeClock  # noqa: E402
from tui.storage.store import Store  # noqa: E402

# Thursday 26 November 2026, 09:00 in a UTC+1 zone: every UI test sees the same "today".
FIXED_NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "supple.json")
    opened.prepare()
    return opened


def build_app(
    store: Store,
    *,
    speed: float = 1.0,
    mode: str = "routine",
    now: datetime = FIXED_NOW,
    cues: str | None = "bell",
    ask_stiffness: str | None = "never",
) -> SuppleApp:
    """The app as tests see it: fake monotonic clock, fixed wall clock, no animation, and the
    bell for cues (a test never makes a sound), the tones cached beside its file.

    It asks no stiffness question unless a test says so (`ask_stiffness=None` follows the
    stored setting, whose default asks before and after): `enter` starts the flow at once."""
    app = SuppleApp(
        store,
        speed=speed,
        clock=FakeClock(),
        now=lambda: now,
        mode=mode,
        cues=cues,
        cache_dir=store.path.parent / "cache",
        ask_stiffness=ask_stiffness,
    )
    app.animation_level = "none"
    return app


@pytest.fixture
def make_app(store: Store) -> Callable[..., SuppleApp]:
    def make(**options: object) -> SuppleApp:
        return build_app(store, **options)  # type: ignore[arg-type]

    return make
