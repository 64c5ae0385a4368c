"""The end of a plain run in lines: what was held, whether it counts, the streak, the back."""

from __future__ import annotations

from tui.domain.history import HistoryStats, SessionFacts
from tui.domain.plan import StepStatus
from tui.domain.session import Session
from tui.domain.stiffness import stiffness_words
from tui.domain.streaks import length_words, week_of
from tui.domain.time_held import held_words
from tui.i18n import _


def counted_line(facts: SessionFacts, done_today: bool) -> str:
    """Whether this run counts for today, and if not, why (as the app's summary says it)."""
    reason = facts.why_not_counted
    if reason is None:
        return _("Today: counted ✓")
    if done_today:
        # Translators: {reason} says why a run does not count ("practice at 20× speed").
        return _("Today: {reason}: this run is not counted (today is done already)").format(
            reason=reason
        )
    # Translators: {reason} says why a run does not count ("left before the end").
    return _("Today: {reason}: not counted today").format(reason=reason)


def summary_lines(session: Session, stats: HistoryStats) -> list[str]:
    """The run just ended, a line each; `stats` are the history's with this run in it."""
    facts = SessionFacts.from_document(session.to_document())
    counts = {status: 0 for status in StepStatus}
    for step in session.steps:
        counts[StepStatus(step["status"])] += 1
    week = week_of(stats)
    streak = length_words(stats.current_streak, stats.streak_unit)
    return [
        _("Flow complete.") if session.completed else _("Flow left early: what you did is kept."),
        # Translators: {held} is a time such as 3:40, the seconds the stretches were held.
        _("Time held: {held}").format(held=held_words(facts.active_seconds)),
        # Translators: how many of the run's steps were held, then how each one ended.
        _(
            "Steps held: {held} of {steps} ({done} done, {partial} partial, {skipped} skipped)"
        ).format(
            held=facts.held_steps,
            steps=facts.steps,
            done=counts[StepStatus.DONE],
            partial=counts[StepStatus.PARTIAL],
            skipped=counts[StepStatus.SKIPPED],
        ),
        counted_line(facts, stats.done_today),
        # Translators: {streak} is a length such as "5 days"; {week} like "1 of 3 this week".
        _("Streak: {streak} · {week}").format(streak=streak, week=week)
        if week
        # Translators: {streak} is a length such as "5 days" or "2 weeks".
        else _("Streak: {streak}").format(streak=streak),
    ]


def stiffness_line(before: int | None, after: int | None) -> str | None:
    """'Back stiffness: 6 → 4 (2 better)'; None when neither rating was given."""
    if before is None and after is None:
        return None
    # Translators: {change} is like "6 → 4 (2 better)", before and after the flow.
    return _("Back stiffness: {change}").format(change=stiffness_words(before, after))
