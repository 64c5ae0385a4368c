"""What a new user met (issue 27, the items left after test_rough_edges.py), done as they did it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import build_app
from tests.factories import daily_history, write_history
from tui.storage.store import Store
from tui.widgets.calendar import Calendar
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
