"""Make the README's screenshots: the app's own SVG screenshots, turned into PNGs by rsvg-convert.

Run from the top of a checkout: `.venv/bin/python docs/make_screenshots.py [NAME...]`
(needs `rsvg-convert`, from librsvg); with names, only those pictures are made. The
history is a demo built with tests/factories.py and the clocks are fixed, so running it
twice gives the same pictures.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The demo history comes from the tests' own builders, which live beside the package.
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from tests.factories import session_document, write_history  # noqa: E402
from tui.app import SuppleApp  # noqa: E402
from tui.domain.clock import FakeClock  # noqa: E402
from tui.screens.routine import RoutineScreen  # noqa: E402
from tui.storage.store import Store  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 26, 8, 30, tzinfo=ZONE)  # a Thursday morning

Steps = Callable[[Pilot[None]], Awaitable[None]]


def demo_history(path: Path) -> None:
    """Ten weeks: most mornings done, Sundays rest, a few missed days, a practice run; most
    sessions rated before and after, the back easing over the weeks, and a few notes."""
    today = NOW.date()
    sessions = []
    marks: list[tuple[date, str]] = []
    for back in range(70, 0, -1):
        day = today - timedelta(days=back)
        if day.weekday() == 6:
            marks.append((day, "rest"))
        elif back in (9, 23, 24, 40, 55):
            continue
        else:
            moment = datetime(day.year, day.month, day.day, 7, back % 45, tzinfo=ZONE)
            session = session_document(moment, minutes=5 + back % 3)
            if back % 5:
                before = 3 + back // 14 + back % 2
                session.update(stiffness_before=before, stiffness_after=max(0, before - 3))
            if back in (2, 16, 33):
                session["note"] = ("Tight hips after the drive", "Slept badly", "Felt easy")[
                    back % 3
                ]
            sessions.append(session)
    practice = datetime(2026, 11, 11, 21, 0, tzinfo=ZONE)
    sessions.append(session_document(practice, speed=8, minutes=0.7))
    write_history(path, sessions, marks, settings={"weekly_goal": 6})


def into_the_flow(seconds: float) -> Steps:
    """Start (saying the back is a 6), play `seconds`; at the end say it is a 3."""

    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "6")
        app = pilot.app
        assert isinstance(app, SuppleApp) and isinstance(app.clock, FakeClock)
        app.clock.advance(seconds)
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        screen.tick()
        await pilot.pause()
        if screen.view_name == "summary":
            await pilot.press("3")
            await pilot.pause()

    return steps


async def a_session_opened(pilot: Pilot[None]) -> None:
    """The sessions table, then the second session (the latest with a note)."""
    await pilot.pause()
    await pilot.press("tab", "down", "enter")
    await pilot.pause()


def pressing(*keys: str) -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        await pilot.pause()

    return steps


async def nothing(pilot: Pilot[None]) -> None:
    await pilot.pause()


# name, screen to open on, terminal size, theme, what to do before the picture
SHOTS: list[tuple[str, str, tuple[int, int], str, Steps]] = [
    ("routine", "routine", (80, 24), "textual-dark", nothing),
    ("flow", "routine", (80, 24), "textual-dark", into_the_flow(5 + 12.4)),
    ("summary", "routine", (80, 24), "textual-dark", into_the_flow(313)),
    ("history", "history", (80, 30), "textual-dark", nothing),
    ("history-wide", "history", (120, 52), "textual-dark", nothing),
    ("session", "history", (100, 30), "textual-dark", a_session_opened),
    ("editor", "editor", (80, 24), "textual-dark", nothing),
    ("settings", "settings", (80, 24), "textual-dark", nothing),
    ("help", "routine", (80, 34), "textual-dark", pressing("question_mark")),
    ("history-light", "history", (80, 30), "textual-light", nothing),
    ("flow-40x12", "routine", (40, 12), "textual-dark", into_the_flow(5 + 12.4)),
    ("flow-figure", "routine", (100, 30), "textual-dark", into_the_flow(193)),
    # Each figure as the flow draws it (the right side, mid-hold; cat–cow 2 s into a breath),
    # cut out of the app's screenshot (CROPS).
    ("figure-knee-to-chest", "routine", (100, 30), "textual-dark", into_the_flow(40)),
    ("figure-seated-twist", "routine", (100, 30), "textual-dark", into_the_flow(105)),
    ("figure-cow", "routine", (100, 30), "textual-dark", into_the_flow(127)),
    ("figure-cat", "routine", (100, 30), "textual-dark", into_the_flow(131)),
    ("figure-low-lunge", "routine", (100, 30), "textual-dark", into_the_flow(228)),
    ("figure-hamstring", "routine", (100, 30), "textual-dark", into_the_flow(298)),
]

# Shots cut down to one widget: name → the widget's selector.
CROPS = {name: "#flow-figure" for name, *_ in SHOTS if name.startswith("figure-")}

# Where the terminal's cells sit in Textual's SVG screenshot (pixels).
SVG_LEFT, SVG_TOP, CELL_WIDTH, CELL_HEIGHT = 9, 41, 12.2, 24.4


def crop(svg: str, region: tuple[int, int, int, int], margin: int = 0) -> str:
    """The screenshot cut to `region` (x, y, width, height in cells) and a margin around it."""
    x, y, width, height = region
    left = SVG_LEFT + (x - margin) * CELL_WIDTH
    top = SVG_TOP + (y - margin) * CELL_HEIGHT
    w = (width + 2 * margin) * CELL_WIDTH
    h = (height + 2 * margin) * CELL_HEIGHT
    box = f'viewBox="{left:.1f} {top:.1f} {w:.1f} {h:.1f}" width="{w:.0f}" height="{h:.0f}"'
    return re.sub(r'viewBox="[^"]*"', box, svg, count=1)


def keep_spaces(svg: str) -> str:
    """rsvg-convert drops the no-break spaces that start a run of text (rsvg 2.54), which
    shifts anything drawn after blank cells, such as a figure; xml:space keeps them."""
    return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)


async def shoot(
    folder: Path, name: str, mode: str, size: tuple[int, int], theme: str, steps: Steps
) -> Path:
    path = folder / f"{name}.json"
    demo_history(path)
    store = Store.open(path)
    store.prepare()
    app = SuppleApp(store, clock=FakeClock(), now=lambda: NOW, mode=mode, cues="bell")
    app.animation_level = "none"  # no blinking cursor caught mid-blink
    app.theme = theme
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(pilot)
        picture = keep_spaces(app.export_screenshot(title="Supple"))
        if name in CROPS:
            region = app.screen.query_one(CROPS[name]).region
            picture = crop(picture, (region.x, region.y, region.width, region.height))
        svg = folder / f"{name}.svg"
        svg.write_text(picture, encoding="utf-8")
    return svg


def main() -> int:
    converter = shutil.which("rsvg-convert")
    if converter is None:
        print("make_screenshots: rsvg-convert is needed (librsvg2-bin)", file=sys.stderr)
        return 1
    wanted = set(sys.argv[1:])
    unknown = wanted - {name for name, *_ in SHOTS}
    if unknown:
        print(f"make_screenshots: no shot named {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, mode, size, theme, steps in SHOTS:
            if wanted and name not in wanted:
                continue
            svg = asyncio.run(shoot(Path(scratch), name, mode, size, theme, steps))
            png = OUT / f"{name}.png"
            subprocess.run([converter, str(svg), "-o", str(png)], check=True)
            print(f"{png.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
