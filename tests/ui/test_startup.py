"""Start-up (issue 15): the first frame is the whole home, made without what only a run or a
command needs, without garbage collection, and without the flow's stylesheet; the footer
is one widget whose keys work by mouse too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import textual.css.stylesheet

from tests.ui.visible import visible_lines
from tui.app import SuppleApp
from tui.screens.routine import RoutineScreen
from tui.widgets.footer import SuppleFooter

AppFactory = Callable[..., SuppleApp]
ROOT = Path(__file__).resolve().parents[2]

# Runs `supple --db FILE` headless, as the command line does, and reports on its first frame:
# what it showed, which modules were loaded then, and whether garbage collection was on
# then and a moment later.
FIRST_FRAME = textwrap.dedent(
    """
    import gc, io, json, sys
    from rich.console import Console
    from textual.app import App

    seen = {}
    real_display, real_run = App._display, App.run

    def display(self, screen, renderable):
        real_display(self, screen, renderable)
        if "text" not in seen and renderable is not None:
            console = Console(file=io.StringIO(), width=100, height=30, color_system=None)
            console.print(renderable)
            seen["text"] = console.file.getvalue()
            seen["gc_at_first_frame"] = gc.isenabled()
            seen["modules"] = sorted(name for name in sys.modules if name.startswith("tui"))
            self.set_timer(0.3, lambda: (seen.update(gc_later=gc.isenabled()), self.exit()))

    App._display = display
    App.run = lambda self, **options: real_run(self, headless=True, size=(100, 30))
    from tui.cli import main

    main(["--db", sys.argv[1]])
    print(json.dumps(seen))
    """
)

# Modules that only a run, a question or a command needs.
NOT_AT_START = (
    "tui.domain.player",
    "tui.domain.cues",
    "tui.cues.tones",
    "tui.widgets.flow_panel",
    "tui.widgets.big_digits",
    "tui.screens.stiffness",
    "tui.screens.note",
    "tui.screens.confirm",
    "tui.commands.stats",
    "tui.commands.transfer",
    "tui.commands.restore",
    "tui.commands.nudge",
    "tui.commands.serve",
)


@pytest.fixture(scope="module")
def first_frame(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("start") / "supple.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_the_first_frame_is_the_whole_home(first_frame: dict[str, object]) -> None:
    text = str(first_frame["text"])
    # Today's status and the streak, the routine with its total, the hint, and the footer's
    # keys: nothing of home arrives a frame later.
    for shown in ("Not stretched yet today", "No streak yet", "total", "5:13", "Press enter"):
        assert shown in text, shown
    for key in ("Start", "Mute", "Quit", "Help", "palette"):
        assert key in text.splitlines()[-1], key


def test_start_up_loads_nothing_only_a_run_or_a_command_needs(
    first_frame: dict[str, object],
) -> None:
    modules = set(first_frame["modules"])  # type: ignore[call-overload]
    assert "tui.screens.routine" in modules  # the report is of a real start
    assert not modules & set(NOT_AT_START), modules & set(NOT_AT_START)


def test_garbage_collection_waits_for_the_first_frame_then_runs(
    first_frame: dict[str, object],
) -> None:
    assert first_frame["gc_at_first_frame"] is False
    assert first_frame["gc_later"] is True


def test_a_command_imports_only_its_own_module() -> None:
    script = (
        "import sys; from tui.cli import parse_arguments; parse_arguments(sys.argv[1:]); "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('tui.commands.'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def loaded(*argv: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        return set(done.stdout.split())

    assert loaded("--speed", "2") == set()
    assert loaded("history") == set()
    assert loaded("export", "--format", "csv") == {"tui.commands.transfer"}
    # nudge reads the history as stats does, so it brings stats along, and nothing else.
    assert loaded("nudge") == {"tui.commands.nudge", "tui.commands.stats"}


@pytest.fixture
def parses() -> Iterator[Counter[str]]:
    """How often each stylesheet source is parsed (Textual's parser, counted by source)."""
    counts: Counter[str] = Counter()
    real = textual.css.stylesheet.parse

    def counted(scope: str, css: str, read_from: tuple[str, str], **options: object) -> object:
        counts[":".join(read_from)] += 1
        return real(scope, css, read_from, **options)  # type: ignore[arg-type]

    textual.css.stylesheet.parse = counted  # type: ignore[assignment]
    try:
        yield counts
    finally:
        textual.css.stylesheet.parse = real


async def test_start_up_parses_no_flow_styles_and_a_new_theme_parses_all_again(
    make_app: AppFactory, parses: Counter[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert parses, "nothing was parsed"
        assert not any("/flow.tcss:" in source for source in parses), parses
        parses.clear()
        before = app.screen.query_one("#today-status").styles.color
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.pause()
        # New variables: every source is parsed again, and the colours follow.
        assert any("/overview.tcss:" in source for source in parses), parses
        assert app.screen.query_one("#today-status").styles.color != before


async def test_the_flow_styles_come_with_the_flow(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query("#flow")
        await pilot.press("enter")  # at once: the flow's views are mounted when first needed
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.view_name == "flow"
        caption = screen.query_one("#flow-caption")
        assert caption.styles.text_align == "center"  # a rule of flow.tcss


def footer_cell(app: SuppleApp, word: str) -> int:
    line = visible_lines(app)[-1]
    assert word in line, line
    return line.index(word)


async def test_a_footer_key_clicked_is_pressed(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click(SuppleFooter, offset=(footer_cell(app, "Mute"), 0))
        await pilot.pause()
        assert app.muted
        assert "Unmute" in visible_lines(app)[-1]
        await pilot.click(SuppleFooter, offset=(footer_cell(app, "Start"), 0))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoutineScreen) and screen.view_name == "flow"


async def test_hovering_a_footer_key_tells_what_it_does(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(SuppleFooter)
        await pilot.hover(SuppleFooter, offset=(footer_cell(app, "Start"), 0))
        assert footer.tooltip == "Start today's flow"
        await pilot.hover(SuppleFooter, offset=(footer_cell(app, "Help"), 0))
        assert footer.tooltip is not None and "Help" in str(footer.tooltip)
        await pilot.hover("#routine-name")
        assert footer.tooltip is None


async def test_pausing_redraws_the_footer_without_building_it_again(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        footer = app.screen.query_one(SuppleFooter)
        assert not footer.children  # one widget: a line, not a widget per key
        await pilot.press("space")
        await pilot.pause()
        assert "Resume" in visible_lines(app)[-1]
        assert app.screen.query_one(SuppleFooter) is footer


def test_a_command_without_a_ui_runs_with_garbage_collection(tmp_path: Path) -> None:
    """`supple` holds collection from its first import for the app's start; `supple stats`
    and the other commands get it back before they run."""
    script = textwrap.dedent(
        """
        import gc, sys
        import tui.commands.stats as stats

        real = stats.run

        def run(args, path):
            print("collecting:", gc.isenabled())
            return real(args, path)

        stats.run = run
        from tui.__main__ import run as supple

        sys.argv = ["supple", "--db", sys.argv[1], "stats"]
        raise SystemExit(supple())
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "supple.json")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("collecting: True"), done.stdout


async def test_home_takes_a_new_theme_when_shown_again(make_app: AppFactory) -> None:
    """Home skips only its first restyle (its styles were just made as it mounted): coming
    back to it after the theme changed elsewhere, it is restyled as before."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.screen.query_one("#today-status").styles.color
        await pilot.press("4")  # settings
        await pilot.pause()
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.pause()
        await pilot.press("1")  # home again
        await pilot.pause()
        assert isinstance(app.screen, RoutineScreen)
        assert app.screen.query_one("#today-status").styles.color != before
