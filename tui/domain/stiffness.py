"""How the back has felt: stiffness before and after the flow, by week (rules.md §3, §5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tui.domain.decimals import decimal_words
from tui.domain.history import HistorySettings, SessionFacts, session_day
from tui.domain.session import stiffness_of
from tui.domain.weeks import week_start
from tui.i18n import _, ngettext


@dataclass(frozen=True)
class WeekStiffness:
    """One week's ratings: their sums and counts, before and after."""

    start: date
    before_sum: int = 0
    before_count: int = 0
    after_sum: int = 0
    after_count: int = 0
    rated: int = 0  # sessions with at least one rating
    # Practice runs rated this week: not charted (§4), but said, so a rating is not lost.
    practice_rated: int = 0

    @property
    def before(self) -> float | None:
        """The mean rating before the flow; None when none was given."""
        return self.before_sum / self.before_count if self.before_count else None

    @property
    def after(self) -> float | None:
        """The mean rating after the flow; None when none was given."""
        return self.after_sum / self.after_count if self.after_count else None

    @property
    def change(self) -> float | None:
        """How much looser the back felt after than before (positive is better)."""
        if self.before is None or self.after is None:
            return None
        return self.before - self.after


def weekly_stiffness(
    sessions: Iterable[tuple[SessionFacts, Mapping[str, Any]]],
    settings: HistorySettings,
    today: date,
    weeks: int,
) -> list[WeekStiffness]:
    """The last `weeks` weeks, oldest first, ending with the week holding today. Practice runs
    are left out (§4: they never count), as are sessions without a rating."""
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks!r}")
    current = week_start(today, settings.week_starts_on)
    first = current - timedelta(weeks=weeks - 1)
    before: dict[date, list[int]] = {}
    after: dict[date, list[int]] = {}
    rated: dict[date, int] = {}
    practice: dict[date, int] = {}
    # A cheap test first: years of older sessions are passed over without working out weeks
    # (a day can begin up to 23 hours after its date's midnight, hence the day's margin).
    earliest = first - timedelta(days=1)
    for facts, document in sessions:
        if facts.started_at.date() < earliest:
            continue
        start = week_start(
            session_day(facts.started_at, settings.day_starts_at), settings.week_starts_on
        )
        if not first <= start <= current:
            continue
        b, a = stiffness_of(document, "stiffness_before"), stiffness_of(document, "stiffness_after")
        if b is None and a is None:
            continue
        if facts.practice:
            practice[start] = practice.get(start, 0) + 1
            continue
        rated[start] = rated.get(start, 0) + 1
        if b is not None:
            before.setdefault(start, []).append(b)
        if a is not None:
            after.setdefault(start, []).append(a)
    result = []
    for back in range(weeks - 1, -1, -1):
        start = current - timedelta(weeks=back)
        result.append(
            WeekStiffness(
                start=start,
                before_sum=sum(before.get(start, [])),
                before_count=len(before.get(start, [])),
                after_sum=sum(after.get(start, [])),
                after_count=len(after.get(start, [])),
                rated=rated.get(start, 0),
                practice_rated=practice.get(start, 0),
            )
        )
    return result


def stiffness_summary(weeks: list[WeekStiffness]) -> str:
    """One line over the weeks shown: the mean before and after, and how many sessions."""
    rated = sum(week.rated for week in weeks)
    if not rated and any(week.practice_rated for week in weeks):
        return _("No ratings charted yet: practice runs (at another speed) are not charted.")
    if not rated:
        return _("No ratings yet: the flow asks how stiff your back is, before and after.")

    def mean(total: int, count: int) -> str:
        return decimal_words(total / count) if count else "–"

    before = mean(sum(w.before_sum for w in weeks), sum(w.before_count for w in weeks))
    after = mean(sum(w.after_sum for w in weeks), sum(w.after_count for w in weeks))
    # Translators: the mean stiffness rating (0 to 10) {before} and {after} the flow, over the
    # weeks shown, and how many sessions were rated.
    words = ngettext(
        "On average {before} before → {after} after · {rated} session rated",
        "On average {before} before → {after} after · {rated} sessions rated",
        rated,
    )
    return words.format(before=before, after=after, rated=rated)


def stiffness_words(before: int | None, after: int | None) -> str:
    """'6 → 3 (3 better)'; a dash for a rating not given; 'not given' for neither."""
    if before is None and after is None:
        # Translators: no stiffness rating was given for a session, before or after.
        return _("not given")
    values = ["–" if value is None else str(value) for value in (before, after)]
    words = f"{values[0]} → {values[1]}"
    if before is not None and after is not None and before != after:
        difference = before - after
        if difference > 0:
            # Translators: a session's stiffness ratings; {ratings} is "6 → 3", {points} how
            # many points looser the back was after the flow.
            words = _("{ratings} ({points} better)").format(ratings=words, points=difference)
        else:
            # Translators: a session's stiffness ratings; {ratings} is "3 → 6", {points} how
            # many points stiffer the back was after the flow.
            words = _("{ratings} ({points} stiffer)").format(ratings=words, points=-difference)
    return words


__all__ = ["WeekStiffness", "stiffness_summary", "stiffness_words", "weekly_stiffness"]
