"""The history screen: streaks, this week, 12 weeks of completion, a marked calendar, sessions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Label

from tui.changes import MarkChange
from tui.domain.chart_weeks import charted_weeks
from tui.domain.history import (
    DaySets,
    DayStatus,
    HistorySettings,
    MarkKind,
    SessionFacts,
    day_sets,
    session_day,
    today,
)
from tui.domain.history_words import (
    CHART_WEEKS,
    day_label,
    day_state,
    day_title,
    describe_day,
    duration_text,
    safety_words,
    session_row,
    week_safety_words,
    weeks_title,
)
from tui.domain.session import note_of
from tui.domain.stiffness import stiffness_summary, weekly_stiffness
from tui.domain.streaks import StreakUnit, length_words, streak_figures, week_can_still_be_met
from tui.domain.strength import change_words, habit_strength, strength_sentence
from tui.domain.weeks import calendar_weeks, day_status
from tui.i18n import N_, _, ngettext, pgettext
from tui.i18n.formats import number
from tui.messages import Saved, ask_to_save
from tui.paths import styles_dir
from tui.screens.day import DayView
from tui.screens.history_corrections import HistoryCorrections
from tui.widgets.calendar import (
    LEGEND_HALVES,
    Calendar,
    CalendarData,
    CalendarLegend,
    legend_text,
)
from tui.widgets.footer import SuppleFooter
from tui.widgets.sessions_table import SessionsTable
from tui.widgets.smooth_bar import SmoothBar
from tui.widgets.stiffness_chart import StiffnessChart
from tui.widgets.week_chart import WeekChart

if TYPE_CHECKING:
    from tui.app import SuppleApp

# A year at a glance: 53 week columns hold every day of the last 365 and today's week; a
# narrower terminal shows the most recent weeks that fit (widgets/calendar.py).
CALENDAR_WEEKS = 53
# Weeks of stiffness ratings charted; a narrower chart drops the oldest.
STIFFNESS_WEEKS = 26
# Sessions listed at first, and how near the end of the list the next page is added.
TABLE_PAGE = 150
TABLE_PAGE_AHEAD = 20
# Below this width the stats and the chart stack instead of sitting side by side.
NARROW_WIDTH = 80
# The legend halves' right margin, and the screen's side padding and scrollbar around them
# (styles/history.tcss).
LEGEND_GAP = 2
LEGEND_FRAME = 5


class HistoryScreen(HistoryCorrections):
    """Reads the history when shown; marks and corrections are applied on screen at once and
    saved behind."""

    BINDING_GROUP_TITLE = N_("History")
    # Loaded when the screen is first shown, so start-up parses only the home styles.
    CSS_PATH = styles_dir() / "history.tcss"

    # Focus is given in on_mount without scrolling: Textual would centre the calendar on its
    # first focus, before layout, and push the streaks off the top.
    AUTO_FOCUS = ""

    def __init__(self) -> None:
        super().__init__()
        self._loaded: tuple[HistorySettings, list[dict[str, Any]]] | None = None
        self._sessions: list[tuple[SessionFacts, dict[str, Any]]] = []
        self._skipped = 0
        self._table_rows = 0
        self._marks: dict[date, MarkKind] = {}
        self._settings = HistorySettings()
        self._today = date.min
        self._sessions_per_day: Counter[date] = Counter()
        # The id of each session the table lists, in its order.
        self._shown_ids: list[object] = []

    @property
    def supple(self) -> SuppleApp:
        return cast("SuppleApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-scroll", can_focus=False):
            with Horizontal(id="history-top"):
                with Vertical(id="history-stats"):
                    yield Label(id="current-streak")
                    yield Label(id="streak-safety")
                    yield Label(id="longest-streak")
                    yield Label(id="strength")
                    yield Label(id="strength-words")
                    yield Label(id="week-label")
                    yield SmoothBar(id="week-bar")
                with Vertical(id="history-weeks"):
                    yield Label(id="weeks-title")
                    yield WeekChart(id="week-chart")
            yield Label(_("Calendar"), id="calendar-title")
            with Vertical(id="calendar-box"):
                yield Calendar(id="calendar")
                yield Label(id="calendar-day")
            with Horizontal(id="calendar-legend"):
                yield CalendarLegend(LEGEND_HALVES[0])
                yield CalendarLegend(LEGEND_HALVES[1])
            yield Label(_("How your back has felt"), id="stiffness-title")
            yield Label(id="stiffness-summary")
            yield StiffnessChart(id="stiffness-chart")
            yield Label(id="stiffness-legend")
            yield Label(id="sessions-title")
            yield SessionsTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield SuppleFooter()

    def on_mount(self) -> None:
        self._prepare_table()
        self.query_one(Calendar).focus(scroll_visible=False)

    def _prepare_table(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_columns(
            # Translators: the sessions table's column headers follow; keep them short.
            _("Date"),
            pgettext("time of day", "Time"),
            _("Length"),
            _("Steps"),
            _("Completed"),
            _("Practice"),
            # Translators: a column header: how stiff the back was (before → after).
            pgettext("the body part", "Back"),
            _("Note"),
        )
        self.watch(table, "scroll_y", self._table_scrolled, init=False)

    async def recompose(self) -> None:
        """Composed anew, as a change of language does: every word is drawn again, the
        table's headers and rows too."""
        await super().recompose()
        self._prepare_table()
        self._loaded = None  # the new table is empty: fill it even if no session changed
        self.reload()
        self.query_one(Calendar).focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        # The routine screen may have recorded a session since this screen was last shown.
        self.reload()

    def on_saved(self, _: Saved) -> None:
        self.reload()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        # The legend's two halves side by side only while both fit whole (a longer language
        # needs more room than English): otherwise one over the other, never a cut word.
        halves = [legend_text(half).cell_len for half in LEGEND_HALVES]
        legend = sum(halves) + LEGEND_GAP * (len(halves) - 1)
        self.set_class(legend > event.size.width - LEGEND_FRAME, "-legend-stacked")

    # -- loading -----------------------------------------------------------------

    def reload(self) -> None:
        """Read sessions, marks and settings once, then redraw everything from them."""
        saver = self.supple.saver
        self._settings = saver.history_settings()
        self._today = today(self.supple.now(), self._settings.day_starts_at)
        documents = self.corrected(saver.sessions())
        # Switching screens reloads; when no session changed, the parsed facts and the table
        # (thousands of rows in a long history) are still right. The settings move session days.
        sessions_changed = (self._settings, documents) != self._loaded
        if sessions_changed:
            self._loaded = (self._settings, documents)
            self._parse_sessions(documents)
        # Marks asked for but maybe not on disk yet are in it: a reload never undoes them.
        self._marks = saver.marks()
        self.refresh_history()
        if sessions_changed:
            self._show_stiffness()
            self._fill_table()

    def _parse_sessions(self, documents: list[dict[str, Any]]) -> None:
        # The app reads each version of the file once; this screen only pairs its facts
        # with the documents the table lists.
        known = self.supple.session_facts()
        self._sessions = []
        self._skipped = 0
        for document in documents:
            facts = known.get(str(document.get("id"))) if isinstance(document, dict) else None
            if facts is None and self.is_brought_back(document):
                facts = SessionFacts.from_document(document)  # undone here, not in the file yet
            if facts is None:
                self._skipped += 1  # one odd document must not hide the rest of the history
                continue
            self._sessions.append((facts, document))
        self._sessions.sort(key=lambda pair: pair[0].started_at, reverse=True)
        self._count_days()

    def _count_days(self) -> None:
        self._sessions_per_day = Counter(
            session_day(facts.started_at, self._settings.day_starts_at)
            for facts, _ in self._sessions
        )

    def sessions_changed(self, row: int | None = None) -> None:
        self._count_days()
        self.refresh_history()
        self._show_stiffness()
        self._fill_table()
        if row is not None:
            self.show_row(row)

    def show_row(self, row: int) -> None:
        table = self.query_one(SessionsTable)
        self._put_cursor(row)
        table.focus(scroll_visible=False)
        table.scroll_visible(animate=False)

    def _put_cursor(self, row: int) -> None:
        while row >= self._table_rows and self._table_rows < len(self._sessions):
            self._add_table_page()
        self.query_one(SessionsTable).move_cursor(row=row, animate=False)

    def refresh_history(self) -> None:
        """Redraw the streaks, the week, the chart and the calendar from the loaded state."""
        settings, day = self._settings, self._today
        sets = day_sets((facts for facts, _ in self._sessions), self._marks, settings)
        streak = streak_figures(sets.done, sets.rest, day, settings)
        current, longest, unit = streak.current, streak.longest, streak.unit
        weeks = charted_weeks(day, sets.done, sets.rest, settings, CHART_WEEKS)
        week = weeks[-1]
        # The stats' labels in a column as wide as the longest of them, in any language.
        labels = (
            current_label := _("Current streak"),
            longest_label := _("Longest streak"),
            strength_label := _("Strength"),
            week_label := _("This week"),
        )
        width = max(map(len, labels)) + 1
        self.query_one("#current-streak", Label).update(
            f"{current_label:<{width}}[b $text-success]{length_words(current, unit)}[/]"
        )
        if unit is StreakUnit.DAYS:
            safety = safety_words(streak.days_until_break, day, longest)
        else:
            can_be_met = week_can_still_be_met(
                week.start, sets.done, sets.rest, day, settings.weekly_goal
            )
            safety = week_safety_words(current, week, can_be_met)
        self.query_one("#streak-safety", Label).update(safety)
        self.query_one("#longest-streak", Label).update(
            f"{longest_label:<{width}}[b]{length_words(longest, unit)}[/b]"
        )
        strength = habit_strength(sets.done, sets.rest, day, settings.weekly_goal)
        change = change_words(strength)
        # Translators: the habit's strength; {percent} is a whole number.
        percent = _("{percent}%").format(percent=strength.percent)
        self.query_one("#strength", Label).update(
            f"{strength_label:<{width}}[b]{percent}[/b]" + (f"  {change}" if change else "")
        )
        self.query_one("#strength-words", Label).update(
            strength_sentence(strength, settings.weekly_goal)
        )
        # Translators: days of this week marked as rest days; keep it short.
        rest_days = ngettext("{n} rest", "{n} rest", week.rest_days).format(n=week.rest_days)
        rest = f" · {rest_days}" if week.rest_days else ""
        # Translators: this week's done days of its goal: "2 of 3 days".
        so_far = ngettext("{done} of {n} day", "{done} of {n} days", week.target_days).format(
            done=week.done_days, n=week.target_days
        )
        if week.done_days > week.target_days:  # "6 of 3 days" read as a slip
            # Translators: this week's done days, more than its goal of {goal} days.
            so_far = ngettext(
                "{n} day · goal {goal} met", "{n} days · goal {goal} met", week.done_days
            ).format(n=week.done_days, goal=week.target_days)
        self.query_one("#week-label", Label).update(f"{week_label:<{width}}[b]{so_far}[/b]{rest}")
        self.query_one("#week-bar", SmoothBar).set_fraction(week.completion)
        self.query_one("#weeks-title", Label).update(weeks_title(weeks, day))
        chart = self.query_one(WeekChart)
        # Before the first done day there is no week to chart, not even an empty one.
        chart.display = len(weeks) > 1 or week.done_days > 0
        chart.show(weeks)
        self._show_calendar(sets)

    def _show_stiffness(self) -> None:
        """How the back has felt, by week: marks do not move it, so only new sessions do."""
        weeks = weekly_stiffness(
            ((facts, document) for facts, document in self._sessions),
            self._settings,
            self._today,
            STIFFNESS_WEEKS,
        )
        rated = any(week.rated for week in weeks)
        self.query_one("#stiffness-summary", Label).update(stiffness_summary(weeks))
        chart = self.query_one(StiffnessChart)
        chart.display = rated
        chart.show(weeks)
        legend = self.query_one("#stiffness-legend", Label)
        legend.display = rated
        # Translators: the stiffness chart's legend: each week has a bar for the rating
        # before the flow (left) and one for after it (right); 0–10 is the rating's scale.
        before, after = _("before (left)"), _("after (right)")
        looser, averages = _("lower is looser"), _("weekly averages, 0–10")
        legend.update(f"[$warning]█[/] {before}  [$success]█[/] {after}  · {looser}  · {averages}")

    def _show_calendar(self, sets: DaySets) -> None:
        day = self._today
        weeks = calendar_weeks(day, self._settings, CALENDAR_WEEKS)
        first_day = sets.first_day
        statuses = {
            d: day_status(d, day, sets.done, sets.rest, sets.practice_only, first_day)
            for week in weeks
            for d in week
        }
        calendar = self.query_one(Calendar)
        calendar.show(CalendarData(weeks=weeks, statuses=statuses, today=day))

    def _fill_table(self) -> None:
        table = self.query_one("#sessions", DataTable)
        # The cursor stays on its session when the list is read again (a save landed).
        shown = (
            self._shown_ids[table.cursor_row] if table.cursor_row < len(self._shown_ids) else None
        )
        table.clear()
        self._table_rows = 0
        self._shown_ids = [document.get("id") for _, document in self._sessions]
        self._add_table_page()
        if shown is not None and shown in self._shown_ids:
            self._put_cursor(self._shown_ids.index(shown))
        total = len(self._sessions)
        # Translators: the sessions table's title; {total} is how many sessions there are,
        # "enter" a key name (not translated).
        title = _("Sessions · {total} · enter opens one").format(total=number(total))
        if not total:
            title = _("No sessions yet")
        if self._skipped:
            unread = ngettext(
                "{n} session could not be read and is not shown",
                "{n} sessions could not be read and are not shown",
                self._skipped,
            ).format(n=self._skipped)
            title += f" · {unread}"
        self.query_one("#sessions-title", Label).update(title)

    def _add_table_page(self) -> None:
        """Add the next page of older sessions. A table measures every row it is given, so
        years of history are listed a page at a time, as the person scrolls down to them."""
        start = self._table_rows
        page = self._sessions[start : start + TABLE_PAGE]
        if not page:
            return
        rows: Sequence[tuple[str, ...]] = [
            session_row(document, facts, self._settings) for facts, document in page
        ]
        self.query_one("#sessions", DataTable).add_rows(rows)
        self._table_rows = start + len(page)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """`enter` (or a click) on a session opens it: its steps, stiffness and note."""
        event.stop()
        if 0 <= event.cursor_row < len(self._sessions):
            facts, document = self._sessions[event.cursor_row]
            self.open_session(document, facts)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self._table_rows - TABLE_PAGE_AHEAD:
            self._add_table_page()

    def _table_scrolled(self, scroll_y: float) -> None:
        table = self.query_one("#sessions", DataTable)
        if scroll_y >= table.max_scroll_y - TABLE_PAGE_AHEAD:
            self._add_table_page()

    # -- the calendar --------------------------------------------------------------

    def on_calendar_cursor_moved(self, message: Calendar.CursorMoved) -> None:
        day = message.day
        data = self.query_one(Calendar).data
        shown = data.statuses.get(day, DayStatus.EMPTY) if data else DayStatus.EMPTY
        self.query_one("#calendar-day", Label).update(
            describe_day(day, shown, self._today, self._sessions_per_day[day], self._marks.get(day))
        )
        if message.by_key:
            # In a short terminal the calendar may be scrolled away: show it with its day line.
            self.query_one("#calendar-box").scroll_visible(animate=False)

    def on_calendar_mark_requested(self, message: Calendar.MarkRequested) -> None:
        self.mark_day(message.day, message.kind)

    def mark_day(self, day: date, kind: MarkKind | None) -> None:
        """Mark `day` (None clears its mark), from the calendar or the day opened."""
        name = day_label(day, self._today)
        if kind is MarkKind.DONE and day > self._today:
            # Translators: {day} is a short date such as "Tue 17 Nov".
            ahead = _("{day} is still ahead: only a day that has come can be done.")
            self.notify(ahead.format(day=name))
            return
        if kind is None and day not in self._marks:
            # Translators: {day} is a short date such as "Tue 17 Nov".
            self.notify(_("{day} has no mark to clear.").format(day=name))
            return
        if self._marks.get(day) == kind:
            return
        if kind is None:
            del self._marks[day]
        else:
            self._marks[day] = kind
        # The screen shows the new state now; the file catches up through the saver.
        ask_to_save(self, MarkChange(day, kind))
        self.refresh_history()

    # -- a day opened, and how a session is named ------------------------------------

    def day_words(self, facts: SessionFacts) -> str:
        day = session_day(facts.started_at, self._settings.day_starts_at)
        # Translators: when a session was: {day} is a short date such as "Tue 17 Nov", {time}
        # the hour it started (07:00). Put inside "the session of {when}".
        return _("{day} at {time}").format(
            day=day_label(day, self._today), time=f"{facts.started_at:%H:%M}"
        )

    def day_view(self, day: date) -> DayView:
        sets = day_sets((facts for facts, _ in self._sessions), self._marks, self._settings)
        status = day_status(
            day, self._today, sets.done, sets.rest, sets.practice_only, sets.first_day
        )
        starts = self._settings.day_starts_at
        sessions = [
            (facts, document)
            for facts, document in reversed(self._sessions)
            if session_day(facts.started_at, starts) == day
        ]
        rows: list[tuple[str, ...]] = [
            (
                f"{facts.started_at:%H:%M}",
                duration_text(facts),
                # Translators: a session's steps held of its steps planned.
                _("{held} of {steps} held").format(held=facts.held_steps, steps=facts.steps),
                "✓" if facts.counts else f"✗ {facts.why_not_counted}",
                "✎" if note_of(document) else "",
            )
            for facts, document in sessions
        ]
        mark = self._marks.get(day)
        title = day_title(day, self._today)
        return DayView(day, title, day_state(status, len(sessions), mark), mark, rows, sessions)
