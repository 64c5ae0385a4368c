"""A calendar of recent weeks: weekday rows, one column per week, a cursor and mark keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from tui.domain.history import DayStatus, MarkKind
from tui.i18n import N_, _
from tui.widgets.week_axis import label_line, month_name, weekday_name

# Each status has its own glyph, so the calendar reads the same without colour.
GLYPHS: dict[DayStatus, str] = {
    DayStatus.DONE: "●",
    DayStatus.REST: "◐",
    DayStatus.PRACTICE: "◌",
    DayStatus.MISSED: "×",
    DayStatus.PENDING: "○",
    DayStatus.FUTURE: "◦",
    DayStatus.EMPTY: "·",
}

# The legend in two halves, so a narrow screen can stack them instead of cutting one off.
LEGEND_HALVES = (
    (DayStatus.DONE, DayStatus.REST, DayStatus.PRACTICE, DayStatus.MISSED),
    (DayStatus.PENDING, DayStatus.FUTURE, DayStatus.EMPTY),
)
# Translators: the calendar's legend, each word after its day's glyph: a day done, a rest
# day, a practice run's day (it does not count), a missed day, today, days ahead, and the
# days before the first session.
LEGEND_WORDS: dict[DayStatus, str] = {
    # Translators: calendar legend: a day the flow was done (an adjective, as in "a done day").
    DayStatus.DONE: N_("done"),
    # Translators: calendar legend: a rest day (a noun), which keeps a streak going.
    DayStatus.REST: N_("rest"),
    # Translators: calendar legend: a day with only a practice run, which does not count.
    DayStatus.PRACTICE: N_("not counted"),
    # Translators: calendar legend: a day the flow was missed.
    DayStatus.MISSED: N_("missed"),
    # Translators: calendar legend: today's glyph, today not done yet.
    DayStatus.PENDING: N_("today"),
    # Translators: calendar legend: days still ahead (in the future).
    DayStatus.FUTURE: N_("ahead"),
    # Translators: calendar legend: the days before the first session ever.
    DayStatus.EMPTY: N_("before day one"),
}

_LABEL_WIDTH = 4  # "Mon" and a space
_COLUMN_WIDTH = 2  # a glyph and a space


def label_width() -> int:
    """The weekday column: the longest short name in the language in use and a space ("Mon "
    in English, "lun. " in French)."""
    return max(_LABEL_WIDTH, 1 + max(len(weekday_name(day)) for day in range(7)))


def visible_week_count(width: int, total: int, labels: int = _LABEL_WIDTH) -> int:
    """How many week columns fit in `width` cells (at least one, at most `total`) beside a
    weekday column `labels` cells wide."""
    # The last column needs no trailing space.
    return max(1, min(total, (width - labels + 1) // _COLUMN_WIDTH))


def month_label_line(weeks: Sequence[Sequence[date]], labels: int = _LABEL_WIDTH) -> str:
    """Month names above the columns where a month begins, the first column's month too when
    there is room before the next label; never wider than the grid under it."""
    named = []
    for index, week in enumerate(weeks):
        first_of_month = next((day for day in week if day.day == 1), None)
        if first_of_month is not None or index == 0:
            month = (first_of_month or week[0]).month
            named.append((labels + _COLUMN_WIDTH * index, month_name(month)))
    # The grid's last column has no space after it.
    return label_line(named, labels + _COLUMN_WIDTH * len(weeks) - 1)


@dataclass(frozen=True)
class CalendarData:
    """What the calendar shows: week columns (oldest first), each day's status, and today."""

    weeks: Sequence[Sequence[date]]
    statuses: Mapping[date, DayStatus]
    today: date


class Calendar(Widget, can_focus=True):
    """Weekday rows by week columns, the most recent week last; shows fewer weeks when narrow."""

    # Translators: the title of the calendar's keys in the help screen.
    BINDING_GROUP_TITLE = N_("Calendar")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "calendar--done",
        "calendar--rest",
        "calendar--practice",
        "calendar--missed",
        "calendar--pending",
        "calendar--future",
        "calendar--empty",
        "calendar--today",
        "calendar--cursor",
        "calendar--label",
    }

    DEFAULT_CSS = """
    Calendar {
        height: 8;
        width: 1fr;
        /* A line too long is cut, never wrapped: a wrapped line pushes Sunday out of sight. */
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    # Translators: the words of the calendar's keys: footer labels (keep them very short)
    # and, in full, what help and hovering the footer say.
    BINDINGS: ClassVar[list[BindingType]] = [
        # Translators: what the calendar's arrow and home/end keys do, as help lists them.
        Binding("left", "move(-7)", N_("Previous week"), show=False),
        Binding("right", "move(7)", N_("Next week"), show=False),
        Binding("up", "move(-1)", N_("Previous day"), show=False),
        Binding("down", "move(1)", N_("Next day"), show=False),
        Binding("home", "edge('first')", N_("First week"), show=False),
        Binding("end", "edge('last')", N_("Last week"), show=False),
        Binding(
            "d",
            "mark('done')",
            # Translators: footer key label (keep it very short): mark the day as done.
            N_("Mark done"),
            id="calendar.done",
            tooltip=N_("Mark the day done by hand"),
        ),
        Binding(
            "z",
            "mark('rest')",
            # Translators: footer key label (keep it very short): mark the day as a rest day.
            N_("Mark rest"),
            id="calendar.rest",
            tooltip=N_("Mark the day as rest: it keeps a streak going"),
        ),
        Binding(
            "x,backspace",
            "mark('')",
            # Translators: footer key label (keep it very short): clear the day's mark.
            N_("Clear mark"),
            id="calendar.clear",
            tooltip=N_("Clear the day's mark"),
        ),
        Binding(
            "enter",
            "open_day",
            # Translators: footer key label (keep it very short): open the day's details.
            N_("Open day"),
            id="calendar.open",
            tooltip=N_("The day's sessions and mark"),
        ),
    ]

    class CursorMoved(Message):
        """The day under the cursor changed (also sent when the data is first shown)."""

        def __init__(self, day: date, *, by_key: bool = False) -> None:
            super().__init__()
            self.day = day
            self.by_key = by_key

    class MarkRequested(Message):
        """The person asked to mark `day`; `kind` None clears its mark."""

        def __init__(self, day: date, kind: MarkKind | None) -> None:
            super().__init__()
            self.day = day
            self.kind = kind

    class DayOpened(Message):
        """The person asked to open the day under the cursor."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._data: CalendarData | None = None
        self.cursor: date | None = None
        # The first visible week when narrow; None keeps the most recent week in view.
        self._first_visible: int | None = None

    @property
    def data(self) -> CalendarData | None:
        return self._data

    def show(self, data: CalendarData) -> None:
        """Show new data; the cursor stays on its day when that day is still in the calendar."""
        self._data = data
        if self.cursor is None or not self._in_range(self.cursor):
            self.cursor = data.today if self._in_range(data.today) else data.weeks[-1][0]
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor))

    def _in_range(self, day: date) -> bool:
        if self._data is None:
            return False
        return self._data.weeks[0][0] <= day <= self._data.weeks[-1][-1]

    def _week_index(self, day: date) -> int:
        assert self._data is not None
        return (day - self._data.weeks[0][0]).days // 7

    def _visible_range(self, width: int) -> range:
        """The week columns that fit, moved only as far as needed to keep the cursor in view."""
        assert self._data is not None
        total = len(self._data.weeks)
        count = visible_week_count(width, total, label_width())
        first = total - count if self._first_visible is None else self._first_visible
        if self.cursor is not None:
            week = self._week_index(self.cursor)
            if week < first:
                first = week
            elif week >= first + count:
                first = week - count + 1
        first = max(0, min(total - count, first))
        self._first_visible = None if first == total - count else first
        return range(first, first + count)

    # -- keys --------------------------------------------------------------------

    def move_to(self, day: date) -> None:
        """Put the cursor on `day`; a day outside the calendar leaves it where it is."""
        if self._data is None or not self._in_range(day):
            return
        if day != self.cursor:
            self.cursor = day
            self.refresh()
        # Sent even when the cursor stays, so a key always brings the calendar into view.
        self.post_message(self.CursorMoved(day, by_key=True))

    def action_move(self, days: int) -> None:
        if self.cursor is not None:
            self.move_to(self.cursor + timedelta(days=days))

    def action_edge(self, which: str) -> None:
        if self._data is None or self.cursor is None:
            return
        row = self._row(self.cursor)
        week = self._data.weeks[0] if which == "first" else self._data.weeks[-1]
        self.move_to(week[row])

    def _row(self, day: date) -> int:
        assert self._data is not None
        return (day - self._data.weeks[0][0]).days % 7

    def action_mark(self, kind: str) -> None:
        if self.cursor is not None:
            self.post_message(self.MarkRequested(self.cursor, MarkKind(kind) if kind else None))

    def action_open_day(self) -> None:
        if self.cursor is not None:
            self.post_message(self.DayOpened(self.cursor))

    # -- drawing -----------------------------------------------------------------

    def _style(self, name: str) -> Style:
        # The full style: a partial one loses translucent colours such as $text-muted.
        return self.get_component_rich_style(f"calendar--{name}")

    def _overlay(self, name: str) -> Style:
        # Only what the rule sets, so today and the cursor keep the day's own colour.
        return self.get_component_rich_style(f"calendar--{name}", partial=True)

    def render(self) -> Text:
        if self._data is None:
            return Text("")
        data = self._data
        columns = self._visible_range(self.content_size.width)
        weeks = [data.weeks[i] for i in columns]
        label = self._style("label")
        today_style = self._overlay("today")
        cursor_style = self._overlay("cursor")
        status_styles = {status: self._style(status.value) for status in DayStatus}
        text = Text(no_wrap=True, overflow="crop", end="")
        labels = label_width()
        text.append(month_label_line(weeks, labels), label)
        weekday_names = [weekday_name(day.weekday()) for day in weeks[0]]
        for row in range(7):
            text.append("\n")
            text.append(f"{weekday_names[row]:<{labels}}", label)
            for index, week in enumerate(weeks):
                day = week[row]
                status = data.statuses.get(day, DayStatus.EMPTY)
                style = status_styles[status]
                if day == data.today:
                    style += today_style
                if day == self.cursor:
                    style += cursor_style
                text.append(GLYPHS[status], style)
                if index < len(weeks) - 1:
                    text.append(" ")
        return text


def legend_text(
    statuses: Sequence[DayStatus], styles: Mapping[DayStatus, Style] | None = None
) -> Text:
    """One line naming these statuses' glyphs, in each status's own style when given."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for index, status in enumerate(statuses):
        if index:
            text.append("  ")
        text.append(GLYPHS[status], (styles or {}).get(status, Style()))
        text.append(f" {_(LEGEND_WORDS[status])}")
    return text


class CalendarLegend(Widget):
    """Names the calendar's glyphs, drawn with the same component classes as the calendar."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"calendar--{status.value}" for status in DayStatus}

    DEFAULT_CSS = """
    CalendarLegend {
        height: 1;
        width: auto;
    }
    """

    def __init__(
        self, statuses: Sequence[DayStatus], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.statuses = tuple(statuses)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return legend_text(self.statuses).cell_len

    def render(self) -> Text:
        # Styles are read at each render, so a change of theme recolours the legend too.
        styles = {
            status: self.get_component_rich_style(f"calendar--{status.value}")
            for status in self.statuses
        }
        return legend_text(self.statuses, styles)
