"""What a new user met (issue 27, the items left after test_rough_edges.py), done as they did it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Label, Select, Static

from tests.conftest import build_app
from tests.factories import daily_history, write_history
from tests.saving import saved
from tests.ui.test_editor_screen import fill
from tests.ui.test_stiffness import FLOW_SECONDS
from tests.ui.visible import visible_lines, visible_text
from tui.app import SuppleApp
from tui.cli import main
from tui.domain.clock import FakeClock
from tui.domain.history import HistorySettings, SessionFacts
from tui.domain.routine import Kind
from tui.domain.routine_edit import add_custom, update_dose
from tui.domain.time_held import seconds_held
from tui.screens.help import HelpScreen, keys_table
from tui.screens.routine import RoutineScreen
from tui.screens.session_detail import SessionDetailScreen, detail_text
from tui.screens.stretch_form import StretchForm
from tui.storage.store import Store
from tui.widgets.calendar import Calendar
from tui.widgets.footer import SuppleFooter
from tui.widgets.sessions_table import SessionsTable
from tui.widgets.week_axis import date_lines

ZONE = timezone(timedelta(hours=1))
# A Sunday whose week (from Monday 30 Nov) holds the 1st of December: "Dec" is named above
# the calendar's last column.
SUNDAY_6_DEC = datetime(2026, 12, 6, 9, 0, tzinfo=ZONE)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (105, 30), (110, 30), (112, 30), (100, 60)])
async def test_the_calendar_keeps_sunday_when_december_starts_in_its_last_week(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "supple.json"
    write_history(path, daily_history(date(2026, 12, 5), 60), [])
    store = Store.open(path)
    store.prepare()
    app = build_app(store, mode="history", now=SUNDAY_6_DEC)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        calendar = app.screen.query_one(Calendar)
        lines = [
            strip.text.rstrip() for strip in calendar.render_lines(calendar.region.reset_offset)
        ]
        lines = [line for line in lines if line]
        assert len(lines) == 8, lines
        assert lines[0].endswith("Dec")  # the newest month, named within the grid
        assert [line[:3] for line in lines[1:]] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        assert lines[-1].endswith("○")  # today, Sunday, still to do
        assert "OctNov" not in lines[0] and "NovDec" not in lines[0]


def test_the_chart_months_never_run_together() -> None:
    # The first bar names its month; a month beginning in the next bar takes its place.
    starts = [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 30)]
    months = date_lines(starts, 2, 3).splitlines()[-1]
    assert "OctNov" not in months
    assert months.split() == ["Nov"]
    # A month in the last bar is named within the chart's width.
    starts = [date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]
    days, months = date_lines(starts, 2, 3).splitlines()[-2:]
    assert months.split() == ["Nov", "Dec"] and len(months) <= len(days)


def history_of_five_days(tmp_path: Path) -> Store:
    path = tmp_path / "supple.json"
    write_history(path, daily_history(date(2026, 11, 25), 5), [])
    store = Store.open(path)
    store.prepare()
    return store


async def test_the_session_detail_shows_its_keys_and_question_mark_opens_help(
    tmp_path: Path,
) -> None:
    app = build_app(history_of_five_days(tmp_path), mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one(SessionsTable).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetailScreen)
        # Its own footer, whole at 80×24: how to close it is never cut.
        footer = visible_lines(app)[-1]
        for words in ("esc Close", "del Delete", "n Note", "b Stiff before", "a Stiff after"):
            assert words in footer
        assert "? Help" in footer
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = visible_text(app)
        assert "Keys · Session" in shown and "Stiff before" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, SessionDetailScreen)


async def test_history_help_names_the_sessions_tables_keys_from_the_calendar(
    tmp_path: Path,
) -> None:
    app = build_app(history_of_five_days(tmp_path), mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Calendar).has_focus
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_screen = app.screen
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(keys_table(help_screen.groups))
        words = console.export_text()
        assert "Sessions (tab to reach it)" in words
        for line in (
            "Open the session: its steps, stiffness and note",
            "Delete",
            "Note",
            "Stiff before",
            "Stiff after",
            "Go to day",
        ):
            assert line in words


@pytest.mark.parametrize("mode", ["routine", "history", "editor", "settings"])
async def test_the_footer_says_how_to_reach_the_other_screens_where_there_is_room(
    make_app: Callable[..., SuppleApp], mode: str
) -> None:
    app = make_app(mode=mode)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "1-4 Screens" in visible_lines(app)[-1]
        await pilot.press("2")  # as the footer says
        assert app.current_mode == "history"
        assert "1-4 Screens" in visible_lines(app)[-1]
        # Its tooltip names each screen; clicking it opens help, which lists them too.
        footer = app.screen.query_one(SuppleFooter)
        _left, right = footer.items()
        (screens,) = [item for item in right if item.screens]
        assert screens.tooltip == "1 Routine · 2 History · 3 Editor · 4 Settings"


async def test_at_40_columns_the_footer_keeps_its_keys_and_leaves_the_screens_out(
    make_app: Callable[..., SuppleApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        line = visible_lines(app)[-1]
        assert "Screens" not in line
        for words in ("⏎ Start", "^q Quit", "? Help", "^p"):
            assert words in line


@pytest.mark.parametrize(
    "old, mode",
    [
        ({"cues": "voice", "muted": True}, "off"),  # sound cues were off: they stay off
        ({"cues": "bell", "muted": False}, "bell"),
        ({"muted": True}, "off"),
    ],
)
async def test_the_old_cue_settings_are_kept_under_the_one_setting(
    store: Store, old: dict[str, object], mode: str
) -> None:
    store.save_settings(old)
    app = build_app(store, cues=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.cue_output.mode == mode and not app.muted
        await saved(app)
    kept = Store.open(store.path).settings()
    # Written through the saver under the new key; what the old keys said is left as it was.
    assert kept == {**old, "cue_mode": mode}


async def test_a_kept_cue_mode_wins_over_old_keys_and_m_is_not_kept(store: Store) -> None:
    store.save_settings({"cue_mode": "bell", "muted": True, "cues": "off"})
    app = build_app(store, cues=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.cue_output.mode == "bell"
        await pilot.press("m")  # mutes this run, on home as in the flow
        assert app.muted
        await saved(app)
    assert Store.open(store.path).settings() == {"cue_mode": "bell", "muted": True, "cues": "off"}
    # The next start plays cues again, in the kept mode.
    again = build_app(Store.open(store.path), cues=None)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.cue_output.mode == "bell" and not again.muted


async def test_one_figure_of_time_held_in_the_summary_detail_csv_and_stats(
    make_app: Callable[..., SuppleApp],
    store: Store,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A whole default flow, with `-` twice in the first hold: 220 s of holds planned, 10 s
    # taken off, the cat–cow reps counted but never timed (rules.md §3).
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter")
        clock.advance(5.5)
        screen.tick()
        await pilot.press("minus", "minus")
        clock.advance(FLOW_SECONDS)
        screen.tick()
        await pilot.pause()
        summary = str(screen.query_one("#summary-body", Static).render())
        assert "Time held         3:30" in summary
        assert "Time stretching" not in summary
        await saved(app)
    (session,) = store.sessions()
    assert seconds_held(session["steps"]) == 210
    facts = SessionFacts.from_document(session)
    assert "Time held        3:30" in detail_text(session, facts, HistorySettings()).plain

    db = str(store.path)
    assert main(["--db", db, "export", "--format", "csv"]) == 0
    header, row = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert row[header.index("seconds_held")] == "210"
    assert main(["--db", db, "stats"]) == 0
    words = capsys.readouterr().out
    assert "3:30 held in all" in words and "minutes in all" not in words
    assert main(["--db", db, "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seconds_held"] == 210


def flow_place(app: SuppleApp) -> str:
    return str(app.screen.query_one("#flow-place", Label).render())


async def test_the_flow_says_the_time_of_day_it_will_end(
    make_app: Callable[..., SuppleApp],
) -> None:
    # FIXED_NOW is 09:00; the default flow takes 5:13 from its first get-ready.
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter")
        clock.advance(1)  # the next second's frame, laid out
        screen.tick()
        await pilot.pause()
        assert flow_place(app) == "stretch 1 of 5 · 5:12 left · ends 09:05"
        await pilot.press("space")  # paused: the end would slip each second, so it is not said
        await pilot.pause()
        assert "ends" not in flow_place(app)


async def test_the_end_time_gives_way_at_40_columns(
    make_app: Callable[..., SuppleApp],
) -> None:
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter")
        clock.advance(1)
        screen.tick()
        await pilot.pause()
        assert flow_place(app) == "stretch 1 of 5 · 5:12 left"


async def test_a_custom_stretch_can_be_reps_at_a_breath_pace(
    make_app: Callable[..., SuppleApp], store: Store
) -> None:
    app = make_app(mode="editor")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, StretchForm)
        await fill(pilot, "#name-input", "Box breathing")
        assert form.query_one("#hold_s-field").display
        assert not form.query_one("#reps-field").display
        await pilot.click("#kind-input")
        await pilot.press("down", "enter")  # held → reps, paced
        assert form.query_one(Select).value is not None
        assert not form.query_one("#hold_s-field").display
        assert not form.query_one("#sides-field").display
        assert form.query_one("#reps-field").display
        await fill(pilot, "#reps-input", "5")
        await fill(pilot, "#inhale_s-input", "5")
        await fill(pilot, "#exhale_s-input", "6")
        await pilot.click("#form-save")
        assert not isinstance(app.screen, StretchForm)
        await saved(app)
    added = [s for s in store.routine().stretches if s.custom]
    assert len(added) == 1
    stretch = added[0]
    assert (stretch.name, stretch.kind, stretch.reps, stretch.inhale_s, stretch.exhale_s) == (
        "Box breathing",
        Kind.REPS,
        5,
        5,
        6,
    )
    assert stretch.dose() == "5 reps · 5 s in / 6 s out"


async def test_the_flow_breathes_through_a_custom_reps_stretch(
    make_app: Callable[..., SuppleApp], store: Store
) -> None:
    routine, index = add_custom(store.routine(), "Box breathing", after=None)
    routine = update_dose(routine, index, kind=Kind.REPS, reps=2, inhale_s=3, exhale_s=3)
    only = [replace(s, enabled=s.custom) for s in routine.stretches]
    store.save_routine(replace(routine, stretches=tuple(only)))
    app = make_app()
    clock = app.clock
    assert isinstance(clock, FakeClock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RoutineScreen)
        await pilot.press("enter")
        clock.advance(5.5)  # the get-ready, into the first in-breath
        screen.tick()
        await pilot.pause()
        assert "Breathe in" in visible_text(app)
        clock.advance(12)  # two reps of 3 s in and 3 s out
        screen.tick()
        await pilot.pause()
        await saved(app)
    (session,) = store.sessions()
    assert session["completed"] is True
    assert [(s["name"], s["unit"], s["planned"], s["done"]) for s in session["steps"]] == [
        ("Box breathing", "reps", 2, 2)
    ]
