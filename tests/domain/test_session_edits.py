"""Corrections to a session (issue 24): edits and undo are saved later than every copy before."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tui.domain.day_words import parse_day
from tui.domain.session_edits import brought_back, edited, later_than_before

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 26, 9, 0, 30, 500, tzinfo=ZONE)
DOC = {
    "id": "s1",
    "started_at": "2026-11-25T07:00:00+01:00",
    "updated_at": "2026-11-25T07:05:00+01:00",
    "note": "old",
    "stiffness_before": 5,
    "stiffness_after": 3,
    "steps": [],
}


def test_an_edit_changes_only_what_is_given_and_is_saved_later() -> None:
    changed = edited(DOC, NOW, note="  better  ", stiffness_after=None)
    assert changed["note"] == "better" and changed["stiffness_after"] is None
    assert changed["stiffness_before"] == 5 and DOC["note"] == "old"
    assert changed["updated_at"] == "2026-11-26T09:00:31+01:00"
    assert edited(DOC, NOW, note="")["note"] is None
    with pytest.raises(ValueError, match="0 to 10"):
        edited(DOC, NOW, stiffness_before=11)


def test_a_new_save_beats_the_last_one_even_with_a_clock_behind() -> None:
    # The copy was saved "later" than this clock says: the new save is still later.
    behind = datetime(2026, 11, 25, 7, 5, 0, tzinfo=ZONE)
    assert later_than_before(DOC, behind) == "2026-11-25T07:05:02+01:00"
    # A deletion is stamped at most a second past the copy's save, or at its own second:
    # an undo in the same second as the deletion still comes after it.
    again = brought_back(DOC, NOW)
    assert again["updated_at"] == "2026-11-26T09:00:31+01:00" and again["id"] == "s1"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-11-03", date(2026, 11, 3)),
        ("today", date(2026, 11, 26)),
        ("yesterday", date(2026, 11, 25)),
        ("3", date(2026, 11, 23)),
        ("-3d", date(2026, 11, 23)),
        ("2w", date(2026, 11, 12)),
        ("2 weeks ago", date(2026, 11, 12)),
        ("mon", date(2026, 11, 23)),
        ("Thursday", date(2026, 11, 26)),
    ],
)
def test_a_day_typed_to_go_there(typed: str, day: date) -> None:
    assert parse_day(typed, date(2026, 11, 26)) == day


@pytest.mark.parametrize("typed", ["", "soon", "2026-13-01", "mo", "99999w", "0999-01-01"])
def test_what_is_not_a_day_says_what_is(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_day(typed, date(2026, 11, 26))
