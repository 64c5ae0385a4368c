"""Stiffness by week (rules.md §3, §5): means before and after, practice left out."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from tests.factories import session_document
from tui.domain.history import HistorySettings, SessionFacts
from tui.domain.stiffness import stiffness_summary, stiffness_words, weekly_stiffness

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)  # a Thursday


def pair(day: date, hour: int, before: Any, after: Any, speed: float = 1) -> Any:
    document = session_document(
        datetime(day.year, day.month, day.day, hour, tzinfo=ZONE), speed=speed
    )
    document.update(stiffness_before=before, stiffness_after=after)
    return SessionFacts.from_document(document), document


def test_weeks_average_what_was_given_and_leave_practice_out() -> None:
    sessions = [
        pair(date(2026, 11, 23), 7, 8, 4),
        pair(date(2026, 11, 24), 7, 6, None),
        pair(date(2026, 11, 25), 7, None, None),  # not rated: not counted as rated
        pair(date(2026, 11, 25), 21, 0, 0, speed=8),  # practice: left out
        pair(date(2026, 11, 16), 7, 5, 3),
        pair(date(2025, 11, 16), 7, 9, 9),  # long before the weeks shown
    ]
    weeks = weekly_stiffness(sessions, HistorySettings(), TODAY, 3)
    assert [w.start for w in weeks] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert weeks[0].rated == 0 and weeks[0].before is None and weeks[0].after is None
    assert (weeks[1].before, weeks[1].after, weeks[1].change) == (5, 3, 2)
    assert (weeks[2].before, weeks[2].after, weeks[2].rated) == (7, 4, 2)
    assert stiffness_summary(weeks) == "On average 6.3 before → 3.5 after · 3 sessions rated"


def test_a_session_belongs_to_the_week_of_its_day() -> None:
    # 01:30 on Monday 23 Nov with days starting at 04:00 belongs to Sunday 22: last week.
    early = pair(date(2026, 11, 23), 1, 7, 5)
    weeks = weekly_stiffness([early], HistorySettings(day_starts_at=4), TODAY, 2)
    assert weeks[0].rated == 1 and weeks[1].rated == 0


def test_odd_values_are_not_ratings_and_words_read_well() -> None:
    weeks = weekly_stiffness([pair(TODAY, 7, 11, True)], HistorySettings(), TODAY, 1)
    assert weeks[0].rated == 0
    assert stiffness_summary(weeks).startswith("No ratings yet")
    assert stiffness_words(6, 3) == "6 → 3 (3 better)"
    assert stiffness_words(3, 5) == "3 → 5 (2 stiffer)"
    assert stiffness_words(None, 4) == "– → 4"
    assert stiffness_words(4, 4) == "4 → 4"
    assert stiffness_words(None, None) == "not given"
    with pytest.raises(ValueError):
        weekly_stiffness([], HistorySettings(), TODAY, 0)
